import * as Y from 'yjs';
import { AREA_IDS, isAreaId, type AreaId } from './areas';
import { frameOf } from './areas';
import { cardHeight, type DrawnCard } from './card-layout';
import {
	CLUSTER_FRAME,
	clusterFrameWidth,
	clusterTitleExtra,
	clusterTitleRoom
} from './cluster-frame';
import {
	type Card,
	LAYOUT,
	cardsOf,
	compareReadingOrder,
	readClusterTitle,
	estimateCardHeight,
	moveCard,
	readCards
} from './cards';
import { CARD_FIELDS as F, CARD_WIDTH, CLUSTER_TITLE_MAX, CLUSTERS, isCardId } from './schema';

/**
 * Clusters (docs/board-schema.md#clusters): a named group of cards in one area.
 * Membership is the card's `clusterId`, so a card is in at most one cluster by
 * construction; a cluster lives in `doc.getMap('clusters')` for its title.
 */
export { CLUSTERS, CLUSTER_TITLE_MAX };

export const CLUSTER_FIELDS = {
	id: 'id',
	title: 'title',
	area: 'area',
	createdAt: 'createdAt'
} as const;

export interface Cluster {
	readonly id: string;
	readonly title: string;
	readonly area: AreaId;
	readonly createdAt: number;
	/** Its cards on the board, in reading order. */
	readonly cardIds: readonly string[];
}

export function clustersOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(CLUSTERS);
}

/**
 * The clusters of a board with their cards. A cluster without cards is not
 * shown; a card naming a cluster that does not exist counts as unclustered.
 */
export function readClusters(doc: Y.Doc, cards: readonly Card[]): Cluster[] {
	const clusters: Cluster[] = [];
	for (const [id, map] of clustersOf(doc)) {
		if (!(map instanceof Y.Map) || !isCardId(id)) continue;
		const members = cards
			.filter((c) => c.clusterId === id && c.phaseId === null)
			.sort(compareReadingOrder);
		if (members.length === 0) continue;
		const area = map.get(CLUSTER_FIELDS.area);
		const createdAt = map.get(CLUSTER_FIELDS.createdAt);
		clusters.push({
			id,
			title: readClusterTitle(map),
			area: isAreaId(area) ? area : members[0]!.area,
			createdAt: typeof createdAt === 'number' ? createdAt : 0,
			cardIds: members.map((c) => c.id)
		});
	}
	return clusters.sort(
		(a, b) =>
			AREA_IDS.indexOf(a.area) - AREA_IDS.indexOf(b.area) ||
			a.createdAt - b.createdAt ||
			(a.id < b.id ? -1 : 1)
	);
}

/** A cluster to be made: its area comes from its cards where the caller does not know it. */
export interface NewCluster {
	readonly id: string;
	readonly area: AreaId;
	readonly title: string;
	readonly createdAt: number;
}

/** A new cluster of the given cards (each leaves any cluster it was in). */
export function createCluster(doc: Y.Doc, cluster: NewCluster, cardIds: readonly string[]): void {
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set(CLUSTER_FIELDS.id, cluster.id);
		map.set(CLUSTER_FIELDS.title, cluster.title.slice(0, CLUSTER_TITLE_MAX));
		map.set(CLUSTER_FIELDS.area, cluster.area);
		map.set(CLUSTER_FIELDS.createdAt, cluster.createdAt);
		clustersOf(doc).set(cluster.id, map);
		for (const id of cardIds) setCardCluster(doc, id, cluster.id);
	});
}

/**
 * A cluster someone makes on the board (grouping, dropping, "new cluster with
 * this card"): as createCluster, and room for its title above its cards. An
 * import restores clusters with createCluster, where the cards stay put.
 */
export function makeCluster(doc: Y.Doc, cluster: NewCluster, cardIds: readonly string[]): void {
	doc.transact(() => {
		createCluster(doc, cluster, cardIds);
		makeRoomForTitle(doc, cluster.area, cardIds);
	});
}

/** How far down an area's header reaches on the canvas (its top border and title row), in board units. */
const AREA_HEADER_DRAWN = 76;

/**
 * A cluster of cards in an area's first row would draw its title over the
 * area's header: the area's cards from the cluster's top down move down
 * together, just enough, so the layout below keeps its shape.
 */
