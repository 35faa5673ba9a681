import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { verdictOf } from '../../../../tests/helpers/replicas';
import { createCard, duplicateCards, moveCards, readCards, DUPLICATE_OFFSET } from './cards';
import { AREA_IDS, BOARD_LAYOUT, type AreaId } from './areas';
import type { Card } from './cards';
import {
	cardsTouching,
	moveAreasOf,
	movesOf,
	rectBetween,
	toggled,
	focusAfterRemoval,
	withinMoveAreas
} from './selection';

const alice = { sessionId: 's', participantId: 'alice', role: 'participant', group: null } as const;

function board(): Y.Doc {
	const doc = new Y.Doc();
	const place = [
		['a1', 'alice', 24, 80],
		['a2', 'alice', 240, 80],
		['b1', 'bob', 24, 400]
	] as const;
	for (const [id, author, x, y] of place)
		createCard(doc, { id, area: 'challenges', authorId: author, createdAt: 1, text: id, x, y });
	return doc;
}

describe('selecting cards', () => {
	it('toggles a card in and out of the selection without changing the old one', () => {
		const before = new Set(['a1']);
		expect([...toggled(before, 'a2')]).toEqual(['a1', 'a2']);
		expect([...toggled(before, 'a1')]).toEqual([]);
		expect([...before]).toEqual(['a1']);
	});

	it('lassos the cards a rectangle touches, drawn in any direction', () => {
		const cards = readCards(board());
		// From bottom-right to top-left, touching only the corner of a2 and nothing of b1.
		const lasso = rectBetween({ x: 250, y: 150 }, { x: 0, y: 0 });
		expect(cardsTouching(cards, lasso).sort()).toEqual(['a1', 'a2']);
		expect(cardsTouching(cards, rectBetween({ x: 0, y: 300 }, { x: 30, y: 310 }))).toEqual([]);
	});

	it('moves only the selected cards the viewer may move', () => {
		const cards = readCards(board());
		const moves = movesOf(
			cards,
			new Set(['a1', 'b1']),
			{ dx: 10, dy: 20 },
			(c) => c.authorId === 'alice'
		);
		expect(moves).toEqual([{ id: 'a1', x: 34, y: 100 }]);
	});
});

describe('moving several cards', () => {
	it('moves them in one transaction, which a participant may send for their own cards', () => {
		const doc = board();
		let transactions = 0;
		doc.on('afterTransaction', () => transactions++);
		moveCards(doc, [
			{ id: 'a1', x: 30, y: 90 },
			{ id: 'a2', x: 250, y: 90 }
		]);
		expect(transactions).toBe(1);
		expect(readCards(doc).map((c) => [c.id, c.x, c.y])).toEqual([
			['a1', 30, 90],
			['a2', 250, 90],
			['b1', 24, 400]
		]);
		const own = (d: Y.Doc) =>
			moveCards(d, [
				{ id: 'a1', x: 0, y: 0 },
				{ id: 'a2', x: 1, y: 1 }
			]);
		expect(verdictOf(doc, alice, own)).toMatchObject({ ok: true, changes: true });
		const withOthers = (d: Y.Doc) =>
			moveCards(d, [
				{ id: 'a1', x: 0, y: 0 },
				{ id: 'b1', x: 1, y: 1 }
			]);
		expect(verdictOf(doc, alice, withOthers)).toMatchObject({ ok: false, reason: 'forbidden' });
	});
});

