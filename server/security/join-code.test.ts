import { describe, expect, it } from 'vitest';
import { formatJoinCode, joinCodeFor, normaliseJoinCode } from './join-code';
import { newToken } from './tokens';

describe('short join codes', () => {
	it('are eight unambiguous characters, the same for the same join token', () => {
		const token = newToken();
		const code = joinCodeFor(token);
		expect(code).toMatch(/^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{8}$/);
		expect(joinCodeFor(token)).toBe(code);
		expect(joinCodeFor(newToken())).not.toBe(code);
	});

	it('spread over the whole alphabet', () => {
		const seen = new Set<string>();
		for (let i = 0; i < 500; i++) for (const char of joinCodeFor(newToken())) seen.add(char);
		expect(seen.size).toBe(31);
	});

	it('accept what people type and refuse what cannot be a code', () => {
		const code = joinCodeFor(newToken());
		expect(normaliseJoinCode(formatJoinCode(code).toLowerCase())).toBe(code);
		expect(normaliseJoinCode(` ${code.slice(0, 4)} ${code.slice(4)} `)).toBe(code);
		expect(normaliseJoinCode('ABCD-EFG')).toBeNull();
		expect(normaliseJoinCode('ABCD-EFGO')).toBeNull();
		expect(normaliseJoinCode("x' OR 1=1")).toBeNull();
	});
});
