import { describe, expect, it } from 'vitest';
import { mayChangeCard, mayDuplicateCard, writableNow } from './permissions';

const silent = { board: false, drafts: true };
const open = { board: true, drafts: false };

describe('who may do what with a card', () => {
	it('lets the author and the facilitator change a card', () => {
		const card = { authorId: 'p1' };
		expect(mayChangeCard({ participantId: 'p1', role: 'participant' }, card)).toBe(true);
		expect(mayChangeCard({ participantId: 'p2', role: 'participant' }, card)).toBe(false);
		expect(mayChangeCard({ participantId: 'f', role: 'facilitator' }, card)).toBe(true);
	});

	it('writes drafts during silent writing and the board otherwise', () => {
		expect(writableNow(true, silent)).toBe(true);
		expect(writableNow(false, silent)).toBe(false);
		expect(writableNow(false, open)).toBe(true);
		expect(writableNow(true, open)).toBe(false);
	});

	it('copies a board card only while the board is written, a draft only while drafts are', () => {
		// During silent writing a copy of a board card would land on the shared board.
		expect(mayDuplicateCard(false, silent, true)).toBe(false);
		expect(mayDuplicateCard(true, silent, true)).toBe(true);
		expect(mayDuplicateCard(false, open, true)).toBe(true);
		expect(mayDuplicateCard(true, open, true)).toBe(false);
		expect(mayDuplicateCard(false, open, false)).toBe(false);
	});
});
