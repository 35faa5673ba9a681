import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Credentials: 256 random bits from the operating system's CSPRNG, handed out
 * once and stored only as SHA-256 hashes (they are random, so a slow hash adds nothing).
 */
export function newToken(): string {
	return randomBytes(32).toString('base64url');
}

/** Public identifiers: unguessable but shorter, since they appear in URLs. */
export function newId(bytes = 12): string {
	return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
	return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** Compares a presented token with a stored hash in time independent of where they differ. */
export function tokenMatches(token: string, storedHash: string): boolean {
	const presented = Buffer.from(hashToken(token), 'base64url');
	const stored = Buffer.from(storedHash, 'base64url');
	return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Tokens and ids are base64url; anything else is refused before a lookup. */
export function looksLikeToken(value: unknown): value is string {
	return typeof value === 'string' && /^[A-Za-z0-9_-]{16,128}$/.test(value);
}
