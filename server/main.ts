import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ConfigError, parseConfig } from './config';
import { answerMissingAssets } from './http/missing-assets';
import { createLogger, errorFields } from './log';
import { startServer, type PageHandler } from './index';
import { StartupError } from './startup-error';

/** `npm start`: runs build/server.js (this file, bundled) next to SvelteKit's build/handler.js. */
async function main(): Promise<void> {
	let config;
	try {
		config = parseConfig(process.env);
	} catch (error) {
		if (error instanceof ConfigError) {
			process.stderr.write(error.message + '\n');
			process.exit(2);
		}
		throw error;
	}
	const log = createLogger(config.logLevel);
	process.on('unhandledRejection', (reason) =>
		log.error('unhandled.rejection', errorFields(reason))
	);

	// adapter-node builds request URLs from ORIGIN; links and pages agree when both use PUBLIC_URL.
	if (config.publicUrl && !process.env.ORIGIN) process.env.ORIGIN = config.publicUrl;
	const handlerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'handler.js');
	let pages: PageHandler | null = null;
	if (existsSync(handlerFile)) {
		const { handler } = (await import(pathToFileURL(handlerFile).href)) as {
			handler: PageHandler;
		};
		pages = answerMissingAssets(handler, path.join(path.dirname(handlerFile), 'client'));
	} else {
		log.warn('pages.missing', {
			message:
				'SvelteKit build not found next to the server; serving only the API and realtime endpoints. Run npm run build.'
		});
	}

	// Beside the bundle (npm run build): heavy exports render in a worker thread.
	const workerFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'export-worker.js');
	const exportWorker = existsSync(workerFile) ? pathToFileURL(workerFile) : undefined;
	const server = await startServer(config, pages, { log, exportWorker });
	log.info('server.started', {
		url: server.url,
		store: config.store,
		dataDir: config.store === 'sqlite' ? config.dataDir : undefined,
		publicUrl: config.publicUrl
	});

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		log.info('server.stopping', { signal });
		const force = setTimeout(() => {
			log.error('server.stop.timeout');
			process.exit(1);
		}, 10_000);
		force.unref();
		server.close().then(
			() => {
				log.info('server.stopped');
				process.exit(0);
			},
			(error: unknown) => {
				log.error('server.stop.failed', errorFields(error));
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
	// What the operator can fix (a file, a lock, a port) is said in a sentence; anything else is a
	// fault of ours, with its stack.
	const known = error instanceof StartupError || isListenError(error);
	process.stderr.write(
		`Fokusrunde failed to start: ${known || !(error instanceof Error) ? String((error as Error).message ?? error) : error.stack}\n`
	);
	process.exit(1);
});

function isListenError(error: unknown): boolean {
	const code = (error as NodeJS.ErrnoException | null)?.code;
	return (
		(error as NodeJS.ErrnoException | null)?.syscall === 'listen' &&
		(code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL')
	);
}
