import { describe, expect, it } from 'vitest';
import { RateLimiter, TokenBucket } from './rate-limit';

describe('rate limiting', () => {
	it('allows a burst up to the capacity, then refuses', () => {
		const bucket = new TokenBucket({ capacity: 3, perSecond: 1 }, 0);
		expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([
			true,
			true,
			true,
			false
		]);
	});

	it('refills at the given rate and never above the capacity', () => {
		const bucket = new TokenBucket({ capacity: 2, perSecond: 2 }, 0);
		bucket.take(0);
		bucket.take(0);
		expect(bucket.take(100)).toBe(false);
		expect(bucket.take(500)).toBe(true);
		expect(bucket.take(60_000)).toBe(true);
		expect(bucket.take(60_000)).toBe(true);
		expect(bucket.take(60_000)).toBe(false);
	});

	it('tells a refused caller how many whole seconds until the next request passes', () => {
		const limiter = new RateLimiter({ capacity: 2, perSecond: 0.5 });
		expect(limiter.retryAfter('a', 0)).toBe(0);
		limiter.take('a', 0);
		limiter.take('a', 0);
		expect(limiter.take('a', 0)).toBe(false);
		expect(limiter.retryAfter('a', 0)).toBe(2);
		expect(limiter.retryAfter('a', 1500)).toBe(1);
		expect(limiter.retryAfter('a', 2000)).toBe(0);
		expect(limiter.retryAfter('b', 0)).toBe(0);
	});

	it('keeps callers apart and forgets refilled ones', () => {
		const limiter = new RateLimiter({ capacity: 1, perSecond: 1 });
		expect(limiter.take('a', 0)).toBe(true);
		expect(limiter.take('a', 0)).toBe(false);
		expect(limiter.take('b', 0)).toBe(true);
		limiter.sweep(5_000);
		expect(limiter.size).toBe(0);
	});

	it('stays bounded in memory under many callers', () => {
		const limiter = new RateLimiter({ capacity: 1, perSecond: 1 }, 100);
		for (let i = 0; i < 1000; i++) limiter.take(`ip${i}`, 0);
		expect(limiter.size).toBeLessThanOrEqual(100);
	});
});
