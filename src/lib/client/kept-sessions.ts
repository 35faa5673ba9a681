/**
 * What this browser keeps of a session in its storage, named by the session: a participant's
 * unsent cards and whether the facilitator hid the links banner (localStorage), and the
 * facilitator link after creating it (this tab's sessionStorage, see handoff.ts). A deleted
 * session leaves none of it behind: it is forgotten on the screens open on it, when its address
 * is opened again, and whenever a Fokusrunde page finds that a session it kept something of is
 * gone (`sweepDeletedSessions`).
 */
const UNSENT = 'fokusrunde.unsent.';
const LINKS_HIDDEN = 'fokusrunde:links-hidden:';

/** A participant's unsent cards of one board. */
export const unsentKey = (sessionId: string, boardId: string, participantId: string): string =>
	`${UNSENT}${sessionId}.${boardId}.${participantId}`;

/** Where unsent cards were kept before the key named the session: read once and moved. */
export const legacyUnsentKey = (boardId: string, participantId: string): string =>
	`${UNSENT}${boardId}.${participantId}`;

export const linksHiddenKey = (sessionId: string): string => `${LINKS_HIDDEN}${sessionId}`;

/** The keys a storage holds, read before anything is removed from it. */
function keysOf(storage: Storage): string[] {
	const keys: string[] = [];
	for (let i = 0; i < storage.length; i++) {
		const key = storage.key(i);
		if (key !== null) keys.push(key);
	}
	return keys;
}

/** The session a key belongs to, if it is one of the keys above (ids hold no dots). */
function sessionOfKey(key: string): string | null {
	if (key.startsWith(LINKS_HIDDEN)) return key.slice(LINKS_HIDDEN.length) || null;
	if (!key.startsWith(UNSENT)) return null;
	const parts = key.slice(UNSENT.length).split('.');
	return parts.length === 3 && parts[0] ? parts[0] : null;
}

/** The sessions this browser keeps something of. */
export function keptSessionIds(storage: Storage = localStorage): string[] {
	const ids = new Set<string>();
	for (const key of keysOf(storage)) {
		const id = sessionOfKey(key);
		if (id) ids.add(id);
	}
	return [...ids];
}

/** Removes everything kept of one session from a storage. */
export function forgetKeptSession(sessionId: string, storage: Storage = localStorage): void {
	for (const key of keysOf(storage)) if (sessionOfKey(key) === sessionId) storage.removeItem(key);
}

/**
 * Asks about every session this browser keeps something of, and forgets those the server no
 * longer has. `exists` answers false only for a session that is gone (not when unsure).
 */
export async function sweepDeletedSessions(
	exists: (sessionId: string) => Promise<boolean>,
	forget: (sessionId: string) => void,
	storage: Storage = localStorage
): Promise<void> {
	for (const id of keptSessionIds(storage)) if (!(await exists(id))) forget(id);
}

const SWEPT = 'fokusrunde:swept';

/** Whether this tab has swept already (once per tab is enough), noting that it now has. */
export function sweptInThisTab(tab: Storage = sessionStorage): boolean {
	if (tab.getItem(SWEPT) !== null) return true;
	tab.setItem(SWEPT, '1');
	return false;
}
