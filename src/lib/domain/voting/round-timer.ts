import { hasTimeBox, type TimerState } from '../session/timer';
import type { VotingRound } from './round';

/** Which time a screen with room for one clock shows large, and what else it may show small. */
export interface ShownTimers {
	/** The time the room is working against now. */
	readonly main: TimerState;
	/** `voting`: the open round's time box, labelled as the round's; `phase`: the phase timer. */
	readonly kind: 'voting' | 'phase';
	/** The phase timer beside the round's time, when the phase has a time box; else null. */
	readonly phase: TimerState | null;
}

/** The time box of an open round as a running timer; null for a round without one or not open. */
export function roundTimer(
	round: Pick<VotingRound, 'status' | 'openedAt' | 'endsAt'> | null
): TimerState | null {
	if (!round || round.status !== 'open' || round.endsAt === null) return null;
	return {
		status: 'running',
		durationMs: Math.max(0, round.endsAt - round.openedAt),
		endsAt: round.endsAt
	};
}

/**
 * While a round with a time box is open, that is the time that counts for the room: the
 * round takes no dots after it and closes itself, whatever the phase timer says. The
 * projector and the phone's top bar show it large, labelled as the round's; the phase
 * timer (the facilitator's plan for the whole phase) stays beside it, small, where there is room.
 */
export function shownTimers(
	phase: TimerState,
	round: Pick<VotingRound, 'status' | 'openedAt' | 'endsAt'> | null
): ShownTimers {
	const voting = roundTimer(round);
	if (!voting) return { main: phase, kind: 'phase', phase: null };
	return { main: voting, kind: 'voting', phase: hasTimeBox(phase) ? phase : null };
}

/**
 * Whether a phone keeps the time at the top of its screen, as the reminder of time running
 * out: a round's time box, or the phase's once started (running or paused). A time box
 * nobody started stays with the phase's texts, where it reads as the plan it is.
 */
export function pinnedOnPhone(timers: ShownTimers): boolean {
	return timers.kind === 'voting' || (hasTimeBox(timers.main) && timers.main.status !== 'idle');
}
