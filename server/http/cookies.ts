import type { IncomingMessage } from 'node:http';

/**
 * The browser's credential for a session: an HttpOnly cookie per session, so
 * scripts in the page never see the token and one browser can be in several sessions.
 */
export function sessionCookieName(sessionId: string): string {
	return `fokusrunde_s_${sessionId}`;
}

export function readCookie(header: string | undefined, name: string): string | undefined {
	if (!header) return undefined;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq < 0) continue;
		if (part.slice(0, eq).trim() !== name) continue;
		const value = part.slice(eq + 1).trim();
		try {
			return decodeURIComponent(value);
		} catch {
			return undefined;
		}
	}
	return undefined;
}

export function sessionCookie(sessionId: string, token: string, secure: boolean): string {
	const attributes = [
		`${sessionCookieName(sessionId)}=${token}`,
		'Path=/',
		'HttpOnly',
		'SameSite=Lax',
		// A focus-group series runs for months; the cookie outlives a browser restart.
		`Max-Age=${60 * 60 * 24 * 180}`
	];
	if (secure) attributes.push('Secure');
	return attributes.join('; ');
}

export function clearedSessionCookie(sessionId: string): string {
	return `${sessionCookieName(sessionId)}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}

/**
 * A request that authenticates by cookie must come from our own pages: the Origin
 * header, when a browser sends one, must name PUBLIC_URL or the host the request
 * went to. A reverse proxy that passes its own upstream address as Host (nginx
 * does unless told otherwise) leaves only PUBLIC_URL to tell our pages by.
 */
export function isSameOrigin(req: IncomingMessage, publicUrl: string | null): boolean {
	const origin = req.headers.origin;
	if (!origin) return true;
	try {
		const url = new URL(origin);
		return url.origin === publicUrl || url.host === req.headers.host;
	} catch {
		return false;
	}
}
