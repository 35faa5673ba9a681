import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BoardHarness, verdictOf } from '../../../../tests/helpers/replicas';
import { AREA_IDS } from './areas';
import {
	createCard,
	deleteCard,
	estimateCardHeight,
	LAYOUT,
	moveCard,
	moveCards,
	readCards,
	setCardText
} from './cards';
import {
	arrangeByClusters,
	clusterFrame,
	clusterAtDropTarget,
	createCluster,
	dissolveCluster,
	dropInto,
	dropPreview,
	dropTargetAt,
	groupCards,
	groupingProblem,
	joinCluster,
	readClusters,
	renameCluster,
	setCardCluster
} from './clusters';
import { connect, connectorsOf, readConnectors, removeDanglingConnectors } from './connectors';

const alice = { sessionId: 's', participantId: 'alice', role: 'participant' } as const;

function board(): Y.Doc {
	const doc = new Y.Doc();
	for (const [id, author] of [
		['a1', 'alice'],
		['a2', 'alice'],
		['b1', 'bob']
	] as const)
		createCard(doc, { id, area: 'challenges', authorId: author, createdAt: 1, text: id });
	return doc;
}

/** a1 and b1 side by side in the first row, a2 further down in cluster k1. */
function dropBoard() {
	const doc = board();
	moveCard(doc, 'a1', 24, 80);
	moveCard(doc, 'a2', 24, 400);
	moveCard(doc, 'b1', 240, 80);
	createCluster(doc, { id: 'k1', area: 'challenges', title: 'K', createdAt: 1 }, ['a2']);
	const cards = readCards(doc);
	return { cards, clusters: readClusters(doc, cards) };
}

describe('clusters', () => {
	it('groups cards under a title, and a card moves from one cluster to another', () => {
		const doc = board();
		createCluster(doc, { id: 'k1', area: 'challenges', title: 'Recht', createdAt: 1 }, [
			'a1',
			'b1'
		]);
		createCluster(doc, { id: 'k2', area: 'challenges', title: 'Zeit', createdAt: 2 }, ['b1']);
		const clusters = readClusters(doc, readCards(doc));
		expect(clusters.map((c) => [c.id, c.title, c.cardIds])).toEqual([
			['k1', 'Recht', ['a1']],
			['k2', 'Zeit', ['b1']]
		]);
	});

	it('renames and dissolves; the cards stay, unclustered', () => {
		const doc = board();
		createCluster(doc, { id: 'k1', area: 'challenges', title: 'Recht', createdAt: 1 }, [
			'a1',
			'a2'
		]);
		renameCluster(doc, 'k1', 'Vergaberecht');
		expect(readClusters(doc, readCards(doc))[0]!.title).toBe('Vergaberecht');
		dissolveCluster(doc, 'k1');
		expect(readClusters(doc, readCards(doc))).toEqual([]);
		expect(readCards(doc).map((c) => c.clusterId)).toEqual([null, null, null]);
		expect(readCards(doc)).toHaveLength(3);
	});

	it('hides a cluster whose cards are gone and ignores a card naming a cluster that is not there', () => {
		const doc = board();
		createCluster(doc, { id: 'k1', area: 'challenges', title: 'Recht', createdAt: 1 }, ['a1']);
		deleteCard(doc, 'a1');
		setCardCluster(doc, 'a2', 'nirgends');
		expect(readClusters(doc, readCards(doc))).toEqual([]);
	});

	it('makes room for the title of a cluster in the first row: the area’s cards move down together', () => {
		const doc = board();
		const before = new Map(readCards(doc).map((c) => [c.id, c]));
		expect(before.get('a1')!.y).toBe(before.get('a2')!.y);
		groupCards(doc, ['a1', 'a2'], { id: 'k1', title: 'Recht', createdAt: 1 });
		const after = new Map(readCards(doc).map((c) => [c.id, c]));
		const frame = clusterFrame([after.get('a1')!, after.get('a2')!])!;
		// Clear of the area's header (top border and title row, 74 units on the canvas).
		expect(frame.y).toBeGreaterThanOrEqual(74);
		const shift = after.get('a1')!.y - before.get('a1')!.y;
		expect(shift).toBeGreaterThan(0);
		for (const id of ['a2', 'b1']) {
			expect(after.get(id)!.y - before.get(id)!.y).toBe(shift);
			expect(after.get(id)!.x).toBe(before.get(id)!.x);
		}
		// Lower down there is room: nothing moves.
		const lower = readCards(doc);
		groupCards(doc, ['b1'], { id: 'k2', title: 'Zeit', createdAt: 2 });
		expect(readCards(doc).map((c) => c.y)).toEqual(lower.map((c) => c.y));
		// Restoring a cluster (an import) leaves the cards where the file has them.
		const restored = board();
		createCluster(restored, { id: 'k1', area: 'challenges', title: 'Recht', createdAt: 1 }, [
			'a1',
			'a2'
		]);
		expect(readCards(restored).map((c) => c.y)).toEqual([...before.values()].map((c) => c.y));
	});

	it('draws a frame around its cards that follows them', () => {
		const doc = board();
		moveCard(doc, 'a1', 100, 200);
		moveCard(doc, 'a2', 320, 400);
		const cards = readCards(doc).filter((c) => c.id !== 'b1');
		const frame = clusterFrame(cards)!;
		expect(frame.x).toBe(100 - 6);
		expect(frame.y).toBe(200 - 12 - 28);
		expect(frame.x + frame.width).toBe(320 + 200 + 6);
	});

	it('lets participants put their own cards into a cluster, but not make clusters or move others’ cards', () => {
		const server = board();
		createCluster(server, { id: 'k1', area: 'challenges', title: 'Recht', createdAt: 1 }, []);
		expect(verdictOf(server, alice, (d) => setCardCluster(d, 'a1', 'k1'))).toMatchObject({
			ok: true,
			changes: true
		});
		expect(verdictOf(server, alice, (d) => setCardCluster(d, 'b1', 'k1'))).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		expect(
			verdictOf(server, alice, (d) =>
				createCluster(d, { id: 'k2', area: 'challenges', title: 'x', createdAt: 1 }, ['a1'])
			)
		).toMatchObject({ ok: false, reason: 'forbidden' });
		expect(verdictOf(server, alice, (d) => renameCluster(d, 'k1', 'Meins'))).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
	});
});

