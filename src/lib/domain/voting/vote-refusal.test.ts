import { describe, expect, it } from 'vitest';
import { refusalStillMatters } from './vote-refusal';

describe('a refused dot’s notice', () => {
	it('is said while the round it was sent in is open', () => {
		expect(refusalStillMatters('r1', 'r1')).toBe(true);
		// Sent with no round open (a stale button): the refusal says why nothing happened.
		expect(refusalStillMatters(undefined, undefined)).toBe(true);
	});

	it('is not said once that round has ended or another has opened', () => {
		expect(refusalStillMatters('r1', undefined)).toBe(false);
		expect(refusalStillMatters('r1', 'r2')).toBe(false);
	});
});
