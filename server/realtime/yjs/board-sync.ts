import {
	applyAwarenessUpdate,
	encodeAwarenessUpdate,
	removeAwarenessStates
} from 'y-protocols/awareness';
import * as Y from 'yjs';
import type {
	UpdateContext,
	UpdateRefusal,
	UpdateVerdict
} from '../../../src/lib/domain/board/update-policy';
import type { Actor } from '../../../src/lib/domain/session/roles';
import { YJS_CLOSE } from '../../../src/lib/protocol/yjs';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import type { DocStore, StoredUpdate } from '../../persistence/ports';
import { isSyncDocStore, type SyncDocStore } from '../../persistence/update-journal';
import { type BucketRule, TokenBucket } from '../../security/rate-limit';
import { BoardConnection, BoardRoom, type Transport } from './board-room';
import { checkPresenceUpdate, withoutEntries } from './presence-check';
import {
	MalformedMessage,
	decodeMessage,
	encodeAwareness,
	encodeStep1,
	encodeStep2,
	encodeUpdate
} from './messages';

/** The origin of changes the server makes itself (revealing drafts). */
export const SERVER_ORIGIN = Symbol('server');

export type UpdatePolicy = (
	doc: Y.Doc,
	update: Uint8Array,
	actor: Actor,
	context: UpdateContext
) => UpdateVerdict;

/**
 * What an actor may write to a document now (whether at all, and where new
 * cards may go), asked for every update and given to the update policy: the
 * session's phase and lock live outside the document.
 */
export type WriteGate = (docId: string, actor: Actor) => UpdateContext;

export interface BoardSyncOptions {
	readonly unloadDelayMs: number;
	readonly gate?: WriteGate;
	/**
	 * Merge a board's stored updates after this many new ones. A big board waits
	 * until the new ones add up to its merged size, up to UNMERGED_LIMIT times
	 * this many: merging rewrites the whole board, so a long session's growing
	 * board is not rewritten every few seconds (see docs/performance.md).
	 */
	readonly compactEvery: number;
	/** Messages per connection. */
	readonly rate: BucketRule;
	/**
	 * Bytes per participant and board, over all their connections to it (staff: ten times as many).
	 * Every byte a client sends goes to every screen of the board: without a budget one person
	 * could push megabytes a second to every phone in the room (presence renewals, text typed into
	 * a deleted card, insertions deleted again in the same update).
	 */
	readonly bytes: BucketRule;
	/** A client with more unsent bytes than this is disconnected instead of buffering without end. */
	readonly maxBufferedBytes: number;
	readonly log: Logger;
	readonly now?: () => number;
	/**
	 * Told after every change to a document it watches (`watches` is asked once,
	 * when the document loads), by a client or by the server: how silent writing
	 * is counted without reading every private draft on every keystroke.
	 */
	readonly changes?: {
		watches(docId: string): boolean;
		changed(docId: string, sessionId: string): void;
	};
}

/**
 * At most this many times `compactEvery` updates stay unmerged: loading a board
 * applies each of them (2000 small updates: about 20 ms), and they take more
 * room than the merged state they add to.
 */
const UNMERGED_LIMIT = 4;

export const DEFAULT_SYNC_OPTIONS: Omit<BoardSyncOptions, 'log' | 'unloadDelayMs'> = {
	compactEvery: 500,
	rate: { capacity: 400, perSecond: 150 },
	// A burst holds a frame of the largest size and more (a phone's offline work, sent at once);
	// typing, moving and pointing take a few hundred bytes a second.
	bytes: { capacity: 2 * 1024 * 1024, perSecond: 32 * 1024 },
	maxBufferedBytes: 16 * 1024 * 1024
};

/** How long someone whose update could not be applied (and made everyone reload) may not write. */
const BAR_MS = 60_000;

const barKey = (connection: BoardConnection) =>
	`${connection.actor.sessionId}/${connection.actor.participantId}`;

/** How long the server keeps the clock of a presence that left (y-protocols times presence out after 30 s). */
const PRESENCE_FORGET_MS = 60_000;

/** What a sync loop without a write gate lets everyone write. */
const NO_GATE: UpdateContext = {};

/** The close code that tells a client why its update was refused (docs/realtime.md). */
const REFUSAL_CLOSE: Record<UpdateRefusal, number> = {
	malformed: YJS_CLOSE.malformed,
	forbidden: YJS_CLOSE.forbidden,
	invalid: YJS_CLOSE.forbidden,
	readOnly: YJS_CLOSE.readOnly,
	cardLimit: YJS_CLOSE.cardLimit
};

