import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { WsTransport } from './ws-transport';

let server: Server | null = null;

afterEach(async () => {
	await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
	server = null;
});

/** A server whose first connection is handed over as a transport, and a client connected to it. */
async function connected(): Promise<{
	transport: WsTransport;
	serverSide: WebSocket;
	client: WebSocket;
	received: Buffer[];
}> {
	const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
	const accepted = new Promise<{ ws: WebSocket; socket: Duplex }>((resolve) => {
		server = createServer();
		server.on('upgrade', (req, socket, head) =>
			wss.handleUpgrade(req, socket, head, (ws) => resolve({ ws, socket }))
		);
	});
	await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
	const { port } = server!.address() as AddressInfo;
	const client = new WebSocket(`ws://127.0.0.1:${port}/`);
	const received: Buffer[] = [];
	client.on('message', (data, isBinary) => {
		if (isBinary) received.push(data as Buffer);
	});
	await new Promise((resolve) => client.once('open', resolve));
	const { ws, socket } = await accepted;
	return { transport: new WsTransport(ws, socket), serverSide: ws, client, received };
}

async function until(condition: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
	expect(condition()).toBe(true);
}

const payload = (length: number, seed: number) =>
	Uint8Array.from({ length }, (_, i) => (i * 31 + seed) & 0xff);

describe('WsTransport', () => {
	it('delivers messages of every length class intact and in order, ws’s own frames between them', async () => {
		const { transport, serverSide, client, received } = await connected();
		const pongs: Buffer[] = [];
		client.on('ping', (data) => pongs.push(data));
		// Lengths at each edge of the frame header: 7 bits, 16 bits, 64 bits.
		const lengths = [0, 1, 125, 126, 127, 65_535, 65_536, 200_000];
		const sent = lengths.map((length, i) => payload(length, i));
		for (const [i, message] of sent.entries()) {
			transport.send(message);
			if (i === 3) serverSide.ping(Buffer.from('between'));
		}
		await until(() => received.length === sent.length);
		expect(received.map((m) => m.length)).toEqual(lengths);
		for (const [i, message] of sent.entries())
			expect(new Uint8Array(received[i]!)).toEqual(message);
		expect(pongs.map(String)).toEqual(['between']);
		client.close();
	});

	it('sends a payload sent before and then a new one as they are, not the earlier frame again', async () => {
		const a = await connected();
		const first = payload(40, 1);
		a.transport.send(first);
		a.transport.send(first);
		const second = payload(40, 2);
		a.transport.send(second);
		await until(() => a.received.length === 3);
		expect(new Uint8Array(a.received[1]!)).toEqual(first);
		expect(new Uint8Array(a.received[2]!)).toEqual(second);
		a.client.close();
	});

	it('sends nothing once the closing handshake began, and counts what waits to be written', async () => {
		const { transport, client, received } = await connected();
		expect(transport.bufferedAmount).toBe(0);
		const closed = new Promise<number>((resolve) => client.once('close', (code) => resolve(code)));
		transport.close(4000, 'bye');
		transport.send(payload(10, 3));
		expect(await closed).toBe(4000);
		expect(received).toEqual([]);
	});
});
