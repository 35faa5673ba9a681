/**
 * The sync benchmark: the same load — R boards × N stock y-websocket clients,
 * each moving and editing its own card `rate` times a second — first against
 * a plain websocket relay (bench/plain-relay.ts), then against the real
 * Fokusrunde server, each in its own process, alternating `repeat` times.
 *
 *   npm run bench -- --boards 4 --clients 10 --rate 5 --duration 20
 *
 * Prints propagation latency (p50/p95/p99), delivered updates per second, the
 * server's CPU time per delivered update and its memory, the ratios
 * Fokusrunde/relay against the targets, and writes everything to
 * bench/results/<timestamp>.json. See docs/performance.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { CreateSessionResponse, JoinResponse } from '../src/lib/protocol/api';
import { compareStored, converged, LoadClient, Recorder, SendTimes, type Seat } from './lib/load';
import { fixed, median, percentile, table } from './lib/stats';
import {
	pinToCores,
	ROOT,
	startFokusrunde,
	useProductionBuild,
	startRelay,
	tempDataDir,
	type Target
} from './lib/targets';

const TARGET_LATENCY = 1.1;
const TARGET_CPU = 1.3;
const LOOP_RESOLUTION_MS = 20;

interface Options {
	readonly boards: number;
	readonly clients: number;
	readonly rate: number;
	readonly duration: number;
	readonly warmup: number;
	readonly repeat: number;
	readonly profile: boolean;
	/** Times the server's steps (bench/lib/breakdown.ts); adds a little overhead. */
	readonly breakdown: boolean;
	/** Clients keep y-websocket's default presence (awareness) state, renewed every 15 s. */
	readonly presence: boolean;
	readonly only: 'relay' | 'fokusrunde' | null;
	/** `memory` runs Fokusrunde without SQLite, to see what storing costs; it stores nothing durably. */
	readonly store: 'sqlite' | 'memory';
	/** Fokusrunde from the production build, after one page request. */
	readonly build: boolean;
	/** Load generator on core 0, the measured server on core 1. */
	readonly pin: boolean;
}

type Kind = Target['kind'];

interface PhaseResult {
	readonly kind: Kind;
	readonly round: number;
	readonly windowSeconds: number;
	readonly delivered: number;
	readonly deliveredPerSecond: number;
	/** Deliveries the load should produce: boards × clients × (clients − 1) × rate. */
	readonly expectedPerSecond: number;
	readonly latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
	readonly serverCpuMicros: number;
	readonly serverCpuPercent: number;
	readonly serverCpuMicrosPerDelivered: number;
	/** The kernel's share (system time): for a relay mostly socket writes. */
	readonly serverSystemMicrosPerDelivered: number;
	readonly serverRssMb: number;
	readonly serverHeapUsedMb: number;
	readonly loadGeneratorCpuPercent: number;
	readonly loadGeneratorLoopDelayP99Ms: number;
	/** CPU used by other processes on the machine during the window, % of one core; null off Linux. */
	readonly otherProcessesCpuPercent: number | null;
	/** Every client ended with every other client's last change. */
	readonly converged: boolean;
	/** Fokusrunde only: after SIGKILL and a restart, cards with a change missing or a different text or place. */
	readonly storage?: {
		readonly cards: number;
		readonly mismatches: number;
		readonly detail: string[];
	};
	readonly profile?: string;
	/** With --breakdown: µs per received update (one update reaches clients − 1 receivers) by step. */
	readonly breakdown?: Record<string, number>;
}

