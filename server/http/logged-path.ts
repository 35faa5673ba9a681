/** The longest path segment logged as it is: ids are 16 characters, credentials 43. */
const LOGGED_SEGMENT_MAX = 24;

/**
 * A path for the log. Ids may be logged, credentials never: a join code is a way in (it leads to
 * the participant link), and a segment longer than any id may be a token someone put into the
 * path (a link cut at the wrong place, a client that got the URL wrong). Those show as `:code` and
 * `:long` instead.
 */
export function loggedPath(path: string): string {
	return path
		.replace(/^\/api\/join-codes\/[^/]*/, '/api/join-codes/:code')
		.split('/')
		.map((segment) => (segment.length > LOGGED_SEGMENT_MAX ? ':long' : segment))
		.join('/');
}
