import { describe, expect, it } from 'vitest';
import { musterstadtExport } from '../../../../tests/helpers/export-fixture';
import { frameOf } from '../board/areas';
import { CLUSTER_FRAME, estimateCardHeight, LAYOUT } from '../board/cards';
import { clusterFrame } from '../board/clusters';
import { CARD_WIDTH } from '../board/schema';
import type { ExportCard, ExportModel } from './model';
import { AREA_BOTTOM_ROOM, areasHolding, pictureLayout } from './picture-layout';

const SHORT = 'Kurz';
/** A text that makes a card several times as tall as a short one. */
const LONG = 'Regionale Anbieter kennen die Vergabeplattform oft gar nicht. '.repeat(4);

function card(id: string, x: number, y: number, text = SHORT, clusterId: string | null = null) {
	return {
		id,
		area: 'challenges',
		clusterId,
		text,
		color: 'pink',
		authorId: 'p1',
		authorGroup: null,
		createdAt: 0,
		x,
		y,
		width: CARD_WIDTH,
		height: estimateCardHeight(text),
		dots: {},
		dotsByGroup: {}
	} satisfies ExportCard;
}

/** A model of the Musterstadt session whose board holds just these cards (and their clusters). */
function boardOf(cards: ExportCard[]): ExportModel {
	const base = musterstadtExport();
	const ids = [...new Set(cards.flatMap((c) => (c.clusterId === null ? [] : [c.clusterId])))];
	return {
		...base,
		areas: areasHolding(
			base.areas.map((area) => ({ ...area, height: frameOf(area.id).height })),
			cards
		),
		clusters: ids.map((id) => {
			const members = cards.filter((c) => c.clusterId === id);
			return {
				id,
				title: `Cluster ${id}`,
				area: 'challenges',
				cardIds: members.map((c) => c.id),
				frame: clusterFrame(members)!
			};
		}),
		cards,
		connectors: []
	};
}

// A was put with a short text and B just below it, where "arrange by clusters" puts a cluster's
// first cards (below the area's header and the frame's title); then A's text grew.
const A = card('a', 24, 120, LONG, 'k1');
const B = card('b', 24, 80 + estimateCardHeight(SHORT) + LAYOUT.gap, SHORT, 'k1');
const C = card('c', 24 + CARD_WIDTH + LAYOUT.gap, B.y);

