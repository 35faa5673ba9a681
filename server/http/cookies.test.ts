import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { isSameOrigin, readCookie, sessionCookie, sessionCookieName } from './cookies';

describe('session cookies', () => {
	it('are HttpOnly, SameSite=Lax and Secure behind https', () => {
		const cookie = sessionCookie('abc', 'tok', true);
		expect(cookie).toMatch(/^fokusrunde_s_abc=tok;/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('SameSite=Lax');
		expect(cookie).toContain('Secure');
		expect(sessionCookie('abc', 'tok', false)).not.toContain('Secure');
	});

	it('are found among other cookies', () => {
		const header = `theme=dark; ${sessionCookieName('s1')}=one; ${sessionCookieName('s2')}=two`;
		expect(readCookie(header, sessionCookieName('s2'))).toBe('two');
		expect(readCookie(header, sessionCookieName('s3'))).toBeUndefined();
		expect(readCookie(undefined, 'x')).toBeUndefined();
		expect(readCookie('x=%E0%A4%A', 'x')).toBeUndefined();
	});

	it('count only from our own origin', () => {
		const req = (origin?: string) =>
			({ headers: { host: 'fokus.example.org', origin } }) as unknown as IncomingMessage;
		expect(isSameOrigin(req(), null)).toBe(true);
		expect(isSameOrigin(req('https://fokus.example.org'), null)).toBe(true);
		expect(isSameOrigin(req('https://evil.example'), null)).toBe(false);
		expect(isSameOrigin(req('null'), null)).toBe(false);
		// Behind a proxy that passes its upstream address as Host, PUBLIC_URL names our pages.
		const proxied = (origin: string) =>
			({ headers: { host: 'localhost:3000', origin } }) as unknown as IncomingMessage;
		const publicUrl = 'https://fokus.example.org';
		expect(isSameOrigin(proxied('https://fokus.example.org'), publicUrl)).toBe(true);
		expect(isSameOrigin(proxied('http://fokus.example.org'), publicUrl)).toBe(false);
		expect(isSameOrigin(proxied('https://evil.example'), publicUrl)).toBe(false);
	});
});
