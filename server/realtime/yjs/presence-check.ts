import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
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
 * own; it may not change a state another participant's connection announced.
 * Its removals of such states are ignored, not refused: every y-protocols client
 * removes a state it has not heard of for 30 s (a phone gone offline whose
 * connection the server has not noticed yet) and sends that removal on, so it
 * comes from people who did nothing wrong. Entries that change nothing are let through unchecked: a stock
 * y-websocket client sends back every presence update it receives, with the
 * same clock. A connection announces at most PRESENCE_IDS_PER_CONNECTION ids, each with a state
 * of at most PRESENCE_STATE_MAX characters of JSON, so that presence takes a bounded room in
 * the server's memory and on every screen. Returns why the update is refused, or which entries
 * to leave out. Other fields (a
 * name, a pointer, whatever foreign clients add) are not checked here:
 * readers take names from the session's roster.
 */
export function checkPresenceUpdate(
	update: Uint8Array,
	actor: Actor,
	known: KnownPresence
): PresenceVerdict {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	let announced = known.own.size;
	// Most presence traffic leaves nothing out: no set for it.
	let ignore: Set<number> | null = null;
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
		// A removal of a state the board does not have removes nothing, but y-protocols would
		// remember its client id and clock for as long as the board is loaded: made-up ids by the
		// million filled the server's memory.
		if (json === 'null' && !known.hasState(clientId)) {
			(ignore ??= new Set()).add(clientId);
			continue;
		}
		if (known.ownedByOther(clientId)) {
			if (json !== 'null') return refused("changes another participant's presence");
			(ignore ??= new Set()).add(clientId);
			continue;
		}
		if (json.length > PRESENCE_STATE_MAX) return refused('presence state too large');
		if (json !== 'null' && !known.own.has(clientId) && ++announced > PRESENCE_IDS_PER_CONNECTION)
			return refused('too many presence ids');
		const state: unknown = JSON.parse(json);
		if (state === null || typeof state !== 'object') continue;
		const user = (state as { user?: unknown }).user;
		if (user === null || typeof user !== 'object') continue;
		const claims = user as { participantId?: unknown; role?: unknown };
		if ('participantId' in claims && claims.participantId !== actor.participantId)
			return refused('presence names another participant');
		if ('role' in claims && claims.role !== actor.role)
			return refused('presence claims another role');
	}
	return { ok: true, ignore: ignore ?? NOTHING };
}

const NOTHING: ReadonlySet<number> = new Set();

export type PresenceVerdict =
	| { readonly ok: false; readonly reason: string }
	/** `ignore`: client ids whose entries are to be left out (removals of others' states). */
	| { readonly ok: true; readonly ignore: ReadonlySet<number> };

const refused = (reason: string): PresenceVerdict => ({ ok: false, reason });

/** The update without the entries of these client ids; null when none is left. */
export function withoutEntries(update: Uint8Array, ids: ReadonlySet<number>): Uint8Array | null {
	const decoder = decoding.createDecoder(update);
	const count = decoding.readVarUint(decoder);
	const kept: [number, number, string][] = [];
	for (let i = 0; i < count; i++) {
		const entry: [number, number, string] = [
			decoding.readVarUint(decoder),
			decoding.readVarUint(decoder),
			decoding.readVarString(decoder)
		];
		if (!ids.has(entry[0])) kept.push(entry);
	}
	if (kept.length === 0) return null;
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, kept.length);
	for (const [clientId, clock, json] of kept) {
		encoding.writeVarUint(encoder, clientId);
		encoding.writeVarUint(encoder, clock);
		encoding.writeVarString(encoder, json);
	}
	return encoding.toUint8Array(encoder);
}
