import type { AreaId } from './areas';

/** How many cards of the shown areas the projector's visible part leaves out, above and below. */
export interface OutOfSight {
	readonly above: number;
	readonly below: number;
}

/**
 * Nobody scrolls a projector: where the board scrolls, the room is told how many of the cards it
 * talks about are out of sight. A card counts when less than half of it is in the visible part:
 * one cut at its middle or below is not readable from the back of the room (only cards entirely
 * outside used to count, and three cut cards were said as none). `visible` is the board's visible
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
		const seen = Math.min(card.y + card.height, visible.bottom) - Math.max(card.y, visible.top);
		if (seen * 2 >= card.height) continue;
		// Which way to look for it: where most of it is.
		if (card.y + card.height / 2 >= visible.bottom) below++;
		else if (card.y + card.height / 2 < visible.top) above++;
		else if (card.y + card.height > visible.bottom) below++;
		else above++;
	}
	return { above, below };
}
