import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BreakdownReply, ProbeReply, ProbeRequest, StatsReply } from './protocol';

export const ROOT = path.resolve(import.meta.dirname, '../..');

/** Extra Node options for the measured processes only, e.g. BENCH_NODE_ARGS='--perf-basic-prof'. */
const NODE_ARGS = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** The core the measured servers run on (`--pin`), or null to let the kernel choose. */
let serverCpu: number | null = null;

/**
 * Puts this process (the load generator) on core 0 and every measured server
 * started from now on on core 1 (Linux, `taskset`). Unpinned, the two share both
 * cores as the scheduler likes, and whether a server's wake-ups land on the
 * load generator's core moved its CPU time per update by ±20 % from round to
 * round; pinned, both servers are measured under the same conditions.
 */
export function pinToCores(): void {
	execFileSync('taskset', ['-a', '-p', '-c', '0', String(process.pid)], { stdio: 'ignore' });
	serverCpu = 1;
}

/** Whether Fokusrunde runs from the production build instead of its TypeScript source (`--build`). */
let production = false;

/**
 * Measures the production bundle (build/server.js, as `npm start` runs it, with
 * SvelteKit's pages) instead of server/main.ts through tsx, and asks it for the
 * start page once before the load: on Node 20 SvelteKit's first page request
 * switches on AsyncLocalStorage's async hooks for the rest of the process.
 */
export function useProductionBuild(): void {
	production = true;
}

function spawnServer(args: string[], options: SpawnOptions): ChildProcess {
	return serverCpu === null
		? spawn(process.execPath, args, options)
		: spawn('taskset', ['-c', String(serverCpu), process.execPath, ...args], options);
}

/** A measured server in its own process, so its CPU time is its own. */
export interface Target {
	readonly kind: 'relay' | 'fokusrunde';
	readonly url: string;
	readonly child: ChildProcess;
	stats(): Promise<StatsReply>;
	readonly profile: { start(): Promise<void>; stop(file: string): Promise<void> };
	readonly breakdown: { start(): Promise<void>; stop(): Promise<BreakdownReply['sections']> };
	/** Ends the process; `kill` is SIGKILL, which only a store that commits before it relays survives. */
	stop(signal?: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

let nextRequest = 1;

/** A request before it gets its id (distributes over the union). */
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;
type Request = WithoutId<ProbeRequest>;

/** Sends one request to the probe in the child and waits for the reply with the same id. */
function ask(child: ChildProcess, request: Request, timeoutMs = 10_000): Promise<ProbeReply> {
	return new Promise<ProbeReply>((resolve, reject) => {
		const id = nextRequest++;
		const timer = setTimeout(() => {
			child.off('message', onMessage);
			reject(new Error(`no ${request.type} reply within ${timeoutMs} ms`));
		}, timeoutMs);
		const onMessage = (message: unknown) => {
			const reply = message as Partial<ProbeReply>;
			if (reply.id !== id) return;
			clearTimeout(timer);
			child.off('message', onMessage);
			resolve(reply as ProbeReply);
		};
		child.on('message', onMessage);
		child.send({ ...request, id } as ProbeRequest);
	});
}

function probeOf(
	child: ChildProcess,
	server: boolean
): Pick<Target, 'stats' | 'profile' | 'breakdown'> {
	return {
		async stats() {
			const reply = await ask(child, { type: 'stats' });
			if (reply.type !== 'stats')
				throw new Error((reply.type === 'done' && reply.error) || 'unexpected reply');
			return reply;
		},
		profile: {
			async start() {
				const reply = await ask(child, { type: 'profile-start' });
				if (reply.type === 'done' && reply.error) throw new Error(reply.error);
			},
			async stop(file) {
				const reply = await ask(child, { type: 'profile-stop', file }, 60_000);
				if (reply.type === 'done' && reply.error) throw new Error(reply.error);
			}
		},
		breakdown: {
			async start() {
				const reply = await ask(child, { type: 'breakdown-start', server });
				if (reply.type === 'done' && reply.error) throw new Error(reply.error);
			},
			async stop() {
				const reply = await ask(child, { type: 'breakdown-stop' });
				if (reply.type !== 'breakdown') throw new Error('unexpected reply');
				return reply.sections;
			}
		}
	};
}

function stopper(child: ChildProcess): Target['stop'] {
	return (signal = 'SIGTERM') =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null || child.signalCode !== null) return resolve();
			const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
			child.once('exit', () => {
				clearTimeout(force);
				resolve();
			});
			child.kill(signal);
		});
}

