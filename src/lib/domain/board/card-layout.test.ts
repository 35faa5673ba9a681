import { describe, expect, it } from 'vitest';
import {
	type DrawnCard,
	cardHeight,
	clusterPushes,
	clusterTitleExtras,
	settleCards
} from './card-layout';
import { movesOf, stepMoves } from './selection';
import { type Card, CLUSTER_FRAME, estimateCardHeight, LAYOUT, NO_NEXT_STEP } from './cards';
import { clusterTitleExtra, clusterTitleRoom } from './cluster-frame';
import { CLUSTER_TITLE } from './cluster-title';
import { clusterFrame } from './clusters';
import { CARD_WIDTH } from './schema';

function card(
	id: string,
	x: number,
	y: number,
	createdAt = 0,
	clusterId: string | null = null
): Card {
	return {
		id,
		text: id,
		area: 'challenges',
		x,
		y,
		color: 'yellow',
		authorId: 'p1',
		authorGroup: null,
		createdAt,
		phaseId: null,
		clusterId,
		nextStep: NO_NEXT_STEP
	};
}

function drawn(c: Card, height: number, y = c.y): DrawnCard {
	return { ...c, y, putY: c.y, height };
}

const heights =
	(byId: Record<string, number>, fallback = 120) =>
	(c: Card) =>
		byId[c.id] ?? fallback;

describe('where cards are drawn', () => {
	it('leaves cards where they were put when none covers another', () => {
		const cards = [card('a', 0, 100), card('b', 0, 300), card('c', 300, 100)];
		expect(settleCards(cards, heights({})).size).toBe(0);
	});

	it('draws a card below one above it that grew over it, and the next below that', () => {
		// a grew to 400 units (a long text, a next step's details); b and c were put below its old bottom.
		const cards = [card('c', 0, 400), card('a', 0, 100), card('b', 0, 250)];
		const moved = settleCards(cards, heights({ a: 400 }));
		expect(moved.get('a')).toBeUndefined();
		expect(moved.get('b')).toBe(100 + 400 + LAYOUT.gap);
		expect(moved.get('c')).toBe(100 + 400 + LAYOUT.gap + 120 + LAYOUT.gap);
	});

	it('pushes only cards in the same column, also when they share part of it', () => {
		const cards = [card('a', 0, 100), card('beside', CARD_WIDTH + 16, 150), card('half', 100, 150)];
		const moved = settleCards(cards, heights({ a: 300 }));
		expect(moved.has('beside')).toBe(false);
		expect(moved.get('half')).toBe(100 + 300 + LAYOUT.gap);
	});

	it('decides between cards put at the same place by reading order, so every screen agrees', () => {
		const moved = settleCards([card('later', 0, 100, 2), card('first', 0, 100, 1)], heights({}));
		expect([...moved]).toEqual([['later', 100 + 120 + LAYOUT.gap]]);
	});

	it('keeps pushing until a card fits: below the card above it lies another one', () => {
		// a grew to 300; b, half in a's column, goes below it; c, pushed below a, lands on b.
		const cards = [card('a', 0, 0), card('b', 150, 100), card('c', 0, 200)];
		const moved = settleCards(cards, heights({ a: 300 }));
		expect(moved.get('b')).toBe(300 + LAYOUT.gap);
		expect(moved.get('c')).toBe(300 + LAYOUT.gap + 120 + LAYOUT.gap);
	});

	it('leaves no card covering another, however crowded the board', () => {
		// A fixed pseudo-random board: 400 cards piled into three areas, heights 120–400.
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) as number;
		const cards = Array.from({ length: 400 }, (_, i) =>
			card(`c${i}`, Math.round(random() * 1400), Math.round(random() * 3000), i)
		);
		const height = Object.fromEntries(cards.map((c) => [c.id, 120 + Math.round(random() * 280)]));
		const moved = settleCards(cards, heights(height));
		const drawn = cards.map((c) => ({ ...c, y: moved.get(c.id) ?? c.y, h: height[c.id]! }));
		for (const a of drawn)
			for (const b of drawn) {
				if (a === b) continue;
				const side = a.x < b.x + CARD_WIDTH && b.x < a.x + CARD_WIDTH;
				if (side) expect(a.y + a.h <= b.y || b.y + b.h <= a.y, `${a.id} ${b.id}`).toBe(true);
			}
		// Nobody's card is drawn above where it was put.
		for (const c of drawn) expect(c.y).toBeGreaterThanOrEqual(cards.find((o) => o.id === c.id)!.y);
	});

	it('lets cards go back to where they were put when the card above shrinks', () => {
		const cards = [card('a', 0, 100), card('b', 0, 250)];
		expect(settleCards(cards, heights({ a: 400 })).get('b')).toBe(516);
		expect(settleCards(cards, heights({ a: 120 })).size).toBe(0);
	});

	it('neither moves nor is pushed by a card being dragged', () => {
		const cards = [card('a', 0, 100), card('dragged', 0, 150), card('b', 0, 250)];
		const moved = settleCards(cards, heights({}), { loose: new Set(['dragged']) });
		expect(moved.size).toBe(0);
	});

	it('estimates the height of a card not drawn yet from its text', () => {
		expect(cardHeight(card('a', 0, 0))).toBe(estimateCardHeight('a'));
		expect(cardHeight(drawn(card('a', 0, 0), 333))).toBe(333);
	});
});

