import { existsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

type PageHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/** Where SvelteKit puts the built client's files, hashed and rewritten by every build. */
const ASSETS = '/_app/';

/**
 * adapter-node serves the client's files from a list it reads at start and
 * streams them without handling a read error: a file that a new build removed
 * under the running server (an update deployed before the restart) made the
 * next request for it end the whole process. Such a file is answered 404 here
 * instead, before the page handler tries to read it.
 */
export function answerMissingAssets(pages: PageHandler, clientDir: string): PageHandler {
	const root = path.resolve(clientDir);
	return (req, res, next) => {
		const pathname = (req.url ?? '/').split('?')[0]!;
		if ((req.method === 'GET' || req.method === 'HEAD') && pathname.startsWith(ASSETS)) {
			let file: string;
			try {
				file = path.join(root, decodeURIComponent(pathname));
			} catch {
				file = '';
			}
			if (!file.startsWith(root + path.sep) || !existsSync(file)) {
				res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
				return;
			}
		}
		pages(req, res, next);
	};
}
