import type { PhaseMode } from '../session/agenda';
import type { RoundStatus } from './round';

/**
 * The round whose totals the board shows on its cards: the open round when its
 * results are live, nothing while an open round's results are hidden, else the
 * latest closed round. The board and its exported pictures follow this rule,
 * so a picture shows the dots participants last saw.
 */
export function shownRound<R extends { readonly status: RoundStatus; readonly results: unknown }>(
	rounds: readonly R[]
): R | null {
	const open = rounds.find((r) => r.status === 'open');
	if (open) return open.results ? open : null;
	return rounds.findLast((r) => r.status === 'closed') ?? null;
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
