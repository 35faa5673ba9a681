import type { EndCause } from '../domain/session/session-end';
import type { ErrorCode } from '../protocol/errors';
import type { SignOutCause } from '../protocol/realtime';
import { YJS_CLOSE_REASON } from '../protocol/yjs';

/**
 * Why the control plane signed this screen out (`signedOut` event or a refused handshake):
 * `session_not_found` once the page has loaded the session means it was deleted meanwhile;
 * the event's `cause` says when the participant was removed.
 */
export function causeOfSignOut(code: ErrorCode | null, cause?: SignOutCause): EndCause | null {
	if (code === null) return null;
	if (code === 'session_not_found') return 'deleted';
	if (code === 'participant_removed') return 'removed';
	return cause === 'removed' ? 'removed' : 'signedOut';
}

/** Why the board closed with 4401, from the close reason the server gives (docs/realtime.md). */
export function causeOfBoardClose(reason: string): EndCause {
	if (reason === YJS_CLOSE_REASON.sessionDeleted) return 'deleted';
	return reason === YJS_CLOSE_REASON.removed ? 'removed' : 'signedOut';
}

/** Why the session page could not be loaded, when that ends the session for this screen. */
export function causeOfLoadError(code: ErrorCode | 'network'): EndCause | null {
	if (code === 'session_not_found') return 'notFound';
	if (code === 'participant_removed') return 'removed';
	if (code === 'unauthorized' || code === 'forbidden') return 'signedOut';
	return null;
}
