import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { parseConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/index';
import { recordingLog } from '../helpers/recording-log';
import { REFUSALS_PER_ADDRESS } from '../../server/security/refusal-limit';
import { YJS_CONNECTIONS_PER_PERSON } from '../../src/lib/protocol/yjs';
import { CONTROL_PACKETS_PER_PERSON } from '../../src/lib/protocol/realtime';
import { createSession, joinSession, tempDataDir } from '../helpers/server';

/** What the server logged. */
const { log, lines } = recordingLog();
const data = tempDataDir();
let server: RunningServer;

beforeAll(async () => {
	// Behind a proxy, so that each test comes from addresses of its own.
	const config = parseConfig({
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: data.dir,
		TRUST_PROXY: 'true'
	});
	server = await startServer(config, null, { log });
});
afterAll(async () => {
	await server.close();
	data.remove();
});

const WRONG = 'x'.repeat(43);
const BUDGET = REFUSALS_PER_ADDRESS.capacity;

const logged = (event: string) => lines.filter((l) => l.event === event).length;

/** A raw engine.io websocket from `address`, the way a script would speak socket.io. */
function rawControl(address: string) {
	const ws = new WebSocket(
		`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
		{
			headers: { 'x-forwarded-for': address }
		}
	);
	const answers: string[] = [];
	const closed = new Promise<void>((resolve) => ws.once('close', () => resolve()));
	const opened = new Promise<void>((resolve, reject) => {
		ws.once('message', () => resolve());
		ws.once('error', reject);
	});
	ws.on('message', (data: Buffer) => {
		const text = data.toString();
		if (text === '2') ws.send('3');
		else if (text.startsWith('4')) answers.push(text);
	});
	return { ws, answers, closed, opened };
}

describe('a flood of wrong tokens from one address', () => {
	it('on the control socket: refused at once past its budget, its connection closed, the log kept short, others let in', async () => {
		const session = await createSession(server.url, 'Flut');
		const before = logged('control.handshake.refused');
		const script = rawControl('203.0.113.7');
		await script.opened;
		// One connection, handshake after handshake, as fast as it can.
		const tries = BUDGET * 3;
		for (let i = 0; i < tries && script.ws.readyState === WebSocket.OPEN; i++)
			script.ws.send(`40${JSON.stringify({ sessionId: session.id, token: WRONG })}`);
		const closed = await Promise.race([
			script.closed.then(() => true),
			new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))
		]);
		expect(closed).toBe(true);
		const codes = script.answers.map((a) => /"code":"(\w+)"/.exec(a)?.[1]);
		// Past the budget the server ends the connection, with no refusal that a client would take
		// as final.
		expect(codes.filter((c) => c !== 'unauthorized')).toEqual([]);
		expect(codes.length).toBeLessThanOrEqual(BUDGET);
		// A line in the log for each credential looked up and refused, one for the rest.
		expect(logged('control.handshake.refused') - before).toBeLessThanOrEqual(BUDGET);
		expect(logged('control.handshake.limited')).toBe(1);

		// A new connection from that address is not opened while it regains its budget...
		const again = rawControl('203.0.113.7');
		const status = await new Promise<number>((resolve) =>
			again.ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
		);
		// (engine.io refuses a websocket upgrade with 400 and the reason, a polling request with 403)
		expect(status).toBe(400);
		// ... and a facilitator at another address connects as ever.
		const facilitator = connect(server.url, {
			auth: { sessionId: session.id, token: session.facilitatorToken },
			transports: ['websocket'],
			reconnection: false,
			extraHeaders: { 'x-forwarded-for': '198.51.100.20' }
		});
		await new Promise<void>((resolve, reject) => {
			facilitator.once('connect', resolve);
			facilitator.once('connect_error', reject);
		});
		facilitator.disconnect();
	});

	it('lets a phone behind the same address in by itself once the flood stops, also one whose connection was already open', async () => {
		const session = await createSession(server.url, 'Flut und Telefon');
		const joined = await joinSession(server.url, session, 'Telefon');
		const address = '203.0.113.8';
		// The phone's connection is open when the script behind the same address uses up the budget.
		const phone = rawControl(address);
		await phone.opened;
		const script = rawControl(address);
		await script.opened;
		for (let i = 0; i < BUDGET + 10 && script.ws.readyState === WebSocket.OPEN; i++)
			script.ws.send(`40${JSON.stringify({ sessionId: session.id, token: WRONG })}`);
		await script.closed;
		// Its handshake comes now: its connection closes with no refusal that would stop a client.
		phone.ws.send(`40${JSON.stringify({ sessionId: session.id, token: joined.token })}`);
		await phone.closed;
		expect(phone.answers).toEqual([]);
		// A stock client from that address, trying again as it does after a lost connection, is in
		// as soon as the address has regained some of its budget.
		const client = connect(server.url, {
			auth: { sessionId: session.id, token: joined.token },
			transports: ['websocket'],
			reconnectionDelay: 200,
			reconnectionDelayMax: 500,
			extraHeaders: { 'x-forwarded-for': address }
		});
		await new Promise<void>((resolve, reject) => {
			client.once('connect', resolve);
			setTimeout(() => reject(new Error('not connected within 5 s')), 5000);
		});
		client.disconnect();
	});

	it('on the board websocket: 429 with Retry-After past its budget, without a lookup or a log line each', async () => {
		const session = await createSession(server.url, 'Flut am Board');
		const before = logged('yjs.upgrade.refused');
		const upgrade = (token: string, address: string) =>
			new Promise<{ status: number; retryAfter?: string }>((resolve) => {
				const ws = new WebSocket(
					`${server.url.replace('http', 'ws')}/yjs/${session.boardId}?token=${token}`,
					{ headers: { 'x-forwarded-for': address } }
				);
				ws.once('open', () => {
					ws.close();
					resolve({ status: 101 });
				});
				ws.on('error', () => {});
				ws.once('unexpected-response', (_req, res) => {
					resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] });
					ws.terminate();
				});
			});
		const statuses: number[] = [];
		for (let i = 0; i < BUDGET + 20; i++)
			statuses.push((await upgrade(WRONG, '203.0.113.9')).status);
		expect(statuses.slice(0, BUDGET).every((s) => s === 401)).toBe(true);
		expect(statuses.slice(BUDGET).every((s) => s === 429)).toBe(true);
		expect((await upgrade(WRONG, '203.0.113.9')).retryAfter).toBe('1');
		// Even with the right token that address waits; another address does not.
		expect((await upgrade(session.facilitatorToken, '203.0.113.9')).status).toBe(429);
		expect((await upgrade(session.facilitatorToken, '198.51.100.21')).status).toBe(101);
		expect(logged('yjs.upgrade.refused') - before).toBe(BUDGET);
		expect(logged('yjs.upgrade.limited')).toBe(1);

		// A valid link with too many tabs open meets its own limit, which the address's neighbours
		// (a room behind one NAT) do not pay for.
		const room = '198.51.100.40';
		const tabs: WebSocket[] = [];
		for (let i = 0; i < YJS_CONNECTIONS_PER_PERSON.staff; i++) {
			const ws = new WebSocket(
				`${server.url.replace('http', 'ws')}/yjs/${session.boardId}?token=${session.facilitatorToken}`,
				{ headers: { 'x-forwarded-for': room } }
			);
			await new Promise((resolve, reject) => {
				ws.once('open', resolve);
				ws.once('error', reject);
			});
			tabs.push(ws);
		}
		for (let i = 0; i < BUDGET + 10; i++)
			expect((await upgrade(session.facilitatorToken, room)).status).toBe(429);
		expect((await upgrade(WRONG, room)).status).toBe(401);
		for (const ws of tabs) ws.terminate();
	});
});

describe('a flood of messages other than commands on one control socket', () => {
	it('closes that socket, and nobody else notices', async () => {
		const session = await createSession(server.url, 'Uhrenflut');
		const joined = await joinSession(server.url, session, 'Uhrmacher');
		const open = (token: string, address: string) => {
			const socket = connect(server.url, {
				auth: { sessionId: session.id, token },
				transports: ['websocket'],
				reconnection: false,
				extraHeaders: { 'x-forwarded-for': address }
			});
			const connected = new Promise<void>((resolve, reject) => {
				socket.once('connect', resolve);
				socket.once('connect_error', reject);
			});
			return { socket, connected };
		};
		const flooder = open(joined.token, '198.51.100.30');
		const facilitator = open(session.facilitatorToken, '198.51.100.31');
		await Promise.all([flooder.connected, facilitator.connected]);
		const gone = new Promise<string>((resolve) => flooder.socket.once('disconnect', resolve));
		// A page asks the clock a few times a minute; this asks it a thousand times, and more.
		for (let i = 0; i < 1000 && flooder.socket.connected; i++) {
			flooder.socket.emit('clock', () => {});
			flooder.socket.emit('made-up', 'x'.repeat(1000));
		}
		expect(await gone).toBe('io server disconnect');
		// New sockets of the same person start no new budget: over ten of them, flooding again,
		// the clock answers no more than the person's budget allows.
		const started = Date.now();
		let answered = 0;
		for (let round = 0; round < 10; round++) {
			const again = open(joined.token, '198.51.100.30');
			try {
				await again.connected;
			} catch {
				continue;
			}
			const closed = new Promise((resolve) => again.socket.once('disconnect', resolve));
			for (let i = 0; i < 200 && again.socket.connected; i++)
				again.socket.emit('clock', () => answered++);
			await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 300))]);
			again.socket.disconnect();
		}
		const { capacity, perSecond } = CONTROL_PACKETS_PER_PERSON.participant;
		expect(answered).toBeLessThanOrEqual(
			capacity + perSecond * ((Date.now() - started) / 1000 + 1)
		);
		const answer = await new Promise<{ ok: boolean }>((resolve) =>
			facilitator.socket.emit('command', { type: 'board.lock' }, resolve)
		);
		expect(answer.ok).toBe(true);
		expect(facilitator.socket.connected).toBe(true);
		facilitator.socket.disconnect();
	});

	it('leaves thirty tabs of one person alone when they all connect at once and ask the clock', async () => {
		const session = await createSession(server.url, 'Viele Tabs');
		const joined = await joinSession(server.url, session, 'Tabs');
		const tabs = Array.from({ length: 30 }, () =>
			connect(server.url, {
				auth: { sessionId: session.id, token: joined.token },
				transports: ['websocket'],
				reconnection: false,
				extraHeaders: { 'x-forwarded-for': '198.51.100.50' }
			})
		);
		const cut: string[] = [];
		for (const tab of tabs) tab.on('disconnect', (reason) => cut.push(reason));
		await Promise.all(
			tabs.map(
				(tab) =>
					new Promise<void>((resolve, reject) => {
						tab.once('connect', resolve);
						tab.once('connect_error', reject);
					})
			)
		);
		// As each page does when it connects: five samples of the server's clock.
		await Promise.all(
			tabs.flatMap((tab) =>
				Array.from(
					{ length: 5 },
					() =>
						new Promise<void>((resolve) => {
							tab.emit('clock', () => resolve());
							tab.once('disconnect', () => resolve());
						})
				)
			)
		);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(cut).toEqual([]);
		for (const tab of tabs) tab.disconnect();
	});
});
