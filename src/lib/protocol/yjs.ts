/**
 * The board's websocket endpoint: the y-websocket protocol at `/yjs/<boardId>`.
 * Close codes the server uses when it ends one connection (docs/realtime.md).
 */
export const YJS_PATH = '/yjs';

/**
 * Board connections one credential may have open at once, over all its tabs and devices; a
 * participant's tab needs two (board and drafts). Staff links are shared (co-facilitators,
 * observers following on their own screens), so they get ten times as many, as with commands.
 * Past it an upgrade is refused with 429.
 */
export const YJS_CONNECTIONS_PER_PERSON = { participant: 32, staff: 320 } as const;

/**
 * Board connections one credential may open (a page load opens two): 60 in a burst, then one every
 * two seconds (staff ten times as many). Each new connection announces presence to every screen of
 * the board, and its presence ids stay known to the server and to every client for a while:
 * opening and closing connections without end filled both.
 */
export const YJS_OPENS_PER_PERSON = {
	participant: { capacity: 60, perSecond: 0.5 },
	staff: { capacity: 600, perSecond: 5 }
} as const;

export const YJS_CLOSE = {
	/** The server shuts down; reconnect later. */
	goingAway: 1001,
	/** A frame larger than the limit. */
	tooLarge: 1009,
	/** A frame that is not a y-websocket message, or an update that cannot be decoded. */
	malformed: 4400,
	/** The credential no longer works. */
	unauthorized: 4401,
	/** An update the sender may not make; the client resynchronises from the server. */
	forbidden: 4403,
	/** A write while the board is read-only for the sender (locked, or a phase without writing). */
	readOnly: 4423,
	/**
	 * New cards past a participant's or the board's limit (domain/board/card-limit.ts); the close
	 * reason says which: `participant` or `board`.
	 */
	cardLimit: 4413,
	/** Too many messages; the client reconnects after a pause. */
	rateLimited: 4429,
	/** The client does not read fast enough; it reconnects and catches up. */
	tryAgainLater: 1013,
	/** The board could not be stored; the client reconnects and its edits are sent again. */
	unavailable: 4503
} as const;

/**
 * Close reasons that go with 4401, so that a client can tell its reader why the board ended:
 * the session is gone for everyone, or only this credential stopped working.
 */
export const YJS_CLOSE_REASON = {
	/** The participant was removed from the session. */
	removed: 'removed',
	/** The session and everything in it was deleted. */
	sessionDeleted: 'session deleted',
	/** The link this screen came in by was replaced (a new presenter link): open the new one. */
	replaced: 'link replaced'
} as const;

/** The largest frame the endpoint accepts. */
export const YJS_MAX_FRAME = 1024 * 1024;
