import { describe, expect, it } from 'vitest';
import { YJS_CLOSE_REASON } from '../protocol/yjs';
import { causeOfBoardClose, causeOfLoadError, causeOfSignOut } from './end-cause';

describe('why a session ended, from what the server said', () => {
	it('reads the control plane’s sign-out: session_not_found is a deleted session', () => {
		expect(causeOfSignOut(null)).toBeNull();
		expect(causeOfSignOut('session_not_found')).toBe('deleted');
		expect(causeOfSignOut('unauthorized')).toBe('signedOut');
		expect(causeOfSignOut('forbidden')).toBe('signedOut');
		expect(causeOfSignOut('unauthorized', 'removed')).toBe('removed');
		// A removed participant who connects again later (a reload) is told so by the code alone.
		expect(causeOfSignOut('participant_removed')).toBe('removed');
		// A deleted session is deleted for everyone, whoever was removed before.
		expect(causeOfSignOut('session_not_found', 'removed')).toBe('deleted');
	});

	it('reads the board’s 4401 close reason', () => {
		expect(causeOfBoardClose(YJS_CLOSE_REASON.sessionDeleted)).toBe('deleted');
		expect(causeOfBoardClose(YJS_CLOSE_REASON.removed)).toBe('removed');
		expect(causeOfBoardClose('')).toBe('signedOut');
	});

	it('reads why the page could not load the session; other errors are no end', () => {
		expect(causeOfLoadError('session_not_found')).toBe('notFound');
		expect(causeOfLoadError('unauthorized')).toBe('signedOut');
		expect(causeOfLoadError('participant_removed')).toBe('removed');
		expect(causeOfLoadError('network')).toBeNull();
		expect(causeOfLoadError('internal')).toBeNull();
	});
});
