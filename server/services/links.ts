/**
 * Links handed out to people. Tokens travel in the fragment (#…), which browsers
 * never send to a server, so they cannot end up in access logs or Referer headers.
 */
export function participantUrl(origin: string, sessionId: string, joinToken: string): string {
	return `${origin}/j/${encodeURIComponent(sessionId)}#${joinToken}`;
}

export function facilitatorUrl(origin: string, sessionId: string, token: string): string {
	return `${origin}/f/${encodeURIComponent(sessionId)}#${token}`;
}

/** The observer link opens the presenter view (projector, co-researchers): read-only. */
export function presenterUrl(origin: string, sessionId: string, token: string): string {
	return `${origin}/p/${encodeURIComponent(sessionId)}#${token}`;
}