describe('duplicating cards', () => {
	it('copies text, area and colour as new cards of the viewer, offset, in no cluster', () => {
		const doc = board();
		(doc.getMap('cards').get('b1') as Y.Map<unknown>).set('clusterId', 'k1');
		const source = readCards(doc).find((c) => c.id === 'b1')!;
		const ids = duplicateCards(doc, [source], {
			ids: ['copy1'],
			authorId: 'alice',
			authorGroup: null,
			createdAt: 5
		});
		expect(ids).toEqual(['copy1']);
		const copy = readCards(doc).find((c) => c.id === 'copy1')!;
		expect(copy).toMatchObject({
			text: 'b1',
			area: 'challenges',
			color: source.color,
			authorId: 'alice',
			clusterId: null,
			x: source.x + DUPLICATE_OFFSET,
			y: source.y + DUPLICATE_OFFSET
		});
	});

	it('is a change a participant may send, even when copying someone else’s card', () => {
		const doc = board();
		const theirs = readCards(doc).filter((c) => c.id === 'b1');
		const copy = (d: Y.Doc) =>
			duplicateCards(d, theirs, {
				ids: ['n1'],
				authorId: 'alice',
				authorGroup: null,
				createdAt: 2
			});
		expect(verdictOf(doc, alice, copy)).toMatchObject({ ok: true, changes: true });
	});

	it('makes the copy of a draft left from an earlier silent phase a draft of the current one', () => {
		const drafts = new Y.Doc();
		createCard(drafts, {
			id: 'old',
			area: 'challenges',
			authorId: 'alice',
			createdAt: 1,
			text: 'Entwurf',
			phaseId: 'challenges'
		});
		const leftover = readCards(drafts);
		const copy = (phaseId?: string) => (d: Y.Doc) =>
			duplicateCards(d, leftover, {
				ids: ['n1'],
				authorId: 'alice',
				authorGroup: null,
				createdAt: 2,
				phaseId
			});
		// The potentials phase runs: the server takes only drafts of it, which its reveal publishes.
		const now = { newCardPhaseId: 'potentials' };
		expect(verdictOf(drafts, alice, copy('potentials'), now)).toMatchObject({
			ok: true,
			changes: true
		});
		expect(verdictOf(drafts, alice, copy(), now)).toMatchObject({ ok: false, reason: 'readOnly' });
		copy('potentials')(drafts);
		expect(readCards(drafts).find((c) => c.id === 'n1')?.phaseId).toBe('potentials');
	});
});

describe('focusAfterRemoval', () => {
	const order = ['a', 'b', 'c', 'd', 'e'];

	it('moves the focus to the next remaining card in reading order', () => {
		expect(focusAfterRemoval(order, new Set(['b', 'c']))).toBe('d');
		expect(focusAfterRemoval(order, new Set(['b', 'd']))).toBe('c');
	});

	it('falls back to the card before when the removed ones were last, and to nothing when none is left', () => {
		expect(focusAfterRemoval(order, new Set(['d', 'e']))).toBe('c');
		expect(focusAfterRemoval(order, new Set(order))).toBeNull();
		expect(focusAfterRemoval(order, new Set(['x']))).toBeNull();
	});
});

describe('the areas a card may be moved into', () => {
	const frame = (area: AreaId) => BOARD_LAYOUT.find((f) => f.id === area)!;
	const card = (id: string, area: AreaId) =>
		({ id, area, x: frame(area).x + 24, y: 80 }) as unknown as Card;

	it('keeps a participant’s card in the phase’s areas or its own; the facilitator’s go anywhere', () => {
		const challenge = card('c', 'challenges');
		expect(moveAreasOf(challenge, ['challenges'], false)).toEqual(['challenges']);
		expect(moveAreasOf(card('p', 'potentials'), ['challenges'], false)).toEqual([
			'challenges',
			'potentials'
		]);
		expect(moveAreasOf(challenge, [], false)).toEqual([...AREA_IDS]);
		expect(moveAreasOf(challenge, ['challenges'], true)).toEqual([...AREA_IDS]);
	});

	it('lets a card dragged into an area it may not go to stay where it was', () => {
		const cards = [card('c', 'challenges'), card('d', 'challenges')];
		const moves = [
			{ id: 'c', x: frame('next-steps').x + 24, y: 80 },
			{ id: 'd', x: frame('challenges').x + 100, y: 300 }
		];
		const allowed = (c: Card) => moveAreasOf(c, ['challenges'], false);
		expect(withinMoveAreas(moves, cards, allowed)).toEqual([moves[1]]);
		expect(withinMoveAreas(moves, cards, (c) => moveAreasOf(c, ['challenges'], true))).toEqual(
			moves
		);
	});
});
