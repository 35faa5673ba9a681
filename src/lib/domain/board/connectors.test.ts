import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verdictOf } from '../../../../tests/helpers/replicas';
import { createCard, deleteCard, moveCard, readCards } from './cards';
import { cardHeight } from './card-layout';
import { createCluster, readClusters } from './clusters';
import { CARD_WIDTH } from './schema';
import {
	connect,
	connectorEnds,
	connectorsOf,
	disconnect,
	labelConnector,
	readConnectors,
	removeDanglingConnectors,
	selectionConnector
} from './connectors';

function board(): Y.Doc {
	const doc = new Y.Doc();
	createCard(doc, { id: 'a', area: 'challenges', authorId: 'alice', createdAt: 1, text: 'A' });
	createCard(doc, { id: 'b', area: 'potentials', authorId: 'bob', createdAt: 2, text: 'B' });
	createCard(doc, { id: 'c', area: 'potentials', authorId: 'bob', createdAt: 3, text: 'C' });
	return doc;
}
const read = (doc: Y.Doc) => {
	const cards = readCards(doc);
	return readConnectors(doc, cards, readClusters(doc, cards));
};

describe('connectors', () => {
	it('links cards or a card and a cluster, with a label that can change', () => {
		const doc = board();
		createCluster(doc, { id: 'k', area: 'potentials', title: 'Partner', createdAt: 1 }, ['b', 'c']);
		connect(doc, { id: 'x1', from: 'a', to: 'b', label: 'könnte unterstützen', createdAt: 1 });
		connect(doc, { id: 'x2', from: 'a', to: 'k', createdAt: 2 });
		connect(doc, { id: 'x3', from: 'a', to: 'a', createdAt: 3 });
		labelConnector(doc, 'x2', 'kooperiert mit');
		expect(read(doc).map((c) => [c.id, c.from, c.to, c.label])).toEqual([
			['x1', 'a', 'b', 'könnte unterstützen'],
			['x2', 'a', 'k', 'kooperiert mit']
		]);
		disconnect(doc, 'x1');
		expect(read(doc).map((c) => c.id)).toEqual(['x2']);
	});

	it('goes with a deleted card, and the facilitator’s client removes it from the document', () => {
		const doc = board();
		connect(doc, { id: 'x1', from: 'a', to: 'b', createdAt: 1 });
		connect(doc, { id: 'x2', from: 'b', to: 'c', createdAt: 2 });
		deleteCard(doc, 'a');
		expect(read(doc).map((c) => c.id)).toEqual(['x2']);
		const cards = readCards(doc);
		removeDanglingConnectors(doc, cards, readClusters(doc, cards));
		expect([...connectorsOf(doc).keys()]).toEqual(['x2']);
	});

	it('follows its ends when they move', () => {
		const doc = board();
		connect(doc, { id: 'x', from: 'a', to: 'b', createdAt: 1 });
		const ends = () => {
			const cards = readCards(doc);
			return connectorEnds(read(doc)[0]!, cards, readClusters(doc, cards))!;
		};
		const cards = () => new Map(readCards(doc).map((c) => [c.id, c]));
		// From the edge of one card to the edge of the other: its arrow and label are not under them.
		moveCard(doc, 'a', 0, 100);
		moveCard(doc, 'b', 600, 100);
		const height = cardHeight(cards().get('a')!);
		expect(ends()).toEqual({ x1: CARD_WIDTH, y1: 100 + height / 2, x2: 600, y2: 100 + height / 2 });
		// Below it, it leaves by the bottom edge and arrives at the top one.
		moveCard(doc, 'b', 0, 700);
		expect(ends()).toEqual({
			x1: CARD_WIDTH / 2,
			y1: 100 + height,
			x2: CARD_WIDTH / 2,
			y2: 700
		});
		// Moved, it follows.
		moveCard(doc, 'a', 300, 500);
		const moved = ends();
		const a = cards().get('a')!;
		const onEdge =
			moved.x1 === a.x ||
			moved.x1 === a.x + CARD_WIDTH ||
			moved.y1 === a.y ||
			moved.y1 === a.y + height;
		expect(onEdge).toBe(true);
	});

	it('is drawn by the facilitator; participants cannot add or change connectors', () => {
		const server = board();
		connect(server, { id: 'x', from: 'a', to: 'b', createdAt: 1 });
		const alice = { sessionId: 's', participantId: 'alice', role: 'participant' } as const;
		const facilitator = { sessionId: 's', participantId: 'f', role: 'facilitator' } as const;
		for (const change of [
			(d: Y.Doc) => connect(d, { id: 'y', from: 'a', to: 'c', createdAt: 2 }),
			(d: Y.Doc) => labelConnector(d, 'x', 'meins'),
			(d: Y.Doc) => disconnect(d, 'x')
		]) {
			expect(verdictOf(server, alice, change)).toMatchObject({ ok: false, reason: 'forbidden' });
			expect(verdictOf(server, facilitator, change)).toMatchObject({ ok: true, changes: true });
		}
	});
});

describe('selectionConnector', () => {
	const line = (from: string, to: string) => ({
		id: `${from}-${to}`,
		from,
		to,
		label: '',
		createdAt: 0
	});

	it('connects the card selected first to the one selected second', () => {
		expect(selectionConnector(['b', 'a'], [])).toEqual({ from: 'b', to: 'a' });
	});

	it('makes nothing unless exactly two cards are selected', () => {
		expect(selectionConnector(['a'], [])).toBeNull();
		expect(selectionConnector(['a', 'b', 'c'], [])).toBeNull();
	});

	it('makes no second line between cards already connected, either way round', () => {
		expect(selectionConnector(['a', 'b'], [line('a', 'b')])).toBeNull();
		expect(selectionConnector(['a', 'b'], [line('b', 'a')])).toBeNull();
		expect(selectionConnector(['a', 'b'], [line('a', 'c')])).toEqual({ from: 'a', to: 'b' });
	});
});
