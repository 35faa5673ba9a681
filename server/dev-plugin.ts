import type { Server as HttpServer } from 'node:http';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';

/**
 * `npm run dev` offers the production endpoints: the same composition is
 * attached to Vite's HTTP server (API middleware, /yjs websocket, socket.io).
 */
export function fokusrundeRealtime(): Plugin {
	async function attach(server: ViteDevServer | PreviewServer): Promise<void> {
		if (process.env.VITEST || !server.httpServer) return;
		// Loaded here, not at the top, so that `vite build` does not open a database.
		const { parseConfig } = await import('./config.ts');
		const { createFokusrunde } = await import('./app.ts');
		const httpServer = server.httpServer as HttpServer;
		const app = createFokusrunde(parseConfig(process.env), httpServer);
		server.middlewares.use((req, res, next) => app.api(req, res, next));
		httpServer.on('close', () => void app.close());
	}
	return {
		name: 'fokusrunde-realtime',
		configureServer: attach,
		configurePreviewServer: attach
	};
}