function makeRoomForTitle(doc: Y.Doc, area: AreaId, memberIds: readonly string[]): void {
	const cards = readCards(doc).filter((c) => c.area === area && c.phaseId === null);
	const members = new Set(memberIds);
	const box = clusterFrame(cards.filter((c) => members.has(c.id)));
	if (!box) return;
	const overlap = frameOf(area).y + AREA_HEADER_DRAWN - box.y;
	if (overlap <= 0) return;
	const top = box.y + FRAME_PADDING + FRAME_TITLE;
	for (const card of cards) if (card.y >= top) moveCard(doc, card.id, card.x, card.y + overlap);
}

export function renameCluster(doc: Y.Doc, id: string, title: string): void {
	clustersOf(doc).get(id)?.set(CLUSTER_FIELDS.title, title.slice(0, CLUSTER_TITLE_MAX));
}

/** Puts a card into a cluster, or takes it out with null. */
export function setCardCluster(doc: Y.Doc, cardId: string, clusterId: string | null): void {
	const card = cardsOf(doc).get(cardId);
	if (!card) return;
	if (clusterId === null) card.delete(F.clusterId);
	else if (card.get(F.clusterId) !== clusterId) card.set(F.clusterId, clusterId);
}

/**
 * Puts a card into a cluster as someone choosing it from a list does (not by dragging it
 * there): the card also moves to the cluster, below its shortest column. Left where it was,
 * the cluster's frame stretched from its cards to the card's old place — over the area's
 * header, around a hole where other cards had been. A card already among the cluster's
 * columns stays where it is.
 */
export function joinCluster(doc: Y.Doc, cardId: string, clusterId: string | null): void {
	doc.transact(() => {
		setCardCluster(doc, cardId, clusterId);
		if (clusterId === null) return;
		const cards = readCards(doc);
		const card = cards.find((c) => c.id === cardId);
		if (!card) return;
		const members = cards.filter(
			(c) =>
				c.clusterId === clusterId && c.id !== cardId && c.area === card.area && c.phaseId === null
		);
		if (members.length === 0) return;
		const columns = new Map<number, number>();
		for (const m of members)
			columns.set(m.x, Math.max(columns.get(m.x) ?? -Infinity, m.y + estimateCardHeight(m.text)));
		const top = Math.min(...members.map((m) => m.y));
		const bottom = Math.max(...columns.values());
		if (columns.has(card.x) && card.y >= top && card.y <= bottom) return;
		let [x, below] = [...columns.entries()][0]!;
		for (const [columnX, columnBottom] of columns)
			if (columnBottom < below || (columnBottom === below && columnX < x))
				[x, below] = [columnX, columnBottom];
		moveCard(doc, cardId, x, below + LAYOUT.gap);
	});
}

/** Dissolves a cluster: its cards stay where they are, without it. */
export function dissolveCluster(doc: Y.Doc, id: string): void {
	doc.transact(() => {
		for (const [cardId, card] of cardsOf(doc))
			if (card.get(F.clusterId) === id) setCardCluster(doc, cardId, null);
		clustersOf(doc).delete(id);
	});
}

const FRAME_PADDING = CLUSTER_FRAME.padding;
const FRAME_TITLE = CLUSTER_FRAME.title;

/**
 * Tidies an area: each cluster's cards together in a block under its title,
 * in the order the clusters were made, then the cards in no cluster.
 */
export function arrangeByClusters(doc: Y.Doc, area: AreaId): void {
	const frame = frameOf(area);
	const cards = readCards(doc)
		.filter((c) => c.area === area && c.phaseId === null)
		.sort(compareReadingOrder);
	const clusters = readClusters(doc, cards);
	const columns = Math.max(
		1,
		Math.floor((frame.width - LAYOUT.padding) / (CARD_WIDTH + LAYOUT.gap))
	);
	let y = frame.y + LAYOUT.header;
	const place = (list: readonly Card[]) => {
		const bottoms = Array.from({ length: columns }, () => y);
		for (const card of list) {
			const column = bottoms.indexOf(Math.min(...bottoms));
			moveCard(
				doc,
				card.id,
				frame.x + LAYOUT.padding + column * (CARD_WIDTH + LAYOUT.gap),
				bottoms[column]!
			);
			bottoms[column]! += estimateCardHeight(card.text) + LAYOUT.gap;
		}
		y = Math.max(...bottoms);
	};
	doc.transact(() => {
		for (const cluster of clusters) {
			y += FRAME_PADDING + FRAME_TITLE;
			const members = cards.filter((c) => c.clusterId === cluster.id);
			place(members);
			// A title of several lines draws the cards that much lower (settleCards): room below.
			const width =
				Math.min(columns, members.length) * (CARD_WIDTH + LAYOUT.gap) -
				LAYOUT.gap +
				2 * CLUSTER_FRAME.side;
			y += clusterTitleExtra(cluster.title, width);
			y += FRAME_PADDING + LAYOUT.gap;
		}
		const known = new Set(clusters.map((c) => c.id));
		place(cards.filter((c) => c.clusterId === null || !known.has(c.clusterId)));
	});
}

