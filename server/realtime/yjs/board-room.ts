import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { UpdateContext } from '../../../src/lib/domain/board/update-policy';
import type { Actor } from '../../../src/lib/domain/session/roles';
import { type BucketRule, TokenBucket } from '../../security/rate-limit';
import { isEmptyStateVector } from './messages';

/** How the sync loop reaches one client; the websocket endpoint and tests provide it. */
export interface Transport {
	send(frame: Uint8Array): void;
	close(code: number, reason: string): void;
	/** Bytes queued but not yet written; a client that does not read is disconnected. */
	readonly bufferedAmount: number;
}

/** The owner of the server's own client id: no participant id looks like it. */
const SERVER_WRITER = '#server';

export class BoardConnection {
	/** Awareness client ids this connection announced, removed when it leaves. */
	readonly awarenessClients = new Set<number>();
	open = true;

	constructor(
		readonly room: BoardRoom,
		readonly actor: Actor,
		readonly transport: Transport,
		/** Messages of this connection. */
		readonly budget: TokenBucket,
		/** Bytes of this person on this board, shared by their connections. */
		readonly bytes: TokenBucket
	) {}
}

/** A loaded board: its document, who is connected, and its ready-encoded state for joiners. */
export class BoardRoom {
	readonly doc = new Y.Doc({ gc: true });
	readonly awareness = new Awareness(this.doc);
	readonly connections = new Set<BoardConnection>();
	/** Updates stored since the board's stored updates were last merged, and their bytes. */
	storedSinceCompaction = 0;
	storedBytesSinceCompaction = 0;
	/** Size of the merged state written by the last compaction: what the next one costs, roughly. */
	compactedBytes = 0;
	/** Server work (reading or changing the document) that keeps it loaded without a connection. */
	holders = 0;
	destroyed = false;
	/** Awareness updates that changed something (a new clock, a client added or removed). */
	awarenessChanges = 0;
	unloadTimer: ReturnType<typeof setTimeout> | null = null;
	private fullState: Uint8Array | null = null;
	private readonly byteBudgets = new Map<string, TokenBucket>();
	/** Who wrote under which Yjs client id since the board was loaded (UpdateContext.clientOwners). */
	readonly clientOwners = new Map<number, string>();
	private readonly contexts = new WeakMap<UpdateContext, UpdateContext>();

	constructor(
		readonly boardId: string,
		readonly sessionId: string
	) {
		// The server takes part in awareness only as a relay.
		this.awareness.setLocalState(null);
		// What the server writes itself (revealed drafts) is nobody else's to continue.
		this.clientOwners.set(this.doc.clientID, SERVER_WRITER);
		this.awareness.on(
			'update',
			({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
				this.awarenessChanges++;
				if (!(origin instanceof BoardConnection)) return;
				// A client that comes back after its state was removed (same id, a reconnect) is "updated".
				for (const id of [...added, ...updated]) {
					if (!this.awareness.states.has(id) || origin.awarenessClients.has(id)) continue;
					origin.awarenessClients.add(id);
					// Its old connection, if it has not noticed yet that it is gone, no longer speaks for it.
					for (const other of this.connections)
						if (other !== origin) other.awarenessClients.delete(id);
				}
				// Removed ids stay counted: a connection announcing and removing new ids without end would
				// leave each one's clock in the awareness for as long as the board is loaded.
			}
		);
	}

	/**
	 * Whether a presence client id belongs to a connection of someone else than
	 * this connection's participant. The same person's new connection (a
	 * reconnect before the old one timed out) may take their own id over.
	 */
	presenceOfOther(connection: BoardConnection, clientId: number): boolean {
		for (const other of this.connections)
			if (
				other !== connection &&
				other.awarenessClients.has(clientId) &&
				other.actor.participantId !== connection.actor.participantId
			)
				return true;
		return false;
	}

	/**
	 * The write gate's context with this board's client owners. The gate answers from a cache (it
	 * is asked for every update); so does this, rather than copying its answer for each update.
	 */
	contextWith(context: UpdateContext): UpdateContext {
		let own = this.contexts.get(context);
		if (!own) this.contexts.set(context, (own = { ...context, clientOwners: this.clientOwners }));
		return own;
	}

	/** Records who writes under the client ids of an accepted update, where nobody did before. */
	claimWriters(writers: readonly number[] | undefined, participantId: string): void {
		if (!writers) return;
		for (const client of writers)
			if (!this.clientOwners.has(client)) this.clientOwners.set(client, participantId);
	}

	/** The byte budget of a person on this board: one for all their connections, kept while it is loaded. */
	byteBudget(actor: Actor, rule: BucketRule, now: number): TokenBucket {
		let bucket = this.byteBudgets.get(actor.participantId);
		if (!bucket) {
			const staff = actor.role !== 'participant';
			bucket = new TokenBucket(
				staff ? { capacity: rule.capacity * 10, perSecond: rule.perSecond * 10 } : rule,
				now
			);
			this.byteBudgets.set(actor.participantId, bucket);
		}
		return bucket;
	}

	apply(update: Uint8Array, origin: unknown): void {
		try {
			Y.applyUpdate(this.doc, update, origin);
		} finally {
			// Also when Yjs fails half-way: what it did apply is no longer the cached state.
			this.fullState = null;
		}
	}

	/**
	 * Loads stored updates, one by one in one transaction: Y.mergeUpdates first
	 * would cost far more and grow faster than linearly (a merged state and 5000
	 * updates after it: 0.36 s against 30 ms; see docs/performance.md), and
	 * loading blocks every other board of the server.
	 */
	applyStored(updates: readonly Uint8Array[]): void {
		if (updates.length === 0) return;
		this.doc.transact(() => {
			for (const update of updates) Y.applyUpdate(this.doc, update);
		}, null);
		this.fullState = null;
	}

	/** After the server changed the document itself. */
	invalidateState(): void {
		this.fullState = null;
	}

	/** The state a client lacks; for a new client the cached full state, encoded once per change. */
	stateFor(stateVector: Uint8Array): Uint8Array {
		if (isEmptyStateVector(stateVector))
			return (this.fullState ??= Y.encodeStateAsUpdate(this.doc));
		return Y.encodeStateAsUpdate(this.doc, stateVector);
	}

	encodeFullState(): Uint8Array {
		return (this.fullState ??= Y.encodeStateAsUpdate(this.doc));
	}

	destroy(): void {
		this.destroyed = true;
		if (this.unloadTimer) clearTimeout(this.unloadTimer);
		this.awareness.destroy();
		this.doc.destroy();
	}
}
