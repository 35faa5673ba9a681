import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { Actor } from '../../../src/lib/domain/session/roles';
import {
	checkPresenceUpdate,
	PRESENCE_IDS_PER_CONNECTION,
	PRESENCE_STATE_MAX,
	type KnownPresence,
	withoutEntries
} from './presence-check';

const jana: Actor = { sessionId: 's', participantId: 'jana', role: 'participant', group: 'civil' };

/** An update with one state, set once after the initial empty one: clock 1. */
function updateWith(state: Record<string, unknown> | null, clientID = 7): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = clientID;
	const awareness = new Awareness(doc);
	awareness.setLocalState(state);
	return encodeAwarenessUpdate(awareness, [clientID]);
}

/** The verdict in short: why it is refused, the client ids left out, or null when all goes. */
function check(update: Uint8Array, actor: Actor, known: KnownPresence): string | number[] | null {
	const verdict = checkPresenceUpdate(update, actor, known);
	if (!verdict.ok) return verdict.reason;
	return verdict.ignore.size > 0 ? [...verdict.ignore] : null;
}

const nobodyElse: KnownPresence = {
	clockOf: () => undefined,
	hasState: () => false,
	ownedByOther: () => false,
	own: new Set()
};
/** Client 42 is another participant's, with a state at `clock`. */
const othersAt = (clock: number): KnownPresence => ({
	clockOf: (id) => (id === 42 ? clock : undefined),
	hasState: (id) => id === 42,
	ownedByOther: (id) => id === 42,
	own: new Set()
});

describe('presence updates', () => {
	it('lets a connection announce itself, with or without Fokusrunde’s user fields', () => {
		const own = {
			user: { participantId: 'jana', name: 'Jana K.', role: 'participant' },
			cursor: null
		};
		expect(check(updateWith(own), jana, nobodyElse)).toBeNull();
		expect(check(updateWith({ user: { name: 'Editor' } }), jana, nobodyElse)).toBeNull();
		expect(check(updateWith({}), jana, nobodyElse)).toBeNull();
		// Taking its state away again.
		const present: KnownPresence = { ...nobodyElse, clockOf: () => 0, hasState: () => true };
		expect(check(updateWith(null), jana, present)).toBeNull();
	});

	it('leaves out removals of states the board does not have, which would only be remembered', () => {
		// Made-up client ids by the thousand, each "removed": y-protocols keeps every id's clock.
		const doc = new Y.Doc();
		const awareness = new Awareness(doc);
		const ids = Array.from({ length: 1000 }, (_, i) => 5000 + i);
		for (const id of ids) awareness.meta.set(id, { clock: 3, lastUpdated: 0 });
		const removals = encodeAwarenessUpdate(awareness, ids);
		const verdict = checkPresenceUpdate(removals, jana, nobodyElse);
		expect(verdict.ok && verdict.ignore.size).toBe(ids.length);
		expect(withoutEntries(removals, verdict.ok ? verdict.ignore : new Set())).toBeNull();
		expect(check(updateWith(null, 9), jana, nobodyElse)).toEqual([9]);
	});

	it('refuses a state that names someone else or another role', () => {
		const asMurat = { user: { participantId: 'murat', name: 'Murat Ö.', role: 'participant' } };
		expect(check(updateWith(asMurat), jana, nobodyElse)).toMatch(/another participant/);
		const asFacilitator = {
			user: { participantId: 'jana', name: 'Moderation', role: 'facilitator' }
		};
		expect(check(updateWith(asFacilitator), jana, nobodyElse)).toMatch(/another role/);
	});

	it('refuses changing the state another participant announced, and leaves out removing it', () => {
		const mine = { user: { participantId: 'jana', role: 'participant' } };
		expect(check(updateWith(mine, 42), jana, othersAt(-1))).toMatch(
			/another participant's presence/
		);
		// Every client removes a state it has not heard of for 30 s, and sends that on: no offence,
		// but nothing the server takes either.
		expect(check(updateWith(null, 42), jana, othersAt(0))).toEqual([42]);
		expect(check(updateWith(null, 42), jana, othersAt(1))).toEqual([42]);
	});

	it('lets through the copies of others’ presence that stock clients send back', () => {
		const murat = { user: { participantId: 'murat', name: 'Murat Ö.', role: 'participant' } };
		expect(check(updateWith(murat, 42), jana, othersAt(1))).toBeNull();
		expect(check(updateWith(murat, 42), jana, othersAt(5))).toBeNull();
	});

	it('refuses a connection announcing more than a few client ids, in one update or over several', () => {
		const mine = { user: { participantId: 'jana', role: 'participant' } };
		const many = (ids: number[]) => {
			const doc = new Y.Doc();
			const awareness = new Awareness(doc);
			awareness.setLocalState(null);
			for (const id of ids) {
				awareness.states.set(id, mine);
				awareness.meta.set(id, { clock: 1, lastUpdated: 0 });
			}
			return encodeAwarenessUpdate(awareness, ids);
		};
		const ids = (n: number) => Array.from({ length: n }, (_, i) => 100 + i);
		expect(check(many(ids(PRESENCE_IDS_PER_CONNECTION)), jana, nobodyElse)).toBeNull();
		expect(check(many(ids(PRESENCE_IDS_PER_CONNECTION + 1)), jana, nobodyElse)).toMatch(
			/too many presence ids/
		);
		// Its own ids again are no new ones; another new one past the limit is.
		const announced: KnownPresence = {
			...nobodyElse,
			own: new Set(ids(PRESENCE_IDS_PER_CONNECTION))
		};
		expect(check(many(ids(PRESENCE_IDS_PER_CONNECTION)), jana, announced)).toBeNull();
		expect(check(updateWith(mine, 7), jana, announced)).toMatch(/too many presence ids/);
		// Taking a state away is always allowed.
		const withState: KnownPresence = { ...announced, clockOf: () => 0, hasState: () => true };
		expect(check(updateWith(null, 7), jana, withState)).toBeNull();
	});

	it('refuses a presence state larger than a few kilobytes', () => {
		const state = { user: { participantId: 'jana', role: 'participant' }, note: '' };
		state.note = 'x'.repeat(PRESENCE_STATE_MAX - JSON.stringify(state).length);
		expect(check(updateWith(state), jana, nobodyElse)).toBeNull();
		state.note += 'x';
		expect(check(updateWith(state), jana, nobodyElse)).toMatch(/too large/);
	});

	it('keeps the other entries of an update when it leaves some out', () => {
		const doc = new Y.Doc();
		const awareness = new Awareness(doc);
		awareness.setLocalState(null);
		awareness.states.set(7, { user: { participantId: 'jana' } });
		awareness.meta.set(7, { clock: 3, lastUpdated: 0 });
		awareness.meta.set(42, { clock: 2, lastUpdated: 0 });
		const update = encodeAwarenessUpdate(awareness, [7, 42]);
		const kept = withoutEntries(update, new Set([42]))!;
		const reader = new Awareness(new Y.Doc());
		reader.setLocalState(null);
		applyAwarenessUpdate(reader, kept, null);
		expect([...reader.getStates().keys()]).toEqual([7]);
		expect(withoutEntries(update, new Set([7, 42]))).toBeNull();
	});
});
