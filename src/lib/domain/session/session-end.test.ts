import { describe, expect, it } from 'vitest';
import { endedPageTitle, sessionEnd } from './session-end';

describe('what a screen says when its session ends', () => {
	it('says nothing while the session goes on', () => {
		expect(sessionEnd('facilitator', [])).toBeNull();
		expect(sessionEnd('participant', [null, undefined])).toBeNull();
	});

	it('tells every role alike that the session was deleted', () => {
		for (const role of ['facilitator', 'participant', 'observer'] as const)
			expect(sessionEnd(role, ['deleted', null])).toBe('deleted');
	});

	it('says deleted when either connection says so, whichever closed first', () => {
		// The board may have closed without a reason it knew (signed out), the control plane knew.
		expect(sessionEnd('participant', ['signedOut', 'deleted'])).toBe('deleted');
		expect(sessionEnd('observer', ['deleted', 'signedOut'])).toBe('deleted');
		expect(sessionEnd('facilitator', ['notFound', 'deleted'])).toBe('deleted');
	});

	it('tells each role signed out which link brings it back: never a facilitator the participant link', () => {
		expect(sessionEnd('facilitator', ['signedOut'])).toBe('signedOutFacilitator');
		expect(sessionEnd('participant', [null, 'signedOut'])).toBe('signedOutParticipant');
		expect(sessionEnd('observer', ['signedOut'])).toBe('signedOutObserver');
		expect(sessionEnd(null, ['signedOut'])).toBe('signedOutUnknown');
		// Removed by the facilitator: told so, whichever connection heard it first.
		expect(sessionEnd('participant', ['signedOut', 'removed'])).toBe('removed');
		expect(sessionEnd('participant', ['removed', null])).toBe('removed');
		expect(sessionEnd('participant', ['removed', 'deleted'])).toBe('deleted');
		expect(endedPageTitle(sessionEnd('participant', ['removed']))).toBe(
			'session.end.pageTitleSignedOut'
		);
	});

	it('says a session opened after its end is not there (any more)', () => {
		expect(sessionEnd(null, ['notFound'])).toBe('notFound');
		expect(sessionEnd('participant', ['signedOut', 'notFound'])).toBe('notFound');
	});

	it('titles the page "gone" for a deleted or unknown session, "signed out" otherwise', () => {
		expect(endedPageTitle('deleted')).toBe('session.end.pageTitleGone');
		expect(endedPageTitle('notFound')).toBe('session.end.pageTitleGone');
		expect(endedPageTitle(sessionEnd('facilitator', ['signedOut']))).toBe(
			'session.end.pageTitleSignedOut'
		);
	});
});
