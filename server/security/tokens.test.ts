import { describe, expect, it } from 'vitest';
import { hashToken, looksLikeToken, newId, newToken, tokenMatches } from './tokens';

describe('tokens', () => {
	it('carry at least 128 random bits and never repeat', () => {
		const tokens = new Set(Array.from({ length: 1000 }, newToken));
		expect(tokens.size).toBe(1000);
		for (const token of tokens)
			expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
		expect(Buffer.from(newId(), 'base64url').length * 8).toBeGreaterThanOrEqual(96);
	});

	it('are stored as hashes that do not contain the token', () => {
		const token = newToken();
		const hash = hashToken(token);
		expect(hash).not.toContain(token);
		expect(hash).toBe(hashToken(token));
	});

	it('match only their own hash', () => {
		const token = newToken();
		expect(tokenMatches(token, hashToken(token))).toBe(true);
		expect(tokenMatches(newToken(), hashToken(token))).toBe(false);
		expect(tokenMatches(token, 'short')).toBe(false);
	});

	it('are recognised by shape before any lookup', () => {
		expect(looksLikeToken(newToken())).toBe(true);
		expect(looksLikeToken('')).toBe(false);
		expect(looksLikeToken('abc')).toBe(false);
		expect(looksLikeToken("x' OR 1=1 --xxxxxxxxxxxxx")).toBe(false);
		expect(looksLikeToken(42)).toBe(false);
	});
});
