import { type Card, compareReadingOrder, estimateCardHeight, LAYOUT, type Placed } from './cards';
import { CLUSTER_FRAME, clusterFrameWidth, clusterTitleExtra } from './cluster-frame';
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

export { CLUSTER_FRAME } from './cluster-frame';

const NO_CARDS: ReadonlySet<string> = new Set();

/** Where a piece stands across the board: its cards' left and right, and how far beside them it is drawn. */
export interface Span {
	readonly left: number;
	readonly right: number;
	readonly margin: number;
}

/**
 * Whether two pieces are in each other's way when one is above the other: one
 * would cover the other's cards. Frames side by side in neighbouring columns
 * share the gap between them, as they were put.
 */
export function inWay(a: Span, b: Span): boolean {
	return (
		(a.left - a.margin < b.right && b.left < a.right + a.margin) ||
		(b.left - b.margin < a.right && a.left < b.right + b.margin)
	);
}

/**
 * What the board draws as one piece, and where it was put: a card in no
 * cluster, or a cluster — its frame, with its title, around its cards.
 */
interface Piece<C> extends Span {
	/** Its cards, first in reading order first, and the y each is drawn at when the piece is where it was put. */
	readonly cards: readonly C[];
	readonly ys: readonly number[];
	/** Its top as put (a frame's top is its title's) and its height. */
	readonly top: number;
	readonly height: number;
}

/**
 * Pieces drawn so far, by drawn top. Only those drawn between (place tried −
 * tallest piece here) and the place tried's bottom can cover it, so a piece
 * looks at a few of them however crowded the board is. Cards and frames are
 * kept apart: a tall cluster would widen the cards' window.
 */
class DrawnPieces {
	private readonly pieces: (Span & { readonly top: number; readonly bottom: number })[] = [];
	private tallest = 0;

	/** The index of the first piece whose top is at or below `y`. */
	private firstFrom(y: number): number {
		let low = 0;
		let high = this.pieces.length;
		while (low < high) {
			const mid = (low + high) >> 1;
			if (this.pieces[mid]!.top < y) low = mid + 1;
			else high = mid;
		}
		return low;
	}

	/** Where a piece tried at `top` is drawn so that it covers none drawn here, and none covers it. */
	below(piece: Piece<unknown>, top: number): number {
		const { pieces } = this;
		// One pass in order of drawn top: a piece passed over lies wholly above the place tried
		// (it stays above: the place only goes down) or wholly below it, and so does every piece
		// after it unless the place goes down, which only one of those pieces can cause.
		for (
			let i = this.firstFrom(top - this.tallest);
			i < pieces.length && pieces[i]!.top < top + piece.height;
			i++
		) {
			const drawn = pieces[i]!;
			if (top < drawn.bottom && inWay(drawn, piece)) top = drawn.bottom + LAYOUT.gap;
		}
		return top;
	}

	add(piece: Piece<unknown>, top: number): void {
		const { left, right, margin, height } = piece;
		this.pieces.splice(this.firstFrom(top), 0, { left, right, margin, top, bottom: top + height });
		if (height > this.tallest) this.tallest = height;
	}
}

function cardPiece<C extends Placed>(card: C, height: number): Piece<C> {
	return {
		cards: [card],
		ys: [card.y],
		left: card.x,
		right: card.x + CARD_WIDTH,
		margin: 0,
		top: card.y,
		height
	};
}

/**
 * A cluster as one piece: its cards settled among themselves (as any cards
 * are), and its frame around them. A title of more than one line
 * (clusterTitleExtra) takes room from the cards, which are drawn that much lower:
 * the frame's top stays where its first card was put.
 */
function clusterPiece<C extends Placed>(
	members: C[],
	heights: ReadonlyMap<string, number>,
	title: string
): Piece<C> {
	members.sort(compareReadingOrder);
	const drawn = new DrawnPieces();
	const ys: number[] = [];
	let left = Infinity;
	let right = -Infinity;
	let bottom = -Infinity;
	for (const card of members) {
		const height = heights.get(card.id)!;
		const piece = cardPiece(card, height);
		const y = drawn.below(piece, card.y);
		drawn.add(piece, y);
		ys.push(y);
		left = Math.min(left, card.x);
		right = Math.max(right, card.x + CARD_WIDTH);
		bottom = Math.max(bottom, y + height);
	}
	// The first card is never pushed by the others: the frame's top is where it was put.
	const top = members[0]!.y - CLUSTER_FRAME.padding - CLUSTER_FRAME.title;
	const titleLines = clusterTitleExtra(title, clusterFrameWidth(members));
	return {
		cards: members,
		ys: titleLines === 0 ? ys : ys.map((y) => y + titleLines),
		left,
		right,
		margin: CLUSTER_FRAME.side,
		top,
		height: bottom + titleLines + CLUSTER_FRAME.padding - top
	};
}

/** Reading order of pieces: by top as put (a frame's from its title), then by their first cards. */
function comparePieces<C extends Placed>(a: Piece<C>, b: Piece<C>): number {
	return a.top - b.top || compareReadingOrder(a.cards[0]!, b.cards[0]!);
}

export interface SettleOptions {
	/** Cards being dragged by this viewer: drawn where they are, pushing nothing. */
	readonly loose?: ReadonlySet<string>;
	/** The board's clusters: a card naming another one is drawn as a card in none. */
	readonly clusters?: ReadonlySet<string>;
	/** The clusters' titles, which may need more than one line (none: one line each). */
	readonly titles?: ReadonlyMap<string, string>;
}