interface Delivery {
	readonly room: BoardRoom;
	readonly frame: Uint8Array;
	readonly except: BoardConnection | null;
	/** Bytes of the stored update. */
	readonly size: number;
}

interface Reply {
	readonly connection: BoardConnection;
	readonly stateVector: Uint8Array;
}

/**
 * The sync loop. An update is decoded and checked once against the board's
 * document, stored, and only then sent, as the same bytes, to every other
 * connection of the board. Anything that could carry board content to a
 * client — relayed updates and the answers to joiners — comes after that write.
 *
 * With a store that stores synchronously (SyncDocStore: the SQLite store's
 * journal), all of that happens in the call that received the update: check,
 * store, relay, and only then apply it to the board's document, so the first
 * frame leaves as early as possible. The document then holds nothing that is
 * not stored, so joiners are answered at once too.
 *
 * With any other store (the memory store), the update is applied at once and
 * stored with everything else that arrived in the same tick, in one write;
 * relaying and answering joiners wait for that write.
 */
export class BoardSync {
	private readonly rooms = new Map<string, Promise<BoardRoom>>();
	private writes: StoredUpdate[] = [];
	private deliveries: Delivery[] = [];
	private replies: Reply[] = [];
	private flushScheduled = false;
	private flushesRunning = 0;
	private chain: Promise<void> = Promise.resolve();
	private closing = false;
	private readonly now: () => number;
	/** The store, if it stores synchronously. */
	private readonly syncStore: SyncDocStore | null;
	/** Who sent an update Yjs could not apply, until when they may not write (see BAR_MS). */
	private readonly barred = new Map<string, number>();
	/** Merges due or running on the synchronous path, which starts them after the relay. */
	private readonly compactions = new Map<BoardRoom, Promise<void>>();

	constructor(
		private readonly store: DocStore,
		private readonly policy: UpdatePolicy,
		private readonly options: BoardSyncOptions
	) {
		this.now = options.now ?? Date.now;
		this.syncStore = isSyncDocStore(store) ? store : null;
	}

	/** Adds a client to a board, loading the board if needed, and starts the sync handshake. */
	async join(boardId: string, actor: Actor, transport: Transport): Promise<BoardConnection> {
		if (this.closing) throw new Error('shutting down');
		let room: BoardRoom;
		do room = await this.open(boardId, actor.sessionId);
		while (room.destroyed);
		if (room.unloadTimer) {
			clearTimeout(room.unloadTimer);
			room.unloadTimer = null;
		}
		const connection = new BoardConnection(
			room,
			actor,
			transport,
			new TokenBucket(this.options.rate, this.now()),
			room.byteBudget(actor, this.options.bytes, this.now())
		);
		room.connections.add(connection);
		transport.send(encodeStep1(Y.encodeStateVector(room.doc)));
		const states = room.awareness.getStates();
		if (states.size > 0)
			transport.send(encodeAwareness(encodeAwarenessUpdate(room.awareness, [...states.keys()])));
		return connection;
	}

	/**
	 * Handles one frame of a client. Whatever it holds, a failure ends that one connection, never
	 * the process (one participant's frame must not take every meeting on the server down).
	 */
	receive(connection: BoardConnection, frame: Uint8Array): void {
		try {
			this.handle(connection, frame);
		} catch (error) {
			this.options.log.error('yjs.message.failed', {
				boardId: connection.room.boardId,
				participantId: connection.actor.participantId,
				...errorFields(error)
			});
			this.drop(connection, YJS_CLOSE.malformed, 'malformed');
		}
	}

