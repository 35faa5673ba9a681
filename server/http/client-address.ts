import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, for per-address limits. Behind a proxy (TRUST_PROXY) the last
 * `X-Forwarded-For` entry is the one the proxy appended: what came before it, the client wrote
 * itself (a new made-up address per request evaded every per-address limit).
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
	if (trustProxy) {
		const forwarded = req.headers['x-forwarded-for'];
		const header = Array.isArray(forwarded) ? forwarded.at(-1) : forwarded;
		const last = header?.split(',').at(-1)?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? 'unknown';
}
