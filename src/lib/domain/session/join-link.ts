/**
 * A join token as the server makes it: 32 random bytes in base64url, 43 characters
 * (server/security/tokens.ts `newToken`).
 */
const WHOLE_TOKEN = /^[A-Za-z0-9_-]{43}$/;

/**
 * What is wrong with a participant link the server refused (`unauthorized`): `incomplete`
 * when its token is missing or not a whole token (cut off when copied, or changed), `outdated`
 * when it is whole but not the session's (the facilitator made a new link since, or the link
 * belongs to another session). The short code's page says the same of a code that is not there.
 */
export function refusedJoinLink(token: string): 'incomplete' | 'outdated' {
	return WHOLE_TOKEN.test(token) ? 'outdated' : 'incomplete';
}
