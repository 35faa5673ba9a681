import type { AreaId } from './areas';

/** How many cards of the shown areas the projector's visible part leaves out, above and below. */
export interface OutOfSight {
	readonly above: number;
	readonly below: number;
}

/**
 * Nobody scrolls a projector: where the board scrolls, the room is told how many of the cards it
 * talks about are out of sight. Only a card entirely outside the visible part counts — one cut
 * by the edge is partly seen, and the room knows it goes on. `visible` is the board's visible
 * band in board units (from the scroll position and the scale).
 */
export function outOfSight(
	cards: readonly { readonly area: AreaId; readonly y: number; readonly height: number }[],
	areas: readonly AreaId[],
	visible: { readonly top: number; readonly bottom: number }
): OutOfSight {
	let above = 0;
	let below = 0;
	for (const card of cards) {
		if (!areas.includes(card.area)) continue;
		if (card.y >= visible.bottom) below++;
		else if (card.y + card.height <= visible.top) above++;
	}
	return { above, below };
}
