import type { Role } from '../../src/lib/domain/session/roles';
import { type BucketRule, RateLimiter } from './rate-limit';

/**
 * How many times a participant's command budget staff (facilitator, observers)
 * have: the facilitator steers the whole meeting and must never be refused for
 * clicking through it, so theirs is a flood guard rather than a pace.
 */
export const STAFF_COMMAND_FACTOR = 10;

/** The command buckets for `rate` commands per second (COMMAND_RATE): a burst of six times as many. */
export function commandRules(rate: number): {
	readonly participant: BucketRule;
	readonly staff: BucketRule;
} {
	const staffRate = rate * STAFF_COMMAND_FACTOR;
	return {
		participant: { capacity: rate * 6, perSecond: rate },
		staff: { capacity: staffRate * 6, perSecond: staffRate }
	};
}

/** Who sends a command: one budget per credential. */
export interface CommandCaller {
	readonly participantId: string;
	readonly role: Role;
}

/**
 * The control-plane command limit: one budget per caller, shared by every
 * transport (socket.io and POST /api/sessions/:id/commands), so that switching
 * transports is no way around it. Pure: callers pass the time.
 */
export class CommandLimiter {
	private readonly participants: RateLimiter;
	private readonly staff: RateLimiter;

	constructor(rate: number) {
		const rules = commandRules(rate);
		this.participants = new RateLimiter(rules.participant);
		this.staff = new RateLimiter(rules.staff);
	}

	/** Takes one command from the caller's budget; false when it is spent. */
	take(caller: CommandCaller, now: number): boolean {
		return this.of(caller).take(caller.participantId, now);
	}

	/** Whole seconds until the caller may send a command again (0: now). */
	retryAfter(caller: CommandCaller, now: number): number {
		return this.of(caller).retryAfter(caller.participantId, now);
	}

	private of(caller: CommandCaller): RateLimiter {
		return caller.role === 'participant' ? this.participants : this.staff;
	}
}
