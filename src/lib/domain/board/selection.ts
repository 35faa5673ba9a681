import {
	cardHeight,
	CLUSTER_FRAME,
	type DrawnCard,
	type DrawnClusters,
	inWay,
	type Span
} from './card-layout';
import { AREA_IDS, areaAt, type AreaId } from './areas';
import { clusterFrame } from './clusters';
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

const NO_PUSHES: ReadonlyMap<string, number> = new Map();

/** Dragged cards that join a cluster where they are let go (see joiningAt): the cluster's area and push. */
export interface Joining {
	readonly cards: ReadonlySet<string>;
	readonly area: AreaId;
	readonly push: number;
}

/**
 * Where each card of a group goes when they move together by (dx, dy), from
 * where they are drawn: only the cards the viewer may move (participants:
 * their own; the facilitator: all).
 *
 * The board draws a cluster pushed down as a whole (settleCards) by its push
 * (`clusters.pushes`, see clusterPushes), so a card that stays in its cluster,
 * of which other cards stay where they are, is put in the cluster's own
 * places: the drawn place less the push, or the push would count twice. A
 * cluster whose cards all move (within its area, or along into another one,
 * `clusters.follow`) is put where it is drawn, less what its title's further
 * lines lower its cards (`clusters.extras`), which the board adds again. The
 * cards that `join` a cluster where they are let go (those landing in its
 * area) are put in that cluster's places.
 */
export function movesOf(
	cards: readonly Card[],
	ids: ReadonlySet<string>,
	delta: { dx: number; dy: number },
	mayMove: (card: Card) => boolean,
	clusters: DrawnClusters = {},
	join: Joining | null = null
): { id: string; x: number; y: number }[] {
	const pushes = clusters.pushes ?? NO_PUSHES;
	const extras = clusters.extras ?? NO_PUSHES;
	const moving = cards.filter((c) => ids.has(c.id) && mayMove(c));
	const moved = new Set(moving.map((c) => c.id));
	const staying = new Set<string>();
	for (const card of cards)
		if (card.clusterId !== null && !moved.has(card.id)) staying.add(card.clusterId);
	const landing = (card: Card) => areaAt(card.x + delta.dx + CARD_WIDTH / 2);
	// The clusters that move whole and stay clusters: all their cards land in one area, theirs
	// or (when clusters follow their cards) another.
	const areas = new Map<string, Set<AreaId>>();
	for (const card of moving)
		if (card.clusterId !== null && !staying.has(card.clusterId))
			areas.set(card.clusterId, (areas.get(card.clusterId) ?? new Set()).add(landing(card)));
	const whole = (card: Card, area: AreaId) => {
		const landed = card.clusterId === null ? undefined : areas.get(card.clusterId);
		return !!landed && (area === card.area || (!!clusters.follow && landed.size === 1));
	};
	return moving.map((card) => {
		const x = card.x + delta.dx;
		const area = landing(card);
		let push = 0;
		if (join?.cards.has(card.id) && area === join.area) push = join.push;
		else if (card.clusterId !== null && area === card.area && staying.has(card.clusterId))
			push = pushes.get(card.clusterId) ?? 0;
		else if (whole(card, area)) push = extras.get(card.clusterId!) ?? 0;
		return { id: card.id, x, y: card.y + delta.dy - push };
	});
}

/** A piece as the board draws it (see settleCards), with the top its place in reading order comes from. */
interface DrawnPiece extends Span {
	readonly top: number;
	readonly bottom: number;
	readonly putTop: number;
}

function drawnCard(card: DrawnCard): DrawnPiece {
	return {
		left: card.x,
		right: card.x + CARD_WIDTH,
		margin: 0,
		top: card.y,
		bottom: card.y + card.height,
		putTop: card.putY
	};
}

/**
 * A cluster as the board draws it: its frame around its drawn cards, which a title of
 * several lines draws `extra` lower under the same frame top (settleCards).
 */
function drawnCluster(members: readonly DrawnCard[], extra: number): DrawnPiece {
	const frame = clusterFrame(members)!;
	const margin = CLUSTER_FRAME.side;
	const top = frame.y - extra;
	// The whole cluster is pushed alike, its first card by nothing else but its title.
	const pushed =
		Math.min(...members.map((c) => c.y)) - Math.min(...members.map((c) => c.putY)) - extra;
	return {
		left: frame.x + margin,
		right: frame.x + frame.width - margin,
		margin,
		top,
		bottom: frame.y + frame.height,
		putTop: top - pushed
	};
}

