import { cardHeight, CLUSTER_FRAME, settleCards } from '../board/card-layout';
import { LAYOUT } from '../board/cards';
import { clusterFrame } from '../board/clusters';
import type { ExportArea, ExportCard, ExportCluster, ExportModel } from './model';

/** Below the lowest card an area keeps this much room, as the board does. */
export const AREA_BOTTOM_ROOM = 120;

/**
 * An export card where the board picture draws it: `y` is where it is drawn,
 * `putY` where it was put (the model's `y`, the stored place), as DrawnCard
 * on the canvas.
 */
export interface PictureCard extends ExportCard {
	readonly putY: number;
}

/** The board as the picture draws it: everything where the canvas would draw it. */
export interface PictureLayout {
	/** The model's areas, grown to hold the cards where they are drawn. */
	readonly areas: readonly ExportArea[];
	/** The model's clusters, each framed around its cards where they are drawn. */
	readonly clusters: readonly ExportCluster[];
	/** The model's cards in the model's order, each at the place it is drawn. */
	readonly cards: readonly PictureCard[];
}

/**
 * The areas, all as tall as the lowest card needs (the board grows its areas
 * alike). The export model applies it to the stored places, the picture to
 * the drawn ones.
 */
export function areasHolding<A extends Pick<ExportArea, 'y' | 'height'>>(
	areas: readonly A[],
	cards: readonly { readonly y: number; readonly height: number }[]
): A[] {
	let bottom = 0;
	for (const card of cards) bottom = Math.max(bottom, card.y + card.height + AREA_BOTTOM_ROOM);
	return areas.map((area) => ({ ...area, height: Math.max(area.height, bottom - area.y) }));
}

/**
 * The cards of each area lowered, all by as much, so that nothing is drawn in
 * the area's header (its title): no card above where the board puts the first
 * card (`LAYOUT.header`), no cluster's frame with its title above it either,
 * where "arrange by cluster" puts the first frame. A card put at the top and
 * then clustered has its frame's title reach 40 units higher, across the
 * area's title in the picture.
 */
function belowHeaders<C extends Pick<ExportCard, 'area' | 'clusterId' | 'y'>>(
	areas: readonly ExportArea[],
	cards: readonly C[],
	clusters: ReadonlySet<string>
): C[] {
	const highest = new Map<string, number>();
	for (const card of cards) {
		const framed = card.clusterId !== null && clusters.has(card.clusterId);
		const top = framed ? card.y - CLUSTER_FRAME.padding - CLUSTER_FRAME.title : card.y;
		highest.set(card.area, Math.min(highest.get(card.area) ?? Infinity, top));
	}
	const shifts = new Map(
		areas.map((area) => [
			area.id,
			Math.max(0, area.y + LAYOUT.header - (highest.get(area.id) ?? Infinity))
		])
	);
	return cards.map((card) => {
		const shift = shifts.get(card.area) ?? 0;
		return shift === 0 ? card : { ...card, y: card.y + shift };
	});
}

/**
 * Where the board picture (SVG, PNG, the PDF's picture page) draws the board:
 * the cards settled as the canvas settles them (`settleCards`), so that a card
 * that grew pushes the ones below it down instead of covering them, each with
 * the height the picture draws it with (`cardHeight`: the model's `height`,
 * into which the picture fits the card's text), and a cluster pushed as a
 * whole, so that its frame covers neither another cluster nor a card outside
 * it. An area whose cards or frames reach into its header is drawn with its
 * cards lower (`belowHeaders`). Cluster frames go around the drawn cards
 * (`clusterFrame`, as on the canvas, with room for a title of several lines)
 * and the areas grow to hold them.
 *
 * The model itself keeps the stored places: its `x` and `y` are data (the
 * JSON export carries them and an import puts cards back there).
 */
export function pictureLayout(
	model: Pick<ExportModel, 'areas' | 'clusters' | 'cards'>
): PictureLayout {
	const clusterIds = new Set(model.clusters.map((c) => c.id));
	const titles = new Map(model.clusters.map((c) => [c.id, c.title]));
	const lowered = belowHeaders(model.areas, model.cards, clusterIds);
	const moved = settleCards(lowered, cardHeight, { clusters: clusterIds, titles });
	const cards = lowered.map((card, i): PictureCard => ({
		...card,
		y: moved.get(card.id) ?? card.y,
		putY: model.cards[i]!.y
	}));
	const byCluster = new Map<string, PictureCard[]>();
	for (const card of cards) {
		if (card.clusterId === null) continue;
		const members = byCluster.get(card.clusterId);
		if (members) members.push(card);
		else byCluster.set(card.clusterId, [card]);
	}
	const clusters = model.clusters.map((cluster): ExportCluster => {
		const frame = clusterFrame(byCluster.get(cluster.id) ?? [], cluster.title);
		return frame ? { ...cluster, frame } : cluster;
	});
	return { areas: areasHolding(model.areas, cards), clusters, cards };
}
