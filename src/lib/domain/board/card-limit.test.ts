import { describe, expect, it } from 'vitest';
import {
	BOARD_CARDS_MAX,
	CARDS_PER_PARTICIPANT_MAX,
	cardLimitReached,
	countCards
} from './card-limit';

describe('card limits', () => {
	it('lets a participant write up to their limit, and not one card more', () => {
		const own = CARDS_PER_PARTICIPANT_MAX - 1;
		expect(cardLimitReached({ total: own, own }, 1)).toBeNull();
		expect(cardLimitReached({ total: own + 1, own: own + 1 }, 1)).toBe('participant');
		expect(cardLimitReached({ total: own, own }, 2)).toBe('participant');
	});

	it('stops new cards once the board is full, whoever wrote the others', () => {
		expect(cardLimitReached({ total: BOARD_CARDS_MAX - 1, own: 0 }, 1)).toBeNull();
		expect(cardLimitReached({ total: BOARD_CARDS_MAX, own: 0 }, 1)).toBe('board');
	});

	it('never refuses a change that adds no card', () => {
		expect(
			cardLimitReached({ total: BOARD_CARDS_MAX + 5, own: CARDS_PER_PARTICIPANT_MAX + 5 }, 0)
		).toBeNull();
	});

	it("counts the document's cards and the writer's own", () => {
		const cards = [{ authorId: 'a' }, { authorId: 'b' }, { authorId: 'a' }];
		expect(countCards(cards, 'a')).toEqual({ total: 3, own: 2 });
		expect(countCards([], 'a')).toEqual({ total: 0, own: 0 });
	});
});
