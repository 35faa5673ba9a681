import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/index';
import { recordingLog } from '../helpers/recording-log';
import { api, createSession, tempDataDir } from '../helpers/server';

/** What the server logged. */
const { log, lines } = recordingLog();
const data = tempDataDir();
let server: RunningServer;

beforeAll(async () => {
	const config = parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir });
	server = await startServer(config, null, { log });
});
afterAll(async () => {
	await server.close();
	data.remove();
});

const WRONG = 'x'.repeat(43);
const refusals = (event: string) => lines.filter((l) => l.event === event);

describe('the log of refused access', () => {
	it('names a wrong credential on every way in, without the token, the code or the address', async () => {
		const session = await createSession(server.url);
		const read = await api(server.url, 'GET', `/api/sessions/${session.id}`, undefined, {
			authorization: `Bearer ${WRONG}`
		});
		expect(read.status).toBe(401);
		expect(refusals('http.refused')).toContainEqual(
			expect.objectContaining({
				level: 'info',
				method: 'GET',
				path: `/api/sessions/${session.id}`,
				status: 401,
				code: 'unauthorized'
			})
		);

		const board = new WebSocket(
			`${server.url.replace(/^http/, 'ws')}/yjs/${session.boardId}?token=${WRONG}`
		);
		await new Promise((resolve) => board.once('unexpected-response', resolve));
		expect(refusals('yjs.upgrade.refused')).toContainEqual(
			expect.objectContaining({ level: 'info', status: 401 })
		);

		const socket = connect(server.url, {
			auth: { sessionId: session.id, token: WRONG },
			transports: ['websocket'],
			reconnection: false
		});
		await new Promise((resolve) => socket.once('connect_error', resolve));
		socket.close();
		expect(refusals('control.handshake.refused')).toContainEqual(
			expect.objectContaining({ level: 'info', status: 401, code: 'unauthorized' })
		);

		// A join code is a way in too: it is left out of the path, as tokens are of everything.
		const code = await api(server.url, 'GET', '/api/join-codes/K7M3-QX9P');
		expect(code.status).toBe(404);
		expect(refusals('http.refused')).toContainEqual(
			expect.objectContaining({ level: 'debug', path: '/api/join-codes/:code', status: 404 })
		);
		const written = JSON.stringify(lines);
		for (const secret of [WRONG, 'K7M3-QX9P', session.facilitatorToken, session.joinToken])
			expect(written).not.toContain(secret);
		expect(written).not.toContain('127.0.0.1');
	});
});