	private handle(connection: BoardConnection, frame: Uint8Array): void {
		if (!connection.open) return;
		const now = this.now();
		if (!connection.budget.take(now) || !connection.bytes.take(now, frame.length)) {
			this.drop(connection, YJS_CLOSE.rateLimited, 'rate limited');
			return;
		}
		let message;
		try {
			message = decodeMessage(frame);
		} catch (error) {
			const reason = error instanceof MalformedMessage ? error.message : 'malformed';
			this.drop(connection, YJS_CLOSE.malformed, reason);
			return;
		}
		const room = connection.room;
		switch (message.kind) {
			case 'step1':
				if (this.syncStore) {
					// Everything in the document is stored already.
					this.send(connection, encodeStep2(room.stateFor(message.stateVector)));
					return;
				}
				this.replies.push({ connection, stateVector: message.stateVector });
				this.schedule();
				return;
			case 'update': {
				const until = this.barred.get(barKey(connection));
				if (until !== undefined) {
					if (until > now) {
						this.drop(connection, YJS_CLOSE.rateLimited, 'barred');
						return;
					}
					this.barred.delete(barKey(connection));
				}
				const context = room.contextWith(
					this.options.gate?.(room.boardId, connection.actor) ?? NO_GATE
				);
				const verdict = this.policy(room.doc, message.update, connection.actor, context);
				if (!verdict.ok) {
					this.options.log.info('yjs.update.refused', {
						boardId: room.boardId,
						participantId: connection.actor.participantId,
						reason: verdict.reason,
						detail: verdict.detail
					});
					const code = REFUSAL_CLOSE[verdict.reason];
					this.drop(connection, code, verdict.limit ?? verdict.reason);
					return;
				}
				// Nothing new (a reconnecting client's sync): nothing to store or relay.
				if (!verdict.changes) return;
				room.claimWriters(verdict.writers, connection.actor.participantId);
				if (this.syncStore) {
					this.storeRelayApply(room, connection, frame, message.update, message.relayable);
					return;
				}
				try {
					room.apply(message.update, connection);
				} catch {
					this.drop(connection, YJS_CLOSE.malformed, 'malformed');
					return;
				}
				this.writes.push({ boardId: room.boardId, update: message.update });
				this.deliveries.push({
					room,
					frame: message.relayable ? frame : encodeUpdate(message.update),
					except: connection,
					size: message.update.length
				});
				this.schedule();
				return;
			}
			case 'awareness': {
				const changes = room.awarenessChanges;
				let update: Uint8Array | null = message.update;
				try {
					const verdict = checkPresenceUpdate(update, connection.actor, {
						clockOf: (clientId) => room.awareness.meta.get(clientId)?.clock,
						hasState: (clientId) => room.awareness.states.has(clientId),
						ownedByOther: (clientId) => room.presenceOfOther(connection, clientId),
						own: connection.awarenessClients
					});
					if (!verdict.ok) {
						this.options.log.info('yjs.presence.refused', {
							boardId: room.boardId,
							participantId: connection.actor.participantId,
							reason: verdict.reason
						});
						this.drop(connection, YJS_CLOSE.forbidden, verdict.reason);
						return;
					}
					if (verdict.ignore.size > 0) update = withoutEntries(update, verdict.ignore);
					if (update) applyAwarenessUpdate(room.awareness, update, connection);
				} catch {
					this.drop(connection, YJS_CLOSE.malformed, 'malformed awareness');
					return;
				}
				// Presence is not board content: it goes out at once, to the sender too,
				// because y-websocket clients take that echo as a sign the connection lives.
				const relay =
					message.relayable && update === message.update
						? frame
						: encodeAwareness(update ?? message.update);
				// A stock y-websocket client sends on every presence update it receives, not only its
				// own: on a board of N people each change would come back N times and go out N² times.
				// What changes nothing here (clocks already known) goes back to its sender only.
				if (room.awarenessChanges === changes) {
					this.send(connection, relay);
					return;
				}
				for (const other of room.connections) this.send(other, relay);
				return;
			}
			case 'queryAwareness': {
				const states = room.awareness.getStates();
				this.send(
					connection,
					encodeAwareness(encodeAwarenessUpdate(room.awareness, [...states.keys()]))
				);
				return;
			}
		}
	}

