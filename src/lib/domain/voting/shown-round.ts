import type { PhaseMode } from '../session/agenda';
import type { RoundStatus } from './round';

/**
 * The facilitator's choice of an earlier round to show on every screen, and how many rounds
 * there were then: a round opened after the choice makes it void, so the new round's results
 * are shown as soon as it closes.
 */
export interface RoundPick {
	readonly roundId: string;
	readonly rounds: number;
}

/**
 * The round whose totals the board shows on its cards: the open round when its
 * results are live, nothing while an open round's results are hidden, else the
 * round the facilitator chose to show (see RoundPick), else the latest closed
 * round. Every screen follows this rule; exported pictures, the session's record, follow
 * it without a pick (the latest results).
 */
export function shownRound<
	R extends { readonly id: string; readonly status: RoundStatus; readonly results: unknown }
>(rounds: readonly R[], pick: RoundPick | null = null): R | null {
	const open = rounds.find((r) => r.status === 'open');
	if (open) return open.results ? open : null;
	if (pick && pick.rounds === rounds.length) {
		const picked = rounds.find((r) => r.id === pick.roundId && r.status === 'closed');
		if (picked) return picked;
	}
	return rounds.findLast((r) => r.status === 'closed') ?? null;
}

/**
 * The facilitator's choice to show a round on every screen: only a closed round has results
 * to show again, and none while a round is open (its own results come first).
 */
export function pickRound(
	rounds: readonly { readonly id: string; readonly status: RoundStatus }[],
	roundId: string
): { ok: true; pick: RoundPick } | { ok: false; error: 'voting_not_found' | 'voting_no_results' } {
	const round = rounds.find((r) => r.id === roundId);
	if (!round) return { ok: false, error: 'voting_not_found' };
	if (round.status !== 'closed' || rounds.some((r) => r.status === 'open'))
		return { ok: false, error: 'voting_no_results' };
	return { ok: true, pick: { roundId, rounds: rounds.length } };
}

/**
 * Whether the projector puts a round's ranking on its main area, large,
 * instead of the board: in a voting phase, once there are results to show
 * (the round closed, or an open round with live results). In other phases
 * the board stays there and the top of the ranking goes beside it.
 */
export function presenterShowsResults(
	mode: PhaseMode,
	shown: { readonly results: unknown } | null
): boolean {
	return mode === 'voting' && !!shown?.results;
}

/**
 * The dots each card shows as its badge in a shown round: only cards that got dots, as in the
 * board's picture. A "● 0" on every other card of the scope says nothing and buries the few
 * that count, most of all in the wrap-up, where the last round stays shown.
 */
export function cardBadges(
	results: {
		readonly cards: readonly { readonly cardId: string; readonly dots: number }[];
	} | null
): ReadonlyMap<string, number> {
	const badges = new Map<string, number>();
	for (const card of results?.cards ?? []) if (card.dots > 0) badges.set(card.cardId, card.dots);
	return badges;
}