/**
 * The frame drawn around a cluster's cards on the canvas, in board units, with
 * room above them for its title in as many lines as it is shown in
 * (clusterTitleRoom; settleCards draws the cards of a long title that much lower).
 */
export function clusterFrame(
	cards: readonly (Pick<Card, 'x' | 'y' | 'text'> & { readonly height?: number })[],
	title = ''
): { x: number; y: number; width: number; height: number } | null {
	if (cards.length === 0) return null;
	const left = Math.min(...cards.map((c) => c.x));
	const top = Math.min(...cards.map((c) => c.y));
	const bottom = Math.max(...cards.map((c) => c.y + cardHeight(c)));
	const width = clusterFrameWidth(cards);
	const room = clusterTitleRoom(title, width);
	return {
		x: left - CLUSTER_FRAME.side,
		y: top - FRAME_PADDING - room,
		width,
		height: bottom - top + 2 * FRAME_PADDING + room
	};
}

/** Why a set of cards cannot become one cluster; null when it can. */
export type GroupingProblem = 'no_cards' | 'mixed_areas';

/**
 * A cluster lives in one area (it is drawn as a frame there, arranged there and
 * scoped for voting there), so cards of several areas do not make one cluster:
 * grouping them would silently change what a card is (a challenge is not a potential).
 */
export function groupingProblem(cards: readonly Pick<Card, 'area'>[]): GroupingProblem | null {
	if (cards.length === 0) return 'no_cards';
	return cards.every((c) => c.area === cards[0]!.area) ? null : 'mixed_areas';
}

/**
 * A new cluster of the given cards (the facilitator's "group selection"); each
 * card leaves any cluster it was in. Returns the problem instead when there is one.
 */
export function groupCards(
	doc: Y.Doc,
	cardIds: readonly string[],
	cluster: Omit<NewCluster, 'area'>
): GroupingProblem | null {
	const wanted = new Set(cardIds);
	const cards = readCards(doc).filter((c) => wanted.has(c.id) && c.phaseId === null);
	const problem = groupingProblem(cards);
	if (problem) return problem;
	doc.transact(() => {
		packTogether(doc, cards);
		makeCluster(
			doc,
			{ ...cluster, area: cards[0]!.area },
			cards.map((c) => c.id)
		);
	});
	return null;
}

/**
 * Moves cards into one block, from the topmost of them down, in the columns they are in, in
 * reading order: grouped where they were, the new cluster's frame spanned the holes of the
 * cards between them (pushed below it), until someone pressed "Nach Clustern ordnen".
 */
function packTogether(doc: Y.Doc, cards: readonly Card[]): void {
	const sorted = [...cards].sort(compareReadingOrder);
	const columns = [...new Set(sorted.map((c) => c.x))].sort((a, b) => a - b);
	const top = Math.min(...sorted.map((c) => c.y));
	const bottoms = new Map(columns.map((x) => [x, top]));
	for (const card of sorted) {
		let column = columns[0]!;
		for (const x of columns) if (bottoms.get(x)! < bottoms.get(column)!) column = x;
		moveCard(doc, card.id, column, bottoms.get(column)!);
		bottoms.set(column, bottoms.get(column)! + estimateCardHeight(card.text) + LAYOUT.gap);
	}
}

/** What a dragged card was dropped onto: another card, or a cluster's frame. */
export type DropTarget = { kind: 'card'; id: string } | { kind: 'cluster'; id: string };

/**
 * The drop target under a point (the dragged card's centre), ignoring the
 * dragged cards themselves: the topmost card there first, else a cluster frame.
 */
