import type { ControlState } from '../../src/lib/domain/session/control';
import type { Vote } from '../../src/lib/domain/voting/ballot';
import type { VotingRound } from '../../src/lib/domain/voting/round';
import type { Participant, Session, SessionSettings } from '../../src/lib/domain/session/session';

/**
 * The narrow storage ports. Every adapter (memory, SQLite, later PostgreSQL)
 * passes the same contract suite in tests/contract.
 */
export interface SessionRecord extends Session {
	readonly joinTokenHash: string;
	/** The join token sealed with the instance key, so the facilitator's view can show the link again. */
	readonly joinTokenSealed: string;
	/** The observer token sealed the same way, for the presenter link the facilitator hands out. */
	readonly observerTokenSealed: string;
	/** Hash of the short join code shown on the projector; null for sessions from before codes existed. */
	readonly joinCodeHash: string | null;
	readonly control: ControlState;
}

export interface ParticipantRecord extends Participant {
	readonly tokenHash: string;
}

export interface SessionChange {
	readonly title?: string;
	readonly settings?: SessionSettings;
	readonly control?: ControlState;
	readonly joinTokenHash?: string;
	readonly joinTokenSealed?: string;
	readonly observerTokenSealed?: string;
	readonly joinCodeHash?: string;
}

export interface ParticipantChange {
	readonly name?: string;
	readonly removedAt?: number;
}

export interface SessionStore {
	/** Creates a session together with its facilitator and observer credentials, atomically. */
	createSession(session: SessionRecord, staff: readonly ParticipantRecord[]): Promise<void>;
	getSession(id: string): Promise<SessionRecord | null>;
	getSessionByBoard(boardId: string): Promise<SessionRecord | null>;
	getSessionByJoinCodeHash(joinCodeHash: string): Promise<SessionRecord | null>;
	updateSession(id: string, change: SessionChange): Promise<SessionRecord | null>;
	addParticipant(participant: ParticipantRecord): Promise<void>;
	getParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null>;
	getParticipant(id: string): Promise<ParticipantRecord | null>;
	updateParticipant(id: string, change: ParticipantChange): Promise<ParticipantRecord | null>;
	/**
	 * Gives a staff member (the presenter link's observer) a new token, in one step with the
	 * session's sealed copy of it: the old link stops working, the new one works at once.
	 */
	replaceObserverToken(
		sessionId: string,
		observerId: string,
		tokenHash: string,
		sealed: string
	): Promise<boolean>;
	/** Participants in the order they joined, removed ones included. */
	listParticipants(sessionId: string): Promise<ParticipantRecord[]>;
	/** Deletes the session and its participants; false if there was none. */
	deleteSession(id: string): Promise<boolean>;
}

export interface StoredUpdate {
	readonly boardId: string;
	readonly update: Uint8Array;
}

/**
 * Opaque Yjs updates per board. `appendUpdates` resolves only when the updates
 * are durable (they survive a crash of the process): the sync loop relays an
 * update only after that.
 */
export interface DocStore {
	/** The stored updates of a board, oldest first; empty for a board never written. */
	loadUpdates(boardId: string): Promise<Uint8Array[]>;
	/** Stores updates of one or more boards in one atomic write. */
	appendUpdates(updates: readonly StoredUpdate[]): Promise<void>;
	/**
	 * Replaces the stored updates of a board with `merge(updates)` when there are
	 * at least `minUpdates` of them, atomically with respect to concurrent appends.
	 * `merge` must return an update that contains every given update. Returns how many were merged.
	 */
	compact(
		boardId: string,
		merge: (updates: Uint8Array[]) => Uint8Array,
		minUpdates?: number
	): Promise<number>;
	/** Deletes the updates of a board and of the documents under it (`<boardId>/…`: drafts). */
	deleteBoard(boardId: string): Promise<void>;
}

/** Voting rounds and the dots in them; deleting a session deletes its rounds and votes. */
export interface VotingStore {
	/** Inserts a round or replaces it (same id). */
	saveRound(round: VotingRound): Promise<void>;
	/** The rounds of a session, oldest first. */
	listRounds(sessionId: string): Promise<VotingRound[]>;
	/** Sets one participant's dots on one card; 0 removes the vote. Durable when it resolves. */
	setVote(vote: Vote): Promise<void>;
	listVotes(roundId: string): Promise<Vote[]>;
}

export interface Stores {
	readonly sessions: SessionStore;
	readonly voting: VotingStore;
	readonly docs: DocStore;
	/** A cheap round trip, for /healthz. */
	ping(): Promise<void>;
	/**
	 * A token sealed with the instance key, if the store holds any: at start, proof that the key
	 * beside the database is the one that sealed it (a store that outlives the process only).
	 */
	sealedSample?(): string | null;
	close(): Promise<void>;
}
