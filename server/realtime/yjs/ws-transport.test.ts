import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { SharedFrame } from './board-room';
import { WsTransport } from './ws-transport';

let server: WebSocketServer | null = null;

afterEach(async () => {
	for (const ws of server?.clients ?? []) ws.terminate();
	await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
	server = null;
});

/** A server-side transport and the stock ws client at the other end, with what that client receives. */
async function pairs(count: number) {
	server = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
	await once(server, 'listening');
	const { port } = server.address() as AddressInfo;
	const result: { transport: WsTransport; received: Buffer[]; client: WebSocket }[] = [];
	for (let i = 0; i < count; i++) {
		const accepted = once(server, 'connection');
		const client = new WebSocket(`ws://127.0.0.1:${port}`);
		const received: Buffer[] = [];
		client.on('message', (data, isBinary) => {
			expect(isBinary).toBe(true);
			received.push(data as Buffer);
		});
		await once(client, 'open');
		const [ws] = (await accepted) as [WebSocket];
		result.push({ transport: new WsTransport(ws), received, client });
	}
	return result;
}

const bytes = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 7 + 3) % 256);

async function until(check: () => boolean): Promise<void> {
	for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('WsTransport', () => {
	it('delivers a shared frame of every length class intact to each client, in order with plain sends', async () => {
		const clients = await pairs(2);
		// 0–125 bytes: 7-bit length; 126–65535: 16-bit; from 65536: 64-bit (RFC 6455).
		const lengths = [0, 1, 125, 126, 127, 65535, 65536, 70000];
		for (const length of lengths) {
			const frame = new SharedFrame(bytes(length));
			for (const { transport } of clients) transport.send(frame);
			for (const { transport } of clients) transport.send(Uint8Array.of(length % 256));
		}
		for (const { received } of clients) {
			await until(() => received.length === lengths.length * 2);
			expect(received.map((b) => b.length)).toEqual(lengths.flatMap((l) => [l, 1]));
			for (const [i, length] of lengths.entries()) {
				expect(new Uint8Array(received[2 * i]!)).toEqual(bytes(length));
				expect(received[2 * i + 1]![0]).toBe(length % 256);
			}
		}
	});

	it('sends nothing after the connection was closed, and does not throw', async () => {
		const [one] = await pairs(1);
		const closed = once(one!.client, 'close');
		one!.transport.close(4000, 'bye');
		expect(() => one!.transport.send(new SharedFrame(bytes(10)))).not.toThrow();
		const [code] = (await closed) as [number];
		expect(code).toBe(4000);
		expect(one!.received).toEqual([]);
	});

	it('counts shared frames that are not written yet as buffered', async () => {
		const [one] = await pairs(1);
		one!.client.pause();
		const frame = new SharedFrame(bytes(1 << 20));
		for (let i = 0; i < 64; i++) one!.transport.send(frame);
		expect(one!.transport.bufferedAmount).toBeGreaterThan(1 << 20);
	});
});
