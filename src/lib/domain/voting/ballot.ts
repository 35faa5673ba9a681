import { acceptsDots, inScope, type VotingRound } from './round';

/** The dots one participant placed on one card in one round. */
export interface Vote {
	readonly roundId: string;
	readonly participantId: string;
	readonly cardId: string;
	/** The voter's stakeholder group when they voted. */
	readonly group: string | null;
	readonly dots: number;
}

export interface VotableCard {
	readonly id: string;
	readonly area: string;
	readonly clusterId: string | null;
}

export type VoteProblem =
	| 'voting_closed'
	| 'card_not_found'
	| 'card_out_of_scope'
	| 'no_dots_left'
	| 'card_dots_full'
	| 'no_dot_on_card';

export interface Ballot {
	/** Dots per card. */
	readonly dots: Readonly<Record<string, number>>;
	readonly used: number;
	readonly remaining: number;
}

/** One participant's dots in a round, from all votes of the round. */
export function ballotOf(
	round: VotingRound,
	votes: readonly Vote[],
	participantId: string
): Ballot {
	const dots: Record<string, number> = {};
	let used = 0;
	for (const vote of votes) {
		if (vote.participantId !== participantId || vote.dots <= 0) continue;
		dots[vote.cardId] = vote.dots;
		used += vote.dots;
	}
	return { dots, used, remaining: Math.max(0, round.dotsPerParticipant - used) };
}

/**
 * Adds one dot: the only place where budget and per-card cap are decided. The
 * caller must run all changes of a round one after another.
 */
export function addDot(
	round: VotingRound,
	ballot: Ballot,
	card: VotableCard | null,
	now: number
): { ok: true; dots: number } | { ok: false; error: VoteProblem } {
	if (!acceptsDots(round, now)) return { ok: false, error: 'voting_closed' };
	if (!card) return { ok: false, error: 'card_not_found' };
	if (!inScope(round.scope, card)) return { ok: false, error: 'card_out_of_scope' };
	if (ballot.remaining <= 0) return { ok: false, error: 'no_dots_left' };
	const current = ballot.dots[card.id] ?? 0;
	if (current >= round.maxPerCard) return { ok: false, error: 'card_dots_full' };
	return { ok: true, dots: current + 1 };
}

/** Takes one dot back. Works on a card deleted since, so nobody's dot is stuck there. */
export function removeDot(
	round: VotingRound,
	ballot: Ballot,
	cardId: string,
	now: number
): { ok: true; dots: number } | { ok: false; error: VoteProblem } {
	if (!acceptsDots(round, now)) return { ok: false, error: 'voting_closed' };
	const current = ballot.dots[cardId] ?? 0;
	if (current <= 0) return { ok: false, error: 'no_dot_on_card' };
	return { ok: true, dots: current - 1 };
}

/** A ballot after one card's dots changed to `dots`. */
export function withDots(round: VotingRound, ballot: Ballot, cardId: string, dots: number): Ballot {
	const next = { ...ballot.dots };
	if (dots > 0) next[cardId] = dots;
	else delete next[cardId];
	const used = ballot.used - (ballot.dots[cardId] ?? 0) + dots;
	return { dots: next, used, remaining: Math.max(0, round.dotsPerParticipant - used) };
}