/**
 * Where each card is drawn. A card stays where it was put unless a card before
 * it in reading order (higher up, or as high and further left) would cover it
 * there — for example because that card grew with its text, a next step's
 * details or its dots — and then it is drawn just below that card, pushing the
 * ones below it down in turn. The stored places are not changed: when the card
 * above shrinks again, the ones below go back to where they were put.
 *
 * A cluster is pushed as a whole: its cards settle among themselves, and its
 * frame with its title (`clusterFrame`) is in the way of the cards and
 * clusters below it, and they in its way, as a card is. So no frame covers a
 * card outside its cluster or another cluster's frame, however its cards or its
 * title grow (a long title pushes its own cards down, `titles`).
 * Only the frames of clusters side by side in neighbouring columns may meet in
 * the gap between the columns, as they were put.
 *
 * `loose` cards (being dragged by this viewer) are drawn where they are and
 * push nothing, so that cards do not jump away under the pointer.
 *
 * Any placed thing with an id, a place, an age and a cluster can be settled:
 * the canvas settles board cards with their measured heights, the picture
 * export settles export cards with the heights it draws them with.
 *
 * Returns the drawn y of every card that is not drawn where it was put.
 */
export function settleCards<C extends Placed & Pick<Card, 'clusterId'>>(
	cards: readonly C[],
	heightOf: (card: C) => number,
	options: SettleOptions = {}
): Map<string, number> {
	const loose = options.loose ?? NO_CARDS;
	const clusters = options.clusters ?? NO_CARDS;
	const heights = new Map<string, number>();
	const pieces: Piece<C>[] = [];
	const members = new Map<string, C[]>();
	for (const card of cards) {
		if (loose.has(card.id)) continue;
		const height = heightOf(card);
		heights.set(card.id, height);
		const cluster = card.clusterId;
		if (cluster === null || !clusters.has(cluster)) pieces.push(cardPiece(card, height));
		else if (members.has(cluster)) members.get(cluster)!.push(card);
		else members.set(cluster, [card]);
	}
	for (const [id, list] of members)
		pieces.push(clusterPiece(list, heights, options.titles?.get(id) ?? ''));
	pieces.sort(comparePieces);
	const moved = new Map<string, number>();
	const lone = new DrawnPieces();
	const framed = new DrawnPieces();
	for (const piece of pieces) {
		let top = piece.top;
		// Pushed below a frame, a piece may land on a card, and below that on a frame again.
		for (let tried = NaN; top !== tried;) {
			tried = top;
			top = framed.below(piece, lone.below(piece, top));
		}
		const shift = top - piece.top;
		piece.cards.forEach((card, i) => {
			const y = piece.ys[i]! + shift;
			if (y !== card.y) moved.set(card.id, y);
		});
		(piece.margin === 0 ? lone : framed).add(piece, top);
	}
	return moved;
}

/**
 * How much lower than where they were put the board draws each cluster's cards
 * for its title's lines beyond the first (clusterTitleExtra, within the frame
 * around all its cards, as clusterPiece measures it), by cluster; clusters
 * whose title takes one line are left out. It is part of the cluster's push
 * (clusterPushes), and all there is of it for a cluster moved as a whole.
 */
export function clusterTitleExtras(
	cards: readonly Pick<Card, 'x' | 'clusterId'>[],
	titles: ReadonlyMap<string, string>
): Map<string, number> {
	const members = new Map<string, Pick<Card, 'x'>[]>();
	for (const card of cards) {
		const cluster = card.clusterId;
		if (cluster === null || !titles.has(cluster)) continue;
		if (members.has(cluster)) members.get(cluster)!.push(card);
		else members.set(cluster, [card]);
	}
	const extras = new Map<string, number>();
	for (const [id, list] of members) {
		const extra = clusterTitleExtra(titles.get(id)!, clusterFrameWidth(list));
		if (extra > 0) extras.set(id, extra);
	}
	return extras;
}

/**
 * What moving cards needs to know of how the board draws its clusters
 * (settleCards): each cluster's push (clusterPushes; its keys name the board's
 * clusters) and the part of it its title's further lines make
 * (clusterTitleExtras), and whether a cluster whose cards all move into one
 * other area goes along (moveCards' `clustersFollow`: whoever may write
 * clusters) instead of losing them.
 */
export interface DrawnClusters {
	readonly pushes?: ReadonlyMap<string, number>;
	readonly extras?: ReadonlyMap<string, number>;
	readonly follow?: boolean;
}

/**
 * How far the board draws each cluster below where its cards were put (its
 * push, a long title's further lines included), from the cards as drawn: a cluster is pushed as a whole and its first
 * card by nothing else, so it is the least any of its cards is drawn below its
 * place. Cards in hand (`loose`) are not drawn in their cluster and do not
 * count; a cluster all of whose cards are in hand has none.
 *
 * A card moved within its cluster is put in the cluster's own places (drawn
 * place less the push), or the push would count twice (see movesOf).
 */
export function clusterPushes(
	cards: readonly Pick<DrawnCard, 'id' | 'clusterId' | 'y' | 'putY'>[],
	clusters: ReadonlySet<string>,
	loose: ReadonlySet<string> = NO_CARDS
): Map<string, number> {
	const pushes = new Map<string, number>();
	for (const card of cards) {
		const cluster = card.clusterId;
		if (cluster === null || !clusters.has(cluster) || loose.has(card.id)) continue;
		const push = card.y - card.putY;
		const least = pushes.get(cluster);
		if (least === undefined || push < least) pushes.set(cluster, push);
	}
	return pushes;
}
