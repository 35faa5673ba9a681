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
const hiddenKey = (sessionId: string) => `fokusrunde:links-hidden:${sessionId}`;

export function linksHidden(sessionId: string): boolean {
	try {
		return localStorage.getItem(hiddenKey(sessionId)) === '1';
	} catch {
		return false;
	}
}

export function hideLinks(sessionId: string): void {
	try {
		localStorage.setItem(hiddenKey(sessionId), '1');
	} catch {
		// Storage refused: the banner shows again on the next visit.
	}
}
