import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningServer } from '../../server/index';
import { api, createSession, startTestServer, tempDataDir } from '../helpers/server';

/**
 * Behind a reverse proxy that passes its upstream address as Host (nginx's `proxy_pass` without
 * `proxy_set_header Host`), a browser's Origin names PUBLIC_URL while Host names the proxy's
 * upstream: the pages' cookie must still count there, and only there.
 */
const PUBLIC_URL = 'https://fokus.example.org';
const data = tempDataDir();
let server: RunningServer;
let base: string;

beforeAll(async () => {
	server = await startTestServer(data.dir, { PUBLIC_URL });
	base = server.url;
});
afterAll(async () => {
	await server.close();
	data.remove();
});

async function signedIn() {
	const session = await createSession(base);
	const signIn = await api(base, 'POST', `/api/sessions/${session.id}/sign-in`, {
		token: session.facilitatorToken
	});
	expect(signIn.status).toBe(204);
	return { session, cookie: signIn.headers.get('set-cookie')!.split(';')[0]! };
}

function upgrade(url: string, headers: Record<string, string>): Promise<string> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.once('open', () => {
			ws.close();
			resolve('open');
		});
		ws.once('unexpected-response', (_req, res) => resolve(String(res.statusCode)));
		ws.once('error', () => resolve('error'));
	});
}

function controlConnects(sessionId: string, headers: Record<string, string>): Promise<string> {
	return new Promise((resolve) => {
		const socket = connect(base, {
			auth: { sessionId },
			transports: ['websocket'],
			reconnection: false,
			extraHeaders: headers
		});
		socket.once('connect', () => {
			socket.close();
			resolve('connected');
		});
		socket.once('connect_error', (error) => {
			socket.close();
			resolve(error.message);
		});
	});
}

describe('behind a proxy that rewrites Host', () => {
	it('takes the session cookie from the pages at PUBLIC_URL over HTTP, the board and socket.io', async () => {
		const { session, cookie } = await signedIn();
		const ours = { cookie, origin: PUBLIC_URL };
		expect((await api(base, 'GET', `/api/sessions/${session.id}`, undefined, ours)).status).toBe(
			200
		);
		const yjs = `${base.replace(/^http/, 'ws')}/yjs/${session.boardId}`;
		expect(await upgrade(yjs, ours)).toBe('open');
		expect(await controlConnects(session.id, ours)).toBe('connected');
	});

	it('still refuses the cookie sent from any other site', async () => {
		const { session, cookie } = await signedIn();
		for (const origin of ['https://evil.example', 'http://fokus.example.org']) {
			const theirs = { cookie, origin };
			expect(
				(await api(base, 'GET', `/api/sessions/${session.id}`, undefined, theirs)).status,
				origin
			).toBe(401);
			const yjs = `${base.replace(/^http/, 'ws')}/yjs/${session.boardId}`;
			expect(await upgrade(yjs, theirs), origin).toBe('403');
			expect(await controlConnects(session.id, theirs), origin).not.toBe('connected');
		}
	});
});
