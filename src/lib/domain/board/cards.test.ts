import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AREA_IDS, BOARD_LAYOUT, areaAt, frameOf } from './areas';
import {
	cardsByArea,
	cardsOf,
	createCard,
	defaultColor,
	deleteCard,
	hasCard,
	setCardColor,
	moveCard,
	moveCardToArea,
	estimateCardHeight,
	placeNewCard,
	NewCardPlaces,
	publishDrafts,
	type Card,
	readCards,
	setCardText,
	setNextStep,
	LAYOUT,
	isBlankCard,
	NO_NEXT_STEP
} from './cards';
import { settleCards } from './card-layout';
import { CLUSTER_FRAME, clusterTitleExtra } from './cluster-frame';
import { clusterFrame, createCluster } from './clusters';
import { CARD_MIN_HEIGHT, CARD_TEXT_MAX, CARD_WIDTH } from './schema';
import { SESSION_LIMITS } from '../session/session-limits';

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('cards on a board', () => {
	it('knows whether a card is on the board now: created yes, deleted or never there no', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'c1', area: 'challenges', authorId: 'p1', createdAt: 1 });
		expect(hasCard(doc, 'c1')).toBe(true);
		expect(hasCard(doc, 'c2')).toBe(false);
		// A value a foreign client wrote under the cards is no card.
		cardsOf(doc).set('odd', 'text' as never);
		expect(hasCard(doc, 'odd')).toBe(false);
		deleteCard(doc, 'c1');
		expect(hasCard(doc, 'c1')).toBe(false);
	});

	it('creates a card with every field of the documented schema', () => {
		const doc = new Y.Doc();
		createCard(doc, {
			id: 'c1',
			area: 'potentials',
			authorId: 'p1',
			createdAt: 42,
			text: 'Repair-Café'
		});
		const map = doc.getMap<Y.Map<unknown>>('cards').get('c1')!;
		expect(map.get('id')).toBe('c1');
		expect(map.get('text')).toBeInstanceOf(Y.Text);
		expect(String(map.get('text'))).toBe('Repair-Café');
		expect(map.get('area')).toBe('potentials');
		expect(typeof map.get('x')).toBe('number');
		expect(typeof map.get('y')).toBe('number');
		expect(typeof map.get('color')).toBe('string');
		expect(map.get('authorId')).toBe('p1');
		expect(map.get('createdAt')).toBe(42);
	});

	it('places new cards in free slots inside their area', () => {
		const doc = new Y.Doc();
		for (let i = 0; i < 7; i++)
			createCard(doc, { id: `c${i}`, area: 'challenges', authorId: 'p', createdAt: i });
		const cards = readCards(doc);
		const positions = new Set(cards.map((c) => `${c.x},${c.y}`));
		expect(positions.size).toBe(7);
		const frame = frameOf('challenges');
		for (const c of cards) {
			expect(c.x).toBeGreaterThanOrEqual(frame.x);
			expect(c.x + CARD_WIDTH).toBeLessThanOrEqual(frame.x + frame.width);
		}
		const next = placeNewCard(cards, 'challenges');
		expect(positions.has(`${next.x},${next.y}`)).toBe(false);
	});

	it('keeps new cards clear of a cluster’s frame and title, not only of its cards', () => {
		const doc = new Y.Doc();
		const area = frameOf('challenges');
		const top = area.y + LAYOUT.header;
		const left = area.x + LAYOUT.padding;
		const second = left + CARD_WIDTH + LAYOUT.gap;
		// Above the clustered card there is room for a card, but not for a card and the cluster's title.
		const y = top + CARD_MIN_HEIGHT + LAYOUT.gap + 10;
		createCard(doc, { id: 'm', area: 'challenges', authorId: 'p', createdAt: 1, x: left, y });
		createCluster(doc, { id: 'k', area: 'challenges', title: 'Recht', createdAt: 2 }, ['m']);
		const frame = clusterFrame(readCards(doc).filter((c) => c.clusterId === 'k'))!;
		expect(frame.y).toBeLessThan(top + CARD_MIN_HEIGHT + LAYOUT.gap);
		// So the new card goes to the top of the next column, which the frame beside it leaves free.
		expect(placeNewCard(readCards(doc), 'challenges')).toEqual({ x: second, y: top });
	});

	it('keeps new cards clear of a cluster’s frame as drawn for a title of several lines', () => {
		// k's card stands at the top of the first column, a long card fills the second one.
		const doc = new Y.Doc();
		const area = frameOf('challenges');
		const left = area.x + LAYOUT.padding;
		const second = left + CARD_WIDTH + LAYOUT.gap;
		const top = area.y + LAYOUT.header + CLUSTER_FRAME.padding + CLUSTER_FRAME.title;
		createCard(doc, { id: 'm', area: 'challenges', authorId: 'p', createdAt: 1, x: left, y: top });
		const long = 'Vergabestellen fürchten Rügen. '.repeat(12);
		createCard(doc, {
			...{ id: 'w', area: 'challenges', authorId: 'p', createdAt: 2, text: long },
			...{ x: second, y: area.y + LAYOUT.header }
		});
		const title = 'Wissen und Budget der Vergabestellen für eine faire und nachhaltige Beschaffung';
		createCluster(doc, { id: 'k', area: 'challenges', title, createdAt: 3 }, ['m']);
		const extra = clusterTitleExtra(title, CARD_WIDTH + 2 * CLUSTER_FRAME.side);
		expect(extra).toBeGreaterThan(0);

		// Put in the first column, below the cluster's frame as the board draws it, not into it.
		createCard(doc, { id: 'n', area: 'challenges', authorId: 'p', createdAt: 4 });
		const cards = readCards(doc);
		const n = cards.find((c) => c.id === 'n')!;
		expect(n.x).toBe(left);
		const titles = new Map([['k', title]]);
		const moved = settleCards(cards, (c) => estimateCardHeight(c.text), {
			clusters: new Set(['k']),
			titles
		});
		expect(moved.has('n')).toBe(false);
		const members = cards
			.filter((c) => c.clusterId === 'k')
			.map((c) => ({ ...c, y: moved.get(c.id) ?? c.y }));
		const frame = clusterFrame(members, title)!;
		expect(n.y).toBe(frame.y + frame.height + LAYOUT.gap);
		// The same place for a card moved over from another area.
		createCard(doc, { id: 'o', area: 'potentials', authorId: 'p', createdAt: 5 });
		deleteCard(doc, 'n');
		moveCardToArea(doc, 'o', 'challenges');
		expect(readCards(doc).find((c) => c.id === 'o')).toMatchObject({ x: n.x, y: n.y });
		// And for a draft revealed onto the board.
		deleteCard(doc, 'o');
		const drafts = new Y.Doc();
		createCard(drafts, { id: 'd', area: 'challenges', authorId: 'p', createdAt: 6, phaseId: 's' });
		publishDrafts(doc, readCards(drafts), () => 'x');
		expect(readCards(doc).find((c) => c.id === 'd')).toMatchObject({ x: n.x, y: n.y });
		// Asked without the titles, placeNewCard counts one line and puts it into the frame.
		const others = cards.filter((c) => c.id !== 'n');
		expect(placeNewCard(others, 'challenges')).toEqual({ x: left, y: n.y - extra });
		expect(placeNewCard(others, 'challenges', titles)).toEqual({ x: left, y: n.y });
	});

	it('keeps new cards clear of long cards above them', () => {
		const doc = new Y.Doc();
		const long =
			'Vergabestellen fürchten Rügen, wenn soziale Kriterien in der Leistungsbeschreibung stehen. '.repeat(
				3
			);
		for (let i = 0; i < 9; i++) {
			createCard(doc, {
				id: `c${i}`,
				area: 'potentials',
				authorId: 'p',
				createdAt: i,
				text: i % 2 ? long : 'kurz'
			});
		}
		const cards = readCards(doc);
		for (const a of cards)
			for (const b of cards) {
				if (a === b || a.x !== b.x) continue;
				const [upper, lower] = a.y < b.y ? [a, b] : [b, a];
				expect(lower.y).toBeGreaterThanOrEqual(upper.y + estimateCardHeight(upper.text));
			}
	});

	it('merges concurrent edits of one card text instead of overwriting', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		createCard(a, {
			id: 'c',
			area: 'challenges',
			authorId: 'p',
			createdAt: 1,
			text: 'Vergabe ist komplex'
		});
		sync(a, b);
		setCardText(a, 'c', 'Die Vergabe ist komplex');
		setCardText(b, 'c', 'Vergabe ist sehr komplex');
		sync(a, b);
		expect(readCards(a)[0]!.text).toBe('Die Vergabe ist sehr komplex');
		expect(readCards(b)[0]!.text).toBe('Die Vergabe ist sehr komplex');
	});

	it('cuts card text at the limit', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'c', area: 'challenges', authorId: 'p', createdAt: 1 });
		setCardText(doc, 'c', 'x'.repeat(CARD_TEXT_MAX + 50));
		expect(readCards(doc)[0]!.text).toHaveLength(CARD_TEXT_MAX);
	});

	it('moves a card and lets its area follow the frame it is dropped in', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'c', area: 'challenges', authorId: 'p', createdAt: 1 });
		const potentials = frameOf('potentials');
		moveCard(doc, 'c', potentials.x + 100, 300);
		expect(readCards(doc)[0]).toMatchObject({ area: 'potentials', x: potentials.x + 100, y: 300 });
		moveCard(doc, 'c', Number.NaN, 3);
		expect(readCards(doc)[0]).toMatchObject({ x: potentials.x + 100, y: 300 });
	});

	it('moves a card to another area into a free slot of that frame', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'c', area: 'challenges', authorId: 'p', createdAt: 1 });
		moveCardToArea(doc, 'c', 'next-steps');
		const card = readCards(doc)[0]!;
		expect(card.area).toBe('next-steps');
		expect(areaAt(card.x + CARD_WIDTH / 2)).toBe('next-steps');
	});

	it('takes a card moved to another area out of its cluster, which stays in its own', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'c', area: 'challenges', authorId: 'p', createdAt: 1 });
		doc.getMap<Y.Map<unknown>>('clusters').set('k', new Y.Map([['area', 'challenges']]));
		cardsOf(doc).get('c')!.set('clusterId', 'k');
		moveCardToArea(doc, 'c', 'potentials');
		expect(readCards(doc)[0]).toMatchObject({ area: 'potentials', clusterId: null });
	});

	it('deletes a card on every replica', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		createCard(a, { id: 'c', area: 'challenges', authorId: 'p', createdAt: 1 });
		sync(a, b);
		deleteCard(b, 'c');
		sync(a, b);
		expect(readCards(a)).toEqual([]);
	});

	it('lists cards per area in reading order and ignores values that are not cards', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'low', area: 'challenges', authorId: 'p', createdAt: 1, x: 30, y: 500 });
		createCard(doc, {
			id: 'high',
			area: 'challenges',
			authorId: 'p',
			createdAt: 2,
			x: 300,
			y: 100
		});
		doc.getMap('cards').set('junk', 'not a card');
		const byArea = cardsByArea(readCards(doc));
		expect(byArea.get('challenges')!.map((c) => c.id)).toEqual(['high', 'low']);
		expect(byArea.get('potentials')).toEqual([]);
		expect([...byArea.keys()]).toEqual(BOARD_LAYOUT.map((f) => f.id));
	});
});

