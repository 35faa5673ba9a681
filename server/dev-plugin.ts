import type { Server as HttpServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Plugin, ViteDevServer } from 'vite';

/**
 * `npm run dev` offers the production endpoints: the same composition is
 * attached to Vite's HTTP server (API middleware, /yjs websocket, socket.io).
 */
export function fokusrundeRealtime(): Plugin {
	return {
		name: 'fokusrunde-realtime',
		apply: 'serve',
		async configureServer(server: ViteDevServer) {
			if (process.env.VITEST || !server.httpServer) return;
			// Loaded through tsx at start, so that `vite build` and the config bundle never touch the server code.
			const { tsImport } = await import('tsx/esm/api');
			const load = <T>(file: string) =>
				tsImport(path.resolve(server.config.root, file), import.meta.url) as Promise<T>;
			const { parseConfig } = await load<typeof import('./config')>('server/config.ts');
			const { createFokusrunde } = await load<typeof import('./app')>('server/app.ts');
			const httpServer = server.httpServer as HttpServer;
			// As in production, heavy exports render in a worker thread (here from the TypeScript source).
			const exportWorker = pathToFileURL(
				path.resolve(server.config.root, 'server/exports/worker.ts')
			);
			const app = createFokusrunde(parseConfig(process.env), httpServer, { exportWorker });
			server.middlewares.use((req, res, next) => app.api(req, res, next));
			httpServer.on('close', () => void app.close());
		}
	};
}
