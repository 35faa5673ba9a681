import { AREA_IDS, type AreaId } from '../board/areas';
import type { RoundProgress, RoundResults } from './tally';
import { normaliseLabel } from '../session/validation';

/**
 * A dot-voting round (Punkten): the facilitator opens it with its rules,
 * participants place dots on cards in its scope, and closing it fixes the results.
 */
export interface VotingScope {
	readonly areas: readonly AreaId[];
	/** Clusters whose cards are in scope, whatever area they lie in (card field `clusterId`). */
	readonly clusters: readonly string[];
}

export type ResultsVisibility = 'hidden' | 'live';

export interface VotingOptions {
	/** A label for the round; empty for "Round 1", "Round 2", … */
	readonly title: string;
	readonly scope: VotingScope;
	readonly dotsPerParticipant: number;
	readonly maxPerCard: number;
	/** Results never say who placed which dots. */
	readonly anonymous: boolean;
	/** `hidden`: nobody sees totals until the round closes; `live`: everyone sees them as they grow. */
	readonly visibility: ResultsVisibility;
	/** A time box: the round takes no dots after it and the server closes it. */
	readonly durationMin: number | null;
}

export type RoundStatus = 'open' | 'closed' | 'cancelled';

export interface VotingRound extends VotingOptions {
	readonly id: string;
	readonly sessionId: string;
	/** 1, 2, 3 … in the order the rounds were opened. */
	readonly seq: number;
	readonly status: RoundStatus;
	readonly openedAt: number;
	readonly endsAt: number | null;
	readonly closedAt: number | null;
	/** Fixed when the round closes; null while it is open or when it was cancelled. */
	readonly results: RoundResults | null;
	/**
	 * A round restored from an export file (POST /api/sessions/import). The file
	 * carries no votes, so there are none to count progress from: it is kept as
	 * the file tells it. For the same reason its results name no voters.
	 */
	readonly imported?: { readonly progress: RoundProgress };
}

export const DOTS_MAX = 50;
export const VOTING_TITLE_MAX = 120;
export const VOTING_DURATION_MAX = 240;

export const DEFAULT_VOTING_OPTIONS: VotingOptions = {
	title: '',
	scope: { areas: AREA_IDS, clusters: [] },
	dotsPerParticipant: 5,
	maxPerCard: 3,
	anonymous: true,
	visibility: 'hidden',
	durationMin: null
};

export type VotingOptionsProblem = 'voting_scope_empty' | 'voting_options_invalid';

/** Fills in defaults and checks that the rules make sense together. */
export function votingOptions(
	input: Partial<VotingOptions>
): { ok: true; value: VotingOptions } | { ok: false; error: VotingOptionsProblem } {
	const given = Object.fromEntries(
		Object.entries(input).filter(([, value]) => value !== undefined)
	) as Partial<VotingOptions>;
	const options: VotingOptions = {
		...DEFAULT_VOTING_OPTIONS,
		...given,
		scope: {
			areas: input.scope?.areas
				? [...new Set(input.scope.areas)]
				: DEFAULT_VOTING_OPTIONS.scope.areas,
			clusters: input.scope?.clusters ? [...new Set(input.scope.clusters)] : []
		},
		// A title as every title: control and invisible characters would reach every screen and file.
		title: normaliseLabel(input.title ?? '')
	};
	if (options.scope.areas.length === 0 && options.scope.clusters.length === 0)
		return { ok: false, error: 'voting_scope_empty' };
	const whole = (n: number, min: number, max: number) =>
		Number.isInteger(n) && n >= min && n <= max;
	if (
		!whole(options.dotsPerParticipant, 1, DOTS_MAX) ||
		!whole(options.maxPerCard, 1, DOTS_MAX) ||
		options.title.length > VOTING_TITLE_MAX ||
		(options.durationMin !== null &&
			!(options.durationMin > 0 && options.durationMin <= VOTING_DURATION_MAX))
	)
		return { ok: false, error: 'voting_options_invalid' };
	// A cap above the budget means no cap: keep it readable.
	return {
		ok: true,
		value: { ...options, maxPerCard: Math.min(options.maxPerCard, options.dotsPerParticipant) }
	};
}

export function openRound(
	options: VotingOptions,
	at: { id: string; sessionId: string; seq: number; now: number }
): VotingRound {
	return {
		...options,
		id: at.id,
		sessionId: at.sessionId,
		seq: at.seq,
		status: 'open',
		openedAt: at.now,
		endsAt: options.durationMin === null ? null : at.now + options.durationMin * 60_000,
		closedAt: null,
		results: null
	};
}

/**
 * The round a command means: the one it names by `roundId`, or without one the open round.
 * When there is none — an unknown id, or no round open — the command has no round to act on
 * (`voting_not_found`); a round that exists but has ended is the caller's to check (`voting_closed`).
 */
export function targetRound(
	rounds: readonly VotingRound[],
	roundId: string | undefined
): { ok: true; round: VotingRound } | { ok: false; error: 'voting_not_found' } {
	const round =
		roundId === undefined
			? rounds.find((r) => r.status === 'open')
			: rounds.find((r) => r.id === roundId);
	return round ? { ok: true, round } : { ok: false, error: 'voting_not_found' };
}

/** Whether the round takes dots now: open, and its time box (if any) not over. */
export function acceptsDots(round: VotingRound, now: number): boolean {
	return round.status === 'open' && (round.endsAt === null || now < round.endsAt);
}

/** Whether a card lies in the round's scope. */
export function inScope(
	scope: VotingScope,
	card: { readonly area: string; readonly clusterId: string | null }
): boolean {
	return (
		(scope.areas as readonly string[]).includes(card.area) ||
		(card.clusterId !== null && scope.clusters.includes(card.clusterId))
	);
}
