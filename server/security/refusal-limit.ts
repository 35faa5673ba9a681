import { RateLimiter, type BucketRule } from './rate-limit';

/**
 * Refused handshakes an address may have in a burst, and how many it regains a second: far more
 * than a room behind one address with a few stale links, far fewer than a script trying tokens.
 */
export const REFUSALS_PER_ADDRESS: BucketRule = { capacity: 300, perSecond: 2 };

/**
 * Refused handshakes per client address, on the board websocket and the control socket alike. A
 * refusal costs a lookup and a log line; an address past its budget is refused at once, without
 * either, until it has regained some. Only refusals count: a room of phones behind one address
 * reconnecting at once with valid links is never held up by it.
 *
 * Each handshake reserves a refusal before its credential is looked up (a script sends hundreds
 * before the first lookup ends), and gives it back once admitted.
 */
export class RefusalLimit {
	private readonly limiter: RateLimiter;
	/** Addresses told once that they are past their budget, until they are let try again. */
	private readonly reported = new Set<string>();

	constructor(rule: BucketRule = REFUSALS_PER_ADDRESS) {
		this.limiter = new RateLimiter(rule);
	}

	/** Reserves a refusal for a handshake; false when the address has none left: refuse it at once. */
	attempt(address: string, now: number): boolean {
		if (!this.limiter.take(address, now)) return false;
		this.reported.delete(address);
		return true;
	}

	/** True the first time an address is refused for its budget, until it may try again: log it once. */
	newlyLimited(address: string): boolean {
		if (this.reported.has(address)) return false;
		// Many addresses at once: forgetting some costs a log line each, never memory without end.
		if (this.reported.size >= 50_000) this.reported.clear();
		this.reported.add(address);
		return true;
	}

	/** The handshake was let in (or failed on the server's side): its reservation goes back. */
	admitted(address: string, now: number): void {
		this.limiter.refund(address, now);
	}

	/** Whether the address has used up its refusals. */
	exhausted(address: string, now: number): boolean {
		return this.limiter.retryAfter(address, now) > 0;
	}

	/** Whole seconds until the address may try again (0: now). */
	retryAfter(address: string, now: number): number {
		return this.limiter.retryAfter(address, now);
	}
}
