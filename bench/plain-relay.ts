/**
 * The baseline for the sync benchmark: the least a server can do for stock
 * y-websocket clients. Every binary message on /yjs/<room> goes, unchanged, to
 * every other connection of the same room. No document, no policy, no storage,
 * no authentication. Same `ws` settings as the board endpoint (no compression,
 * same frame limit), so the difference to Fokusrunde is what Fokusrunde adds.
 *
 * Start: `node --import tsx bench/plain-relay.ts` (PORT, HOST from the environment).
 * Prints `{"event":"relay.started","url":...}` once listening; answers stats
 * requests over IPC through ./stats-probe.
 */
import './stats-probe';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { YJS_MAX_FRAME, YJS_PATH } from '../src/lib/protocol/yjs';

const rooms = new Map<string, Set<WebSocket>>();
const wss = new WebSocketServer({
	noServer: true,
	maxPayload: YJS_MAX_FRAME,
	perMessageDeflate: false
});

const httpServer = createServer((_req, res) => {
	res.writeHead(404).end();
});

httpServer.on('upgrade', (req, socket, head) => {
	const path = (req.url ?? '').split('?')[0]!;
	if (!path.startsWith(YJS_PATH + '/')) {
		socket.destroy();
		return;
	}
	const name = path.slice(YJS_PATH.length + 1);
	socket.on('error', () => socket.destroy());
	wss.handleUpgrade(req, socket, head, (ws) => {
		let room = rooms.get(name);
		if (!room) rooms.set(name, (room = new Set()));
		const members = room;
		members.add(ws);
		ws.on('message', (data, isBinary) => {
			if (!isBinary) return;
			for (const other of members)
				if (other !== ws && other.readyState === other.OPEN) other.send(data as Buffer);
		});
		ws.on('close', () => {
			members.delete(ws);
			if (members.size === 0 && rooms.get(name) === members) rooms.delete(name);
		});
		ws.on('error', () => ws.terminate());
	});
});

const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
httpServer.listen(port, host, () => {
	const address = httpServer.address() as AddressInfo;
	process.stdout.write(
		JSON.stringify({ event: 'relay.started', url: `http://${host}:${address.port}` }) + '\n'
	);
});

const stop = () => {
	for (const ws of wss.clients) ws.terminate();
	httpServer.close(() => process.exit(0));
	httpServer.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
