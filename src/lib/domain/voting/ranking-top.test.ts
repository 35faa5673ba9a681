import { describe, expect, it } from 'vitest';
import { rankingTop } from './ranking-top';
import type { CardResult } from './tally';

/** Results in ranked order: dots give the competition rank (1, 2, 2, 4). */
function results(dots: readonly number[], weightedRanks?: readonly number[]): CardResult[] {
	return dots.map((d, i) => ({
		cardId: `c${i}`,
		text: `Karte ${i}`,
		area: 'challenges',
		authorGroup: null,
		dots: d,
		voters: d,
		rank: 1 + dots.filter((other) => other > d).length,
		byGroup: [],
		weighted: 0,
		weightedRank: weightedRanks?.[i] ?? 1,
		deleted: false
	}));
}
const ids = (top: ReturnType<typeof rankingTop>) => top.cards.map((c) => c.cardId);

describe('the top of a ranking on the projector', () => {
	it('shows every card tied at the cut when that is one or two more', () => {
		// The review's case: 3 dots, then five cards with 2 — the fifth was dropped silently.
		const top = rankingTop(results([3, 2, 2, 2, 2, 2, 1]), 5);
		expect(ids(top)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
		expect(top.tiedLeftOut).toBe(0);
	});

	it('counts the rest of a large tie at the cut instead of dropping it silently', () => {
		const top = rankingTop(results([3, 2, 1, 1, 1, 1, 1, 1, 1]), 5);
		expect(ids(top)).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
		expect(top).toMatchObject({ tiedLeftOut: 4, tiedRank: 3 });
	});

	it('cuts plainly between ranks', () => {
		const top = rankingTop(results([5, 4, 3, 2, 1, 1, 1, 1]), 4);
		expect(ids(top)).toEqual(['c0', 'c1', 'c2', 'c3']);
		expect(top).toMatchObject({ tiedLeftOut: 0, tiedRank: null });
	});

	it('leaves out cards without dots', () => {
		const top = rankingTop(results([2, 1, 0, 0, 0, 0, 0]), 5);
		expect(ids(top)).toEqual(['c0', 'c1']);
		expect(top.tiedLeftOut).toBe(0);
	});

	it('follows the equal-weight ranking when it is shown', () => {
		const top = rankingTop(results([3, 2, 2, 1], [4, 1, 2, 2]), 2, { equalWeight: true });
		expect(ids(top)).toEqual(['c1', 'c2', 'c3']);
	});
});