/**
 * Where an arrow key moves cards, in stored places (as `movesOf`; `clusters.pushes`
 * also names the board's clusters). A step up into something drawn above
 * would only be pushed back below it; it moves the cards before that in
 * reading order instead, so that the two change places. So does a step that
 * would put them after something drawn below them (which was pushed there and
 * would then be drawn first, the cards below it). What the board pushes as one
 * piece (settleCards) passes as one: a card in no cluster passes cards in none
 * and clusters' frames, a cluster whose cards all move passes them too, and a
 * card moving within its cluster passes the cluster's other cards.
 */
export function stepMoves(
	cards: readonly DrawnCard[],
	ids: ReadonlySet<string>,
	delta: { dx: number; dy: number },
	mayMove: (card: Card) => boolean,
	clusters: DrawnClusters = {}
): { id: string; x: number; y: number }[] {
	const moves = movesOf(cards, ids, delta, mayMove, clusters);
	const pushes = clusters.pushes ?? NO_PUSHES;
	const extraOf = (list: readonly DrawnCard[]) => clusters.extras?.get(list[0]!.clusterId!) ?? 0;
	if (delta.dy >= 0) return moves;
	const moving = new Map(moves.map((move) => [move.id, move]));
	const members = new Map<string, DrawnCard[]>();
	const alone: DrawnCard[] = [];
	for (const card of cards) {
		const cluster = card.clusterId;
		if (cluster === null || !pushes.has(cluster)) alone.push(card);
		else if (members.has(cluster)) members.get(cluster)!.push(card);
		else members.set(cluster, [card]);
	}
	const still = [
		...alone.filter((c) => !moving.has(c.id)).map(drawnCard),
		...[...members.values()]
			.filter((list) => !list.some((c) => moving.has(c.id)))
			.map((list) => drawnCluster(list, extraOf(list)))
	];
	/**
	 * Lifts a moving piece's cards just before the piece drawn above that it would run into, or
	 * above that it would come after in reading order though drawn above it.
	 */
	const pass = (
		piece: DrawnPiece,
		cardIds: readonly string[],
		others: readonly DrawnPiece[],
		push = 0
	) => {
		const top = piece.top + delta.dy;
		// Where it is put: a card staying in its cluster in the cluster's own places.
		const put = top - push;
		const span = { ...piece, left: piece.left + delta.dx, right: piece.right + delta.dx };
		const near = others.filter((o) => inWay(o, span));
		const above = near.filter((o) => o.top <= piece.top).sort((a, b) => b.top - a.top);
		const into = above.find((o) => top < o.bottom);
		const overtakes = near.some(
			(o) => o.top > piece.top && o.putTop >= piece.putTop && o.putTop <= put
		);
		const before = into ?? (overtakes ? above[0] : undefined);
		// Just before it in reading order: where it was put, one unit higher.
		const lift = before ? put - (before.putTop - 1) : 0;
		if (lift > 0) for (const id of cardIds) moving.get(id)!.y -= lift;
	};
	for (const card of alone) if (moving.has(card.id)) pass(drawnCard(card), [card.id], still);
	for (const list of members.values()) {
		const stay = list.filter((c) => !moving.has(c.id));
		if (stay.length === 0)
			pass(
				drawnCluster(list, extraOf(list)),
				list.map((c) => c.id),
				still
			);
		else
			for (const card of list) {
				const move = moving.get(card.id);
				if (move) pass(drawnCard(card), [card.id], stay.map(drawnCard), card.y + delta.dy - move.y);
			}
	}
	return moves;
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

/**
 * The areas a card may be moved into now: the facilitator's anywhere; a participant's into the
 * phase's areas (`targetAreas`, empty: all) or where it is. A challenge moved into the next steps
 * during a phase about challenges left the room's view (the projector shows the phase's areas).
 */
export function moveAreasOf(
	card: Pick<Card, 'area'>,
	targetAreas: readonly AreaId[],
	anywhere: boolean
): AreaId[] {
	if (anywhere || targetAreas.length === 0) return [...AREA_IDS];
	return AREA_IDS.filter((a) => targetAreas.includes(a) || a === card.area);
}

/** The moves whose cards land in an area they may go to (`moveAreasOf`); the others stay put. */
export function withinMoveAreas(
	moves: readonly { id: string; x: number; y: number }[],
	cards: readonly Card[],
	allowed: (card: Card) => readonly AreaId[]
): { id: string; x: number; y: number }[] {
	const byId = new Map(cards.map((c) => [c.id, c]));
	return moves.filter((move) => {
		const card = byId.get(move.id);
		return !card || allowed(card).includes(areaAt(move.x + CARD_WIDTH / 2));
	});
}