export function dropTargetAt(
	cards: readonly Card[],
	clusters: readonly Cluster[],
	dragged: ReadonlySet<string>,
	point: { x: number; y: number }
): DropTarget | null {
	const inside = (box: { x: number; y: number; width: number; height: number } | null) =>
		!!box &&
		point.x >= box.x &&
		point.x <= box.x + box.width &&
		point.y >= box.y &&
		point.y <= box.y + box.height;
	const under = cards.filter(
		(c) =>
			!dragged.has(c.id) &&
			c.phaseId === null &&
			inside({ x: c.x, y: c.y, width: CARD_WIDTH, height: cardHeight(c) })
	);
	// The card drawn last (lowest in reading order) is on top.
	const top = under.sort(compareReadingOrder).at(-1);
	if (top) return { kind: 'card', id: top.id };
	for (const cluster of clusters) {
		const members = cards.filter((c) => c.clusterId === cluster.id && !dragged.has(c.id));
		if (inside(clusterFrame(members, cluster.title))) return { kind: 'cluster', id: cluster.id };
	}
	return null;
}

/**
 * What letting go of a drag here would cluster the cards with, shown while
 * dragging: the target under the point when a drop there clusters — a cluster
 * frame, a clustered card, or an unclustered card for whoever may make
 * clusters (the facilitator). Null when letting go only moves the cards.
 */
export function dropPreview(
	cards: readonly Card[],
	clusters: readonly Cluster[],
	dragged: ReadonlySet<string>,
	point: { x: number; y: number },
	mayMakeClusters: boolean
): DropTarget | null {
	const target = dropTargetAt(cards, clusters, dragged, point);
	if (!target || target.kind === 'cluster' || mayMakeClusters) return target;
	const card = cards.find((c) => c.id === target.id);
	const clustered = !!card?.clusterId && clusters.some((c) => c.id === card.clusterId);
	return clustered ? target : null;
}

/** The cluster the dragged cards would join at a drop target: the frame's, or the target card's (null: a new one). */
export function clusterAtDropTarget(
	target: DropTarget | null,
	cards: readonly Card[]
): string | null {
	if (!target) return null;
	if (target.kind === 'cluster') return target.id;
	return cards.find((c) => c.id === target.id)?.clusterId ?? null;
}

/**
 * The cluster that cards let go at a drop target join, as movesOf puts them
 * there: the target's cluster (a frame's, or a clustered card's), or a new one
 * with an unclustered target card for whoever may make clusters. Its area, and
 * how far the board draws it pushed (`pushes`, see clusterPushes; a new
 * cluster is pushed as its first card, the target, is now). Null when letting
 * go there clusters nothing.
 */
export function joiningAt(
	target: DropTarget | null,
	cards: readonly DrawnCard[],
	clusters: readonly Cluster[],
	pushes: ReadonlyMap<string, number>,
	mayMakeClusters: boolean
): { area: AreaId; push: number } | null {
	if (!target) return null;
	const card = target.kind === 'card' ? cards.find((c) => c.id === target.id) : undefined;
	const id = target.kind === 'cluster' ? target.id : card?.clusterId;
	const cluster = clusters.find((c) => c.id === id);
	if (cluster) return { area: cluster.area, push: pushes.get(cluster.id) ?? 0 };
	if (!card || !mayMakeClusters) return null;
	return { area: card.area, push: card.y - card.putY };
}

/**
 * Clusters dropped cards with their target: a cluster frame or a clustered
 * card takes them into its cluster; an unclustered card makes a new cluster
 * with them when `newCluster` is given (the facilitator; participants write no
 * clusters). Only cards in the target's area join. Returns the cluster id, or null.
 */
export function dropInto(
	doc: Y.Doc,
	droppedIds: readonly string[],
	target: DropTarget,
	newCluster: Omit<NewCluster, 'area'> | null
): string | null {
	const cards = readCards(doc);
	const byId = new Map(cards.map((c) => [c.id, c]));
	let clusterId: string | null;
	let area: AreaId | undefined;
	if (target.kind === 'cluster') {
		clusterId = target.id;
		const stored = clustersOf(doc).get(target.id)?.get(CLUSTER_FIELDS.area);
		area = isAreaId(stored) ? stored : undefined;
	} else {
		const card = byId.get(target.id);
		if (!card) return null;
		const known = card.clusterId !== null && clustersOf(doc).has(card.clusterId);
		clusterId = known ? card.clusterId : null;
		area = card.area;
	}
	if (!clusterId && !newCluster) return null;
	const joining = droppedIds.filter((id) => byId.get(id)?.area === area);
	if (joining.length === 0) return null;
	if (clusterId) {
		const id = clusterId;
		doc.transact(() => joining.forEach((cardId) => setCardCluster(doc, cardId, id)));
		return id;
	}
	makeCluster(doc, { ...newCluster!, area: area! }, [target.id, ...joining]);
	return newCluster!.id;
}