	/**
	 * Stores a checked update, relays it and then applies it to the board's
	 * document, all before the next message is read: the policy check of the
	 * next update sees this one applied.
	 */
	private storeRelayApply(
		room: BoardRoom,
		sender: BoardConnection,
		frame: Uint8Array,
		update: Uint8Array,
		relayable: boolean
	): void {
		const store = this.syncStore!;
		try {
			store.appendNow([{ boardId: room.boardId, update }]);
		} catch (error) {
			this.storeFailed(room, error);
			return;
		}
		const relay = relayable ? frame : encodeUpdate(update);
		for (const connection of room.connections)
			if (connection !== sender) this.send(connection, relay);
		try {
			room.apply(update, sender);
			// Kept pending, it would never be part of the board, yet go to every joiner and storage.
			if (room.doc.store.pendingStructs || room.doc.store.pendingDs)
				throw new Error('update left pending structs');
		} catch (error) {
			// Passed the check, which should make this impossible, but Yjs cannot apply it. Keep it
			// out of storage, where it would break loading the board. Yjs may have applied part of
			// it, and the others have it already (the price of relaying first): the board's document
			// no longer is what is stored, so it goes, and everyone loads the stored board afresh.
			this.options.log.error('yjs.update.unappliable', {
				boardId: room.boardId,
				participantId: sender.actor.participantId,
				...errorFields(error)
			});
			try {
				store.retractLast();
			} catch (retractError) {
				this.options.log.error('yjs.update.retract.failed', errorFields(retractError));
			}
			this.drop(sender, YJS_CLOSE.malformed, 'malformed');
			// Each such update makes everyone reload: its sender writes nothing more for a while.
			this.barred.set(barKey(sender), this.now() + BAR_MS);
			this.evictRoom(room, YJS_CLOSE.tryAgainLater, 'board reloaded');
			return;
		}
		room.storedSinceCompaction++;
		room.storedBytesSinceCompaction += update.length;
		if (this.needsCompaction(room) && !this.compactions.has(room)) {
			// Not in this call: the next message should not wait for a merge.
			const done = new Promise((resolve) => setImmediate(resolve))
				.then(() => (room.destroyed ? undefined : this.compact(room)))
				.finally(() => this.compactions.delete(room));
			this.compactions.set(room, done);
		}
	}

	/** The synchronous path could not store: the board's clients reconnect and resend. */
	private storeFailed(room: BoardRoom, error: unknown): void {
		this.options.log.error('yjs.store.failed', { updates: 1, ...errorFields(error) });
		this.evictRoom(room, YJS_CLOSE.unavailable, 'storage failed');
	}

	/** Removes a client whose connection ended; the board unloads when nobody is left. */
	leave(connection: BoardConnection): void {
		if (!connection.open && !connection.room.connections.has(connection)) return;
		connection.open = false;
		const room = connection.room;
		room.connections.delete(connection);
		const announced = room.destroyed ? [] : [...connection.awarenessClients];
		const ids = announced.filter((id) => room.awareness.states.has(id));
		if (ids.length > 0) {
			removeAwarenessStates(room.awareness, ids, null);
			const removal = encodeAwareness(encodeAwarenessUpdate(room.awareness, ids));
			for (const other of room.connections) this.send(other, removal);
		}
		if (announced.length > 0) {
			// The clocks of removed ids (also those removed before: by the client itself, or timed
			// out) keep a late, older update from bringing them back; after a while nothing old is on
			// its way, and keeping them would grow with every reconnect.
			const forget = setTimeout(() => {
				if (room.destroyed) return;
				for (const id of announced)
					if (!room.awareness.states.has(id) && !room.presenceOfOther(connection, id))
						room.awareness.meta.delete(id);
			}, PRESENCE_FORGET_MS);
			forget.unref?.();
		}
		if (room.connections.size === 0 && room.holders === 0 && !room.destroyed && !this.closing)
			this.scheduleUnload(room);
	}

	/** Closes every connection of a board and forgets the board, for example when its session is deleted. */
	async evict(boardId: string, code: number, reason: string): Promise<void> {
		const pending = this.rooms.get(boardId);
		if (!pending) return;
		const room = await pending.catch(() => null);
		if (!room || room.destroyed) return;
		this.evictRoom(room, code, reason);
	}

	/** A loaded room that is not destroyed is the one `rooms` holds for its board. */
	private evictRoom(room: BoardRoom, code: number, reason: string): void {
		if (room.destroyed) return;
		this.rooms.delete(room.boardId);
		for (const connection of [...room.connections]) this.drop(connection, code, reason);
		room.destroy();
	}

	/** Resolves once every update received so far is stored and sent, and due merges are done. */
	async idle(): Promise<void> {
		while (this.flushScheduled || this.flushesRunning > 0 || this.compactions.size > 0) {
			if (this.flushScheduled) await new Promise((resolve) => setImmediate(resolve));
			else if (this.flushesRunning > 0) await this.chain;
			else await Promise.all(this.compactions.values());
		}
	}

	/** Graceful shutdown: store what is pending, close clients, merge every loaded board. */
	async close(): Promise<void> {
		this.closing = true;
		await this.idle();
		const rooms = await Promise.all(
			[...this.rooms.values()].map((pending) => pending.catch(() => null))
		);
		this.rooms.clear();
		for (const room of rooms) {
			if (!room || room.destroyed) continue;
			for (const connection of [...room.connections])
				this.drop(connection, YJS_CLOSE.goingAway, 'server shutting down');
			await this.compact(room);
			room.destroy();
		}
		try {
			this.syncStore?.settle();
		} catch (error) {
			this.options.log.error('yjs.store.settle.failed', errorFields(error));
		}
	}

