import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import type { Actor } from '../../../src/lib/domain/session/roles';
import {
	checkPresenceUpdate,
	PRESENCE_IDS_PER_CONNECTION,
	PRESENCE_STATE_MAX,
	type KnownPresence
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
		expect(checkPresenceUpdate(updateWith(own), jana, nobodyElse)).toBeNull();
		expect(
			checkPresenceUpdate(updateWith({ user: { name: 'Editor' } }), jana, nobodyElse)
		).toBeNull();
		expect(checkPresenceUpdate(updateWith({}), jana, nobodyElse)).toBeNull();
		expect(checkPresenceUpdate(updateWith(null), jana, nobodyElse)).toBeNull();
	});

	it('refuses a state that names someone else or another role', () => {
		const asMurat = { user: { participantId: 'murat', name: 'Murat Ö.', role: 'participant' } };
		expect(checkPresenceUpdate(updateWith(asMurat), jana, nobodyElse)).toMatch(
			/another participant/
		);
		const asFacilitator = {
			user: { participantId: 'jana', name: 'Moderation', role: 'facilitator' }
		};
		expect(checkPresenceUpdate(updateWith(asFacilitator), jana, nobodyElse)).toMatch(
			/another role/
		);
	});

	it('refuses changing or removing the state another participant announced', () => {
		const mine = { user: { participantId: 'jana', role: 'participant' } };
		expect(checkPresenceUpdate(updateWith(mine, 42), jana, othersAt(-1))).toMatch(
			/another participant's presence/
		);
		expect(checkPresenceUpdate(updateWith(null, 42), jana, othersAt(0))).toMatch(
			/another participant's presence/
		);
		expect(checkPresenceUpdate(updateWith(null, 42), jana, othersAt(1))).toMatch(
			/another participant's presence/
		);
	});

	it('lets through the copies of others’ presence that stock clients send back', () => {
		const murat = { user: { participantId: 'murat', name: 'Murat Ö.', role: 'participant' } };
		expect(checkPresenceUpdate(updateWith(murat, 42), jana, othersAt(1))).toBeNull();
		expect(checkPresenceUpdate(updateWith(murat, 42), jana, othersAt(5))).toBeNull();
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
		expect(
			checkPresenceUpdate(many(ids(PRESENCE_IDS_PER_CONNECTION)), jana, nobodyElse)
		).toBeNull();
		expect(
			checkPresenceUpdate(many(ids(PRESENCE_IDS_PER_CONNECTION + 1)), jana, nobodyElse)
		).toMatch(/too many presence ids/);
		// Its own ids again are no new ones; another new one past the limit is.
		const announced: KnownPresence = {
			...nobodyElse,
			own: new Set(ids(PRESENCE_IDS_PER_CONNECTION))
		};
		expect(checkPresenceUpdate(many(ids(PRESENCE_IDS_PER_CONNECTION)), jana, announced)).toBeNull();
		expect(checkPresenceUpdate(updateWith(mine, 7), jana, announced)).toMatch(
			/too many presence ids/
		);
		// Taking a state away is always allowed.
		expect(checkPresenceUpdate(updateWith(null, 7), jana, announced)).toBeNull();
	});

	it('refuses a presence state larger than a few kilobytes', () => {
		const state = { user: { participantId: 'jana', role: 'participant' }, note: '' };
		state.note = 'x'.repeat(PRESENCE_STATE_MAX - JSON.stringify(state).length);
		expect(checkPresenceUpdate(updateWith(state), jana, nobodyElse)).toBeNull();
		state.note += 'x';
		expect(checkPresenceUpdate(updateWith(state), jana, nobodyElse)).toMatch(/too large/);
	});
});
