import { forgetKeptSession, linksHiddenKey } from './kept-sessions';

/**
 * The facilitator link is shown once, right after a session is created; it
 * passes from the create page to the board page through this tab's storage only.
 */
const key = (sessionId: string) => `fokusrunde:facilitator-link:${sessionId}`;

export function rememberFacilitatorLink(sessionId: string, url: string): void {
	sessionStorage.setItem(key(sessionId), url);
}

export function takeFacilitatorLink(sessionId: string): string | null {
	const url = sessionStorage.getItem(key(sessionId));
	return url;
}

export function forgetFacilitatorLink(sessionId: string): void {
	sessionStorage.removeItem(key(sessionId));
}

/**
 * Whether the facilitator hid the links banner of this session in this browser: it then stays
 * hidden on later visits (the participant link is in the facilitation panel too).
 */
export function linksHidden(sessionId: string): boolean {
	try {
		return localStorage.getItem(linksHiddenKey(sessionId)) === '1';
	} catch {
		return false;
	}
}

export function hideLinks(sessionId: string): void {
	try {
		localStorage.setItem(linksHiddenKey(sessionId), '1');
	} catch {
		// Storage refused: the banner shows again on the next visit.
	}
}

/** Forgets what this browser kept about a session (kept-sessions.ts), once it is deleted. */
export function forgetSession(sessionId: string): void {
	forgetFacilitatorLink(sessionId);
	try {
		forgetKeptSession(sessionId);
	} catch {
		// Storage refused: there was nothing kept either.
	}
}

/**
 * The title of a session just deleted, passed from the session page to the start page through
 * this tab's storage, so that the start page can say what was deleted (once: it is taken).
 */
const deletedKey = 'fokusrunde:deleted-session';

export function noteDeletedSession(title: string): void {
	try {
		sessionStorage.setItem(deletedKey, title);
	} catch {
		// Storage refused: the start page shows without the confirmation.
	}
}

export function takeDeletedSession(): string | null {
	try {
		const title = sessionStorage.getItem(deletedKey);
		sessionStorage.removeItem(deletedKey);
		return title;
	} catch {
		return null;
	}
}
