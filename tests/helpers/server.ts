import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { parseConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/index';
import type { CreateSessionResponse, JoinResponse } from '../../src/lib/protocol/api';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export function tempDataDir(): { dir: string; remove: () => void } {
	const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-test-'));
	return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** The real server in this process, on port 0, with its own data directory. */
export async function startTestServer(
	dataDir: string,
	env: Record<string, string> = {}
): Promise<RunningServer> {
	const config = parseConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: dataDir,
		LOG_LEVEL: 'silent',
		BOARD_UNLOAD_DELAY_MS: '0',
		...env
	});
	return startServer(config, null);
}

/** Starts a Node entry point (or `command`, e.g. npm) and resolves with its URL once it logs `server.started`. */
export async function spawnUntilStarted(
	args: string[],
	env: Record<string, string>,
	command = process.execPath
): Promise<{ child: ChildProcess; url: string }> {
	const child = spawn(command, args, {
		cwd: ROOT,
		env: { ...process.env, LOG_LEVEL: 'info', ...env },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	const url = await new Promise<string>((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
		child.stdout!.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			const match = /"event":"server.started","url":"([^"]+)"/.exec(out);
			if (match) {
				clearTimeout(timer);
				resolve(match[1]!);
			}
		});
		child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`server exited with ${code}: ${out}`));
		});
	});
	return { child, url };
}

/** The production entry point from source in a child process, for crash and signal tests. */
export function spawnServer(
	dataDir: string,
	port = 0
): Promise<{ child: ChildProcess; url: string }> {
	return spawnUntilStarted(['--import', 'tsx', 'server/main.ts'], {
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	});
}

export async function api<T = unknown>(
	base: string,
	method: string,
	path: string,
	body?: unknown,
	headers: Record<string, string> = {}
): Promise<{ status: number; body: T; headers: Headers }> {
	const response = await fetch(base + path, {
		method,
		headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
		body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
	});
	const text = await response.text();
	return {
		status: response.status,
		body: (text ? JSON.parse(text) : null) as T,
		headers: response.headers
	};
}

/** A session on the open `blank` board by default, where participants may write from the start. */
export async function createSession(
	base: string,
	title = 'Faire Beschaffung – Fokusgruppe Musterstadt',
	template: 'blank' | 'study' = 'blank'
) {
	const res = await api<CreateSessionResponse>(base, 'POST', '/api/sessions', { title, template });
	if (res.status !== 201) throw new Error(`create failed: ${res.status}`);
	// The facilitator's participant id: the author a card the facilitator writes names.
	const me = await api<{ me: { participantId: string } }>(
		base,
		'GET',
		`/api/sessions/${res.body.id}`,
		undefined,
		{ authorization: `Bearer ${res.body.facilitatorToken}` }
	);
	if (me.status !== 200) throw new Error(`reading the session failed: ${me.status}`);
	return { ...res.body, facilitatorId: me.body.me.participantId };
}

/** Sends the session's facilitator's commands over HTTP (docs/api.md, POST …/commands). */
export function facilitatorCommand(
	base: string,
	session: { readonly id: string; readonly facilitatorToken: string }
) {
	return (body: object) =>
		api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
			authorization: `Bearer ${session.facilitatorToken}`
		});
}

export async function joinSession(base: string, session: CreateSessionResponse, name: string) {
	const res = await api<JoinResponse>(base, 'POST', `/api/sessions/${session.id}/participants`, {
		joinToken: session.joinToken,
		name
	});
	if (res.status !== 201) throw new Error(`join failed: ${res.status}`);
	return res.body;
}

/**
 * Clients opened inside a test, closed when it ends (tests/helpers/close-boards.ts): each stock
 * provider holds a socket, a timer and a process 'exit' listener until it is destroyed.
 */
export const boardsOfTest: { collecting: boolean; providers: WebsocketProvider[] } = {
	collecting: false,
	providers: []
};

/** A stock y-websocket client, as an integrator would use it. */
export function connectBoard(
	base: string,
	boardId: string,
	token: string | null
): {
	doc: Y.Doc;
	provider: WebsocketProvider;
	synced: Promise<void>;
} {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/yjs', boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: token === null ? {} : { token },
		disableBc: true
	});
	if (boardsOfTest.collecting) boardsOfTest.providers.push(provider);
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', (isSynced: boolean) => isSynced && resolve());
	});
	return { doc, provider, synced };
}

export async function until(
	check: () => boolean,
	timeoutMs = 5000,
	what = 'condition'
): Promise<void> {
	const start = Date.now();
	while (!check()) {
		if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