describe('blank cards', () => {
	it('counts a card as blank only while nobody wrote anything on it', () => {
		const blank = { text: '  \n', nextStep: NO_NEXT_STEP };
		expect(isBlankCard(blank)).toBe(true);
		expect(isBlankCard({ ...blank, text: 'x' })).toBe(false);
		expect(isBlankCard({ ...blank, nextStep: { ...NO_NEXT_STEP, owner: 'Weltladen' } })).toBe(
			false
		);
		expect(isBlankCard({ ...blank, nextStep: { ...NO_NEXT_STEP, due: '2027-03-31' } })).toBe(false);
		expect(isBlankCard({ ...blank, nextStep: { ...NO_NEXT_STEP, answers: ['c1'] } })).toBe(false);
		expect(isBlankCard({ ...blank, nextStep: { ...NO_NEXT_STEP, ownerGroup: 'civil' } })).toBe(
			false
		);
	});
});

describe('next steps', () => {
	it('carry who, with whom, by when and what they answer, each part on its own', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		createCard(a, {
			id: 'n',
			area: 'next-steps',
			authorId: 'p',
			createdAt: 1,
			text: 'Runder Tisch'
		});
		sync(a, b);
		setNextStep(a, 'n', { owner: 'Vergabestelle', ownerGroup: 'admin', due: '2026-06-30' });
		setNextStep(b, 'n', { partners: 'Weltladen, Repair-Café', answers: ['c1', 'c2'] });
		sync(a, b);
		for (const doc of [a, b]) {
			expect(readCards(doc)[0]!.nextStep).toEqual({
				owner: 'Vergabestelle',
				ownerGroup: 'admin',
				partners: 'Weltladen, Repair-Café',
				due: '2026-06-30',
				answers: ['c1', 'c2']
			});
		}
		setNextStep(a, 'n', { owner: '', answers: [] });
		expect(readCards(a)[0]!.nextStep).toMatchObject({ owner: '', answers: [] });
		expect(a.getMap<Y.Map<unknown>>('cards').get('n')!.has('owner')).toBe(false);
	});

	it('reads values a foreign client got wrong as empty', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'n', area: 'next-steps', authorId: 'p', createdAt: 1 });
		const map = doc.getMap<Y.Map<unknown>>('cards').get('n')!;
		map.set('due', 'irgendwann');
		map.set('ownerGroup', 'Außerirdische!');
		map.set('answers', 'c1');
		expect(readCards(doc)[0]!.nextStep).toEqual(NO_NEXT_STEP);
	});
});

