import { describe, expect, it } from 'vitest';
import { RefusalLimit } from './refusal-limit';

describe('RefusalLimit', () => {
	it('lets an address be refused a burst of times, then refuses it at once until it regains some', () => {
		const limit = new RefusalLimit({ capacity: 3, perSecond: 1 });
		expect([limit.attempt('a', 0), limit.attempt('a', 0), limit.attempt('a', 0)]).toEqual([
			true,
			true,
			true
		]);
		expect(limit.exhausted('a', 0)).toBe(true);
		expect(limit.attempt('a', 0)).toBe(false);
		expect(limit.retryAfter('a', 0)).toBe(1);
		// Worth one log line, not one per try.
		expect([limit.newlyLimited('a'), limit.newlyLimited('a')]).toEqual([true, false]);
		// Another address is not held up by it.
		expect(limit.attempt('b', 0)).toBe(true);
		expect(limit.attempt('a', 999)).toBe(false);
		expect(limit.attempt('a', 1000)).toBe(true);
		expect(limit.newlyLimited('a')).toBe(true);
	});

	it('never counts handshakes that were let in, however many come at once', () => {
		const limit = new RefusalLimit({ capacity: 3, perSecond: 1 });
		for (let i = 0; i < 500; i++) {
			expect(limit.attempt('room', 0)).toBe(true);
			limit.admitted('room', 0);
		}
		expect(limit.exhausted('room', 0)).toBe(false);
		// A few stale links among them cost only their own refusals.
		limit.attempt('room', 0);
		limit.attempt('room', 0);
		expect(limit.exhausted('room', 0)).toBe(false);
	});
});
