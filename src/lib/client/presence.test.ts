import { describe, expect, it } from 'vitest';
import type { RosterEntry } from '../protocol/realtime';
import { vouchedPresence, type Presence } from './presence';

const said = (participantId: string, name: string, role: Presence['role'] = 'participant') => ({
	participantId,
	name,
	group: null,
	role,
	color: '#1d4f91',
	cursor: { x: 1, y: 2 }
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
