import * as decoding from 'lib0/decoding';
import type { Actor } from '../../../src/lib/domain/session/roles';

/**
 * How many presence client ids one connection may announce. A y-websocket client announces one
 * (its document's); a few leave room for a client that starts a new document on the same socket.
 */
export const PRESENCE_IDS_PER_CONNECTION = 4;
/** The largest presence state, as JSON: Fokusrunde's own take a few hundred bytes. */
export const PRESENCE_STATE_MAX = 4096;

/** What the board knows of a presence client id. */
export interface KnownPresence {
	/** The clock of its last state (or removal), if any. */
	clockOf(clientId: number): number | undefined;
	hasState(clientId: number): boolean;
	/** Announced by a connection of another participant. */
	ownedByOther(clientId: number): boolean;
	/** The client ids this connection has announced so far. */
	readonly own: ReadonlySet<number>;
}

/**
 * Checks an awareness (presence) update before it is applied and relayed: a
 * connection speaks only for itself. A state may name a participant and a
 * role (docs/board-schema.md#presence), and those must be the connection's
 * own; it may not change or remove a state another participant's connection
 * announced. Entries that change nothing are let through unchecked: a stock
 * y-websocket client sends back every presence update it receives, with the
 * same clock. A connection announces at most PRESENCE_IDS_PER_CONNECTION ids, each with a state
 * of at most PRESENCE_STATE_MAX characters of JSON, so that presence takes a bounded room in
 * the server's memory and on every screen. Returns why the update is refused, or null. Other fields (a
 * name, a pointer, whatever foreign clients add) are not checked here:
 * readers take names from the session's roster.
 */
export function checkPresenceUpdate(
	update: Uint8Array,
	actor: Actor,
	known: KnownPresence
): string | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	let announced = known.own.size;
	for (let i = 0; i < count; i++) {
		const clientId = decoding.readVarUint(decoder);
		const clock = decoding.readVarUint(decoder);
		const json = decoding.readVarString(decoder);
		// The rule y-protocols applies: a newer clock, or a removal of a present state at the same one.
		const current = known.clockOf(clientId);
		const changes =
			current === undefined ||
			current < clock ||
			(current === clock && json === 'null' && known.hasState(clientId));
		// Echo copies (most presence traffic on a large board) are not even parsed.
		if (!changes) continue;
		if (known.ownedByOther(clientId)) return "changes another participant's presence";
		if (json.length > PRESENCE_STATE_MAX) return 'presence state too large';
		if (json !== 'null' && !known.own.has(clientId) && ++announced > PRESENCE_IDS_PER_CONNECTION)
			return 'too many presence ids';
		const state: unknown = JSON.parse(json);
		if (state === null || typeof state !== 'object') continue;
		const user = (state as { user?: unknown }).user;
		if (user === null || typeof user !== 'object') continue;
		const claims = user as { participantId?: unknown; role?: unknown };
		if ('participantId' in claims && claims.participantId !== actor.participantId)
			return 'presence names another participant';
		if ('role' in claims && claims.role !== actor.role) return 'presence claims another role';
	}
	return null;
}