/** The cluster ids the tests' boards know. */
const CLUSTERS = new Set(['k1', 'k2']);

interface Box {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

const covers = (a: Box, b: Box) =>
	a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** The board as drawn: each card where it is drawn, each cluster's frame around its drawn cards. */
function drawnBoard(
	cards: readonly Card[],
	heightOf: (c: Card) => number,
	titles: ReadonlyMap<string, string> = new Map()
) {
	const moved = settleCards(cards, heightOf, { clusters: CLUSTERS, titles });
	const drawn = cards.map((c): DrawnCard => ({
		...c,
		y: moved.get(c.id) ?? c.y,
		putY: c.y,
		height: heightOf(c)
	}));
	const frames = new Map<string, Box>();
	for (const id of CLUSTERS) {
		const frame = clusterFrame(
			drawn.filter((c) => c.clusterId === id),
			titles.get(id)
		);
		if (frame) frames.set(id, frame);
	}
	return { moved, card: (id: string) => drawn.find((c) => c.id === id)!, drawn, frames };
}

/** The cards outside a cluster that its frame (with its title) covers where they are drawn. */
function coveredBy(board: ReturnType<typeof drawnBoard>, clusterId: string): string[] {
	const frame = board.frames.get(clusterId)!;
	return board.drawn
		.filter((c) => c.clusterId !== clusterId && covers(frame, { ...c, width: CARD_WIDTH }))
		.map((c) => c.id);
}

// Two clusters one above the other in both columns of an area, then two cards in none, as
// "arrange by clusters" puts them when every card is 120 units tall: k1's frame ends at 252,
// k2's begins (with its title) at 284.
const [LEFT, RIGHT] = [24, 24 + CARD_WIDTH + LAYOUT.gap];
const stacked = () => [
	card('a', LEFT, 120, 1, 'k1'),
	card('b', RIGHT, 120, 2, 'k1'),
	card('c', LEFT, 324, 3, 'k2'),
	card('d', RIGHT, 324, 4, 'k2'),
	card('u', LEFT, 488, 5),
	card('v', RIGHT, 488, 6)
];

describe('where clusters are drawn', () => {
	it('moves nothing where no frame covers another cluster or a card', () => {
		const board = drawnBoard(stacked(), heights({}));
		expect(board.moved.size).toBe(0);
		expect(board.frames.get('k1')!.y + board.frames.get('k1')!.height).toBe(252);
		expect(board.frames.get('k2')!.y).toBe(284);
	});

	it('draws the cluster below lower when a card above grew into its title, though it covers none of its cards', () => {
		// a grows by 60: its bottom (300) stays above c (324), but k1's frame reaches 312.
		const board = drawnBoard(stacked(), heights({ a: 180 }));
		const [k1, k2] = [board.frames.get('k1')!, board.frames.get('k2')!];
		expect(covers(k1, k2)).toBe(false);
		expect(k2.y).toBe(k1.y + k1.height + LAYOUT.gap);
		// Its cards move together, and push the cards in no cluster below them down.
		expect(board.card('c').y).toBe(board.card('d').y);
		expect(coveredBy(board, 'k1')).toEqual([]);
		expect(coveredBy(board, 'k2')).toEqual([]);
	});

	it('makes room for a title of several lines: its cards and everything below them are drawn lower', () => {
		// k1's frame is two columns wide; this title takes it a line more.
		const long =
			'Knowledge and budget of the procurement offices, and who in the administration decides';
		const board = drawnBoard(stacked(), heights({}), new Map([['k1', long]]));
		const extra = clusterTitleExtra(long, board.frames.get('k1')!.width);
		expect(extra).toBe(CLUSTER_TITLE.lineHeight);
		const [k1, k2] = [board.frames.get('k1')!, board.frames.get('k2')!];
		// The frame's top stays where it was; its cards go down by the title's extra lines.
		expect(k1.y).toBe(120 - CLUSTER_FRAME.padding - CLUSTER_FRAME.title);
		expect(board.card('a').y).toBe(120 + extra);
		expect(board.card('b').y).toBe(120 + extra);
		expect(board.card('a').y - k1.y).toBe(CLUSTER_FRAME.padding + clusterTitleRoom(long, k1.width));
		expect(covers(k1, k2)).toBe(false);
		expect(coveredBy(board, 'k1')).toEqual([]);
		expect(coveredBy(board, 'k2')).toEqual([]);
		// Without it, nothing moves (see above); the stored places stay in any case.
		expect(stacked().map((c) => c.y)).toEqual([120, 120, 324, 324, 488, 488]);
	});

	it('pushes a whole cluster down, not only the cards of it that the grown card covers', () => {
		// a grows to 300: as cards alone, c is pushed and d (the other column) is not.
		const board = drawnBoard(stacked(), heights({ a: 300 }));
		const [k1, k2] = [board.frames.get('k1')!, board.frames.get('k2')!];
		expect(board.card('d').y).toBe(board.card('c').y);
		expect(board.card('c').y).toBeGreaterThan(324);
		expect(covers(k1, k2)).toBe(false);
		expect(coveredBy(board, 'k1')).toEqual([]);
		expect(coveredBy(board, 'k2')).toEqual([]);
		// The stored places stay: a card only has a drawn place.
		expect(stacked().map((c) => c.y)).toEqual([120, 120, 324, 324, 488, 488]);
	});

	it('draws a card in no cluster below a frame that grew over it from another column', () => {
		// w stands below b, clear of k1's frame, until a (in the other column) grows.
		const cards = [
			card('a', LEFT, 120, 1, 'k1'),
			card('b', RIGHT, 120, 2, 'k1'),
			card('w', RIGHT, 272, 3)
		];
		expect(drawnBoard(cards, heights({})).moved.size).toBe(0);
		const board = drawnBoard(cards, heights({ a: 200 }));
		const k1 = board.frames.get('k1')!;
		expect(coveredBy(board, 'k1')).toEqual([]);
		expect(board.card('w').y).toBe(k1.y + k1.height + LAYOUT.gap);
	});

	it('draws a cluster below a card above it that grew into its title', () => {
		const cards = [
			card('u', LEFT, 80, 1),
			card('c', LEFT, 256, 2, 'k2'),
			card('d', RIGHT, 256, 3, 'k2')
		];
		expect(drawnBoard(cards, heights({})).moved.size).toBe(0);
		// u's bottom (240) reaches into k2's title (from 216), not into its cards (from 256).
		const board = drawnBoard(cards, heights({ u: 160 }));
		const k2 = board.frames.get('k2')!;
		expect(k2.y).toBe(80 + 160 + LAYOUT.gap);
		expect(coveredBy(board, 'k2')).toEqual([]);
		expect(board.card('c').y).toBe(board.card('d').y);
	});

	it('leaves clusters side by side in neighbouring columns where they were put', () => {
		const cards = [card('a', LEFT, 120, 1, 'k1'), card('d', RIGHT, 160, 2, 'k2')];
		expect(drawnBoard(cards, heights({})).moved.size).toBe(0);
		expect(drawnBoard(cards, heights({ a: 500 })).moved.size).toBe(0);
		// Their dashed frames keep apart in the gap between the columns instead of crossing there.
		const [k1, k2] = ['k1', 'k2'].map((id) =>
			clusterFrame(cards.filter((c) => c.clusterId === id))!
		);
		expect(k1!.x + k1!.width).toBeLessThan(k2!.x);
	});

	it('lets the cards of one cluster push each other down as any cards do', () => {
		const cards = [card('a', LEFT, 120, 1, 'k1'), card('c', LEFT, 256, 2, 'k1')];
		const board = drawnBoard(cards, heights({ a: 300 }));
		expect(board.card('c').y).toBe(120 + 300 + LAYOUT.gap);
	});

	it('draws a card naming a cluster the board does not have as a card in none', () => {
		const cards = [card('u', LEFT, 80, 1), card('c', LEFT, 216, 2, 'gone')];
		expect(settleCards(cards, heights({}), { clusters: CLUSTERS }).size).toBe(0);
	});

	it('leaves no frame over another cluster or a card outside it, however crowded the board', () => {
		// A fixed pseudo-random board in two columns of one area: 160 cards, heights 120–400,
		// every other one in one of eight clusters of cards near each other.
		let seed = 11;
		const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) as number;
		const ids = ['k1', 'k2', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8'];
		const known = new Set(ids);
		const cards = Array.from({ length: 160 }, (_, i) => {
			const y = Math.round(random() * 6000);
			const cluster = i % 2 === 0 ? ids[Math.min(7, Math.floor(y / 750))]! : null;
			return card(
				`c${i}`,
				random() < 0.5 ? LEFT : RIGHT + Math.round(random() * 30),
				y,
				i,
				cluster
			);
		});
		const height = Object.fromEntries(cards.map((c) => [c.id, 120 + Math.round(random() * 280)]));
		const moved = settleCards(cards, heights(height), { clusters: known });
		const drawn = cards.map((c) => ({
			...c,
			y: moved.get(c.id) ?? c.y,
			width: CARD_WIDTH,
			height: height[c.id]!
		}));
		for (const a of drawn)
			for (const b of drawn) if (a !== b) expect(covers(a, b), `${a.id} ${b.id}`).toBe(false);
		for (const id of ids) {
			const members = drawn.filter((c) => c.clusterId === id);
			const frame = clusterFrame(members)!;
			for (const c of drawn)
				if (c.clusterId !== id) expect(covers(frame, c), `${id} ${c.id}`).toBe(false);
		}
		for (const c of drawn) expect(c.y).toBeGreaterThanOrEqual(cards.find((o) => o.id === c.id)!.y);
	});
});

/** The stored cards once these moves are written. */
const afterMoves = (
	cards: readonly Card[],
	moves: readonly { id: string; x: number; y: number }[]
) =>
	cards.map((c) => {
		const move = moves.find((m) => m.id === c.id);
		return move ? { ...c, x: move.x, y: move.y } : c;
	});

describe('moving cards of a pushed cluster', () => {
	// a grew to 300 units: k2 is drawn pushed down as a whole, by 176.
	const grown = heights({ a: 300 });
	const pushed = () => drawnBoard(stacked(), grown);
	const mayMove = () => true;

	it('knows how far each cluster is drawn below where its cards were put', () => {
		const board = pushed();
		expect(clusterPushes(board.drawn, CLUSTERS)).toEqual(
			new Map([
				['k1', 0],
				['k2', board.card('c').y - 324]
			])
		);
		expect(board.card('c').y - 324).toBeGreaterThan(0);
		// Cards in hand are not drawn in their cluster; a cluster wholly in hand has no push.
		expect(clusterPushes(board.drawn, CLUSTERS, new Set(['a', 'b'])).has('k1')).toBe(false);
	});

	it('draws a card moved within a pushed cluster where it was moved, not pushed twice', () => {
		const board = pushed();
		const pushes = clusterPushes(board.drawn, CLUSTERS);
		const moves = movesOf(board.drawn, new Set(['d']), { dx: 0, dy: 20 }, mayMove, { pushes });
		// Stored in the cluster's own places: 20 below where it was put.
		expect(moves).toEqual([{ id: 'd', x: RIGHT, y: 344 }]);
		const after = drawnBoard(afterMoves(stacked(), moves), grown);
		expect(after.card('d').y).toBe(board.card('d').y + 20);
		expect(after.card('c').y).toBe(board.card('c').y);
	});

	it('draws a whole cluster moved where it was moved', () => {
		const board = pushed();
		const pushes = clusterPushes(board.drawn, CLUSTERS);
		const delta = { dx: 0, dy: 200 };
		const moves = movesOf(board.drawn, new Set(['c', 'd']), delta, mayMove, { pushes });
		expect(moves.map((m) => m.y)).toEqual([board.card('c').y + 200, board.card('d').y + 200]);
		const after = drawnBoard(afterMoves(stacked(), moves), grown);
		expect(after.card('c').y).toBe(board.card('c').y + 200);
	});

	it('draws a card let go in a pushed cluster, which it joins, where it was let go', () => {
		const board = pushed();
		const pushes = clusterPushes(board.drawn, CLUSTERS);
		// v (in no cluster, below k2) goes into k2's frame, under d.
		const d = board.card('d');
		const v = board.card('v');
		const delta = { dx: 0, dy: d.y + d.height + LAYOUT.gap - v.y };
		const join = { cards: new Set(['v']), area: 'challenges' as const, push: pushes.get('k2')! };
		const moves = movesOf(board.drawn, new Set(['v']), delta, mayMove, { pushes }, join);
		const joined = afterMoves(stacked(), moves).map((c) =>
			c.id === 'v' ? { ...c, clusterId: 'k2' } : c
		);
		expect(drawnBoard(joined, grown).card('v').y).toBe(v.y + delta.dy);
	});

	it('moves a card down within a pushed cluster by the step, for the arrow key too', () => {
		const board = pushed();
		const pushes = clusterPushes(board.drawn, CLUSTERS);
		const moves = stepMoves(board.drawn, new Set(['d']), { dx: 0, dy: 12 }, mayMove, { pushes });
		expect(drawnBoard(afterMoves(stacked(), moves), grown).card('d').y).toBe(
			board.card('d').y + 12
		);
	});

	it('moves a card between two clusters up past the upper one, not back below the lower one', () => {
		// u, in no cluster, was put just before k2 (which comes right below k1): drawn between them.
		const cards = [...stacked().slice(0, 4), card('u', LEFT, 283, 5)];
		const board = drawnBoard(cards, grown);
		const [k1, k2] = [board.frames.get('k1')!, board.frames.get('k2')!];
		const u = board.card('u');
		expect(u.y).toBe(k1.y + k1.height + LAYOUT.gap);
		expect(k2.y).toBe(u.y + u.height + LAYOUT.gap);
		// A step up leaves room between u and k1, but u put there would come after k2, put higher.
		const pushes = clusterPushes(board.drawn, CLUSTERS);
		const moves = stepMoves(board.drawn, new Set(['u']), { dx: 0, dy: -12 }, mayMove, { pushes });
		const after = drawnBoard(afterMoves(cards, moves), grown);
		expect(after.card('u').y).toBeLessThan(after.frames.get('k1')!.y);
		expect(coveredBy(after, 'k1')).toEqual([]);
	});
});

describe('moving cards with arrow keys', () => {
	const mayMove = () => true;

	it('moves a card by the step where nothing is in the way', () => {
		const cards = [drawn(card('a', 0, 100), 120), drawn(card('b', 0, 400), 120)];
		expect(stepMoves(cards, new Set(['b']), { dx: 0, dy: -12 }, mayMove)).toEqual([
			{ id: 'b', x: 0, y: 388 }
		]);
		expect(stepMoves(cards, new Set(['a']), { dx: 12, dy: 12 }, mayMove)).toEqual([
			{ id: 'a', x: 12, y: 112 }
		]);
	});

	it('moves a card up past the card right above it instead of against it', () => {
		// b is drawn right below a (pushed there; it was put at 150).
		const a = drawn(card('a', 0, 100), 300);
		const b = drawn(card('b', 0, 150), 120, 416);
		// Into the gap between them: a step like any other.
		expect(stepMoves([a, b], new Set(['b']), { dx: 0, dy: -12 }, mayMove)).toEqual([
			{ id: 'b', x: 0, y: 404 }
		]);
		const [move] = stepMoves([a, b], new Set(['b']), { dx: 0, dy: -48 }, mayMove);
		expect(move).toEqual({ id: 'b', x: 0, y: 99 });
		// Drawn afresh, b comes first and a goes below it: the two changed places.
		const moved = settleCards([a, { ...b, y: move!.y }], heights({ a: 300, b: 120 }));
		expect(moved.get('a')).toBe(99 + 120 + LAYOUT.gap);
		expect(moved.has('b')).toBe(false);
	});

	it('moves a card up past a cluster right above it instead of against its frame', () => {
		// w stands just below k1's frame; a step up would put it into the frame, below the title.
		const a = drawn(card('a', LEFT, 120, 1, 'k1'), 120);
		const b = drawn(card('b', RIGHT, 120, 2, 'k1'), 120);
		const w = drawn(card('w', LEFT, 256, 3), 120);
		const pushes = clusterPushes([a, b, w], CLUSTERS);
		const [move] = stepMoves([a, b, w], new Set(['w']), { dx: 0, dy: -12 }, mayMove, { pushes });
		// Drawn afresh, w comes first and the whole cluster goes below it: the two changed places.
		const board = drawnBoard([a, b, { ...w, y: move!.y }], heights({}));
		const k1 = board.frames.get('k1')!;
		expect(board.card('w').y).toBe(move!.y);
		expect(k1.y).toBe(move!.y + 120 + LAYOUT.gap);
		expect(coveredBy(board, 'k1')).toEqual([]);
	});

	it('moves a whole cluster up past the card right above it instead of against it', () => {
		const u = drawn(card('u', LEFT, 80, 1), 120);
		const a = drawn(card('a', LEFT, 256, 2, 'k1'), 120);
		const b = drawn(card('b', RIGHT, 256, 3, 'k1'), 120);
		const pushes = clusterPushes([u, a, b], CLUSTERS);
		const moves = stepMoves([u, a, b], new Set(['a', 'b']), { dx: 0, dy: -24 }, mayMove, {
			pushes
		});
		expect(moves.map((m) => m.y)).toEqual([moves[0]!.y, moves[0]!.y]);
		const board = drawnBoard(
			[u, ...moves.map((m) => ({ ...(m.id === 'a' ? a : b), y: m.y }))],
			heights({})
		);
		const k1 = board.frames.get('k1')!;
		expect(board.card('a').y).toBe(moves[0]!.y);
		expect(board.card('u').y).toBe(k1.y + k1.height + LAYOUT.gap);
	});

	it('moves only the cards the viewer may move', () => {
		const cards = [drawn(card('a', 0, 100), 120), drawn(card('b', 300, 100), 120)];
		expect(
			stepMoves(cards, new Set(['a', 'b']), { dx: 0, dy: 12 }, (c) => c.id === 'b').map((m) => m.id)
		).toEqual(['b']);
	});
});

describe('moving cards of a cluster whose title takes several lines', () => {
	// k2's title takes a line more in its two-column frame: its cards are drawn that much lower.
	const long =
		'Knowledge and budget of the procurement offices, and who in the administration decides';
	const titles = new Map([['k2', long]]);
	const mayMove = () => true;
	const laidOut = (cards: readonly Card[]) => drawnBoard(cards, heights({}), titles);
	const known = (board: ReturnType<typeof laidOut>) => ({
		pushes: clusterPushes(board.drawn, CLUSTERS),
		extras: clusterTitleExtras(board.drawn, titles)
	});

	it('knows how much lower a title draws its cluster’s cards', () => {
		const board = laidOut(stacked());
		const extra = clusterTitleExtra(long, board.frames.get('k2')!.width);
		expect(extra).toBe(CLUSTER_TITLE.lineHeight);
		expect(clusterTitleExtras(board.drawn, titles)).toEqual(new Map([['k2', extra]]));
		expect(board.card('c').y).toBe(324 + extra);
		// Part of its push, which is all of it here.
		expect(clusterPushes(board.drawn, CLUSTERS).get('k2')).toBe(extra);
	});

	it('draws a whole cluster moved where it was moved, not lower by its title’s extra lines', () => {
		const board = laidOut(stacked());
		const moves = movesOf(board.drawn, new Set(['c', 'd']), { dx: 0, dy: 200 }, mayMove, {
			...known(board)
		});
		const after = laidOut(afterMoves(stacked(), moves));
		expect(after.card('c').y).toBe(board.card('c').y + 200);
		expect(after.card('d').y).toBe(board.card('d').y + 200);
		expect(after.frames.get('k2')!.y).toBe(board.frames.get('k2')!.y + 200);
	});

	it('puts a whole cluster moved into another area in its places there when it goes along', () => {
		const board = laidOut(stacked());
		const delta = { dx: 512, dy: 0 };
		const along = movesOf(board.drawn, new Set(['c', 'd']), delta, mayMove, {
			...known(board),
			follow: true
		});
		expect(along.map((m) => m.y)).toEqual([324, 324]);
		// Who may not take the cluster along takes the cards out of it: no title above them then.
		const out = movesOf(board.drawn, new Set(['c', 'd']), delta, mayMove, known(board));
		expect(out.map((m) => m.y)).toEqual([board.card('c').y, board.card('d').y]);
	});

	it('moves a whole cluster up by the step for the arrow key, not down by its title', () => {
		const board = laidOut(stacked());
		const moves = stepMoves(
			board.drawn,
			new Set(['c', 'd']),
			{ dx: 0, dy: -12 },
			mayMove,
			known(board)
		);
		const after = laidOut(afterMoves(stacked(), moves));
		expect(after.card('c').y).toBe(board.card('c').y - 12);
		expect(after.frames.get('k2')!.y).toBe(board.frames.get('k2')!.y - 12);
	});

	it('moves a whole cluster up past the card right above its title instead of against it', () => {
		// u's bottom (200) is clear of k2's frame (from 216); a step of 24 takes the title into u.
		const cards = [
			card('u', LEFT, 80, 1),
			card('c', LEFT, 256, 2, 'k2'),
			card('d', RIGHT, 256, 3, 'k2')
		];
		const board = laidOut(cards);
		expect(board.moved.has('u')).toBe(false);
		expect(board.frames.get('k2')!.y).toBe(216);
		const moves = stepMoves(board.drawn, new Set(['c', 'd']), { dx: 0, dy: -24 }, mayMove, {
			...known(board)
		});
		// Drawn afresh, the cluster comes first and u goes below it: the two changed places.
		const after = laidOut(afterMoves(cards, moves));
		const k2 = after.frames.get('k2')!;
		expect(k2.y).toBeLessThan(after.card('u').y);
		expect(after.card('u').y).toBe(k2.y + k2.height + LAYOUT.gap);
		expect(coveredBy(after, 'k2')).toEqual([]);
	});

	it('moves a card up past a cluster right above it, its frame as tall as its title makes it', () => {
		// w stands just below k2's frame, which reaches lower for the title's extra line; a step of
		// 24 takes it into the frame.
		const cards = [
			card('c', LEFT, 120, 1, 'k2'),
			card('d', RIGHT, 120, 2, 'k2'),
			card('w', LEFT, 287, 3)
		];
		const board = laidOut(cards);
		const k2 = board.frames.get('k2')!;
		expect(board.card('w').y).toBe(k2.y + k2.height + LAYOUT.gap);
		const [move] = stepMoves(board.drawn, new Set(['w']), { dx: 0, dy: -24 }, mayMove, {
			...known(board)
		});
		const after = laidOut(afterMoves(cards, [move!]));
		expect(after.card('w').y).toBe(move!.y);
		expect(after.frames.get('k2')!.y).toBe(move!.y + 120 + LAYOUT.gap);
		expect(coveredBy(after, 'k2')).toEqual([]);
	});
});
