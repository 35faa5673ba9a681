import type { CardResult } from './tally';

/** The top of a ranking, as the projector shows it beside the board. */
export interface RankingTop {
	readonly cards: readonly CardResult[];
	/**
	 * Cards left out that share the rank of the last card shown: the cut fell inside a tie
	 * and says so ("+2 weitere auf Platz 2") rather than drop them silently. 0 otherwise.
	 */
	readonly tiedLeftOut: number;
	/** The rank those left-out cards share; null when none are left out. */
	readonly tiedRank: number | null;
}

/**
 * The first `limit` cards with dots, ranked by dots or, with `equalWeight`, by the
 * groups' equal weight. A cut never falls silently inside a tie: a tie at the cut
 * is shown whole when that adds at most `slack` cards, else the rest of it is counted.
 * Cards without dots are no part of the top.
 */
export function rankingTop(
	cards: readonly CardResult[],
	limit: number,
	options: { readonly equalWeight?: boolean; readonly slack?: number } = {}
): RankingTop {
	const rankOf = (card: CardResult) => (options.equalWeight ? card.weightedRank : card.rank);
	const slack = options.slack ?? 2;
	// Stable: equal ranks keep the results' order (board order).
	const ranked = cards.filter((card) => card.dots > 0).sort((a, b) => rankOf(a) - rankOf(b));
	if (ranked.length <= limit) return { cards: ranked, tiedLeftOut: 0, tiedRank: null };
	const lastRank = rankOf(ranked[limit - 1]!);
	let end = limit;
	while (end < ranked.length && rankOf(ranked[end]!) === lastRank) end++;
	if (end - limit <= slack) return { cards: ranked.slice(0, end), tiedLeftOut: 0, tiedRank: null };
	return {
		cards: ranked.slice(0, limit),
		tiedLeftOut: end - limit,
		tiedRank: lastRank
	};
}
