import type { ExportCard, ExportModel } from './model';

/**
 * A card's dots as the tables write them. Empty is not 0: a round whose results do not list a card
 * (outside its scope, or written after it closed, as next steps usually are) did not count it, and
 * its cell stays empty, as in the comparison and the protocol; 0 says the round counted the card
 * and nobody chose it.
 */
export interface CountedDots {
	/** Over the rounds that counted the card; null when none did. */
	readonly total: number | null;
	/** Per round with results: null where the round did not count the card. */
	readonly byRound: (roundId: string) => number | null;
	/** Per group id ('' for no group): null when no round counted the card. */
	readonly byGroup: (groupId: string) => number | null;
}

export function countedDots(model: ExportModel): (card: ExportCard) => CountedDots {
	const countedBy = new Map<string, Set<string>>();
	for (const round of model.votingRounds)
		for (const result of round.results?.cards ?? []) {
			const rounds = countedBy.get(result.cardId) ?? new Set<string>();
			rounds.add(round.id);
			countedBy.set(result.cardId, rounds);
		}
	return (card) => {
		const rounds = countedBy.get(card.id);
		if (!rounds) return { total: null, byRound: () => null, byGroup: () => null };
		let total = 0;
		for (const id of rounds) total += card.dots[id] ?? 0;
		return {
			total,
			byRound: (roundId) => (rounds.has(roundId) ? (card.dots[roundId] ?? 0) : null),
			byGroup: (groupId) => card.dotsByGroup[groupId] ?? 0
		};
	};
}
