import { describe, expect, it } from 'vitest';
import { mostThatFit, screenCut } from './screen-cut';

describe('the cut of a ranking too long for the projector', () => {
	it('shows the whole ranking when it fits, with no closing line', () => {
		expect(screenCut([1, 2, 3], 3)).toEqual({ shown: 3, more: 0, tiedMore: 0, tiedRank: null });
		expect(screenCut([1, 2, 3], 10).more).toBe(0);
	});

	it('shows the places that fit and counts the rest for the closing line', () => {
		expect(screenCut([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 6)).toEqual({
			shown: 6,
			more: 4,
			tiedMore: 0,
			tiedRank: null
		});
	});

	it('moves a cut inside a tie up to the tie’s first place, so the tie is not split', () => {
		// Room for five: ranks 1–3, then a tie of three on rank 4 — the tie goes whole.
		expect(screenCut([1, 2, 3, 4, 4, 4, 7], 5)).toEqual({
			shown: 3,
			more: 4,
			tiedMore: 0,
			tiedRank: null
		});
	});

	it('cuts a tie too large to move before, and says how many more share its rank', () => {
		// Nine cards on rank 1 and room for five: moving up would leave nothing.
		expect(screenCut([1, 1, 1, 1, 1, 1, 1, 1, 1, 10], 5)).toEqual({
			shown: 5,
			more: 5,
			tiedMore: 4,
			tiedRank: 1
		});
		// A tie starting in the first half of what fits is cut too, rather than show one place.
		expect(screenCut([1, 2, 2, 2, 2, 2, 7], 4)).toEqual({
			shown: 4,
			more: 3,
			tiedMore: 2,
			tiedRank: 2
		});
	});

	it('keeps a cut between two ranks where it is, though a tie follows', () => {
		expect(screenCut([1, 2, 3, 3, 3], 2)).toEqual({
			shown: 2,
			more: 3,
			tiedMore: 0,
			tiedRank: null
		});
	});

	it('shows nothing, and counts everything, when no place fits', () => {
		expect(screenCut([1, 1, 3], 0)).toEqual({ shown: 0, more: 3, tiedMore: 0, tiedRank: null });
		expect(screenCut([], 0).more).toBe(0);
	});
});

describe('how many entries fit', () => {
	it('finds the most entries that fit, asking only a few times', () => {
		let asked = 0;
		const fits = (n: number) => {
			asked++;
			return n <= 13;
		};
		expect(mostThatFit(40, fits)).toBe(13);
		expect(asked).toBeLessThanOrEqual(8);
	});

	it('takes all when all fit, and none when none does', () => {
		expect(mostThatFit(5, () => true)).toBe(5);
		expect(mostThatFit(5, (n) => n === 0)).toBe(0);
		expect(mostThatFit(5, () => false)).toBe(0);
	});
});
