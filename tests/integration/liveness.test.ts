import { createServer, Socket, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { controlClient } from '../helpers/control';
import { createSession, joinSession, startTestServer, tempDataDir, until } from '../helpers/server';

/**
 * A TCP proxy that can go silent: a phone in a dead spot keeps its connection
 * open, but nothing gets through in either direction and nobody closes anything.
 */
function deadSpotProxy(
	target: URL
): Promise<{ url: string; silence: () => void; close: () => void }> {
	const sockets: Socket[] = [];
	let silent = false;
	const server: Server = createServer((client) => {
		const upstream = new Socket();
		upstream.connect(Number(target.port), target.hostname);
		sockets.push(client, upstream);
		client.on('data', (chunk) => silent || upstream.write(chunk));
		upstream.on('data', (chunk) => silent || client.write(chunk));
		client.on('error', () => upstream.destroy());
		upstream.on('error', () => client.destroy());
		client.on('close', () => upstream.destroy());
		upstream.on('close', () => client.destroy());
	});
	return new Promise((resolve) =>
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			resolve({
				url: `http://127.0.0.1:${port}`,
				silence: () => (silent = true),
				close: () => {
					for (const socket of sockets) socket.destroy();
					server.close();
				}
			});
		})
	);
}

let server: RunningServer;
const data = tempDataDir();

beforeAll(async () => {
	server = await startTestServer(data.dir);
});
afterAll(async () => {
	await server.close();
	data.remove();
});

describe('a connection that goes silent (a phone in a dead spot)', () => {
	it('is noticed within 15 s by the phone and by the facilitator', async () => {
		const session = await createSession(server.url, 'Funkloch');
		const phone = await joinSession(server.url, session, 'Elke S.');
		const proxy = await deadSpotProxy(new URL(server.url));
		const facilitator = controlClient(server.url, session.id, session.facilitatorToken);
		const participant = controlClient(proxy.url, session.id, phone.token);
		try {
			await Promise.all([facilitator.connected, participant.connected]);
			const elkeOnline = () =>
				facilitator.seen.roster.find((r) => r.participantId === phone.participantId)?.online;
			await until(() => elkeOnline() === true, 5000, 'Elke online');

			let lostAt = 0;
			let reason = '';
			participant.socket.on('disconnect', (why) => {
				lostAt = Date.now();
				reason = why;
			});
			const silentAt = Date.now();
			proxy.silence();

			await until(() => lostAt > 0, 17_000, 'the phone to notice');
			expect(reason).toBe('ping timeout');
			expect(lostAt - silentAt).toBeLessThanOrEqual(16_000);
			await until(() => elkeOnline() === false, 17_000 - (Date.now() - silentAt), 'Elke offline');
		} finally {
			facilitator.socket.disconnect();
			participant.socket.disconnect();
			proxy.close();
		}
	}, 25_000);
});
