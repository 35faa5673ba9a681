import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createCard, deleteCard, moveCard, readCards, setCardColor, setCardText } from './cards';
import { dissolveCluster, groupCards, readClusters, renameCluster } from './clusters';
import { connect, disconnect, readConnectors, removeDanglingConnectors } from './connectors';
import { asOwnStep, boardHistory, TIDY_ORIGIN } from './history';

function board(): Y.Doc {
	const doc = new Y.Doc();
	for (const id of ['a1', 'a2', 'b1'])
		createCard(doc, { id, area: 'challenges', authorId: 'alice', createdAt: 1, text: id });
	return doc;
}

const clustersOn = (doc: Y.Doc) =>
	readClusters(doc, readCards(doc)).map((c) => [c.id, c.title, c.cardIds]);
const connectorsOn = (doc: Y.Doc) => {
	const cards = readCards(doc);
	return readConnectors(doc, cards, readClusters(doc, cards)).map((c) => [c.from, c.to]);
};

describe('undo on the board', () => {
	it('takes a grouping back as a whole: no cluster is left over, and redo brings it back', () => {
		const doc = board();
		const history = boardHistory(doc);
		groupCards(doc, ['a1', 'a2'], { id: 'k1', title: 'Recht', createdAt: 1 });
		history.undo();
		expect(clustersOn(doc)).toEqual([]);
		expect(doc.getMap('clusters').size).toBe(0);
		expect(readCards(doc).map((c) => c.clusterId)).toEqual([null, null, null]);
		history.redo();
		expect(clustersOn(doc)).toEqual([['k1', 'Recht', ['a1', 'a2']]]);
	});

	it('brings a dissolved cluster back with its title and cards, and undoes a rename', () => {
		const doc = board();
		groupCards(doc, ['a1', 'b1'], { id: 'k1', title: 'Recht', createdAt: 1 });
		const history = boardHistory(doc);
		renameCluster(doc, 'k1', 'Vergaberecht');
		history.stopCapturing();
		dissolveCluster(doc, 'k1');
		expect(clustersOn(doc)).toEqual([]);
		history.undo();
		expect(clustersOn(doc)).toEqual([['k1', 'Vergaberecht', ['a1', 'b1']]]);
		history.undo();
		expect(clustersOn(doc)).toEqual([['k1', 'Recht', ['a1', 'b1']]]);
	});

	it('undoes drawing and removing a connector', () => {
		const doc = board();
		const history = boardHistory(doc);
		connect(doc, { id: 'c1', from: 'a1', to: 'b1', createdAt: 1 });
		expect(connectorsOn(doc)).toEqual([['a1', 'b1']]);
		history.undo();
		expect(connectorsOn(doc)).toEqual([]);
		history.redo();
		history.stopCapturing();
		disconnect(doc, 'c1');
		history.undo();
		expect(connectorsOn(doc)).toEqual([['a1', 'b1']]);
	});

	it('never takes back what someone else did, nor the tidying up after it', () => {
		const mine = board();
		const theirs = new Y.Doc();
		Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine));
		mine.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'peer') Y.applyUpdate(theirs, u, 'peer');
		});
		theirs.on('update', (u: Uint8Array, origin: unknown) => {
			if (origin !== 'peer') Y.applyUpdate(mine, u, 'peer');
		});
		const history = boardHistory(mine);
		setCardText(mine, 'a1', 'Vergabe');
		history.stopCapturing();
		connect(mine, { id: 'c1', from: 'a2', to: 'b1', createdAt: 1 });
		history.stopCapturing();
		deleteCard(theirs, 'b1');
		const cards = readCards(mine);
		mine.transact(
			() => removeDanglingConnectors(mine, cards, readClusters(mine, cards)),
			TIDY_ORIGIN
		);
		expect(mine.getMap('connectors').size).toBe(0);
		// The newest step of mine is the connector: undoing it changes nothing visible, and
		// neither brings back the peer's deleted card nor the connector removed after it.
		history.undo();
		expect(readCards(mine).map((c) => c.id)).toEqual(['a1', 'a2']);
		expect(mine.getMap('connectors').size).toBe(0);
		history.undo();
		expect(readCards(mine).find((c) => c.id === 'a1')!.text).toBe('a1');
		expect(readCards(theirs).find((c) => c.id === 'a1')!.text).toBe('a1');
	});

	it('keeps a command apart from the typing and dragging right before and after it', async () => {
		const doc = board();
		const history = boardHistory(doc);
		setCardText(doc, 'a1', 'a1 Vergabe');
		asOwnStep([history], () => setCardColor(doc, 'a1', 'blue'));
		// The person's next input comes in a later turn of the event loop, within the capture
		// time: without the command's own step it would join the command.
		await Promise.resolve();
		moveCard(doc, 'a1', 300, 200);
		setCardText(doc, 'a1', 'a1 Vergabe regional');
		const card = () => readCards(doc).find((c) => c.id === 'a1')!;
		history.undo();
		expect([card().text, card().color]).toEqual(['a1 Vergabe', 'blue']);
		expect(card().x).not.toBe(300);
		history.undo();
		expect([card().text, card().color]).toEqual(['a1 Vergabe', 'pink']);
		history.undo();
		expect(card().text).toBe('a1');
	});

	it('takes a deletion back with the connectors its client removed after it, in one step', async () => {
		const doc = board();
		connect(doc, { id: 'c1', from: 'a1', to: 'b1', createdAt: 1 });
		const history = boardHistory(doc);
		await Promise.resolve();
		asOwnStep([history], () => {
			deleteCard(doc, 'b1');
			// As the facilitator's client does: the dangling connector goes right after, in a microtask.
			queueMicrotask(() => {
				const cards = readCards(doc);
				removeDanglingConnectors(doc, cards, readClusters(doc, cards));
			});
		});
		await Promise.resolve();
		await Promise.resolve();
		expect(doc.getMap('connectors').size).toBe(0);
		history.undo();
		expect(readCards(doc).map((c) => c.id)).toEqual(['a1', 'a2', 'b1']);
		expect(connectorsOn(doc)).toEqual([['a1', 'b1']]);
	});
});