/** A small deterministic generator (mulberry32), so that a failing seed can be replayed. */
function random(seed: number): () => number {
	let a = seed;
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

describe('arranging an area by clusters', () => {
	it('puts each cluster in a block of its own, with no two cards or frames overlapping', () => {
		const doc = new Y.Doc();
		const texts = ['kurz', 'ein etwas längerer Text über Vergabe '.repeat(3), 'mittel lang hier'];
		for (let i = 0; i < 12; i++)
			createCard(doc, {
				id: `c${i}`,
				area: 'challenges',
				authorId: 'a',
				createdAt: i,
				text: texts[i % 3]!
			});
		createCluster(doc, { id: 'k1', area: 'challenges', title: 'A', createdAt: 1 }, [
			'c1',
			'c5',
			'c9'
		]);
		createCluster(doc, { id: 'k2', area: 'challenges', title: 'B', createdAt: 2 }, ['c0', 'c7']);
		arrangeByClusters(doc, 'challenges');
		const cards = readCards(doc);
		const box = (c: (typeof cards)[number]) => ({
			x: c.x,
			y: c.y,
			width: 200,
			height: estimateCardHeight(c.text)
		});
		const overlap = (
			a: { x: number; y: number; width: number; height: number },
			b: { x: number; y: number; width: number; height: number }
		) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
		for (const a of cards)
			for (const b of cards)
				if (a !== b) expect(overlap(box(a), box(b)), `${a.id} ${b.id}`).toBe(false);
		const frames = readClusters(doc, cards).map((k) =>
			clusterFrame(cards.filter((c) => c.clusterId === k.id))!
		);
		expect(overlap(frames[0]!, frames[1]!)).toBe(false);
		// Cards in no cluster stay clear of every frame.
		for (const card of cards.filter((c) => c.clusterId === null))
			for (const frame of frames) expect(overlap(box(card), frame)).toBe(false);
	});
});

describe('replicas under random operations', () => {
	for (const seed of [1, 2, 3, 42, 2026]) {
		it(`converge to one valid board (seed ${seed})`, () => {
			const next = random(seed);
			const pick = <T>(list: readonly T[]): T | undefined =>
				list.length ? list[Math.floor(next() * list.length)] : undefined;
			const harness = new BoardHarness();
			const facilitator = harness.join('fac', 'facilitator');
			const people = [harness.join('p1'), harness.join('p2'), harness.join('p3')];
			let counter = 0;
			for (let step = 0; step < 400; step++) {
				const replica = pick([facilitator, ...people])!;
				const me = replica.actor.participantId;
				const cards = readCards(replica.doc);
				const own = cards.filter((c) => c.authorId === me || me === 'fac');
				const clusters = readClusters(replica.doc, cards);
				const roll = next();
				if (roll < 0.25 || own.length === 0) {
					createCard(replica.doc, {
						id: `c${counter++}`,
						area: pick(AREA_IDS)!,
						authorId: me,
						createdAt: step,
						text: `Karte ${step}`
					});
				} else if (roll < 0.4) {
					setCardText(replica.doc, pick(own)!.id, `Text ${step} ${next().toFixed(3)}`);
				} else if (roll < 0.5) {
					moveCard(
						replica.doc,
						pick(own)!.id,
						Math.round(next() * 1400),
						Math.round(next() * 1000)
					);
				} else if (roll < 0.58) {
					deleteCard(replica.doc, pick(own)!.id);
				} else if (roll < 0.75) {
					// Into a cluster of the card's area, as dropping it does (dropInto).
					const card = pick(own)!;
					const cluster = pick(clusters.filter((c) => c.area === card.area).map((c) => c.id));
					setCardCluster(replica.doc, card.id, next() < 0.2 ? null : (cluster ?? null));
				} else if (me === 'fac' && roll < 0.88) {
					createCluster(
						replica.doc,
						{
							id: `k${counter++}`,
							area: pick(AREA_IDS)!,
							title: `Cluster ${step}`,
							createdAt: step
						},
						[pick(cards)!.id, pick(cards)!.id]
					);
				} else if (me === 'fac' && roll < 0.94 && clusters.length > 0) {
					renameCluster(replica.doc, pick(clusters)!.id, `Neu ${step}`);
				} else if (me === 'fac' && roll < 0.97 && clusters.length > 0) {
					dissolveCluster(replica.doc, pick(clusters)!.id);
				} else if (me === 'fac' && cards.length > 1) {
					connect(replica.doc, {
						id: `x${counter++}`,
						from: pick(cards)!.id,
						to: pick([...cards.map((c) => c.id), ...clusters.map((c) => c.id)])!,
						label: 'kooperiert mit',
						createdAt: step
					});
				}
				if (next() < 0.3) harness.flush();
			}
			harness.flush();
			// The facilitator's client tidies connectors whose cards were deleted.
			const tidy = readCards(facilitator.doc);
			removeDanglingConnectors(facilitator.doc, tidy, readClusters(facilitator.doc, tidy));
			harness.flush();

			// Nothing a participant did within their rights was refused, and everyone sees one board.
			console.log(JSON.stringify(harness.refused.slice(0, 3)));
			expect(harness.refused).toEqual([]);
			const stateOf = (doc: Y.Doc) =>
				[...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([a], [b]) => a - b);
			const byId = (doc: Y.Doc) => readCards(doc).sort((a, b) => (a.id < b.id ? -1 : 1));
			const clustersById = (doc: Y.Doc) =>
				readClusters(doc, readCards(doc)).map((c) => ({ ...c, cardIds: [...c.cardIds].sort() }));
			for (const replica of harness.replicas) {
				expect(stateOf(replica.doc)).toEqual(stateOf(harness.server));
				expect(byId(replica.doc)).toEqual(byId(harness.server));
				expect(clustersById(replica.doc)).toEqual(clustersById(harness.server));
			}
			// No connector points to a card that is gone, in what readers see or in the document.
			const serverCards = readCards(harness.server);
			const serverClusters = readClusters(harness.server, serverCards);
			const ends = new Set([...serverCards.map((c) => c.id), ...serverClusters.map((c) => c.id)]);
			expect(connectorsOf(harness.server).size).toBe(
				readConnectors(harness.server, serverCards, serverClusters).length
			);
			for (const connector of readConnectors(harness.server, serverCards, serverClusters)) {
				expect(ends.has(connector.from) && ends.has(connector.to)).toBe(true);
			}
			// Valid: each card in at most one cluster, every shown cluster has cards that exist.
			const cards = readCards(harness.server);
			const clusters = readClusters(harness.server, cards);
			const seen = new Set<string>();
			for (const cluster of clusters) {
				expect(cluster.cardIds.length).toBeGreaterThan(0);
				for (const id of cluster.cardIds) {
					expect(seen.has(id)).toBe(false);
					seen.add(id);
					expect(cards.some((c) => c.id === id)).toBe(true);
				}
			}
		});
	}
});

describe('clustering by selection and by drag', () => {
	it('groups selected cards of one area into a new cluster, leaving their old one', () => {
		const doc = board();
		createCluster(doc, { id: 'k0', area: 'challenges', title: 'Alt', createdAt: 1 }, ['a1']);
		expect(groupCards(doc, ['a1', 'b1'], { id: 'k1', title: 'Neu', createdAt: 2 })).toBeNull();
		const clusters = readClusters(doc, readCards(doc));
		expect(clusters.map((c) => [c.id, c.area, c.cardIds])).toEqual([
			['k1', 'challenges', ['a1', 'b1']]
		]);
	});

	it('refuses to group cards of different areas, and nothing', () => {
		const doc = board();
		createCard(doc, { id: 'p1', area: 'potentials', authorId: 'alice', createdAt: 1 });
		expect(groupCards(doc, ['a1', 'p1'], { id: 'k1', title: 'x', createdAt: 1 })).toBe(
			'mixed_areas'
		);
		expect(groupingProblem([])).toBe('no_cards');
		expect(readClusters(doc, readCards(doc))).toEqual([]);
	});

	it('finds the card or the cluster frame under a dropped card, never the dragged cards', () => {
		const { cards, clusters } = dropBoard();
		expect(dropTargetAt(cards, clusters, new Set(['b1']), { x: 100, y: 100 })).toEqual({
			kind: 'card',
			id: 'a1'
		});
		expect(dropTargetAt(cards, clusters, new Set(['a1']), { x: 100, y: 100 })).toBeNull();
		// Inside the frame's title strip above a2: the cluster, not a card.
		expect(dropTargetAt(cards, clusters, new Set(['b1']), { x: 100, y: 400 - 20 })).toEqual({
			kind: 'cluster',
			id: 'k1'
		});
	});

	it('previews a drop only where letting go would cluster: frames and clustered cards, unclustered cards for the facilitator', () => {
		const { cards, clusters } = dropBoard();
		const onA1 = { x: 100, y: 100 };
		const onA2 = { x: 100, y: 420 };
		const onFrameTitle = { x: 100, y: 400 - 20 };
		const dragged = new Set(['b1']);
		// A participant: an unclustered card is no target, they make no clusters.
		expect(dropPreview(cards, clusters, dragged, onA1, false)).toBeNull();
		expect(dropPreview(cards, clusters, dragged, onA1, true)).toEqual({ kind: 'card', id: 'a1' });
		expect(dropPreview(cards, clusters, dragged, onA2, false)).toEqual({ kind: 'card', id: 'a2' });
		expect(dropPreview(cards, clusters, dragged, onFrameTitle, false)).toEqual({
			kind: 'cluster',
			id: 'k1'
		});
		expect(dropPreview(cards, clusters, dragged, { x: 900, y: 900 }, true)).toBeNull();
		// What lights up: the cluster of the card or frame under the drop, none for a new cluster.
		expect(clusterAtDropTarget({ kind: 'card', id: 'a2' }, cards)).toBe('k1');
		expect(clusterAtDropTarget({ kind: 'cluster', id: 'k1' }, cards)).toBe('k1');
		expect(clusterAtDropTarget({ kind: 'card', id: 'a1' }, cards)).toBeNull();
		expect(clusterAtDropTarget(null, cards)).toBeNull();
	});

	it('puts a dropped card into the target’s cluster, or a new one with the target', () => {
		const doc = board();
		createCluster(doc, { id: 'k1', area: 'challenges', title: 'K', createdAt: 1 }, ['b1']);
		expect(dropInto(doc, ['a1'], { kind: 'card', id: 'b1' }, null)).toBe('k1');
		expect(dropInto(doc, ['a2'], { kind: 'card', id: 'b9' }, null)).toBeNull();
		const fresh = { id: 'k2', title: 'Neu', createdAt: 2 };
		expect(dropInto(doc, ['a2'], { kind: 'cluster', id: 'k1' }, fresh)).toBe('k1');
		const other = board();
		expect(dropInto(other, ['a1'], { kind: 'card', id: 'a2' }, null)).toBeNull();
		expect(dropInto(other, ['a1'], { kind: 'card', id: 'a2' }, fresh)).toBe('k2');
		expect(readClusters(other, readCards(other)).map((c) => c.cardIds)).toEqual([['a1', 'a2']]);
	});

	it('lets a participant drop their own card into an existing cluster', () => {
		const server = board();
		createCluster(server, { id: 'k1', area: 'challenges', title: 'K', createdAt: 1 }, ['b1']);
		expect(
			verdictOf(server, alice, (d) => dropInto(d, ['a1'], { kind: 'card', id: 'b1' }, null))
		).toMatchObject({ ok: true, changes: true });
	});

	it('keeps a cluster’s cards in its area: a card moved elsewhere leaves; a whole cluster moved by the facilitator takes it along', () => {
		const doc = board();
		createCluster(doc, { id: 'k1', area: 'challenges', title: 'K', createdAt: 1 }, ['a1', 'a2']);
		moveCard(doc, 'a1', 600, 100);
		expect(readCards(doc).find((c) => c.id === 'a1')).toMatchObject({
			area: 'potentials',
			clusterId: null
		});
		moveCards(
			doc,
			[
				{ id: 'a1', x: 560, y: 100 },
				{ id: 'a2', x: 560, y: 300 }
			],
			{ clustersFollow: true }
		);
		const [cluster] = readClusters(doc, readCards(doc));
		expect(cluster).toMatchObject({ id: 'k1', area: 'potentials', cardIds: ['a2'] });
	});
});

describe('a card chosen into a cluster from a list', () => {
	/** A cluster low in the area, two columns, and alice's card high up in the first row. */
	function clusterBelow() {
		const doc = new Y.Doc();
		for (const [id, x, y] of [
			['m1', 24, 500],
			['m2', 24, 700],
			['m3', 240, 500],
			['a1', 240, 80]
		] as const) {
			createCard(doc, { id, area: 'challenges', authorId: 'alice', createdAt: 1, text: id });
			moveCard(doc, id, x, y);
		}
		createCluster(doc, { id: 'k1', area: 'challenges', title: 'Lokale Partner', createdAt: 1 }, [
			'm1',
			'm2',
			'm3'
		]);
		return doc;
	}
	const frameOfCluster = (doc: Y.Doc) => {
		const cards = readCards(doc).filter((c) => c.clusterId === 'k1');
		return clusterFrame(cards)!;
	};

	it('joins it under its shortest column: the frame does not stretch up to where the card was', () => {
		const doc = clusterBelow();
		const before = frameOfCluster(doc);
		joinCluster(doc, 'a1', 'k1');
		const card = readCards(doc).find((c) => c.id === 'a1')!;
		expect(card.clusterId).toBe('k1');
		expect(card.x).toBe(240);
		expect(card.y).toBeGreaterThanOrEqual(500 + estimateCardHeight('m3'));
		expect(frameOfCluster(doc).y).toBe(before.y);
	});

	it('stays where it is when it is among the cluster’s cards already, and leaves without moving', () => {
		const doc = clusterBelow();
		moveCard(doc, 'a1', 24, 600);
		joinCluster(doc, 'a1', 'k1');
		expect(readCards(doc).find((c) => c.id === 'a1')).toMatchObject({ x: 24, y: 600 });
		joinCluster(doc, 'a1', null);
		expect(readCards(doc).find((c) => c.id === 'a1')).toMatchObject({
			x: 24,
			y: 600,
			clusterId: null
		});
	});

	it('is what a participant may do with her own card', () => {
		const server = clusterBelow();
		expect(verdictOf(server, alice, (d) => joinCluster(d, 'a1', 'k1'))).toMatchObject({
			ok: true,
			changes: true
		});
	});
});

describe('grouping cards that are not next to each other', () => {
	it('packs them into one block where the first of them was, with no holes in the frame', () => {
		const doc = new Y.Doc();
		for (const [id, x, y] of [
			['s1', 24, 200],
			['u1', 240, 200],
			['u2', 24, 400],
			['s2', 240, 600],
			['s3', 24, 800]
		] as const) {
			createCard(doc, { id, area: 'challenges', authorId: 'alice', createdAt: 1, text: id });
			moveCard(doc, id, x, y);
		}
		expect(groupCards(doc, ['s1', 's2', 's3'], { id: 'k1', title: '', createdAt: 1 })).toBeNull();
		const members = readCards(doc).filter((c) => c.clusterId === 'k1');
		expect(members).toHaveLength(3);
		const ys = members.map((c) => c.y);
		// Two rows at most: the three cards fill the two columns from the top of the first one.
		expect(Math.max(...ys) - Math.min(...ys)).toBeLessThanOrEqual(
			estimateCardHeight('s1') + LAYOUT.gap
		);
		expect(new Set(members.map((c) => c.x))).toEqual(new Set([24, 240]));
	});
});