function parseOptions(): Options {
	const { values } = parseArgs({
		options: {
			boards: { type: 'string', default: '4' },
			clients: { type: 'string', default: '10' },
			rate: { type: 'string', default: '5' },
			duration: { type: 'string', default: '20' },
			// Long enough for V8 to have optimised the server's hot paths, as in a meeting
			// that has run for a while: after 10 s the Fokusrunde server still spent a
			// quarter more per update than after 40 s (docs/performance.md).
			warmup: { type: 'string', default: '40' },
			repeat: { type: 'string', default: '3' },
			profile: { type: 'boolean', default: false },
			breakdown: { type: 'boolean', default: false },
			presence: { type: 'boolean', default: false },
			only: { type: 'string' },
			store: { type: 'string', default: 'sqlite' },
			pin: { type: 'boolean', default: false },
			build: { type: 'boolean', default: false }
		}
	});
	const number = (name: string, raw: string, min: number, max: number): number => {
		const value = Number(raw);
		if (!Number.isFinite(value) || value < min || value > max)
			throw new Error(`--${name} must be a number from ${min} to ${max}, not "${raw}"`);
		return value;
	};
	const only = values.only ?? null;
	if (only !== null && only !== 'relay' && only !== 'fokusrunde')
		throw new Error('--only must be relay or fokusrunde');
	if (values.build && values.breakdown)
		throw new Error('--breakdown times the TypeScript source; it cannot be combined with --build');
	if (values.store !== 'sqlite' && values.store !== 'memory')
		throw new Error('--store must be sqlite or memory');
	return {
		store: values.store,
		pin: values.pin,
		build: values.build,
		boards: Math.round(number('boards', values.boards, 1, 200)),
		clients: Math.round(number('clients', values.clients, 2, 500)),
		rate: number('rate', values.rate, 0.1, 100),
		duration: number('duration', values.duration, 1, 3600),
		warmup: number('warmup', values.warmup, 0, 600),
		repeat: Math.round(number('repeat', values.repeat, 1, 20)),
		profile: values.profile,
		breakdown: values.breakdown,
		presence: values.presence,
		only
	};
}

/**
 * CPU time the whole machine spent busy so far, in µs (Linux /proc/stat), so
 * that work of other processes during a window shows up in the results.
 */
function machineBusyMicros(): number | null {
	if (!existsSync('/proc/stat')) return null;
	const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 8);
	const [user, nice, system, , , irq, softirq] = fields.map(Number);
	if (softirq === undefined) return null;
	// USER_HZ is 100 on Linux: one tick is 10 ms.
	return (user! + nice! + system! + irq! + softirq) * 10_000;
}

/**
 * On a shared machine, waits (up to a minute) until other processes leave the
 * CPUs mostly idle before a phase starts, so that a test run elsewhere does not
 * end up in one phase and not the other. Whatever they use during the window
 * is still reported.
 */
async function waitForQuiet(): Promise<void> {
	const deadline = Date.now() + 60_000;
	let announced = false;
	while (Date.now() < deadline) {
		const own = process.cpuUsage();
		const before = machineBusyMicros();
		if (before === null) return;
		await new Promise((resolve) => setTimeout(resolve, 1000));
		const after = machineBusyMicros()!;
		const mine = process.cpuUsage(own);
		const others = (after - before - mine.user - mine.system) / 1e4;
		if (others < 15) return;
		if (!announced)
			process.stdout.write(
				`  (waiting for other processes to calm down: ${fixed(others, 0)} % CPU)\n`
			);
		announced = true;
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) return false;
		await sleep(20);
	}
	return true;
}

