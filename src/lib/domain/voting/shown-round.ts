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
