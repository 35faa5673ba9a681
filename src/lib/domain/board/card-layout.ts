import { type Card, compareReadingOrder, estimateCardHeight, LAYOUT, type Placed } from './cards';
import { CARD_WIDTH } from './schema';

/**
 * A card where the board draws it. `y` is where it is drawn, which may be
 * below where it was put (`putY`, the stored place): a card never covers one
 * that comes before it in reading order. `height` is what the canvas measured,
 * or an estimate before it has.
 */
export interface DrawnCard extends Card {
	readonly height: number;
	readonly putY: number;
}

/** A card's drawn height: measured where the canvas has drawn it, estimated from its text otherwise. */
export function cardHeight(card: Pick<Card, 'text'> & { readonly height?: number }): number {
	return card.height ?? estimateCardHeight(card.text);
}

const NO_CARDS: ReadonlySet<string> = new Set();

/**
 * Where each card is drawn. A card stays where it was put unless a card before
 * it in reading order (higher up, or as high and further left) would cover it
 * there — for example because that card grew with its text, a next step's
 * details or its dots — and then it is drawn just below that card, pushing the
 * ones below it down in turn. The stored places are not changed: when the card
 * above shrinks again, the ones below go back to where they were put.
 *
 * `loose` cards (being dragged by this viewer) are drawn where they are and
 * push nothing, so that cards do not jump away under the pointer.
 *
 * Any placed thing with an id, a place and an age can be settled: the
 * canvas settles board cards with their measured heights, the picture export
 * settles export cards with the heights it draws them with.
 *
 * Returns the drawn y of every card that is not drawn where it was put.
 */
export function settleCards<C extends Placed>(
	cards: readonly C[],
	heightOf: (card: C) => number,
	loose: ReadonlySet<string> = NO_CARDS
): Map<string, number> {
	const moved = new Map<string, number>();
	const ordered = cards.filter((c) => !loose.has(c.id)).sort(compareReadingOrder);
	const heights = new Map(ordered.map((c) => [c.id, heightOf(c)]));
	const tallest = Math.max(0, ...heights.values());
	// The cards drawn so far, by drawn top. Only those drawn between (place tried − tallest card)
	// and the place tried's bottom can cover it, so each card looks at a few of them however
	// crowded the board is.
	const drawn: { x: number; top: number; bottom: number }[] = [];
	/** The index of the first drawn card whose top is at or below `y`. */
	const firstFrom = (y: number) => {
		let low = 0;
		let high = drawn.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (drawn[mid]!.top < y) low = mid + 1;
			else high = mid;
		}
		return low;
	};
	for (const card of ordered) {
		const height = heights.get(card.id)!;
		let top = card.y;
		// One pass in order of drawn top: a card passed over lies wholly above the place tried
		// (it stays above: the place only goes down) or wholly below it, and so does every card
		// after it unless the place goes down, which only one of those cards can cause.
		for (let i = firstFrom(top - tallest); i < drawn.length && drawn[i]!.top < top + height; i++) {
			const r = drawn[i]!;
			const side = r.x < card.x + CARD_WIDTH && card.x < r.x + CARD_WIDTH;
			if (side && top < r.bottom) top = r.bottom + LAYOUT.gap;
		}
		if (top !== card.y) moved.set(card.id, top);
		drawn.splice(firstFrom(top), 0, { x: card.x, top, bottom: top + height });
	}
	return moved;
}