async function request<T>(
	method: 'GET' | 'POST',
	url: string,
	body: unknown,
	forwardedFor: string,
	token?: string
): Promise<T> {
	const res = await fetch(url, {
		method,
		headers: {
			'x-forwarded-for': forwardedFor,
			...(body === undefined ? {} : { 'content-type': 'application/json' }),
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

const post = <T>(url: string, body: unknown, forwardedFor: string, token?: string) =>
	request<T>('POST', url, body, forwardedFor, token);

interface PhaseView {
	readonly id: string;
	readonly mode: string;
}

/**
 * Participants write to the board only in phases that allow it: the facilitator
 * moves the session to the first open phase of its agenda, as at the start of a
 * workshop. (A server without phases has no `control` in its state: nothing to do.)
 */
async function openBoard(
	base: string,
	session: CreateSessionResponse,
	forwardedFor: string
): Promise<void> {
	const state = await request<{ control?: { agenda?: PhaseView[]; phaseId?: string } }>(
		'GET',
		`${base}/api/sessions/${session.id}/state`,
		undefined,
		forwardedFor,
		session.facilitatorToken
	);
	const agenda = state.control?.agenda;
	if (!agenda) return;
	// Each client adds a card: only an `open` phase takes new cards from participants.
	const writable = (phase: PhaseView | undefined) => phase?.mode === 'open';
	if (writable(agenda.find((phase) => phase.id === state.control?.phaseId))) return;
	const open = agenda.find(writable);
	if (!open) throw new Error('the session template has no phase in which participants write');
	await post(
		`${base}/api/sessions/${session.id}/commands`,
		{ type: 'phase.goto', phaseId: open.id },
		forwardedFor,
		session.facilitatorToken
	);
}

interface Board {
	readonly room: string;
	readonly seats: Seat[];
	/** Reads the board after the run (the facilitator's token on Fokusrunde). */
	readonly reader: Seat;
}

/** R sessions with N participants each, through the public API, as a facilitator and a room would. */
async function createBoards(base: string, options: Options): Promise<Board[]> {
	const boards: Board[] = [];
	for (let b = 0; b < options.boards; b++) {
		// One address per board: one room of people behind one NAT.
		const address = `10.77.${Math.floor(b / 250)}.${(b % 250) + 1}`;
		const session = await post<CreateSessionResponse>(
			`${base}/api/sessions`,
			// One open board where everyone writes into every area, as the clients' cards need.
			{ title: `Lasttest Fokusgruppe ${b + 1}`, template: 'blank' },
			address
		);
		await openBoard(base, session, address);
		const seats: Seat[] = [];
		for (let i = 0; i < options.clients; i++) {
			const joined = await post<JoinResponse>(
				`${base}/api/sessions/${session.id}/participants`,
				{ joinToken: session.joinToken, name: `Teilnehmende ${i + 1}` },
				address
			);
			seats.push({ participantId: joined.participantId, token: joined.token });
		}
		boards.push({
			room: session.boardId,
			seats,
			reader: { participantId: 'facilitator', token: session.facilitatorToken }
		});
	}
	return boards;
}

/** The relay knows no sessions: rooms are names, and authors just need to be distinct. */
function relayBoards(options: Options): Board[] {
	return Array.from({ length: options.boards }, (_, b) => ({
		room: `bench-board-${b}`,
		seats: Array.from({ length: options.clients }, (_, i) => ({
			participantId: `p-${b}-${i}`,
			token: null
		})),
		reader: { participantId: 'reader', token: null }
	}));
}

/**
 * After the run: kill the server with SIGKILL (no shutdown hook can flush
 * anything), start it again on the same data directory and read every board
 * with a fresh client. Every change of every writer must be there (Yjs clocks),
 * and each card must have its writer's last text and place: every change was
 * relayed, and nothing is relayed before it is stored.
 */
async function verifyStorage(
	target: Target,
	dataDir: string,
	boards: readonly Board[],
	clients: readonly LoadClient[][]
): Promise<NonNullable<PhaseResult['storage']>> {
	await target.stop('SIGKILL');
	const restarted = await startFokusrunde(dataDir);
	let cards = 0;
	const detail: string[] = [];
	try {
		for (const [b, board] of boards.entries()) {
			const reader = new LoadClient(
				restarted.url,
				board.room,
				board.reader,
				-1,
				new SendTimes(),
				new Recorder()
			);
			try {
				await reader.ready(true);
				cards += clients[b]!.length;
				for (const problem of compareStored(reader.doc, clients[b]!))
					detail.push(`${board.room}/${problem}`);
			} finally {
				reader.close();
			}
		}
	} finally {
		await restarted.stop();
	}
	return { cards, mismatches: detail.length, detail: detail.slice(0, 20) };
}

async function runPhase(
	kind: Kind,
	round: number,
	options: Options,
	resultsDir: string,
	stamp: string
): Promise<PhaseResult> {
	await waitForQuiet();
	const data = kind === 'fokusrunde' ? tempDataDir() : null;
	const target =
		kind === 'relay' ? await startRelay() : await startFokusrunde(data!.dir, options.store);
	const clients: LoadClient[][] = [];
	try {
		const boards =
			kind === 'relay' ? relayBoards(options) : await createBoards(target.url, options);
		const recorder = new Recorder();
		const sent = new SendTimes();
		for (const board of boards) {
			clients.push(
				board.seats.map(
					(seat, i) =>
						new LoadClient(target.url, board.room, seat, i, sent, recorder, options.presence)
				)
			);
		}
		const all = clients.flat();
		// The relay cannot answer the sync handshake for the first client of a room; connected is enough there.
		await Promise.all(all.map((client) => client.ready(kind === 'fokusrunde')));
		for (const client of all) client.createCard();
		if (!(await until(() => clients.every(converged), 30_000)))
			throw new Error(`${kind}: cards did not reach every client`);

		for (const client of all) client.run(options.rate);
		await sleep(options.warmup * 1000);

		const loop = monitorEventLoopDelay({ resolution: LOOP_RESOLUTION_MS });
		const before = await target.stats();
		if (options.profile) await target.profile.start();
		if (options.breakdown) await target.breakdown.start();
		const ownBefore = process.cpuUsage();
		const machineBefore = machineBusyMicros();
		loop.enable();
		const start = performance.now();
		recorder.recording = true;
		await sleep(options.duration * 1000);
		recorder.recording = false;
		const end = performance.now();
		loop.disable();
		const own = process.cpuUsage(ownBefore);
		const machineAfter = machineBusyMicros();
		const sections = options.breakdown ? await target.breakdown.stop() : undefined;
		const after = await target.stats();
		let profile: string | undefined;
		if (options.profile) {
			profile = path.join(resultsDir, `${stamp}-${kind}-${round}.cpuprofile`);
			await target.profile.stop(profile);
		}

		for (const client of all) client.stop();
		const settled = await until(() => clients.every(converged), 30_000);

		const windowSeconds = (end - start) / 1000;
		const sorted = recorder.latencies().sort();
		const delivered = recorder.delivered;
		const serverCpu =
			after.userMicros + after.systemMicros - (before.userMicros + before.systemMicros);
		let sum = 0;
		for (const value of sorted) sum += value;
		const storage =
			kind === 'fokusrunde' && options.store === 'sqlite' && settled
				? await verifyStorage(target, data!.dir, boards, clients)
				: undefined;
		return {
			kind,
			round,
			windowSeconds,
			delivered,
			deliveredPerSecond: delivered / windowSeconds,
			expectedPerSecond: options.boards * options.clients * (options.clients - 1) * options.rate,
			latencyMs: {
				p50: percentile(sorted, 50),
				p95: percentile(sorted, 95),
				p99: percentile(sorted, 99),
				mean: sum / sorted.length,
				max: sorted.length > 0 ? sorted[sorted.length - 1]! : Number.NaN
			},
			serverCpuMicros: serverCpu,
			serverCpuPercent: serverCpu / 1e4 / windowSeconds,
			serverCpuMicrosPerDelivered: serverCpu / delivered,
			serverSystemMicrosPerDelivered: (after.systemMicros - before.systemMicros) / delivered,
			serverRssMb: after.rssBytes / 2 ** 20,
			serverHeapUsedMb: after.heapUsedBytes / 2 ** 20,
			loadGeneratorCpuPercent: (own.user + own.system) / 1e4 / windowSeconds,
			// The histogram records whole timer intervals; the lag is what exceeds the interval.
			loadGeneratorLoopDelayP99Ms: loop.percentile(99) / 1e6 - LOOP_RESOLUTION_MS,
			otherProcessesCpuPercent:
				machineBefore === null || machineAfter === null
					? null
					: Math.max(0, machineAfter - machineBefore - serverCpu - own.user - own.system) /
						1e4 /
						windowSeconds,
			converged: settled,
			storage,
			profile,
			breakdown: sections && breakdownOf(sections, serverCpu, delivered / (options.clients - 1))
		};
	} finally {
		for (const client of clients.flat()) client.close();
		await target.stop();
		data?.remove();
	}
}

/**
 * Steps per received update, in µs of wall-clock time inside each step (on a
 * busy two-core machine a step can include moments the process was not
 * running), next to the process's CPU time per received update.
 */
function breakdownOf(
	sections: Record<string, { ms: number; calls: number }>,
	cpuMicros: number,
	received: number
): Record<string, number> {
	const us = (name: string) => ((sections[name]?.ms ?? 0) * 1000) / received;
	const frames = sections['ws.send']?.calls ?? 0;
	const perFrame = frames > 0 ? ((sections['ws.send']?.ms ?? 0) * 1000) / frames : Number.NaN;
	const cpu = { 'process CPU time (all of it)': cpuMicros / received };
	if (!sections.receive) {
		return {
			'send to the other clients': us('ws.send'),
			'ws.send, per frame': perFrame,
			...cpu
		};
	}
	const relay = us('relay send');
	if (sections.storeRelayApply) {
		// The synchronous path (SQLite store with its journal): all of it inside receive.
		return {
			'decode, rate limit, policy check': us('receive') - us('storeRelayApply'),
			'journal append (one write)': us('store'),
			'send to the other clients': relay,
			'Y.applyUpdate to the board (after sending)': us('apply'),
			bookkeeping: us('storeRelayApply') - us('store') - relay - us('apply'),
			'journal into SQLite (batched), amortised': us('drain'),
			'compaction (merging stored updates)': us('compact'),
			'ws.send, per frame': perFrame,
			...cpu
		};
	}
	return {
		'decode, rate limit, policy check': us('receive') - us('apply'),
		'Y.applyUpdate to the board': us('apply'),
		'SQLite append (one transaction per tick)': us('store'),
		'send to the other clients': relay,
		'compaction (merging stored updates)': us('compact'),
		'flush bookkeeping (batching, promises)': us('flush') - us('store') - relay - us('compact'),
		'ws.send, per frame': perFrame,
		...cpu
	};
}

interface Summary {
	readonly p50: number;
	readonly p95: number;
	readonly p99: number;
	readonly deliveredPerSecond: number;
	readonly cpuMicrosPerDelivered: number;
	readonly cpuPercent: number;
	readonly rssMb: number;
	readonly loadGeneratorCpuPercent: number;
	readonly loadGeneratorLagP99Ms: number;
}

/** Medians over the rounds: one slow round (a GC pause, a noisy neighbour) does not decide. */
function summarise(results: readonly PhaseResult[]): Summary {
	const m = (pick: (r: PhaseResult) => number) => median(results.map(pick));
	return {
		p50: m((r) => r.latencyMs.p50),
		p95: m((r) => r.latencyMs.p95),
		p99: m((r) => r.latencyMs.p99),
		deliveredPerSecond: m((r) => r.deliveredPerSecond),
		cpuMicrosPerDelivered: m((r) => r.serverCpuMicrosPerDelivered),
		cpuPercent: m((r) => r.serverCpuPercent),
		rssMb: m((r) => r.serverRssMb),
		loadGeneratorCpuPercent: m((r) => r.loadGeneratorCpuPercent),
		loadGeneratorLagP99Ms: m((r) => r.loadGeneratorLoopDelayP99Ms)
	};
}

function phaseLine(r: PhaseResult): string {
	return (
		`  ${r.kind.padEnd(10)} round ${r.round}: p50 ${fixed(r.latencyMs.p50, 2)} ms, p95 ${fixed(r.latencyMs.p95, 2)} ms, ` +
		`p99 ${fixed(r.latencyMs.p99, 2)} ms, ${fixed(r.deliveredPerSecond, 0)}/${fixed(r.expectedPerSecond, 0)} updates/s, ` +
		`server ${fixed(r.serverCpuMicrosPerDelivered, 2)} µs/update (system ${fixed(r.serverSystemMicrosPerDelivered, 2)}; ` +
		`${fixed(r.serverCpuPercent, 1)} % CPU), ` +
		`${fixed(r.serverRssMb, 1)} MB RSS, load generator ${fixed(r.loadGeneratorCpuPercent, 0)} % CPU ` +
		`(event loop lag p99 ${fixed(r.loadGeneratorLoopDelayP99Ms, 1)} ms)` +
		(r.otherProcessesCpuPercent === null
			? ''
			: `, other processes ${fixed(r.otherProcessesCpuPercent, 0)} % CPU`) +
		(r.converged ? '' : ', NOT CONVERGED') +
		(r.storage
			? `, stored ${r.storage.cards - r.storage.mismatches}/${r.storage.cards} cards intact`
			: '')
	);
}

async function main(): Promise<void> {
	const options = parseOptions();
	if (options.pin) pinToCores();
	if (options.build) useProductionBuild();
	// Every y-websocket provider in Node registers a process 'exit' listener; hundreds are expected here.
	process.setMaxListeners(options.boards * options.clients + 50);
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	const resultsDir = path.join(ROOT, 'bench', 'results');
	mkdirSync(resultsDir, { recursive: true });
	const kinds: Kind[] = options.only ? [options.only] : ['relay', 'fokusrunde'];
	process.stdout.write(
		`Sync benchmark: ${options.boards} boards × ${options.clients} clients at ${options.rate} Hz, ` +
			`${options.warmup} s warm-up + ${options.duration} s measured, ${options.repeat} round(s) each, ` +
			(options.presence ? 'with presence (awareness), ' : 'without presence (awareness), ') +
			(options.store === 'memory'
				? 'Fokusrunde with STORE=memory (stores nothing durably), '
				: '') +
			(options.pin ? 'load generator on core 0, server on core 1, ' : '') +
			(options.build ? 'Fokusrunde from build/server.js after one page request, ' : '') +
			`Node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}\n`
	);

	const results: PhaseResult[] = [];
	for (let round = 1; round <= options.repeat; round++) {
		for (const kind of kinds) {
			const result = await runPhase(kind, round, options, resultsDir, stamp);
			results.push(result);
			process.stdout.write(phaseLine(result) + '\n');
		}
	}

	const relay = summarise(results.filter((r) => r.kind === 'relay'));
	const server = summarise(results.filter((r) => r.kind === 'fokusrunde'));
	const row = (name: string, s: Summary) => [
		name,
		fixed(s.p50, 2),
		fixed(s.p95, 2),
		fixed(s.p99, 2),
		fixed(s.deliveredPerSecond, 0),
		fixed(s.cpuMicrosPerDelivered, 2),
		fixed(s.cpuPercent, 1),
		fixed(s.rssMb, 1),
		`${fixed(s.loadGeneratorCpuPercent, 0)} % / ${fixed(s.loadGeneratorLagP99Ms, 1)} ms`
	];
	const range = (kind: Kind, pick: (r: PhaseResult) => number, digits: number) => {
		const values = results.filter((r) => r.kind === kind).map(pick);
		return `${fixed(Math.min(...values), digits)}–${fixed(Math.max(...values), digits)}`;
	};
	const spread = (name: string, kind: Kind) => [
		name,
		range(kind, (r) => r.latencyMs.p50, 2),
		range(kind, (r) => r.latencyMs.p99, 2),
		range(kind, (r) => r.serverCpuMicrosPerDelivered, 1)
	];
	process.stdout.write(
		'\nMedians over rounds\n' +
			table(
				[
					'',
					'p50 ms',
					'p95 ms',
					'p99 ms',
					'updates/s',
					'CPU µs/update',
					'server CPU %',
					'RSS MB',
					'load gen CPU / lag p99'
				],
				kinds.map((kind) =>
					row(kind === 'relay' ? 'plain relay' : 'Fokusrunde', kind === 'relay' ? relay : server)
				)
			) +
			'\n\nSpread over rounds (min–max)\n' +
			table(
				['', 'p50 ms', 'p99 ms', 'CPU µs/update'],
				kinds.map((kind) => spread(kind === 'relay' ? 'plain relay' : 'Fokusrunde', kind))
			) +
			'\n'
	);

	if (options.breakdown) {
		const steps = new Map<string, Map<Kind, number[]>>();
		for (const r of results)
			for (const [step, value] of Object.entries(r.breakdown ?? {})) {
				const byKind = steps.get(step) ?? new Map<Kind, number[]>();
				steps.set(step, byKind);
				byKind.set(r.kind, [...(byKind.get(r.kind) ?? []), value]);
			}
		process.stdout.write(
			`\nWhere the server's time goes, µs per received update (medians; one update goes to ${options.clients - 1} clients)\n` +
				table(
					['step', ...kinds.map((k) => (k === 'relay' ? 'plain relay' : 'Fokusrunde'))],
					[...steps].map(([step, byKind]) => [
						step,
						...kinds.map((k) => (byKind.has(k) ? fixed(median(byKind.get(k)!), 1) : ''))
					])
				) +
				'\n  Steps are wall-clock time inside them; the process CPU time also covers what no step\n' +
				'  times: reading sockets, parsing frames, the event loop, garbage collection.\n'
		);
	}

	const ratios = {
		p50: server.p50 / relay.p50,
		p95: server.p95 / relay.p95,
		p99: server.p99 / relay.p99,
		cpuPerDelivered: server.cpuMicrosPerDelivered / relay.cpuMicrosPerDelivered
	};
	const verdict = (ratio: number, limit: number) => (ratio <= limit ? 'PASS' : 'FAIL');
	const checks = {
		p50: verdict(ratios.p50, TARGET_LATENCY),
		p95: verdict(ratios.p95, TARGET_LATENCY),
		p99: verdict(ratios.p99, TARGET_LATENCY),
		cpuPerDelivered: verdict(ratios.cpuPerDelivered, TARGET_CPU)
	};
	const stored = options.store === 'sqlite' ? results.filter((r) => r.kind === 'fokusrunde') : [];
	const storageOk = stored.every((r) => r.storage !== undefined && r.storage.mismatches === 0);
	const convergedOk = results.every((r) => r.converged);
	if (kinds.length === 2) {
		process.stdout.write(
			'\nFokusrunde / relay\n' +
				table(
					['', 'ratio', 'target', ''],
					[
						['latency p50', fixed(ratios.p50, 2), `≤ ${TARGET_LATENCY}`, checks.p50],
						['latency p95', fixed(ratios.p95, 2), `≤ ${TARGET_LATENCY}`, checks.p95],
						['latency p99', fixed(ratios.p99, 2), `≤ ${TARGET_LATENCY}`, checks.p99],
						[
							'CPU µs / delivered update',
							fixed(ratios.cpuPerDelivered, 2),
							`≤ ${TARGET_CPU}`,
							checks.cpuPerDelivered
						]
					]
				) +
				'\n'
		);
	}
	process.stdout.write(
		`\nEvery client converged: ${convergedOk ? 'yes' : 'NO'}. ` +
			(stored.length > 0
				? `Fokusrunde stored every update (checked after SIGKILL and restart): ${storageOk ? 'yes' : 'NO'}.\n`
				: '\n')
	);
	for (const r of stored)
		for (const line of r.storage?.detail ?? []) process.stdout.write(`  ${line}\n`);

	const file = path.join(resultsDir, `${stamp}.json`);
	writeFileSync(
		file,
		JSON.stringify(
			{
				options,
				machine: {
					node: process.version,
					cpus: os.cpus().length,
					cpuModel: os.cpus()[0]?.model,
					memoryGb: os.totalmem() / 2 ** 30,
					platform: `${os.type()} ${os.release()}`
				},
				results,
				medians: { relay, fokusrunde: server },
				ratios,
				targets: { latency: TARGET_LATENCY, cpuPerDelivered: TARGET_CPU },
				checks,
				converged: convergedOk,
				storedEveryUpdate: stored.length > 0 ? storageOk : null
			},
			null,
			'\t'
		) + '\n'
	);
	process.stdout.write(`Results: ${path.relative(ROOT, file)}\n`);
	if (!convergedOk || !storageOk) process.exitCode = 1;
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
	process.exit(1);
});
