import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { BoardHarness, verdictOf } from '../../../../tests/helpers/replicas';
import { createCard, deleteCard, moveCard, readCards, setCardText, setNextStep } from './cards';
import { checkBoardUpdate, type UpdateContext } from './update-policy';
import { CARD_TEXT_MAX } from './schema';
import { CLUSTER_TITLE_MAX, createCluster, renameCluster, setCardCluster } from './clusters';
import { CONNECTOR_LABEL_MAX, connect, labelConnector } from './connectors';
import { SESSION_LIMITS } from '../session/session-limits';
import { BOARD_CARDS_MAX, CARDS_PER_PARTICIPANT_MAX } from './card-limit';

const CHANGED = { ok: true, changes: true };

const alice = { sessionId: 's', participantId: 'alice', role: 'participant' } as const;
const facilitator = { sessionId: 's', participantId: 'fac', role: 'facilitator' } as const;

function updateOf(server: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
	const before = Y.encodeStateVector(doc);
	change(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

function boardWithCardOf(author: string): Y.Doc {
	const server = new Y.Doc();
	createCard(server, {
		id: 'c1',
		area: 'challenges',
		authorId: author,
		createdAt: 1,
		text: 'Hallo'
	});
	return server;
}

describe('update policy for participants', () => {
	it('lets a participant create, edit, move and delete an own card', () => {
		const server = new Y.Doc();
		const create = (d: Y.Doc) =>
			createCard(d, { id: 'a1', area: 'challenges', authorId: 'alice', createdAt: 1, text: 'x' });
		expect(verdictOf(server, alice, create)).toMatchObject({ ok: true, changes: true });
		createCard(server, {
			id: 'a1',
			area: 'challenges',
			authorId: 'alice',
			createdAt: 1,
			text: 'x'
		});
		expect(verdictOf(server, alice, (d) => setCardText(d, 'a1', 'neu'))).toMatchObject({
			ok: true,
			changes: true
		});
		expect(verdictOf(server, alice, (d) => moveCard(d, 'a1', 900, 40))).toMatchObject({
			ok: true,
			changes: true
		});
		expect(verdictOf(server, alice, (d) => deleteCard(d, 'a1'))).toMatchObject({
			ok: true,
			changes: true
		});
	});

	it("records the author's own stakeholder group on a new card, and only that one", () => {
		const civilAlice = { ...alice, group: 'civil' };
		const create = (group: string) => (d: Y.Doc) =>
			createCard(d, {
				id: 'a1',
				area: 'challenges',
				authorId: 'alice',
				authorGroup: group,
				createdAt: 1
			});
		expect(verdictOf(new Y.Doc(), civilAlice, create('civil'))).toMatchObject({
			ok: true,
			changes: true
		});
		expect(verdictOf(new Y.Doc(), civilAlice, create('admin'))).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		const withoutGroup = (d: Y.Doc) =>
			createCard(d, { id: 'a2', area: 'challenges', authorId: 'alice', createdAt: 1 });
		expect(verdictOf(new Y.Doc(), civilAlice, withoutGroup)).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		expect(verdictOf(new Y.Doc(), alice, withoutGroup)).toMatchObject({ ok: true, changes: true });
		expect(verdictOf(new Y.Doc(), alice, create('civil'))).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		const server = new Y.Doc();
		create('civil')(server);
		expect(readCards(server)[0]!.authorGroup).toBe('civil');
		expect(
			verdictOf(server, civilAlice, (d) =>
				d.getMap<Y.Map<unknown>>('cards').get('a1')!.set('authorGroup', 'admin')
			)
		).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it('refuses a card that names someone else as its author', () => {
		const verdict = verdictOf(new Y.Doc(), alice, (d) =>
			createCard(d, { id: 'a1', area: 'challenges', authorId: 'bob', createdAt: 1 })
		);
		expect(verdict).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it.each([
		['edit', (d: Y.Doc) => setCardText(d, 'c1', 'übernommen')],
		['move', (d: Y.Doc) => moveCard(d, 'c1', 800, 80)],
		['delete', (d: Y.Doc) => deleteCard(d, 'c1')],
		[
			'overwrite',
			(d: Y.Doc) => createCard(d, { id: 'c1', area: 'challenges', authorId: 'alice', createdAt: 2 })
		],
		[
			're-author',
			(d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards').get('c1')!.set('authorId', 'alice')
		]
	])('refuses an %s of another participant’s card', (_name, change) => {
		expect(verdictOf(boardWithCardOf('bob'), alice, change)).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
	});

	it('refuses a new card whose id is not its key, or that has no creation time', () => {
		const raw = (fields: Record<string, unknown>) => (d: Y.Doc) =>
			d.transact(() => {
				const card = new Y.Map<unknown>();
				for (const [k, v] of Object.entries(fields)) card.set(k, v);
				card.set('text', new Y.Text('x'));
				d.getMap('cards').set('a1', card);
			});
		const fields = { area: 'challenges', x: 24, y: 80, color: 'yellow', authorId: 'alice' };
		expect(verdictOf(new Y.Doc(), alice, raw({ ...fields, id: 'a1', createdAt: 1 }))).toMatchObject(
			{ ok: true, changes: true }
		);
		expect(
			verdictOf(new Y.Doc(), alice, raw({ ...fields, id: 'other', createdAt: 1 }))
		).toMatchObject({ ok: false, reason: 'invalid' });
		expect(verdictOf(new Y.Doc(), alice, raw({ ...fields, id: 'a1' }))).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});

	it('refuses changing the author of an own card', () => {
		const verdict = verdictOf(boardWithCardOf('alice'), alice, (d) =>
			d.getMap<Y.Map<unknown>>('cards').get('c1')!.set('authorId', 'bob')
		);
		expect(verdict).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it('refuses writes outside the cards map', () => {
		const verdict = verdictOf(new Y.Doc(), alice, (d) => d.getMap('settings').set('locked', false));
		expect(verdict).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it.each([
		['area', 'nowhere'],
		['x', 'links'],
		['color', 'javascript:alert(1)']
	])('refuses an invalid %s value', (field, value) => {
		const verdict = verdictOf(boardWithCardOf('alice'), alice, (d) =>
			d.getMap<Y.Map<unknown>>('cards').get('c1')!.set(field, value)
		);
		expect(verdict).toMatchObject({ ok: false, reason: 'invalid' });
	});

	it('checks the parts of a next step', () => {
		const server = new Y.Doc();
		createCard(server, { id: 'n', area: 'next-steps', authorId: 'alice', createdAt: 1 });
		expect(
			verdictOf(server, alice, (d) =>
				setNextStep(d, 'n', {
					owner: 'Vergabestelle',
					ownerGroup: 'admin',
					due: '2026-06-30',
					answers: ['c1']
				})
			)
		).toMatchObject({ ok: true, changes: true });
		for (const bad of [
			{ due: 'morgen' },
			{ due: '2026-13-45' },
			{ due: '2026-02-30' },
			{ ownerGroup: 'Außerirdische!' },
			{ partners: 'x'.repeat(500) }
		]) {
			expect(
				verdictOf(server, alice, (d) =>
					setNextStep(d, 'n', bad as Parameters<typeof setNextStep>[2])
				),
				JSON.stringify(bad)
			).toMatchObject({ ok: false, reason: 'invalid' });
		}
		// An empty owner is written as no field; an empty value set directly is refused.
		expect(
			verdictOf(server, alice, (d) => d.getMap<Y.Map<unknown>>('cards').get('n')!.set('owner', ''))
		).toMatchObject({ ok: false, reason: 'invalid' });
		expect(
			verdictOf(server, { sessionId: 's', participantId: 'bob', role: 'participant' }, (d) =>
				setNextStep(d, 'n', { owner: 'Ich' })
			)
		).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it('takes a next step’s responsible group only from the session’s groups, when it knows them', () => {
		const server = new Y.Doc();
		createCard(server, { id: 'n', area: 'next-steps', authorId: 'alice', createdAt: 1 });
		setNextStep(server, 'n', { ownerGroup: 'admin' });
		const groups = ['admin', 'repair', 'g-weltladen'];
		const check = (change: (d: Y.Doc) => void, context: UpdateContext = { groups }) =>
			checkBoardUpdate(server, updateOf(server, change), alice, context);
		const owner = (ownerGroup: string | null) => (d: Y.Doc) => setNextStep(d, 'n', { ownerGroup });
		expect(check(owner('repair'))).toMatchObject({ ok: true, changes: true });
		expect(check(owner('g-weltladen'))).toMatchObject({ ok: true, changes: true });
		// A default group's id that this session does not have, and an id nobody has.
		expect(check(owner('politics'))).toMatchObject({ ok: false, reason: 'invalid' });
		expect(check(owner('g-nirgends'))).toMatchObject({ ok: false, reason: 'invalid' });
		// Removing the group stays allowed, so does a direct null.
		expect(check(owner(null))).toMatchObject({ ok: true, changes: true });
		expect(
			check((d) => d.getMap<Y.Map<unknown>>('cards').get('n')!.set('ownerGroup', null))
		).toMatchObject({ ok: true, changes: true });
		// A new next step is checked as it is created.
		const fresh = (ownerGroup: string) => (d: Y.Doc) =>
			d.transact(() => {
				createCard(d, { id: 'n2', area: 'next-steps', authorId: 'alice', createdAt: 2 });
				setNextStep(d, 'n2', { ownerGroup });
			});
		expect(check(fresh('repair'))).toMatchObject({ ok: true, changes: true });
		expect(check(fresh('politics'))).toMatchObject({ ok: false, reason: 'invalid' });
		// Without the session's groups any well-formed id passes.
		expect(check(owner('politics'), {})).toMatchObject({ ok: true, changes: true });
	});

	it('takes a card’s author group from the facilitator only among the session’s groups', () => {
		// Exports and imports rely on every group on the board being one of the session's.
		const server = new Y.Doc();
		createCard(server, { id: 'c', area: 'challenges', authorId: 'alice', createdAt: 1 });
		const groups = ['admin', 'repair'];
		const check = (change: (d: Y.Doc) => void) =>
			checkBoardUpdate(server, updateOf(server, change), facilitator, { groups });
		const group = (authorGroup: string | null) => (d: Y.Doc) =>
			d.getMap<Y.Map<unknown>>('cards').get('c')!.set('authorGroup', authorGroup);
		expect(check(group('repair'))).toMatchObject({ ok: true, changes: true });
		expect(check(group(null))).toMatchObject({ ok: true, changes: true });
		expect(check(group('zzz-not-a-group'))).toMatchObject({ ok: false, reason: 'invalid' });
		expect(check(group('politics'))).toMatchObject({ ok: false, reason: 'invalid' });
		const fresh = (authorGroup: string) => (d: Y.Doc) =>
			createCard(d, {
				id: 'c2',
				area: 'challenges',
				authorId: 'alice',
				authorGroup,
				createdAt: 2
			});
		expect(check(fresh('admin'))).toMatchObject({ ok: true, changes: true });
		expect(check(fresh('politics'))).toMatchObject({ ok: false, reason: 'invalid' });
	});

	it('takes the facilitator’s next steps’ groups only from the session’s groups, and nothing else from them', () => {
		const server = new Y.Doc();
		createCard(server, { id: 'n', area: 'next-steps', authorId: 'alice', createdAt: 1 });
		setNextStep(server, 'n', { ownerGroup: 'admin' });
		const groups = ['admin', 'repair', 'g-weltladen'];
		const check = (change: (d: Y.Doc) => void, context: UpdateContext = { groups }) =>
			checkBoardUpdate(server, updateOf(server, change), facilitator, context);
		const owner = (ownerGroup: string | null) => (d: Y.Doc) => setNextStep(d, 'n', { ownerGroup });
		expect(check(owner('g-weltladen'))).toMatchObject({ ok: true, changes: true });
		expect(check(owner(null))).toMatchObject({ ok: true, changes: true });
		expect(check(owner('politics'))).toMatchObject({ ok: false, reason: 'invalid' });
		expect(
			check((d) => d.getMap<Y.Map<unknown>>('cards').get('n')!.set('ownerGroup', 42))
		).toMatchObject({ ok: false, reason: 'invalid' });
		// On a next step the facilitator creates, in the same update as the card.
		const fresh = (ownerGroup: string) => (d: Y.Doc) =>
			d.transact(() => {
				createCard(d, { id: 'n2', area: 'next-steps', authorId: 'facilitator', createdAt: 2 });
				setNextStep(d, 'n2', { owner: 'Stadtrat', ownerGroup });
			});
		expect(check(fresh('repair'))).toMatchObject({ ok: true, changes: true });
		expect(check(fresh('g-nirgends'))).toMatchObject({ ok: false, reason: 'invalid' });
		// A group set and replaced in one update counts as the group it ends with.
		expect(
			check((d) =>
				d.transact(() => {
					setNextStep(d, 'n', { ownerGroup: 'politics' });
					setNextStep(d, 'n', { ownerGroup: 'repair' });
				})
			)
		).toMatchObject({ ok: true, changes: true });
		// Others' cards and their authorship stay the facilitator's.
		expect(
			check((d) => {
				const card = d.getMap<Y.Map<unknown>>('cards').get('n')!;
				card.set('authorId', 'bob');
				card.set('color', 'blue');
				setNextStep(d, 'n', { due: '2027-03-01' });
			})
		).toMatchObject({ ok: true, changes: true });
		// Without the session's groups (not loaded) any well-formed group id passes.
		expect(check(owner('politics'), {})).toMatchObject({ ok: true, changes: true });
		expect(check(owner('Politik & Verwaltung'), {})).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});

	it('refuses text beyond the limit but accepts replacing long text', () => {
		const server = boardWithCardOf('alice');
		setCardText(server, 'c1', 'a'.repeat(CARD_TEXT_MAX - 10));
		expect(
			verdictOf(server, alice, (d) => {
				const text = d.getMap<Y.Map<unknown>>('cards').get('c1')!.get('text') as Y.Text;
				text.insert(0, 'b'.repeat(20));
			})
		).toMatchObject({ ok: false, reason: 'invalid' });
		expect(
			verdictOf(server, alice, (d) => setCardText(d, 'c1', 'c'.repeat(CARD_TEXT_MAX)))
		).toMatchObject({ ok: true, changes: true });
	});

	it('refuses bytes that are not an update, without touching the document', () => {
		const server = boardWithCardOf('alice');
		const before = Y.encodeStateAsUpdate(server);
		for (const junk of [new Uint8Array([1, 2, 3, 255, 255, 255]), new Uint8Array([0xff])]) {
			expect(checkBoardUpdate(server, junk, facilitator)).toMatchObject({
				ok: false,
				reason: 'malformed'
			});
			expect(checkBoardUpdate(server, junk, alice)).toMatchObject({
				ok: false,
				reason: 'malformed'
			});
		}
		expect(Y.encodeStateAsUpdate(server)).toEqual(before);
	});

	it('refuses an update that depends on structures nobody sent', () => {
		const elsewhere = boardWithCardOf('alice');
		const updates: Uint8Array[] = [];
		elsewhere.on('update', (u: Uint8Array) => updates.push(u));
		setCardText(elsewhere, 'c1', 'Hallo Welt');
		const server = new Y.Doc();
		expect(checkBoardUpdate(server, updates[0]!, alice)).toMatchObject({ ok: false });
	});
});

describe('read-only moments and no-op updates', () => {
	const observer = { sessionId: 's', participantId: 'obs', role: 'observer' } as const;

	it('refuses a real change while the board is read-only for the sender', () => {
		const server = boardWithCardOf('alice');
		const change = (d: Y.Doc) => setCardText(d, 'c1', 'gesperrt?');
		expect(
			checkBoardUpdate(server, updateOf(server, change), alice, { readOnly: true })
		).toMatchObject({
			ok: false,
			reason: 'readOnly'
		});
		expect(
			checkBoardUpdate(server, updateOf(server, change), facilitator, { readOnly: true })
		).toMatchObject({
			ok: false,
			reason: 'readOnly'
		});
	});

	it('lets participants add cards only to the areas the phase writes into, and change theirs anywhere', () => {
		const server = boardWithCardOf('alice');
		const add = (area: 'challenges' | 'potentials') => (d: Y.Doc) =>
			createCard(d, { id: `n-${area}`, area, authorId: 'alice', createdAt: 2, text: 'neu' });
		const check = (change: (d: Y.Doc) => void, newCardAreas: readonly string[]) =>
			checkBoardUpdate(server, updateOf(server, change), alice, { newCardAreas });
		expect(check(add('potentials'), ['potentials'])).toMatchObject({ ok: true, changes: true });
		expect(check(add('challenges'), ['potentials'])).toMatchObject({
			ok: false,
			reason: 'readOnly'
		});
		// A clustering phase: no new cards at all, but one's own card still moves and changes.
		expect(check(add('potentials'), [])).toMatchObject({ ok: false, reason: 'readOnly' });
		expect(check((d) => moveCard(d, 'c1', 300, 300), [])).toMatchObject({
			ok: true,
			changes: true
		});
		expect(check((d) => setCardText(d, 'c1', 'Hallo Welt'), [])).toMatchObject({
			ok: true,
			changes: true
		});
		// The facilitator adds cards anywhere.
		expect(
			checkBoardUpdate(server, updateOf(server, add('challenges')), facilitator, {
				newCardAreas: []
			})
		).toMatchObject({ ok: true, changes: true });
	});

	it('takes a participant’s new draft only with the current phase’s id, and no phase id on the board', () => {
		const drafts = new Y.Doc();
		createCard(drafts, {
			id: 'd1',
			area: 'challenges',
			authorId: 'alice',
			createdAt: 1,
			phaseId: 'challenges'
		});
		const draft = (id: string, phaseId?: string) => (d: Y.Doc) =>
			createCard(d, {
				id,
				area: 'challenges',
				authorId: 'alice',
				createdAt: 2,
				...(phaseId === undefined ? {} : { phaseId })
			});
		const check = (doc: Y.Doc, change: (d: Y.Doc) => void, context: UpdateContext) =>
			checkBoardUpdate(doc, updateOf(doc, change), alice, context);
		const silent = { newCardPhaseId: 'challenges' };
		expect(check(drafts, draft('d2', 'challenges'), silent)).toMatchObject({
			ok: true,
			changes: true
		});
		// Another phase's draft would wait for a reveal that does not come; one without a phase forever.
		expect(check(drafts, draft('d2', 'potentials'), silent)).toMatchObject({
			ok: false,
			reason: 'readOnly'
		});
		expect(check(drafts, draft('d2'), silent)).toMatchObject({ ok: false, reason: 'invalid' });
		// On the board a new card is no draft.
		const board = new Y.Doc();
		expect(check(board, draft('b1'), { newCardPhaseId: null })).toMatchObject({
			ok: true,
			changes: true
		});
		expect(check(board, draft('b1', 'challenges'), { newCardPhaseId: null })).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		// A draft keeps its phase: it may be edited, moved and deleted, its phase neither changed nor removed.
		const own = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards').get('d1')!;
		expect(check(drafts, (d) => setCardText(d, 'd1', 'Entwurf'), silent)).toMatchObject({
			ok: true,
			changes: true
		});
		expect(check(drafts, (d) => deleteCard(d, 'd1'), silent)).toMatchObject({
			ok: true,
			changes: true
		});
		expect(check(drafts, (d) => own(d).set('phaseId', 'potentials'), silent)).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		expect(check(drafts, (d) => own(d).delete('phaseId'), silent)).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		expect(check(drafts, (d) => own(d).delete('authorId'), silent)).toMatchObject({
			ok: false,
			reason: 'forbidden'
		});
		// Other fields may still be removed, as a next step's parts are.
		expect(check(drafts, (d) => own(d).delete('x'), silent)).toMatchObject({
			ok: true,
			changes: true
		});
		// Without a phase to check against (unit callers, older gates) any phase id passes.
		expect(check(drafts, draft('d2', 'potentials'), {})).toMatchObject({ ok: true, changes: true });
	});

	it('lets an update through that changes nothing, such as a reconnecting client’s sync', () => {
		const server = boardWithCardOf('alice');
		deleteCard(server, 'c1');
		const replica = new Y.Doc();
		Y.applyUpdate(replica, Y.encodeStateAsUpdate(server));
		const sync = Y.encodeStateAsUpdate(replica, Y.encodeStateVector(server));
		for (const actor of [alice, observer]) {
			expect(checkBoardUpdate(server, sync, actor, { readOnly: true })).toEqual({
				ok: true,
				changes: false
			});
		}
	});

	it('refuses every change from an observer as forbidden, not as read-only for now, whatever the phase', () => {
		const write = (d: Y.Doc) =>
			createCard(d, { id: 'o', area: 'challenges', authorId: 'obs', createdAt: 1 });
		// The gate gives observers a read-only context, as in a phase without writing.
		for (const context of [{}, { readOnly: true }, { readOnly: false, newCardAreas: [] }])
			expect(
				verdictOf(new Y.Doc(), observer, write, context),
				JSON.stringify(context)
			).toMatchObject({ ok: false, reason: 'forbidden' });
	});
});

describe('what a participant may store on a card', () => {
	const card = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards').get('c1')!;
	const text = (d: Y.Doc) => card(d).get('text') as Y.Text;
	const refused = { ok: false, reason: 'invalid' };

	it('refuses fields the schema does not have, and values no field may hold', () => {
		const server = boardWithCardOf('alice');
		expect(verdictOf(server, alice, (d) => card(d).set('notes', 'z'.repeat(900)))).toMatchObject(
			refused
		);
		expect(verdictOf(server, alice, (d) => card(d).set('list', new Y.Array()))).toMatchObject(
			refused
		);
		expect(
			verdictOf(server, alice, (d) => card(d).set('owner', new Uint8Array([1, 2, 3])))
		).toMatchObject(refused);
		expect(verdictOf(server, alice, (d) => card(d).set('owner', new Y.Map()))).toMatchObject(
			refused
		);
		// The same card's real fields still pass.
		expect(verdictOf(server, alice, (d) => card(d).set('owner', 'Weltladen'))).toMatchObject({
			ok: true,
			changes: true
		});
	});

	it('takes only plain text into a card’s text: no embeds, nested types or formatting', () => {
		const server = boardWithCardOf('alice');
		expect(
			verdictOf(server, alice, (d) => text(d).insertEmbed(0, { blob: 'x'.repeat(5000) }))
		).toMatchObject(refused);
		expect(verdictOf(server, alice, (d) => text(d).insertEmbed(0, new Y.Map()))).toMatchObject(
			refused
		);
		expect(
			verdictOf(server, alice, (d) => text(d).format(0, 3, { href: 'http://evil.example' }))
		).toMatchObject(refused);
		expect(
			verdictOf(server, alice, (d) => text(d).insert(0, 'fett', { bold: true }))
		).toMatchObject(refused);
		// A new card's text is checked alike.
		expect(
			verdictOf(new Y.Doc(), alice, (d) => {
				createCard(d, { id: 'a1', area: 'challenges', authorId: 'alice', createdAt: 1 });
				const t = d.getMap<Y.Map<unknown>>('cards').get('a1')!.get('text') as Y.Text;
				t.insertEmbed(0, { blob: 'x' });
			})
		).toMatchObject(refused);
		expect(verdictOf(server, alice, (d) => text(d).insert(5, ' Welt'))).toMatchObject({
			ok: true,
			changes: true
		});
	});

	it('keeps a card’s id and creation time as they were written', () => {
		const server = boardWithCardOf('alice');
		for (const change of [
			(d: Y.Doc) => card(d).set('id', 'not-the-key'),
			(d: Y.Doc) => card(d).set('createdAt', 42),
			(d: Y.Doc) => card(d).delete('createdAt'),
			(d: Y.Doc) => card(d).delete('id')
		])
			expect(verdictOf(server, alice, change)).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it('takes a creation time only that every reader can turn into a date', () => {
		for (const createdAt of [1e300, -1, Number.NaN, 8.64e15 + 1])
			expect(
				verdictOf(new Y.Doc(), alice, (d) =>
					createCard(d, { id: 'a1', area: 'challenges', authorId: 'alice', createdAt })
				)
			).toMatchObject(refused);
	});
});

describe('how many cards participants may write', () => {
	function boardWith(count: number, author: (i: number) => string): Y.Doc {
		const server = new Y.Doc();
		server.transact(() => {
			for (let i = 0; i < count; i++)
				createCard(server, {
					id: `k${i}`,
					area: 'challenges',
					authorId: author(i),
					createdAt: 1,
					x: (i % 20) * 10,
					y: i
				});
		});
		return server;
	}
	const newCard = (id: string) => (d: Y.Doc) =>
		createCard(d, {
			id,
			area: 'challenges',
			authorId: 'alice',
			createdAt: 1,
			text: 'noch eine',
			x: 0,
			y: 0
		});

	it("refuses a participant's card past their limit, and keeps typing, moving and deleting", () => {
		const server = boardWith(CARDS_PER_PARTICIPANT_MAX, () => 'alice');
		expect(verdictOf(server, alice, newCard('more'))).toMatchObject({
			ok: false,
			reason: 'cardLimit',
			limit: 'participant'
		});
		expect(verdictOf(server, alice, (d) => setCardText(d, 'k0', 'anders'))).toMatchObject(CHANGED);
		expect(verdictOf(server, alice, (d) => moveCard(d, 'k1', 40, 400))).toMatchObject(CHANGED);
		expect(verdictOf(server, alice, (d) => deleteCard(d, 'k2'))).toMatchObject(CHANGED);
		// One card deleted, one written in its place: the count stays at the limit.
		expect(
			verdictOf(server, alice, (d) => {
				deleteCard(d, 'k3');
				newCard('instead')(d);
			})
		).toMatchObject(CHANGED);
	});

	it('lets a participant write below their limit, while others have written more', () => {
		const server = boardWith(CARDS_PER_PARTICIPANT_MAX + 5, () => 'bob');
		expect(verdictOf(server, alice, newCard('mine'))).toMatchObject(CHANGED);
	});

	it('refuses new cards from participants on a full board, and not from the facilitator', () => {
		const server = boardWith(BOARD_CARDS_MAX, (i) => `p${i % 40}`);
		expect(verdictOf(server, alice, newCard('late'))).toMatchObject({
			ok: false,
			reason: 'cardLimit',
			limit: 'board'
		});
		const byFacilitator = (d: Y.Doc) =>
			createCard(d, { id: 'f1', area: 'challenges', authorId: 'fac', createdAt: 1, x: 0, y: 0 });
		expect(verdictOf(server, facilitator, byFacilitator)).toMatchObject(CHANGED);
	});

	it('refuses the facilitator’s cards and connectors past the session’s limits, which the import keeps', () => {
		const server = boardWith(SESSION_LIMITS.cards, (i) => `p${i % 40}`);
		const byFacilitator = (id: string) => (d: Y.Doc) =>
			createCard(d, { id, area: 'challenges', authorId: 'fac', createdAt: 1, x: 0, y: 0 });
		expect(verdictOf(server, facilitator, byFacilitator('f1'))).toMatchObject({
			ok: false,
			reason: 'cardLimit',
			limit: 'board'
		});
		expect(
			verdictOf(server, facilitator, (d) => {
				deleteCard(d, 'k0');
				byFacilitator('instead')(d);
			})
		).toMatchObject(CHANGED);
		expect(verdictOf(server, facilitator, (d) => setCardText(d, 'k1', 'neu'))).toMatchObject(
			CHANGED
		);

		const connected = new Y.Doc();
		createCard(connected, { id: 'a', area: 'challenges', authorId: 'fac', createdAt: 1 });
		createCard(connected, { id: 'b', area: 'challenges', authorId: 'fac', createdAt: 1 });
		connected.transact(() => {
			for (let i = 0; i < SESSION_LIMITS.connectors; i++)
				connect(connected, { id: `v${i}`, from: 'a', to: 'b', label: '', createdAt: 1 });
		});
		const oneMore = (d: Y.Doc) =>
			connect(d, { id: 'v-more', from: 'b', to: 'a', label: '', createdAt: 2 });
		expect(verdictOf(connected, facilitator, oneMore)).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});

	it('counts several new cards in one update together', () => {
		const server = boardWith(CARDS_PER_PARTICIPANT_MAX - 1, () => 'alice');
		expect(verdictOf(server, alice, newCard('last'))).toMatchObject(CHANGED);
		expect(
			verdictOf(server, alice, (d) =>
				d.transact(() => {
					newCard('one')(d);
					newCard('two')(d);
				})
			)
		).toMatchObject({ ok: false, reason: 'cardLimit' });
	});
});

describe('updates that depend on what the server does not have', () => {
	/** An update of a writer whose earlier changes never reached the server. */
	function laterUpdate(): Uint8Array {
		const writer = new Y.Doc();
		createCard(writer, { id: 'f1', area: 'challenges', authorId: 'fac', createdAt: 1, text: 'a' });
		const before = Y.encodeStateVector(writer);
		setCardText(writer, 'f1', 'ab');
		moveCard(writer, 'f1', 300, 300);
		return Y.encodeStateAsUpdate(writer, before);
	}

	it('are refused as malformed for everyone, and the document stays free of pending changes', () => {
		const server = new Y.Doc();
		for (const actor of [facilitator, alice])
			expect(checkBoardUpdate(server, laterUpdate(), actor)).toMatchObject({
				ok: false,
				reason: 'malformed'
			});
		expect(server.store.pendingStructs).toBeNull();
	});

	it('including a deletion of something the server never saw', () => {
		const server = new Y.Doc();
		const writer = new Y.Doc();
		createCard(writer, { id: 'f1', area: 'challenges', authorId: 'fac', createdAt: 1 });
		const before = Y.encodeStateVector(writer);
		deleteCard(writer, 'f1');
		const deletion = Y.encodeStateAsUpdate(writer, before);
		expect(checkBoardUpdate(server, deletion, facilitator)).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
	});
});

describe('update policy for the facilitator', () => {
	it('lets the facilitator edit, move and delete any card', () => {
		const server = boardWithCardOf('bob');
		expect(verdictOf(server, facilitator, (d) => setCardText(d, 'c1', 'Moderiert'))).toMatchObject({
			ok: true,
			changes: true
		});
		expect(verdictOf(server, facilitator, (d) => moveCard(d, 'c1', 10, 10))).toMatchObject({
			ok: true,
			changes: true
		});
		expect(verdictOf(server, facilitator, (d) => deleteCard(d, 'c1'))).toMatchObject({
			ok: true,
			changes: true
		});
	});
});

describe('what the facilitator may store on a card', () => {
	const server = () => boardWithCardOf('bob');
	const cardIn = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards').get('c1')!;
	const textIn = (d: Y.Doc) => cardIn(d).get('text') as Y.Text;

	it('refuses values of the wrong type or unknown fields on anyone’s card', () => {
		for (const [what, change] of [
			['a colour no screen has', (d: Y.Doc) => cardIn(d).set('color', 'plaid')],
			['a date that is none', (d: Y.Doc) => setNextStep(d, 'c1', { due: 'morgen' })],
			['an unknown field', (d: Y.Doc) => cardIn(d).set('notes', 'viel Text')],
			['a coordinate that is no number', (d: Y.Doc) => cardIn(d).set('x', 'links')],
			['binary data', (d: Y.Doc) => cardIn(d).set('area', new Uint8Array(8))],
			['formatting in the text', (d: Y.Doc) => textIn(d).format(0, 2, { bold: true })],
			['an embed in the text', (d: Y.Doc) => textIn(d).insertEmbed(0, { image: 'x' })],
			['a card that is no map', (d: Y.Doc) => d.getMap('cards').set('k9', 'kein Objekt')]
		] as const) {
			expect(verdictOf(server(), facilitator, change), what).toMatchObject({
				ok: false,
				reason: 'invalid'
			});
		}
	});

	it('refuses text beyond the limit, also on a card the facilitator creates', () => {
		const board = server();
		expect(
			verdictOf(board, facilitator, (d) => setCardText(d, 'c1', 'x'.repeat(CARD_TEXT_MAX + 1)))
		).toMatchObject(CHANGED);
		expect(
			verdictOf(board, facilitator, (d) => textIn(d).insert(0, 'x'.repeat(CARD_TEXT_MAX)))
		).toMatchObject({ ok: false, reason: 'invalid' });
		const long = (d: Y.Doc) => {
			createCard(d, { id: 'f1', area: 'challenges', authorId: 'fac', createdAt: 1, x: 0, y: 0 });
			textIn(d).delete(0, 0);
			(cardIn(d).doc!.getMap<Y.Map<unknown>>('cards').get('f1')!.get('text') as Y.Text).insert(
				0,
				'y'.repeat(CARD_TEXT_MAX + 5)
			);
		};
		expect(verdictOf(board, facilitator, long)).toMatchObject({ ok: false, reason: 'invalid' });
		// Replacing a whole long text is no growth.
		setCardText(board, 'c1', 'a'.repeat(CARD_TEXT_MAX));
		expect(
			verdictOf(board, facilitator, (d) => setCardText(d, 'c1', 'b'.repeat(CARD_TEXT_MAX)))
		).toMatchObject(CHANGED);
	});
});

describe('replicas under the policy', () => {
	it('converge while refused changes never reach anyone', () => {
		const board = new BoardHarness();
		const a = board.join('alice');
		const b = board.join('bob');
		const f = board.join('fac', 'facilitator');
		createCard(a.doc, { id: 'a1', area: 'challenges', authorId: 'alice', createdAt: 1, text: 'A' });
		createCard(b.doc, { id: 'b1', area: 'potentials', authorId: 'bob', createdAt: 2, text: 'B' });
		board.flush();
		deleteCard(b.doc, 'a1');
		setCardText(f.doc, 'b1', 'B (moderiert)');
		board.flush();
		expect(board.refused).toHaveLength(1);
		const fresh = board.resync(b);
		for (const doc of [board.server, a.doc, f.doc, fresh.doc]) {
			expect(
				readCards(doc)
					.map((c) => [c.id, c.text])
					.sort()
			).toEqual([
				['a1', 'A'],
				['b1', 'B (moderiert)']
			]);
		}
	});

	it('keeps edits typed concurrently into the same own card', () => {
		const board = new BoardHarness();
		const a = board.join('alice');
		createCard(a.doc, {
			id: 'a1',
			area: 'challenges',
			authorId: 'alice',
			createdAt: 1,
			text: 'Lose'
		});
		board.flush();
		const second = board.join('alice');
		setCardText(a.doc, 'a1', 'Kleine Lose');
		setCardText(second.doc, 'a1', 'Lose bilden');
		board.flush();
		expect(board.refused).toEqual([]);
		expect(readCards(board.server)[0]!.text).toBe('Kleine Lose bilden');
	});
});

describe('what the facilitator may store beside the cards', () => {
	const board = () => {
		const server = boardWithCardOf('bob');
		createCard(server, { id: 'c2', area: 'challenges', authorId: 'bob', createdAt: 2 });
		createCluster(server, { id: 'k1', area: 'challenges', title: '', createdAt: 3 }, ['c1']);
		connect(server, { id: 'l1', from: 'c1', to: 'c2', createdAt: 4 });
		return server;
	};
	const clusterIn = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('clusters').get('k1')!;
	const connectorIn = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('connectors').get('l1')!;

	it('takes clusters and connectors as the board makes them', () => {
		for (const [what, change] of [
			[
				'a new cluster',
				(d: Y.Doc) =>
					createCluster(d, { id: 'k2', area: 'potentials', title: 'Neu', createdAt: 5 }, [])
			],
			[
				'a title as long as allowed',
				(d: Y.Doc) => renameCluster(d, 'k1', 'T'.repeat(CLUSTER_TITLE_MAX))
			],
			['a card put into a cluster', (d: Y.Doc) => setCardCluster(d, 'c2', 'k1')],
			[
				'a new connector',
				(d: Y.Doc) => connect(d, { id: 'l2', from: 'c2', to: 'k1', createdAt: 6 })
			],
			['a label', (d: Y.Doc) => labelConnector(d, 'l1', 'kooperiert mit')],
			['a cluster deleted', (d: Y.Doc) => d.getMap('clusters').delete('k1')]
		] as const) {
			expect(verdictOf(board(), facilitator, change), what).toMatchObject(CHANGED);
		}
	});

	it('refuses clusters, connectors and root types outside the schema', () => {
		for (const [what, change] of [
			[
				'a title too long',
				(d: Y.Doc) => clusterIn(d).set('title', 'T'.repeat(CLUSTER_TITLE_MAX + 1))
			],
			[
				'a cluster with a field of its own',
				(d: Y.Doc) => clusterIn(d).set('blob', 'x'.repeat(100))
			],
			['a cluster whose id is not its key', (d: Y.Doc) => clusterIn(d).set('id', 'k9')],
			['a cluster in no area', (d: Y.Doc) => clusterIn(d).set('area', 'nowhere')],
			['a type nested in a cluster', (d: Y.Doc) => clusterIn(d).set('title', new Y.Text('x'))],
			['a cluster that is no map', (d: Y.Doc) => d.getMap('clusters').set('k3', 'kein Objekt')],
			[
				'a label too long',
				(d: Y.Doc) => connectorIn(d).set('label', 'L'.repeat(CONNECTOR_LABEL_MAX + 1))
			],
			['a label that is a number', (d: Y.Doc) => connectorIn(d).set('label', 42)],
			['an end that is no id', (d: Y.Doc) => connectorIn(d).set('to', 'kein id!')],
			['a connector from a card to itself', (d: Y.Doc) => connectorIn(d).set('to', 'c1')],
			[
				'a new connector from a card to itself',
				(d: Y.Doc) => {
					const connector = new Y.Map<unknown>();
					for (const [key, value] of Object.entries({
						id: 'l3',
						from: 'c2',
						to: 'c2',
						createdAt: 6
					}))
						connector.set(key, value);
					d.getMap('connectors').set('l3', connector);
				}
			],
			['an array of its own', (d: Y.Doc) => d.getArray('evil').push(['x'])],
			['a map of its own', (d: Y.Doc) => d.getMap('settings').set('locked', false)]
		] as const) {
			expect(verdictOf(board(), facilitator, change), what).toMatchObject({
				ok: false,
				reason: 'invalid'
			});
		}
	});

	it('names only the session’s people as a card’s author, and keeps every card’s author and id', () => {
		const people = new Set(['fac', 'bob', 'carla']);
		const check = (change: (d: Y.Doc) => void) =>
			verdictOf(board(), facilitator, change, { people });
		const cardIn = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards').get('c1')!;
		const mine = (authorId: string) => (d: Y.Doc) =>
			createCard(d, { id: 'f1', area: 'potentials', authorId, createdAt: 7 });
		expect(check(mine('fac'))).toMatchObject(CHANGED);
		expect(check((d) => cardIn(d).set('authorId', 'carla'))).toMatchObject(CHANGED);
		expect(check(mine('ghost'))).toMatchObject({ ok: false, reason: 'invalid' });
		expect(check((d) => cardIn(d).set('authorId', 'ghost'))).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		// A card without an author or an id, or one that loses either, names nobody.
		const bare = (fields: Record<string, unknown>) => (d: Y.Doc) => {
			const card = new Y.Map<unknown>();
			for (const [key, value] of Object.entries(fields)) card.set(key, value);
			card.set('text', new Y.Text('ohne'));
			d.getMap('cards').set('f2', card);
		};
		expect(check(bare({ id: 'f2', authorId: 'fac', area: 'challenges' }))).toMatchObject(CHANGED);
		expect(check(bare({ id: 'f2', area: 'challenges' }))).toMatchObject({ reason: 'invalid' });
		expect(check(bare({ authorId: 'fac', area: 'challenges' }))).toMatchObject({
			reason: 'invalid'
		});
		expect(check(bare({ id: 'f9', authorId: 'fac' }))).toMatchObject({ reason: 'invalid' });
		expect(check((d) => cardIn(d).delete('authorId'))).toMatchObject({ reason: 'invalid' });
		expect(check((d) => cardIn(d).delete('id'))).toMatchObject({ reason: 'invalid' });
		expect(check((d) => deleteCard(d, 'c1'))).toMatchObject(CHANGED);
		// Without the session's people (not loaded) any author passes.
		expect(verdictOf(board(), facilitator, mine('ghost'))).toMatchObject(CHANGED);
	});
});

describe('which cluster a participant’s card joins', () => {
	const board = () => {
		const server = new Y.Doc();
		createCard(server, { id: 'a1', area: 'challenges', authorId: 'alice', createdAt: 1 });
		createCard(server, { id: 'a2', area: 'challenges', authorId: 'alice', createdAt: 2 });
		createCluster(server, { id: 'kc', area: 'challenges', title: '', createdAt: 3 }, ['a2']);
		createCluster(server, { id: 'kp', area: 'potentials', title: '', createdAt: 4 }, []);
		return server;
	};
	const check = (change: (d: Y.Doc) => void) => verdictOf(board(), alice, change);
	const cardIn = (d: Y.Doc, id: string) => d.getMap<Y.Map<unknown>>('cards').get(id)!;

	it('takes her card into a cluster of its area, out of it, and across areas as moving does', () => {
		expect(check((d) => setCardCluster(d, 'a1', 'kc'))).toMatchObject(CHANGED);
		expect(check((d) => setCardCluster(d, 'a2', null))).toMatchObject(CHANGED);
		// Moved into another area, a card leaves its cluster (moveCard), and may join one there.
		expect(check((d) => moveCard(d, 'a2', 600, 200))).toMatchObject(CHANGED);
		expect(
			check((d) =>
				d.transact(() => {
					moveCard(d, 'a1', 600, 200);
					setCardCluster(d, 'a1', 'kp');
				})
			)
		).toMatchObject(CHANGED);
		// A move that keeps a cluster her client did not know of yet (the facilitator made it meanwhile).
		expect(check((d) => cardIn(d, 'a2').set('area', 'potentials'))).toMatchObject(CHANGED);
		// A cluster the board does not have (dissolved while she dropped her card) reads as none.
		expect(check((d) => setCardCluster(d, 'a1', 'k-gone'))).toMatchObject(CHANGED);
		// A new card may start in a cluster of its area.
		expect(
			check((d) =>
				d.transact(() => {
					createCard(d, { id: 'a3', area: 'potentials', authorId: 'alice', createdAt: 5 });
					setCardCluster(d, 'a3', 'kp');
				})
			)
		).toMatchObject(CHANGED);
	});

	it('refuses a cluster of another area, or a cluster id that is none', () => {
		for (const [what, change] of [
			['a cluster of another area', (d: Y.Doc) => setCardCluster(d, 'a1', 'kp')],
			['a cluster id that is a number', (d: Y.Doc) => cardIn(d, 'a1').set('clusterId', 7)],
			[
				'a new card in a cluster of another area',
				(d: Y.Doc) =>
					d.transact(() => {
						createCard(d, { id: 'a3', area: 'challenges', authorId: 'alice', createdAt: 5 });
						setCardCluster(d, 'a3', 'kp');
					})
			]
		] as const) {
			expect(check(change), what).toMatchObject({ ok: false, reason: 'invalid' });
		}
	});
});

describe('an update that sets one field twice', () => {
	/** A new card of Alice's whose author two client ids set at once, one honestly, one not. */
	function forgedAuthor(): Uint8Array {
		const base = new Y.Doc();
		base.clientID = 5;
		createCard(base, { id: 'm1', area: 'challenges', authorId: 'alice', createdAt: 1, text: 'x' });
		const sv = Y.encodeStateVector(base);
		const fork = (clientID: number, author: string) => {
			const doc = new Y.Doc();
			doc.clientID = clientID;
			Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
			doc.getMap<Y.Map<unknown>>('cards').get('m1')!.set('authorId', author);
			return Y.encodeStateAsUpdate(doc, sv);
		};
		return Y.mergeUpdates([Y.encodeStateAsUpdate(base), fork(2 ** 31, 'bob'), fork(10, 'alice')]);
	}

	it('is refused: Yjs keeps the value of the higher client id, which need not be the one checked', () => {
		const update = forgedAuthor();
		const applied = new Y.Doc();
		Y.applyUpdate(applied, update);
		expect(readCards(applied)[0]!.authorId).toBe('bob');
		expect(checkBoardUpdate(new Y.Doc(), update, alice, {})).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
		expect(checkBoardUpdate(new Y.Doc(), update, facilitator, {})).toMatchObject({
			ok: false,
			reason: 'invalid'
		});
	});

	it('is taken when one client sets a field again: the earlier value is deleted', () => {
		const server = new Y.Doc();
		const update = updateOf(server, (d) =>
			d.transact(() => {
				createCard(d, { id: 'a1', area: 'challenges', authorId: 'alice', createdAt: 1 });
				moveCard(d, 'a1', 10, 20);
				moveCard(d, 'a1', 30, 40);
			})
		);
		expect(checkBoardUpdate(server, update, alice, {})).toMatchObject(CHANGED);
	});
});

describe('whose Yjs client id an update writes under', () => {
	/** Alice's card, written under client id 100. */
	function board(): Y.Doc {
		const server = new Y.Doc();
		const alices = new Y.Doc();
		alices.clientID = 100;
		createCard(alices, {
			id: 'a1',
			area: 'challenges',
			authorId: 'alice',
			createdAt: 1,
			text: 'x'
		});
		Y.applyUpdate(server, Y.encodeStateAsUpdate(alices));
		return server;
	}
	const bob = { sessionId: 's', participantId: 'bob', role: 'participant' } as const;
	/** A card of the writer's own, written under `clientID`. */
	function ownCardUnder(server: Y.Doc, clientID: number, author: string): Uint8Array {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
		// Set afterwards: Yjs gives a document a new id when it receives structs under its own.
		doc.clientID = clientID;
		const before = Y.encodeStateVector(doc);
		createCard(doc, { id: `own-${author}`, area: 'challenges', authorId: author, createdAt: 2 });
		return Y.encodeStateAsUpdate(doc, before);
	}

	it('refuses a participant writing under another’s client id: it would swallow their next edits', () => {
		const server = board();
		const claimed = new Map([[100, 'alice']]);
		expect(
			checkBoardUpdate(server, ownCardUnder(server, 100, 'bob'), bob, { clientOwners: claimed })
		).toMatchObject({ ok: false, reason: 'forbidden' });
		// After a restart nobody has claimed it yet: the cards it wrote say whose it is.
		expect(
			checkBoardUpdate(server, ownCardUnder(server, 100, 'bob'), bob, { clientOwners: new Map() })
		).toMatchObject({ ok: false, reason: 'forbidden' });
	});

	it('lets everyone go on under their own client ids and start new ones, and names them', () => {
		const server = board();
		const claimed = new Map([[100, 'alice']]);
		expect(
			checkBoardUpdate(server, ownCardUnder(server, 100, 'alice'), alice, { clientOwners: claimed })
		).toEqual({ ok: true, changes: true, writers: [100] });
		expect(
			checkBoardUpdate(server, ownCardUnder(server, 7, 'bob'), bob, { clientOwners: claimed })
		).toEqual({ ok: true, changes: true, writers: [7] });
	});
});

describe('updates whose structs refer to what Yjs cannot have integrated before them', () => {
	/** An update of these structs, in this order, encoded as a client would (V1). */
	function encode(structs: readonly Y.Item[], deleted: readonly Y.ID[] = []): Uint8Array {
		const byClient = new Map<number, Y.Item[]>();
		for (const s of structs) byClient.set(s.id.client, [...(byClient.get(s.id.client) ?? []), s]);
		return encodeBlocks(
			[...byClient.values()],
			deleted.map((id) => ({ client: id.client, ranges: [[id.clock, 1]] }))
		);
	}
	/** Blocks of structs and deleted ranges exactly as given, also in shapes no Yjs encoder writes. */
	function encodeBlocks(
		blocks: readonly (readonly Y.Item[])[],
		deletes: readonly { client: number; ranges: readonly (readonly [number, number])[] }[] = []
	): Uint8Array {
		const encoder = new Y.UpdateEncoderV1();
		encoding.writeVarUint(encoder.restEncoder, blocks.length);
		for (const block of blocks) {
			encoding.writeVarUint(encoder.restEncoder, block.length);
			encoder.writeClient(block[0]!.id.client);
			encoding.writeVarUint(encoder.restEncoder, block[0]!.id.clock);
			for (const s of block) s.write(encoder, 0);
		}
		encoding.writeVarUint(encoder.restEncoder, deletes.length);
		for (const { client, ranges } of deletes) {
			encoder.resetDsCurVal();
			encoding.writeVarUint(encoder.restEncoder, client);
			encoding.writeVarUint(encoder.restEncoder, ranges.length);
			for (const [clock, len] of ranges) {
				encoder.writeDsClock(clock);
				encoder.writeDsLen(len);
			}
		}
		return encoder.toUint8Array();
	}
	const item = (
		id: Y.ID,
		parent: Y.ID | string,
		sub: string | null,
		content: ConstructorParameters<typeof Y.Item>[7],
		origin: Y.ID | null = null
	) =>
		new Y.Item(
			id,
			null,
			origin,
			null,
			null,
			parent as unknown as Y.AbstractType<unknown>,
			sub,
			content
		);
	/** Checks the update, and that Yjs applies what the check takes without failing or pending. */
	function verdict(server: Y.Doc, update: Uint8Array, actor: typeof alice | typeof facilitator) {
		const result = checkBoardUpdate(server, update, actor, { clientOwners: new Map() });
		if (result.ok) {
			Y.applyUpdate(server, update);
			expect(server.store.pendingStructs).toBeNull();
		}
		return result;
	}

	it('refuses a struct whose parent is itself, for everyone (the check once never ended)', () => {
		const self = Y.createID(77, 0);
		const update = encode([item(self, self, 'x', new Y.ContentAny([1]))]);
		for (const actor of [alice, facilitator])
			expect(verdict(new Y.Doc(), update, actor)).toMatchObject({
				ok: false,
				reason: 'malformed'
			});
	});

	it('refuses text whose parent comes later in the same update: Yjs applied half of it', () => {
		// A valid new card, then text under a Y.Text the update creates only after it.
		const writer = new Y.Doc();
		writer.clientID = 5;
		createCard(writer, { id: 'gift', area: 'challenges', authorId: 'alice', createdAt: 1 });
		const { structs } = Y.decodeUpdate(Y.encodeStateAsUpdate(writer));
		const mine = structs.filter((s): s is Y.Item => s instanceof Y.Item);
		const card = mine.find((s) => s.parentSub === 'gift')!;
		const oldText = mine.find((s) => s.parentSub === 'text')!;
		const n = Math.max(...mine.map((s) => s.id.clock + s.length));
		const words = item(Y.createID(5, n), Y.createID(5, n + 4), null, new Y.ContentString('Gift'));
		const text = item(Y.createID(5, n + 4), card.id, 'text', new Y.ContentType(new Y.Text()));
		const update = encode([...mine, words, text], [oldText.id]);
		const server = new Y.Doc();
		expect(verdict(server, update, alice)).toMatchObject({ ok: false, reason: 'malformed' });
		expect(readCards(server)).toEqual([]);
		// The same card without the forged text is taken.
		expect(verdict(server, Y.encodeStateAsUpdate(writer), alice)).toMatchObject(CHANGED);
	});

	it('refuses structs of two clients that each wait for the other', () => {
		const a = Y.createID(10, 0);
		const b = Y.createID(11, 0);
		// Each a map inside the other: the walk up to their card went round for ever.
		const update = encode([
			item(a, b, 'x', new Y.ContentType(new Y.Map())),
			item(b, a, 'y', new Y.ContentType(new Y.Map()))
		]);
		expect(verdict(new Y.Doc(), update, facilitator)).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
	});

	/** One struct with every reference Yjs writes. */
	const raw = (
		id: Y.ID,
		content: ConstructorParameters<typeof Y.Item>[7],
		refs: { origin?: Y.ID; rightOrigin?: Y.ID; parent?: Y.ID | string; sub?: string }
	) =>
		new Y.Item(
			id,
			null,
			refs.origin ?? null,
			null,
			refs.rightOrigin ?? null,
			(refs.parent ?? null) as unknown as Y.AbstractType<unknown>,
			refs.sub ?? null,
			content
		);
	/** A board with Alice's card "Hallo", written under client id 5. */
	function aliceBoard() {
		const writer = new Y.Doc();
		writer.clientID = 5;
		createCard(writer, {
			id: 'c1',
			area: 'challenges',
			authorId: 'alice',
			createdAt: 1,
			text: 'Hallo'
		});
		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(writer));
		return { writer, server, context: { clientOwners: new Map([[5, 'alice']]) } };
	}

	it('refuses a struct the server partly has that names its own new part (Yjs threw on it)', () => {
		const { server, context } = aliceBoard();
		const state = Y.getState(server.store, 5);
		const hallo = server.store.clients
			.get(5)!
			.find((s) => s instanceof Y.Item && s.content instanceof Y.ContentString)!;
		const forged = raw(Y.createID(5, state - 2), new Y.ContentString('abcd'), {
			origin: hallo.id,
			rightOrigin: Y.createID(5, state + 1)
		});
		expect(checkBoardUpdate(server, encode([forged]), alice, context)).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
	});

	it('takes a struct the server partly has, as a reconnecting client sends what it typed', () => {
		const { writer, server } = aliceBoard();
		// "!" reached the server; "?" was typed after it and merged with it in the writer's document.
		const before = Y.encodeStateVector(writer);
		setCardText(writer, 'c1', 'Hallo!');
		Y.applyUpdate(server, Y.encodeStateAsUpdate(writer, before));
		setCardText(writer, 'c1', 'Hallo!?');
		const resent = Y.encodeStateAsUpdate(writer);
		expect(
			Y.decodeUpdate(resent).structs.some(
				(s) =>
					s.id.clock < Y.getState(server.store, 5) &&
					s.id.clock + s.length > Y.getState(server.store, 5)
			)
		).toBe(true);
		expect(verdict(server, resent, alice)).toMatchObject(CHANGED);
		expect(readCards(server)[0]!.text).toBe('Hallo!?');
	});

	it('refuses one client id in two blocks of an update (Yjs applies the last alone)', () => {
		const { writer } = aliceBoard();
		const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(writer)).structs as Y.Item[];
		const half = Math.floor(structs.length / 2);
		const server = new Y.Doc();
		const split = encodeBlocks([structs.slice(0, half), structs.slice(half)]);
		expect(checkBoardUpdate(server, split, alice, {})).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
		expect(verdict(server, encodeBlocks([structs]), alice)).toMatchObject(CHANGED);
	});

	it('refuses deleted ranges out of order, which the check would read otherwise than Yjs', () => {
		const { writer } = aliceBoard();
		const structs = Y.decodeUpdate(Y.encodeStateAsUpdate(writer)).structs as Y.Item[];
		const author = structs.find((s) => s.parentSub === 'authorId')!;
		const update = encodeBlocks(
			[structs],
			[
				{
					client: 5,
					ranges: [
						[author.id.clock, 1],
						[7, 1],
						[5, 1]
					]
				}
			]
		);
		expect(checkBoardUpdate(new Y.Doc(), update, alice, {})).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
	});

	it('refuses two new structs of two clients placed next to each other in a cycle', () => {
		const { server } = aliceBoard();
		const state = Y.getState(server.store, 5);
		const update = encode([
			raw(Y.createID(6, 0), new Y.ContentString('u'), {
				origin: Y.createID(5, 3),
				rightOrigin: Y.createID(5, state)
			}),
			raw(Y.createID(5, state), new Y.ContentString('x'), { origin: Y.createID(6, 0) })
		]);
		expect(
			checkBoardUpdate(server, update, alice, {
				clientOwners: new Map([
					[5, 'alice'],
					[6, 'alice']
				])
			})
		).toMatchObject({ ok: false, reason: 'malformed' });
	});

	it('takes structs of two clients where one builds on the other, as after a resync', () => {
		const first = new Y.Doc();
		first.clientID = 20;
		createCard(first, { id: 'a', area: 'challenges', authorId: 'fac', createdAt: 1, text: 'A' });
		const second = new Y.Doc();
		second.clientID = 21;
		Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
		setCardText(second, 'a', 'AB');
		const server = new Y.Doc();
		expect(verdict(server, Y.encodeStateAsUpdate(second), facilitator)).toMatchObject(CHANGED);
		expect(readCards(server)[0]!.text).toBe('AB');
	});
});
