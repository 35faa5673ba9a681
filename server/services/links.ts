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

/** The short link to type from the projector: it leads to the participant link. */
export function shortJoinUrl(origin: string, joinCode: string): string {
	return `${origin}/k/${joinCode}`;
}

/** The observer link opens the presenter view (projector, co-researchers): read-only. */
export function presenterUrl(origin: string, sessionId: string, token: string): string {
	return `${origin}/p/${encodeURIComponent(sessionId)}#${token}`;
}
