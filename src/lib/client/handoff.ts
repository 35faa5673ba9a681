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
