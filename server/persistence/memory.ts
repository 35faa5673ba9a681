import type {
	DocStore,
	ParticipantChange,
	ParticipantRecord,
	SessionChange,
	SessionRecord,
	SessionStore,
	StoredUpdate,
	Stores
} from './ports';
import { MemoryVotingStore } from './memory-voting';

/** Keeps everything in memory: for tests and throwaway demos (STORE=memory). */
export class MemorySessionStore implements SessionStore {
	private readonly sessions = new Map<string, SessionRecord>();
	private readonly participants = new Map<string, ParticipantRecord>();

	/** `onDelete` lets stores of the same set forget what belonged to a deleted session. */
	constructor(private readonly onDelete: (sessionId: string) => void = () => {}) {}

	async createSession(session: SessionRecord, staff: readonly ParticipantRecord[]): Promise<void> {
		if (
			this.sessions.has(session.id) ||
			[...this.sessions.values()].some((s) => s.boardId === session.boardId)
		)
			throw new Error('session exists');
		this.sessions.set(session.id, session);
		for (const member of staff) this.participants.set(member.id, member);
	}
	async getSession(id: string): Promise<SessionRecord | null> {
		return this.sessions.get(id) ?? null;
	}
	async getSessionByBoard(boardId: string): Promise<SessionRecord | null> {
		for (const s of this.sessions.values()) if (s.boardId === boardId) return s;
		return null;
	}
	async getSessionByJoinCodeHash(joinCodeHash: string): Promise<SessionRecord | null> {
		for (const s of this.sessions.values()) if (s.joinCodeHash === joinCodeHash) return s;
		return null;
	}
	async updateSession(id: string, change: SessionChange): Promise<SessionRecord | null> {
		const current = this.sessions.get(id);
		if (!current) return null;
		const next: SessionRecord = {
			...current,
			title: change.title ?? current.title,
			settings: change.settings ?? current.settings,
			control: change.control ?? current.control,
			joinTokenHash: change.joinTokenHash ?? current.joinTokenHash,
			joinTokenSealed: change.joinTokenSealed ?? current.joinTokenSealed,
			observerTokenSealed: change.observerTokenSealed ?? current.observerTokenSealed,
			joinCodeHash: change.joinCodeHash ?? current.joinCodeHash
		};
		this.sessions.set(id, next);
		return next;
	}
	async addParticipant(participant: ParticipantRecord): Promise<void> {
		if (!this.sessions.has(participant.sessionId)) throw new Error('no such session');
		this.participants.set(participant.id, participant);
	}
	async getParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
		for (const p of this.participants.values()) if (p.tokenHash === tokenHash) return p;
		return null;
	}
	async getParticipant(id: string): Promise<ParticipantRecord | null> {
		return this.participants.get(id) ?? null;
	}
	async updateParticipant(
		id: string,
		change: ParticipantChange
	): Promise<ParticipantRecord | null> {
		const current = this.participants.get(id);
		if (!current) return null;
		const next: ParticipantRecord = {
			...current,
			name: change.name ?? current.name,
			removedAt: change.removedAt ?? current.removedAt
		};
		this.participants.set(id, next);
		return next;
	}
	async replaceObserverToken(
		sessionId: string,
		observerId: string,
		tokenHash: string,
		sealed: string
	): Promise<boolean> {
		const session = this.sessions.get(sessionId);
		const observer = this.participants.get(observerId);
		if (!session || observer?.sessionId !== sessionId) return false;
		this.participants.set(observerId, { ...observer, tokenHash });
		this.sessions.set(sessionId, { ...session, observerTokenSealed: sealed });
		return true;
	}
	async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
		return [...this.participants.values()].filter((p) => p.sessionId === sessionId);
	}
	async deleteSession(id: string): Promise<boolean> {
		for (const [key, p] of this.participants) if (p.sessionId === id) this.participants.delete(key);
		this.onDelete(id);
		return this.sessions.delete(id);
	}
}

export class MemoryDocStore implements DocStore {
	private readonly boards = new Map<string, Uint8Array[]>();

	async loadUpdates(boardId: string): Promise<Uint8Array[]> {
		return [...(this.boards.get(boardId) ?? [])];
	}
	async appendUpdates(updates: readonly StoredUpdate[]): Promise<void> {
		for (const { boardId, update } of updates) {
			let list = this.boards.get(boardId);
			if (!list) this.boards.set(boardId, (list = []));
			list.push(update);
		}
	}
	async compact(
		boardId: string,
		merge: (updates: Uint8Array[]) => Uint8Array,
		minUpdates = 2
	): Promise<number> {
		const list = this.boards.get(boardId);
		if (!list || list.length < minUpdates) return 0;
		const merged = merge([...list]);
		const count = list.length;
		this.boards.set(boardId, [merged, ...list.slice(count)]);
		return count;
	}
	async deleteBoard(boardId: string): Promise<void> {
		for (const docId of [...this.boards.keys()])
			if (docId === boardId || docId.startsWith(`${boardId}/`)) this.boards.delete(docId);
	}
}

export function memoryStores(): Stores {
	const voting = new MemoryVotingStore();
	return {
		sessions: new MemorySessionStore((id) => voting.forgetSession(id)),
		voting,
		docs: new MemoryDocStore(),
		ping: async () => {},
		close: async () => {}
	};
}
