import type { Role } from './roles';

/**
 * Why a screen's session ended, as that screen was told: `deleted` while it was open (the
 * facilitator deleted the session), `notFound` when the page was opened (no such session, or
 * no more), `removed` when the facilitator removed this participant, `signedOut` when only
 * this screen's credential stopped working otherwise (a cookie gone or no longer valid).
 */
export type EndCause = 'deleted' | 'notFound' | 'removed' | 'signedOut';

/**
 * What the screen then says (a message `session.end.<end>`). Signed out, each role is told
 * the link that brings it back: a facilitator their facilitator link, the projector and
 * observers the presenter link, participants the participant link; `signedOutUnknown` when
 * the page does not know who the viewer was (it could not load the session). A participant
 * the facilitator removed is told so (`removed`): the link would not bring them back.
 */
export type SessionEnd =
	| 'deleted'
	| 'notFound'
	| 'removed'
	| 'signedOutFacilitator'
	| 'signedOutParticipant'
	| 'signedOutObserver'
	| 'signedOutUnknown';

const SIGNED_OUT: Record<Role, SessionEnd> = {
	facilitator: 'signedOutFacilitator',
	participant: 'signedOutParticipant',
	observer: 'signedOutObserver'
};

/**
 * The end to show, from every cause a screen heard of (the board connection and the control
 * connection each say theirs, in either order, and one may say nothing). A deleted session
 * wins over a mere sign-out: both connections close when it is deleted, and the board's may
 * have closed before its reason was known. Null while the session goes on.
 */
export function sessionEnd(
	role: Role | null,
	causes: readonly (EndCause | null | undefined)[]
): SessionEnd | null {
	if (causes.includes('deleted')) return 'deleted';
	if (causes.includes('notFound')) return 'notFound';
	if (causes.includes('removed')) return 'removed';
	if (causes.includes('signedOut')) return role ? SIGNED_OUT[role] : 'signedOutUnknown';
	return null;
}

/** Whether a session ended for good for everyone (nothing to come back to), not only for this screen. */
export function sessionGone(end: SessionEnd | null): boolean {
	return end === 'deleted' || end === 'notFound';
}

/** The catalog key of the page title of a screen whose session ended. */
export function endedPageTitle(
	end: SessionEnd | null
): 'session.end.pageTitleGone' | 'session.end.pageTitleSignedOut' {
	return sessionGone(end) ? 'session.end.pageTitleGone' : 'session.end.pageTitleSignedOut';
}