describe('publishing drafts', () => {
	const draft = (id: string, authorId: string, text: string, createdAt: number) => {
		const doc = new Y.Doc();
		createCard(doc, { id, area: 'challenges', authorId, createdAt, text });
		return readCards(doc)[0]!;
	};
	let next = 0;
	const newId = () => `fresh${++next}`;

	it('puts each draft on the board with its id, author, text and time, once', () => {
		const board = new Y.Doc();
		const drafts = [draft('d1', 'p1', 'Rügen', 1), draft('d2', 'p2', 'Große Lose', 2)];
		expect(publishDrafts(board, drafts, newId).published).toEqual(['d1', 'd2']);
		expect(publishDrafts(board, drafts, newId).published).toEqual([]);
		expect(readCards(board).map((c) => [c.id, c.authorId, c.text, c.createdAt])).toEqual([
			['d1', 'p1', 'Rügen', 1],
			['d2', 'p2', 'Große Lose', 2]
		]);
	});

	it('gives a draft a new id when another card holds its id, instead of dropping it', () => {
		const board = new Y.Doc();
		createCard(board, {
			id: 'same',
			area: 'potentials',
			authorId: 'p9',
			createdAt: 5,
			text: 'alt'
		});
		const { published } = publishDrafts(
			board,
			[draft('same', 'p1', 'von P1', 10), draft('same', 'p2', 'von P2', 11)],
			newId
		);
		expect(published).toHaveLength(2);
		expect(published).not.toContain('same');
		const texts = readCards(board).map((c) => `${c.authorId}:${c.text}`);
		expect(texts.sort()).toEqual(['p1:von P1', 'p2:von P2', 'p9:alt']);
	});

	it('fills the board up to what a session holds and keeps the later drafts back', () => {
		const board = new Y.Doc();
		board.transact(() => {
			for (let i = 0; i < SESSION_LIMITS.cards - 1; i++)
				createCard(board, {
					id: `c${i}`,
					area: 'potentials',
					authorId: 'f',
					createdAt: i,
					text: '',
					x: 0,
					y: 0
				});
		});
		const drafts = [draft('d1', 'p1', 'passt', 1), draft('d2', 'p2', 'zu viel', 2)];
		const { published, kept } = publishDrafts(board, drafts, newId);
		expect(published).toEqual(['d1']);
		expect(kept.map((c) => c.id)).toEqual(['d2']);
		expect(readCards(board)).toHaveLength(SESSION_LIMITS.cards);
		// The one already on the board is not counted again, nor kept.
		expect(publishDrafts(board, drafts, newId)).toEqual({ published: [], kept: [drafts[1]] });
	});
});