	/**
	 * Runs `read` on a document's current state: the loaded one, or one loaded
	 * for the occasion (and unloaded again when nobody joins it).
	 */
	async read<T>(docId: string, sessionId: string, read: (doc: Y.Doc) => T): Promise<T> {
		const room = await this.hold(docId, sessionId);
		try {
			return read(room.doc);
		} finally {
			this.release(room);
		}
	}

	/**
	 * Changes a document on the server's behalf (revealing drafts): the change
	 * is stored, then sent to every connection of the document, like a client's.
	 */
	async change(docId: string, sessionId: string, change: (doc: Y.Doc) => void): Promise<void> {
		const room = await this.hold(docId, sessionId);
		try {
			const updates: Uint8Array[] = [];
			const collect = (update: Uint8Array) => updates.push(update);
			room.doc.on('update', collect);
			try {
				room.doc.transact(() => change(room.doc), SERVER_ORIGIN);
			} finally {
				room.doc.off('update', collect);
			}
			if (updates.length === 0) return;
			room.invalidateState();
			const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
			if (this.syncStore) {
				// Stored before anything else can read the document.
				try {
					this.syncStore.appendNow([{ boardId: room.boardId, update }]);
				} catch (error) {
					// The room reloads what is stored; the caller learns the change did not happen (a
					// reveal must not go on to remove the drafts it could not publish).
					this.storeFailed(room, error);
					throw error;
				}
				room.storedSinceCompaction++;
				room.storedBytesSinceCompaction += update.length;
				const frame = encodeUpdate(update);
				for (const connection of room.connections) this.send(connection, frame);
				return;
			}
			this.writes.push({ boardId: room.boardId, update });
			this.deliveries.push({
				room,
				frame: encodeUpdate(update),
				except: null,
				size: update.length
			});
			this.schedule();
			await this.idle();
		} finally {
			this.release(room);
		}
	}

	/** Closes and forgets every document of a session: its board and all drafts. */
	async evictSession(sessionId: string, code: number, reason: string): Promise<void> {
		const rooms = await Promise.all(
			[...this.rooms.values()].map((pending) => pending.catch(() => null))
		);
		for (const room of rooms)
			if (room && room.sessionId === sessionId) await this.evict(room.boardId, code, reason);
	}

	/** Ends every connection of one participant in a session, for example after their removal. */
	async disconnect(
		sessionId: string,
		participantId: string,
		code: number,
		reason: string
	): Promise<void> {
		const rooms = await Promise.all(
			[...this.rooms.values()].map((pending) => pending.catch(() => null))
		);
		for (const room of rooms) {
			if (!room || room.sessionId !== sessionId) continue;
			for (const connection of [...room.connections])
				if (connection.actor.participantId === participantId) this.drop(connection, code, reason);
		}
	}

	/** Boards in memory now. */
	get loadedBoards(): number {
		return this.rooms.size;
	}

	/** Opens a document for the server's own use; it stays loaded until `release`. */
	private async hold(docId: string, sessionId: string): Promise<BoardRoom> {
		let room: BoardRoom;
		do room = await this.open(docId, sessionId);
		while (room.destroyed);
		room.holders++;
		if (room.unloadTimer) {
			clearTimeout(room.unloadTimer);
			room.unloadTimer = null;
		}
		return room;
	}

	private release(room: BoardRoom): void {
		room.holders--;
		if (room.holders === 0 && room.connections.size === 0 && !room.destroyed && !this.closing)
			this.scheduleUnload(room);
	}

	private open(boardId: string, sessionId: string): Promise<BoardRoom> {
		let pending = this.rooms.get(boardId);
		if (!pending) {
			pending = this.load(boardId, sessionId);
			this.rooms.set(boardId, pending);
			pending.catch(() => {
				if (this.rooms.get(boardId) === pending) this.rooms.delete(boardId);
			});
		}
		return pending;
	}

