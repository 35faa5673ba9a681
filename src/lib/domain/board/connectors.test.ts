import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verdictOf } from '../../../../tests/helpers/replicas';
import { createCard, deleteCard, moveCard, readCards } from './cards';
import { createCluster, readClusters } from './clusters';
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
		moveCard(doc, 'a', 0, 100);
		const before = ends();
		moveCard(doc, 'a', 300, 500);
		expect(ends().x1 - before.x1).toBe(300);
		expect(ends().y1 - before.y1).toBe(400);
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
