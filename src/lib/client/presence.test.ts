import { Awareness } from 'y-protocols/awareness';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RosterEntry } from '../protocol/realtime';
import { editorsByCard, presenceOf, vouchedPresence, type Presence } from './presence';

const said = (participantId: string, name: string, role: Presence['role'] = 'participant') => ({
	participantId,
	name,
	group: null,
	role,
	color: '#1d4f91',
	cursor: { x: 1, y: 2 },
	editing: [] as string[]
});
const entry = (participantId: string, name: string, role: RosterEntry['role'] = 'participant') => ({
	participantId,
	name,
	group: 'civil',
	role,
	online: true
});

describe('presence vouched for by the roster', () => {
	it('shows names, groups and roles as the session knows them, keeping the pointer', () => {
		const people = vouchedPresence(
			[said('jana', 'Moderation', 'facilitator')],
			[entry('jana', 'Jana K.')]
		);
		expect(people).toEqual([{ ...said('jana', 'Jana K.'), group: 'civil', role: 'participant' }]);
	});

	it('leaves out states that name nobody in the session, once the roster is there', () => {
		expect(vouchedPresence([said('ghost', 'Niemand')], [entry('jana', 'Jana K.')])).toEqual([]);
		expect(vouchedPresence([said('jana', 'Jana K.')], [])).toEqual([said('jana', 'Jana K.')]);
	});
});

describe('who writes in which card', () => {
	/** A board's presence with the given states of others (client ids from 1). */
	const board = (...states: object[]) => {
		const awareness = new Awareness(new Y.Doc());
		states.forEach((state, i) => awareness.states.set(i + 1, state));
		return presenceOf(awareness, 'me');
	};
	const user = (participantId: string, name: string) => ({
		participantId,
		name,
		group: null,
		role: 'participant',
		color: '#000'
	});

	it('reads the card someone edits, and nothing from a state that says no card', () => {
		const people = board(
			{ user: user('jana', 'Jana K.'), cursor: null, editing: 'c1' },
			{ user: user('murat', 'Murat Ö.'), cursor: null, editing: 7 },
			{ user: user('elke', 'Elke S.'), cursor: null, editing: 'x'.repeat(101) },
			{ user: user('tom', 'Tom L.'), cursor: null }
		);
		expect(people.map((p) => [p.name, p.editing])).toEqual([
			['Elke S.', []],
			['Jana K.', ['c1']],
			['Murat Ö.', []],
			['Tom L.', []]
		]);
	});

	it('keeps what one of a person’s two tabs edits, whichever tab has the pointer', () => {
		const people = board(
			{ user: user('jana', 'Jana K.'), cursor: null, editing: 'c1' },
			{ user: user('jana', 'Jana K.'), cursor: { x: 5, y: 5 }, editing: null }
		);
		expect(people).toHaveLength(1);
		expect(people[0]).toMatchObject({ cursor: { x: 5, y: 5 }, editing: ['c1'] });
		const other = board(
			{ user: user('jana', 'Jana K.'), cursor: { x: 5, y: 5 }, editing: null },
			{ user: user('jana', 'Jana K.'), cursor: null, editing: 'c2' }
		);
		expect(other[0]).toMatchObject({ cursor: { x: 5, y: 5 }, editing: ['c2'] });
	});

	it('names a person with two tabs in both cards they write in', () => {
		const people = board(
			{ user: user('jana', 'Jana K.'), cursor: null, editing: 'c1' },
			{ user: user('jana', 'Jana K.'), cursor: { x: 5, y: 5 }, editing: 'c2' },
			{ user: user('jana', 'Jana K.'), cursor: null, editing: 'c1' }
		);
		expect(people).toHaveLength(1);
		expect(people[0]!.editing).toEqual(['c1', 'c2']);
		const as = { name: 'Jana K.', role: 'participant' };
		expect(JSON.parse(editorsByCard(people))).toEqual([
			['c1', [as]],
			['c2', [as]]
		]);
	});

	it('names everyone writing in a card, the same whatever their pointers do', () => {
		const jana = { ...said('jana', 'Jana K.'), editing: ['c1'] };
		const murat = { ...said('murat', 'Murat Ö.'), editing: ['c1'] };
		const elke = { ...said('elke', 'Elke S.'), editing: ['c0'] };
		const signature = editorsByCard([elke, jana, murat, said('tom', 'Tom L.')]);
		const as = (name: string) => ({ name, role: 'participant' });
		expect(JSON.parse(signature)).toEqual([
			['c0', [as('Elke S.')]],
			['c1', [as('Jana K.'), as('Murat Ö.')]]
		]);
		const moved = [elke, { ...jana, cursor: { x: 90, y: 40 } }, murat, said('tom', 'Tom L.')];
		expect(editorsByCard(moved)).toBe(signature);
		expect(editorsByCard([said('tom', 'Tom L.')])).toBe('[]');
	});
});