	private async load(boardId: string, sessionId: string): Promise<BoardRoom> {
		const updates = await this.store.loadUpdates(boardId);
		const room = new BoardRoom(boardId, sessionId);
		room.applyStored(updates);
		const changes = this.options.changes;
		if (changes?.watches(boardId))
			room.doc.on('afterTransaction', () => changes.changed(boardId, sessionId));
		room.storedSinceCompaction = updates.length;
		for (const update of updates) room.storedBytesSinceCompaction += update.length;
		if (updates.length > 1) void this.compact(room);
		return room;
	}

	private scheduleUnload(room: BoardRoom): void {
		if (room.unloadTimer) clearTimeout(room.unloadTimer);
		room.unloadTimer = setTimeout(() => void this.unload(room), this.options.unloadDelayMs);
		room.unloadTimer.unref?.();
	}

	private async unload(room: BoardRoom): Promise<void> {
		room.unloadTimer = null;
		await this.idle();
		if (room.connections.size > 0 || room.holders > 0 || room.destroyed) return;
		// From here on a joiner loads the board afresh from the store, which holds everything.
		this.rooms.delete(room.boardId);
		room.destroyed = true;
		await this.compact(room);
		room.destroy();
	}

	private async compact(room: BoardRoom): Promise<void> {
		try {
			// The document holds every stored update of this board (each was applied before it was stored).
			const state = Y.encodeStateAsUpdate(room.doc);
			await this.store.compact(room.boardId, () => state, 2);
			room.storedSinceCompaction = 0;
			room.storedBytesSinceCompaction = 0;
			room.compactedBytes = state.length;
		} catch (error) {
			this.options.log.error('yjs.compact.failed', {
				boardId: room.boardId,
				...errorFields(error)
			});
		}
	}

	private schedule(): void {
		if (this.flushScheduled) return;
		this.flushScheduled = true;
		setImmediate(() => {
			this.flushScheduled = false;
			this.flushesRunning++;
			this.chain = this.chain
				.then(() => this.flush())
				.catch((error: unknown) => {
					// A failed flush must not stop every later one (each runs after the one before).
					this.options.log.error('yjs.flush.failed', errorFields(error));
				})
				.finally(() => {
					this.flushesRunning--;
				});
		});
	}

	private async flush(): Promise<void> {
		const writes = this.writes;
		const deliveries = this.deliveries;
		const pendingReplies = this.replies;
		if (writes.length === 0 && deliveries.length === 0 && pendingReplies.length === 0) return;
		this.writes = [];
		this.deliveries = [];
		this.replies = [];
		// Encoded now, so that an answer holds exactly what this write and earlier ones store.
		const replies = pendingReplies
			.filter((r) => r.connection.open && !r.connection.room.destroyed)
			.map((r) => ({
				connection: r.connection,
				frame: encodeStep2(r.connection.room.stateFor(r.stateVector))
			}));
		let stored = true;
		if (writes.length > 0) {
			try {
				await this.store.appendUpdates(writes);
			} catch (error) {
				stored = false;
				this.options.log.error('yjs.store.failed', {
					updates: writes.length,
					...errorFields(error)
				});
				// Nothing unstored may reach anyone: drop these boards; clients reconnect and resend.
				for (const boardId of new Set(writes.map((w) => w.boardId)))
					await this.evict(boardId, YJS_CLOSE.unavailable, 'storage failed');
			}
		}
		const touched = new Set<BoardRoom>();
		if (stored) {
			for (const { room, frame, except, size } of deliveries) {
				room.storedSinceCompaction++;
				room.storedBytesSinceCompaction += size;
				touched.add(room);
				for (const connection of room.connections)
					if (connection !== except) this.send(connection, frame);
			}
		}
		for (const { connection, frame } of replies) this.send(connection, frame);
		for (const room of touched) {
			if (this.needsCompaction(room)) await this.compact(room);
		}
	}

	private needsCompaction(room: BoardRoom): boolean {
		if (room.destroyed || room.storedSinceCompaction < this.options.compactEvery) return false;
		return (
			room.storedBytesSinceCompaction >= room.compactedBytes ||
			room.storedSinceCompaction >= UNMERGED_LIMIT * this.options.compactEvery
		);
	}

	private send(connection: BoardConnection, frame: Uint8Array): void {
		if (!connection.open) return;
		if (connection.transport.bufferedAmount > this.options.maxBufferedBytes) {
			this.drop(connection, YJS_CLOSE.tryAgainLater, 'client too slow');
			return;
		}
		connection.transport.send(frame);
	}

	private drop(connection: BoardConnection, code: number, reason: string): void {
		if (!connection.open) return;
		this.leave(connection);
		connection.transport.close(code, reason);
	}
}