/** Output of a child, kept for error messages; the last few kilobytes are enough. */
function captureOutput(child: ChildProcess): () => string {
	let out = '';
	const keep = (chunk: Buffer) => {
		out = (out + chunk.toString()).slice(-8000);
	};
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return () => out;
}

export async function startRelay(): Promise<Target> {
	const child = spawnServer([...NODE_ARGS, '--import', 'tsx', 'bench/plain-relay.ts'], {
		cwd: ROOT,
		env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
		stdio: ['ignore', 'pipe', 'pipe', 'ipc']
	});
	const output = captureOutput(child);
	// BENCH_SHOW_STDERR=1 passes the measured process's warnings and errors through, for debugging.
	if (process.env.BENCH_SHOW_STDERR)
		child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));
	const url = await new Promise<string>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`relay did not start: ${output()}`)), 20_000);
		const onData = () => {
			const match = /"event":"relay.started","url":"([^"]+)"/.exec(output());
			if (!match) return;
			clearTimeout(timer);
			child.stdout!.off('data', onData);
			resolve(match[1]!);
		};
		child.stdout!.on('data', onData);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`relay exited with ${code}: ${output()}`));
		});
	});
	return { kind: 'relay', url, child, ...probeOf(child, false), stop: stopper(child) };
}

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			probe.close(() => resolve(port));
		});
	});
}

export function tempDataDir(): { dir: string; remove: () => void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-bench-'));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The production entry point (server/main.ts), unchanged: the stats probe is
 * loaded beside it with --import. With LOG_LEVEL=warn the server prints no
 * start line, so the port is chosen here and /healthz says when it is up.
 */
export async function startFokusrunde(
	dataDir: string,
	store: 'sqlite' | 'memory' = 'sqlite'
): Promise<Target> {
	const port = await freePort();
	const child = spawnServer(
		[
			...NODE_ARGS,
			'--import',
			'tsx',
			'--import',
			'./bench/stats-probe.ts',
			production ? 'build/server.js' : 'server/main.ts'
		],
		{
			cwd: ROOT,
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				DATA_DIR: dataDir,
				STORE: store,
				LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
				BOARD_UNLOAD_DELAY_MS: '0',
				// The load generator stands in for many people: each board's joins come from
				// their own X-Forwarded-For address, as a room behind one NAT would, so the
				// per-address limits apply as in production instead of to the whole benchmark.
				TRUST_PROXY: 'true'
			},
			stdio: ['ignore', 'pipe', 'pipe', 'ipc']
		}
	);
	const output = captureOutput(child);
	// BENCH_SHOW_STDERR=1 passes the measured process's warnings and errors through, for debugging.
	if (process.env.BENCH_SHOW_STDERR) {
		child.stderr!.on('data', (c: Buffer) => process.stderr.write(c));
		child.stdout!.on('data', (c: Buffer) => process.stderr.write(c));
	}
	let exited: number | null | undefined;
	child.once('exit', (code) => (exited = code));
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 30_000;
	for (;;) {
		if (exited !== undefined) throw new Error(`server exited with ${exited}: ${output()}`);
		if (Date.now() > deadline) throw new Error(`server did not start: ${output()}`);
		try {
			const res = await fetch(url + '/healthz');
			if (res.ok) break;
		} catch {
			// Not listening yet.
		}
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	if (production) {
		const page = await fetch(url + '/');
		if (!page.ok) throw new Error(`the start page answered ${page.status}`);
		await page.text();
	}
	return { kind: 'fokusrunde', url, child, ...probeOf(child, true), stop: stopper(child) };
}
