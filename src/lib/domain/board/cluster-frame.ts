import { CLUSTER_TITLE, clusterTitleLines } from './cluster-title';
import { CARD_WIDTH } from './schema';

/**
 * How far a cluster's frame is drawn around its cards: above (with the title)
 * and below by `padding`, beside them by `side`, less than half the gap between
 * columns, so that clusters side by side in neighbouring columns keep apart.
 * `title` is the room for a title of one line; a longer one takes more
 * (clusterTitleRoom).
 */
export const CLUSTER_FRAME = { padding: 12, side: 6, title: 28 } as const;

/**
 * The width of a cluster's frame around its cards (at least one): from its leftmost card's
 * left to its rightmost card's right, and `side` beside them. Its title is broken into lines
 * within it, so whatever makes room for the title measures the frame so.
 */
export function clusterFrameWidth(cards: readonly { readonly x: number }[]): number {
	const xs = cards.map((c) => c.x);
	return Math.max(...xs) + CARD_WIDTH - Math.min(...xs) + 2 * CLUSTER_FRAME.side;
}

/** How high a cluster's frame reaches above its cards for its title (and its padding). */
export function clusterTitleRoom(title: string, frameWidth: number): number {
	return CLUSTER_FRAME.title + clusterTitleExtra(title, frameWidth);
}

/**
 * How much more room a title takes than one line: the board draws the cards of such a
 * cluster this much lower, under the same frame top (settleCards), so its frame reaches this
 * much further below where its cards were put. Whatever keeps clear of a frame, or puts cards
 * in a cluster's places, reckons with it; 0 for a title of one line.
 */
export function clusterTitleExtra(title: string, frameWidth: number): number {
	const lines = clusterTitleLines(title, frameWidth).lines.length;
	return Math.max(0, lines - 1) * CLUSTER_TITLE.lineHeight;
}
