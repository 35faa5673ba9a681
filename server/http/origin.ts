import type { IncomingMessage } from 'node:http';
import type { Config } from '../config';

/** Whether the browser reached us over https (directly, or through a trusted proxy). */
export function isHttps(req: IncomingMessage, config: Config): boolean {
	if (config.publicUrl) return config.publicUrl.startsWith('https:');
	if (config.trustProxy && req.headers['x-forwarded-proto'] === 'https') return true;
	return 'encrypted' in req.socket && Boolean(req.socket.encrypted);
}

/** The origin for links handed out: PUBLIC_URL, else the origin the request came to. */
export function originOf(req: IncomingMessage, config: Config): string {
	return (
		config.publicUrl ??
		`${isHttps(req, config) ? 'https' : 'http'}://${req.headers.host ?? 'localhost'}`
	);
}
