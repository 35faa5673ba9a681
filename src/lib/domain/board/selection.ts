import { cardHeight, type DrawnCard } from './card-layout';
import type { Card } from './cards';
import { CARD_WIDTH } from './schema';

/** A rectangle in board units. */
export interface Rect {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** The rectangle two corners span, whichever way the lasso was drawn. */
export function rectBetween(a: { x: number; y: number }, b: { x: number; y: number }): Rect {
	return {
		x: Math.min(a.x, b.x),
		y: Math.min(a.y, b.y),
		width: Math.abs(a.x - b.x),
		height: Math.abs(a.y - b.y)
	};
}

/** Where a card is drawn (its height measured, or estimated from its text). */
export function cardBox(card: Pick<Card, 'x' | 'y' | 'text'> & { readonly height?: number }): Rect {
	return { x: card.x, y: card.y, width: CARD_WIDTH, height: cardHeight(card) };
}

export function overlaps(a: Rect, b: Rect): boolean {
	return (
		a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height
	);
}

export function contains(rect: Rect, point: { x: number; y: number }): boolean {
	return (
		point.x >= rect.x &&
		point.x <= rect.x + rect.width &&
		point.y >= rect.y &&
		point.y <= rect.y + rect.height
	);
}

/** The cards a lasso touches (not only those wholly inside: people draw loosely). */
export function cardsTouching(cards: readonly Card[], lasso: Rect): string[] {
	return cards.filter((c) => overlaps(cardBox(c), lasso)).map((c) => c.id);
}

/** The selection with one card added, or taken out if it was in it. */
export function toggled(selection: ReadonlySet<string>, id: string): Set<string> {
	const next = new Set(selection);
	if (next.has(id)) next.delete(id);
	else next.add(id);
	return next;
}

/**
 * Where each card of a group goes when they move together by (dx, dy): only
 * the cards the viewer may move (participants: their own; the facilitator: all).
 */
export function movesOf(
	cards: readonly Card[],
	ids: ReadonlySet<string>,
	delta: { dx: number; dy: number },
	mayMove: (card: Card) => boolean
): { id: string; x: number; y: number }[] {
	return cards
		.filter((c) => ids.has(c.id) && mayMove(c))
		.map((c) => ({ id: c.id, x: c.x + delta.dx, y: c.y + delta.dy }));
}

/**
 * Where an arrow key moves cards, in stored places (as `movesOf`). A step up
 * into a card drawn above would only be pushed back below it; it moves the
 * card before that one in reading order instead, so that the two change places.
 */
export function stepMoves(
	cards: readonly DrawnCard[],
	ids: ReadonlySet<string>,
	delta: { dx: number; dy: number },
	mayMove: (card: Card) => boolean
): { id: string; x: number; y: number }[] {
	const moves = movesOf(cards, ids, delta, mayMove);
	if (delta.dy >= 0) return moves;
	const still = cards.filter((c) => !ids.has(c.id));
	return moves.map((move) => {
		const from = move.y - delta.dy;
		const above = still
			.filter(
				(o) =>
					o.x < move.x + CARD_WIDTH &&
					move.x < o.x + CARD_WIDTH &&
					o.y <= from &&
					move.y < o.y + o.height
			)
			.sort((a, b) => b.y - a.y)[0];
		// Just before it in reading order: where it was put, one unit higher.
		return above ? { ...move, y: Math.min(move.y, above.putY - 1) } : move;
	});
}

/**
 * Where the keyboard focus goes once cards are removed, so that it never falls
 * out of the board: the first remaining card after the first removed one in
 * reading order, else the last remaining one before it; null when none remains.
 */
export function focusAfterRemoval(
	ordered: readonly string[],
	removed: ReadonlySet<string>
): string | null {
	const first = ordered.findIndex((id) => removed.has(id));
	if (first === -1) return null;
	const after = ordered.slice(first).find((id) => !removed.has(id));
	return after ?? ordered.slice(0, first).findLast((id) => !removed.has(id)) ?? null;
}