describe('a card moved to another area', () => {
	it('takes the new area’s colour when it had its old area’s, and keeps a colour someone chose', () => {
		const doc = new Y.Doc();
		createCard(doc, { id: 'a', area: 'challenges', authorId: 'p', createdAt: 1, text: 'a' });
		createCard(doc, { id: 'b', area: 'challenges', authorId: 'p', createdAt: 2, text: 'b' });
		setCardColor(doc, 'b', 'blue');
		moveCardToArea(doc, 'a', 'potentials');
		moveCardToArea(doc, 'b', 'potentials');
		const byId = new Map(readCards(doc).map((c) => [c.id, c]));
		expect(byId.get('a')!.color).toBe(defaultColor('potentials'));
		expect(byId.get('b')!.color).toBe('blue');
		// Dragged across on the canvas, too.
		moveCard(doc, 'a', frameOf('next-steps').x + 24, 120);
		expect(readCards(doc).find((c) => c.id === 'a')!.color).toBe(defaultColor('next-steps'));
	});
});

describe('placing many new cards at once (a reveal)', () => {
	it('puts each where placeNewCard would, one after another, on boards with cards and clusters', () => {
		let seed = 7;
		const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
		for (let board = 0; board < 20; board++) {
			const existing: Card[] = [];
			for (let i = 0; i < 40; i++) {
				const area = AREA_IDS[Math.floor(random() * AREA_IDS.length)]!;
				const frame = frameOf(area);
				existing.push({
					id: `e${i}`,
					text: 'x'.repeat(Math.floor(random() * 300)),
					area,
					x: frame.x + random() * (frame.width - CARD_WIDTH),
					y: frame.y + random() * 1500,
					color: 'yellow',
					authorId: 'a',
					authorGroup: null,
					createdAt: i,
					phaseId: null,
					clusterId: random() < 0.3 ? `k${Math.floor(random() * 3)}` : null,
					nextStep: NO_NEXT_STEP
				});
			}
			const titles = new Map([['k1', 'Ein Titel, der über mehr als eine Zeile des Rahmens geht']]);
			const places = new NewCardPlaces(existing, titles);
			const sequential = [...existing];
			for (let i = 0; i < 60; i++) {
				const area = AREA_IDS[Math.floor(random() * AREA_IDS.length)]!;
				const text = 'Entwurf '.repeat(Math.floor(random() * 30));
				const one = placeNewCard(sequential, area, titles, text);
				expect(places.place(area, text), `board ${board}, card ${i}`).toEqual(one);
				sequential.push({ ...sequential[0]!, id: `n${i}`, area, text, ...one, clusterId: null });
			}
		}
	});

	it('puts a revealed draft where it fits whole, not into a gap only an empty card fits', () => {
		const frame = frameOf('challenges');
		const columns = Math.floor((frame.width - LAYOUT.padding) / (CARD_WIDTH + LAYOUT.gap));
		const existing: Card[] = [];
		// In every column an empty card, and below it room for exactly one more empty card.
		for (let column = 0; column < columns; column++)
			for (const [row, y] of [80, 80 + CARD_MIN_HEIGHT * 2 + LAYOUT.gap * 2].entries())
				existing.push({
					id: `e${column}-${row}`,
					text: '',
					area: 'challenges',
					x: frame.x + LAYOUT.padding + column * (CARD_WIDTH + LAYOUT.gap),
					y: frame.y + y,
					color: 'pink',
					authorId: 'a',
					authorGroup: null,
					createdAt: 0,
					phaseId: null,
					clusterId: null,
					nextStep: NO_NEXT_STEP
				});
		const text = 'Der Radweg an der Hauptstraße endet ohne Vorwarnung im Verkehr';
		const { x, y } = new NewCardPlaces(existing, new Map()).place('challenges', text);
		const bottom = y + estimateCardHeight(text);
		for (const card of existing.filter((c) => c.x === x))
			expect(
				bottom + LAYOUT.gap <= card.y || card.y + estimateCardHeight(card.text) + LAYOUT.gap <= y,
				`over ${card.id}`
			).toBe(true);
		// An empty card still takes the gap.
		const empty = new NewCardPlaces(existing, new Map()).place('challenges', '');
		expect(empty.y).toBeLessThan(y);
	});
});