describe('where the board picture draws cards', () => {
	it('draws a card below a card above it that grew over it, where the canvas draws it', () => {
		expect(A.y + A.height).toBeGreaterThan(B.y); // as put, A would cover B
		const model = boardOf([A, B, C]);
		const before = structuredClone(model);
		const drawn = new Map(pictureLayout(model).cards.map((c) => [c.id, c]));
		const [a, b, c] = [drawn.get('a')!, drawn.get('b')!, drawn.get('c')!];
		expect(a.y).toBe(A.y);
		expect(b.y).toBeGreaterThanOrEqual(a.y + a.height);
		expect(b.y).toBe(A.y + A.height + LAYOUT.gap);
		expect(b.putY).toBe(B.y);
		// A card in the next column is not covered and stays where it was put.
		expect([c.y, c.putY]).toEqual([C.y, C.y]);
		// The model keeps the stored places: they are data.
		expect(model).toEqual(before);
	});

	it('draws cards with the height the picture gives them, in the model’s order', () => {
		const model = boardOf([A, B, C]);
		const layout = pictureLayout(model);
		expect(layout.cards.map((c) => [c.id, c.x, c.height])).toEqual(
			model.cards.map((c) => [c.id, c.x, c.height])
		);
	});

	it('pushes the cards below a pushed card down in turn', () => {
		const D = card('d', 24, B.y + B.height + LAYOUT.gap, SHORT, 'k1');
		const drawn = pictureLayout(boardOf([A, B, D])).cards;
		const b = drawn.find((c) => c.id === 'b')!;
		expect(b.y).toBe(A.y + A.height + LAYOUT.gap);
		expect(drawn.find((c) => c.id === 'd')!.y).toBe(b.y + b.height + LAYOUT.gap);
	});

	it('frames a cluster around its cards where they are drawn', () => {
		const model = boardOf([A, B, C]);
		const layout = pictureLayout(model);
		const frame = layout.clusters[0]!.frame;
		const b = layout.cards.find((c) => c.id === 'b')!;
		expect(frame).toEqual(clusterFrame(layout.cards.filter((c) => c.clusterId === 'k1')));
		expect(frame.y + frame.height).toBeGreaterThan(b.y + b.height);
		// The model's frame is around the stored places, and ends above B's drawn bottom.
		expect(model.clusters[0]!.frame.y + model.clusters[0]!.frame.height).toBeLessThan(
			b.y + b.height
		);
	});

	it('keeps a cluster’s frame and title clear of the cluster below when a card in it grew', () => {
		// Two clusters one above the other, over both columns, as "arrange by clusters" puts them
		// with short texts; then one card of the upper one grew over the lower one's title.
		const right = 24 + CARD_WIDTH + LAYOUT.gap;
		const short = estimateCardHeight(SHORT);
		const lower = 120 + short + LAYOUT.gap + 28 + 40;
		const cards = [
			card('a', 24, 120, LONG, 'k1'),
			card('b', right, 120, SHORT, 'k1'),
			card('c', 24, lower, SHORT, 'k2'),
			card('d', right, lower, SHORT, 'k2'),
			card('e', right, lower + short + LAYOUT.gap + 28)
		];
		const model = boardOf(cards);
		const [k1, k2] = model.clusters.map((c) => c.frame);
		expect(k1!.y + k1!.height).toBeGreaterThan(k2!.y); // as put, the frames overlap
		const layout = pictureLayout(model);
		const frames = new Map(layout.clusters.map((c) => [c.id, c.frame]));
		const [drawnK1, drawnK2] = [frames.get('k1')!, frames.get('k2')!];
		expect(drawnK2.y).toBe(drawnK1.y + drawnK1.height + LAYOUT.gap);
		const drawn = new Map(layout.cards.map((c) => [c.id, c]));
		// The lower cluster moved as a whole, and the card below it went below its frame.
		expect(drawn.get('c')!.y).toBe(drawn.get('d')!.y);
		expect(drawn.get('e')!.y).toBe(drawnK2.y + drawnK2.height + LAYOUT.gap);
		for (const cluster of layout.clusters)
			for (const other of layout.cards)
				if (other.clusterId !== cluster.id) {
					const f = cluster.frame;
					const apart =
						other.y >= f.y + f.height ||
						other.y + other.height <= f.y ||
						other.x >= f.x + f.width ||
						other.x + other.width <= f.x;
					expect(apart, `${cluster.id} ${other.id}`).toBe(true);
				}
		// The model keeps where the cards were put.
		expect(model.cards.map((c) => c.y)).toEqual(cards.map((c) => c.y));
	});

	it('keeps a cluster’s frame and title out of the area’s header when its card was put at the top', () => {
		// Put where the board puts a new card (board-schema.md's example), then clustered.
		const top = card('top', 24, LAYOUT.header, SHORT, 'k1');
		const beside = card('beside', 24 + CARD_WIDTH + LAYOUT.gap, 300);
		const elsewhere = { ...card('elsewhere', 536, LAYOUT.header), area: 'potentials' as const };
		const model = boardOf([top, beside, elsewhere]);
		const area = model.areas.find((a) => a.id === 'challenges')!;
		expect(model.clusters[0]!.frame.y).toBeLessThan(area.y + LAYOUT.header); // as put
		const layout = pictureLayout(model);
		const frame = layout.clusters[0]!.frame;
		expect(frame.y).toBe(area.y + LAYOUT.header);
		const drawn = new Map(layout.cards.map((c) => [c.id, c]));
		// The area's content moves down as a whole; other areas stay; the model keeps the places.
		const shift = drawn.get('top')!.y - top.y;
		expect(shift).toBe(CLUSTER_FRAME.padding + CLUSTER_FRAME.title);
		expect(drawn.get('beside')!.y).toBe(beside.y + shift);
		expect(drawn.get('elsewhere')!.y).toBe(elsewhere.y);
		expect(drawn.get('top')!.putY).toBe(top.y);
		expect(model.cards.map((c) => c.y)).toEqual([top.y, beside.y, elsewhere.y]);
	});

	it('draws a card put into its area’s header below the header', () => {
		const high = card('high', 24, 20);
		const layout = pictureLayout(boardOf([high]));
		expect(layout.cards[0]!.y).toBe(LAYOUT.header);
	});

	it('grows every area to hold the cards where they are drawn', () => {
		// A card near the bottom of the area, pushed below it by a tall card above.
		const low = card('low', 24, 1100);
		const tall = card('tall', 24, 1000, LONG);
		const layout = pictureLayout(boardOf([tall, low]));
		const drawnLow = layout.cards.find((c) => c.id === 'low')!;
		expect(drawnLow.y).toBe(1000 + tall.height + LAYOUT.gap);
		for (const area of layout.areas)
			expect(area.y + area.height).toBe(drawnLow.y + drawnLow.height + AREA_BOTTOM_ROOM);
	});

	it('is the model’s board where no card covers another (the Musterstadt sample)', () => {
		const model = musterstadtExport();
		const layout = pictureLayout(model);
		expect(layout.cards.map((c) => [c.id, c.y])).toEqual(model.cards.map((c) => [c.id, c.y]));
		expect(layout.clusters).toEqual(model.clusters);
		expect(layout.areas).toEqual(model.areas);
	});
});
