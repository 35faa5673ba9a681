import { describe, expect, it } from 'vitest';
import { refusedJoinLink } from './join-link';

const whole = 'aWr2PkqN1kD87otd_U2f5CAiw3t1EzQhMRwX0a-9bcd';

describe('a participant link the server refused', () => {
	it('is outdated when its token is whole (a replaced link, or another session’s)', () => {
		expect(whole).toHaveLength(43);
		expect(refusedJoinLink(whole)).toBe('outdated');
	});

	it('is incomplete when its token is missing, cut off or carries more than a token', () => {
		expect(refusedJoinLink('')).toBe('incomplete');
		expect(refusedJoinLink(whole.slice(0, 30))).toBe('incomplete');
		expect(refusedJoinLink(whole + '.')).toBe('incomplete');
		expect(refusedJoinLink(whole.slice(0, 42) + ' ')).toBe('incomplete');
	});
});
