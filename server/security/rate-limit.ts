/**
 * Token buckets. Pure: callers pass the time, so tests need no clock.
 */
export interface BucketRule {
	/** Requests allowed in a burst. */
	readonly capacity: number;
	/** Requests regained per second. */
	readonly perSecond: number;
}

/** One caller's budget, for example one websocket connection. */
export class TokenBucket {
	private tokens: number;
	constructor(
		private readonly rule: BucketRule,
		private updated: number
	) {
		this.tokens = rule.capacity;
	}

	take(now: number, cost = 1): boolean {
		const elapsed = Math.max(0, now - this.updated) / 1000;
		this.tokens = Math.min(this.rule.capacity, this.tokens + elapsed * this.rule.perSecond);
		this.updated = now;
		if (this.tokens < cost) return false;
		this.tokens -= cost;
		return true;
	}

	/** Gives back what a caller took but did not use, up to the bucket's capacity. */
	refund(now: number, cost = 1): void {
		this.take(now, 0);
		this.tokens = Math.min(this.rule.capacity, this.tokens + cost);
	}

	/** Whole seconds until `cost` can be taken again (0: now). */
	secondsUntil(now: number, cost = 1): number {
		const elapsed = Math.max(0, now - this.updated) / 1000;
		const tokens = Math.min(this.rule.capacity, this.tokens + elapsed * this.rule.perSecond);
		return tokens >= cost ? 0 : Math.ceil((cost - tokens) / this.rule.perSecond);
	}

	/** True when the bucket has refilled and can be forgotten. */
	isFull(now: number): boolean {
		return this.tokens + ((now - this.updated) / 1000) * this.rule.perSecond >= this.rule.capacity;
	}
}

/** Buckets keyed by caller (IP address, participant), bounded in memory. */
export class RateLimiter {
	private readonly buckets = new Map<string, TokenBucket>();

	constructor(
		private readonly rule: BucketRule,
		private readonly maxKeys = 50_000
	) {}

	take(key: string, now: number, cost = 1): boolean {
		let bucket = this.buckets.get(key);
		if (!bucket) {
			if (this.buckets.size >= this.maxKeys) this.sweep(now);
			// Under a flood of new callers, the oldest go first (a Map keeps insertion order).
			if (this.buckets.size >= this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
			bucket = new TokenBucket(this.rule, now);
			this.buckets.set(key, bucket);
		}
		return bucket.take(now, cost);
	}

	/** Gives back what this caller took but did not use. */
	refund(key: string, now: number, cost = 1): void {
		this.buckets.get(key)?.refund(now, cost);
	}

	/** Whole seconds until this caller may make a request again (0: now). */
	retryAfter(key: string, now: number, cost = 1): number {
		return this.buckets.get(key)?.secondsUntil(now, cost) ?? 0;
	}

	/** Forgets refilled buckets: they behave exactly like new ones. */
	sweep(now: number): void {
		for (const [key, bucket] of this.buckets) if (bucket.isFull(now)) this.buckets.delete(key);
	}

	get size(): number {
		return this.buckets.size;
	}
}
