import { createHash } from 'node:crypto';

/**
 * Short join codes for the presenter view: people in the room type
 * `fokus.example.org/k/K7M3-QX9P` from the projector. A code is derived from the
 * join token (so it changes when the link is rotated) and is an invitation,
 * nothing more: it reveals the participant link, whose join token lets one
 * join. Eight characters from 31 unambiguous ones (~40 bits) together with a
 * strict rate limit make guessing pointless.
 */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const JOIN_CODE_LENGTH = 8;

export function joinCodeFor(joinToken: string): string {
	const digest = createHash('sha256').update(`join-code:${joinToken}`, 'utf8').digest();
	let code = '';
	for (let i = 0; code.length < JOIN_CODE_LENGTH; i++) {
		const byte = digest[i]!;
		// Rejection sampling keeps every character equally likely.
		if (byte < 248) code += ALPHABET[byte % ALPHABET.length];
	}
	return code;
}

/** What people type: any case, with or without the dash and spaces. */
export function normaliseJoinCode(input: string): string | null {
	const code = input.toUpperCase().replace(/[\s-]/g, '');
	if (code.length !== JOIN_CODE_LENGTH) return null;
	for (const char of code) if (!ALPHABET.includes(char)) return null;
	return code;
}

export function formatJoinCode(code: string): string {
	return `${code.slice(0, 4)}-${code.slice(4)}`;
}
