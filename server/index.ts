import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { YJS_PATH } from '../src/lib/protocol/yjs';
import { createFokusrunde, type Composition, type Fokusrunde } from './app';
import type { Config } from './config';
import { sendError } from './http/http-io';

/** The SvelteKit handler (adapter-node's `build/handler.js`), or anything with its signature. */
export type PageHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface RunningServer {
	readonly url: string;
	readonly port: number;
	readonly app: Fokusrunde;
	close(): Promise<void>;
}

/**
 * One process, one port: the HTTP API, the SvelteKit pages, the board
 * websocket (/yjs) and socket.io (/socket.io) on one HTTP server.
 */
export async function startServer(
	config: Config,
	pages: PageHandler | null,
	composition: Composition = {}
): Promise<RunningServer> {
	let handle = (req: IncomingMessage, res: ServerResponse): void => {
		res.writeHead(503).end();
	};
	// socket.io wraps the request listeners present when it attaches, so ours is registered first.
	const httpServer = createServer((req, res) => handle(req, res));
	const app = createFokusrunde(config, httpServer, composition);
	const notFound = (req: IncomingMessage, res: ServerResponse) => sendError(req, res, 'not_found');
	handle = (req, res) =>
		app.api(req, res, () =>
			pages ? pages(req, res, () => notFound(req, res)) : notFound(req, res)
		);

	// Upgrades for neither the board endpoint nor socket.io have no owner: end them.
	httpServer.on('upgrade', (req: IncomingMessage, socket: Duplex) => {
		const path = (req.url ?? '').split('?')[0]!;
		if (!path.startsWith(YJS_PATH + '/') && !path.startsWith('/socket.io/')) socket.destroy();
	});

	await new Promise<void>((resolve, reject) => {
		httpServer.once('error', reject);
		httpServer.listen(config.port, config.host, () => {
			httpServer.off('error', reject);
			resolve();
		});
	});
	const { port } = httpServer.address() as AddressInfo;
	const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;

	let closing: Promise<void> | null = null;
	return {
		url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
		port,
		app,
		close() {
			closing ??= (async () => {
				const stopped = new Promise<void>((resolve) => httpServer.close(() => resolve()));
				await app.close();
				httpServer.closeAllConnections();
				await stopped;
			})();
			return closing;
		}
	};
}
