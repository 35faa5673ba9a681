import { describe, expect, it } from 'vitest';
import { type DrawnCard, cardHeight, settleCards } from './card-layout';
import { stepMoves } from './selection';
import { type Card, estimateCardHeight, LAYOUT, NO_NEXT_STEP } from './cards';
import { CARD_WIDTH } from './schema';

function card(id: string, x: number, y: number, createdAt = 0): Card {
	return {
		id,
		text: id,
		area: 'challenges',
		x,
		y,
		color: 'yellow',
		authorId: 'p1',
		authorGroup: null,
		createdAt,
		phaseId: null,
		clusterId: null,
		nextStep: NO_NEXT_STEP
	};
}

function drawn(c: Card, height: number, y = c.y): DrawnCard {
	return { ...c, y, putY: c.y, height };
}

const heights =
	(byId: Record<string, number>, fallback = 120) =>
	(c: Card) =>
		byId[c.id] ?? fallback;

describe('where cards are drawn', () => {
	it('leaves cards where they were put when none covers another', () => {
		const cards = [card('a', 0, 100), card('b', 0, 300), card('c', 300, 100)];
		expect(settleCards(cards, heights({})).size).toBe(0);
	});

	it('draws a card below one above it that grew over it, and the next below that', () => {
		// a grew to 400 units (a long text, a next step's details); b and c were put below its old bottom.
		const cards = [card('c', 0, 400), card('a', 0, 100), card('b', 0, 250)];
		const moved = settleCards(cards, heights({ a: 400 }));
		expect(moved.get('a')).toBeUndefined();
		expect(moved.get('b')).toBe(100 + 400 + LAYOUT.gap);
		expect(moved.get('c')).toBe(100 + 400 + LAYOUT.gap + 120 + LAYOUT.gap);
	});

	it('pushes only cards in the same column, also when they share part of it', () => {
		const cards = [card('a', 0, 100), card('beside', CARD_WIDTH + 16, 150), card('half', 100, 150)];
		const moved = settleCards(cards, heights({ a: 300 }));
		expect(moved.has('beside')).toBe(false);
		expect(moved.get('half')).toBe(100 + 300 + LAYOUT.gap);
	});

	it('decides between cards put at the same place by reading order, so every screen agrees', () => {
		const moved = settleCards([card('later', 0, 100, 2), card('first', 0, 100, 1)], heights({}));
		expect([...moved]).toEqual([['later', 100 + 120 + LAYOUT.gap]]);
	});

	it('keeps pushing until a card fits: below the card above it lies another one', () => {
		// a grew to 300; b, half in a's column, goes below it; c, pushed below a, lands on b.
		const cards = [card('a', 0, 0), card('b', 150, 100), card('c', 0, 200)];
		const moved = settleCards(cards, heights({ a: 300 }));
		expect(moved.get('b')).toBe(300 + LAYOUT.gap);
		expect(moved.get('c')).toBe(300 + LAYOUT.gap + 120 + LAYOUT.gap);
	});

	it('leaves no card covering another, however crowded the board', () => {
		// A fixed pseudo-random board: 400 cards piled into three areas, heights 120–400.
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) as number;
		const cards = Array.from({ length: 400 }, (_, i) =>
			card(`c${i}`, Math.round(random() * 1400), Math.round(random() * 3000), i)
		);
		const height = Object.fromEntries(cards.map((c) => [c.id, 120 + Math.round(random() * 280)]));
		const moved = settleCards(cards, heights(height));
		const drawn = cards.map((c) => ({ ...c, y: moved.get(c.id) ?? c.y, h: height[c.id]! }));
		for (const a of drawn)
			for (const b of drawn) {
				if (a === b) continue;
				const side = a.x < b.x + CARD_WIDTH && b.x < a.x + CARD_WIDTH;
				if (side) expect(a.y + a.h <= b.y || b.y + b.h <= a.y, `${a.id} ${b.id}`).toBe(true);
			}
		// Nobody's card is drawn above where it was put.
		for (const c of drawn) expect(c.y).toBeGreaterThanOrEqual(cards.find((o) => o.id === c.id)!.y);
	});

	it('lets cards go back to where they were put when the card above shrinks', () => {
		const cards = [card('a', 0, 100), card('b', 0, 250)];
		expect(settleCards(cards, heights({ a: 400 })).get('b')).toBe(516);
		expect(settleCards(cards, heights({ a: 120 })).size).toBe(0);
	});

	it('neither moves nor is pushed by a card being dragged', () => {
		const cards = [card('a', 0, 100), card('dragged', 0, 150), card('b', 0, 250)];
		const moved = settleCards(cards, heights({}), new Set(['dragged']));
		expect(moved.size).toBe(0);
	});

	it('estimates the height of a card not drawn yet from its text', () => {
		expect(cardHeight(card('a', 0, 0))).toBe(estimateCardHeight('a'));
		expect(cardHeight(drawn(card('a', 0, 0), 333))).toBe(333);
	});
});

describe('moving cards with arrow keys', () => {
	const mayMove = () => true;

	it('moves a card by the step where nothing is in the way', () => {
		const cards = [drawn(card('a', 0, 100), 120), drawn(card('b', 0, 400), 120)];
		expect(stepMoves(cards, new Set(['b']), { dx: 0, dy: -12 }, mayMove)).toEqual([
			{ id: 'b', x: 0, y: 388 }
		]);
		expect(stepMoves(cards, new Set(['a']), { dx: 12, dy: 12 }, mayMove)).toEqual([
			{ id: 'a', x: 12, y: 112 }
		]);
	});

	it('moves a card up past the card right above it instead of against it', () => {
		// b is drawn right below a (pushed there; it was put at 150).
		const a = drawn(card('a', 0, 100), 300);
		const b = drawn(card('b', 0, 150), 120, 416);
		// Into the gap between them: a step like any other.
		expect(stepMoves([a, b], new Set(['b']), { dx: 0, dy: -12 }, mayMove)).toEqual([
			{ id: 'b', x: 0, y: 404 }
		]);
		const [move] = stepMoves([a, b], new Set(['b']), { dx: 0, dy: -48 }, mayMove);
		expect(move).toEqual({ id: 'b', x: 0, y: 99 });
		// Drawn afresh, b comes first and a goes below it: the two changed places.
		const moved = settleCards([a, { ...b, y: move!.y }], heights({ a: 300, b: 120 }));
		expect(moved.get('a')).toBe(99 + 120 + LAYOUT.gap);
		expect(moved.has('b')).toBe(false);
	});

	it('moves only the cards the viewer may move', () => {
		const cards = [drawn(card('a', 0, 100), 120), drawn(card('b', 300, 100), 120)];
		expect(
			stepMoves(cards, new Set(['a', 'b']), { dx: 0, dy: 12 }, (c) => c.id === 'b').map((m) => m.id)
		).toEqual(['b']);
	});
});
