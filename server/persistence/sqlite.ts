import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { SessionSettings } from '../../src/lib/domain/session/session';
import { DEFAULT_SETTINGS, isTemplateId } from '../../src/lib/domain/session/session';
import { isStakeholderGroup } from '../../src/lib/domain/session/stakeholder-groups';
import type {
	DocStore,
	ParticipantRecord,
	SessionChange,
	SessionRecord,
	SessionStore,
	StoredUpdate,
	Stores
} from './ports';

/**
 * The embedded default: one SQLite file in DATA_DIR, in WAL mode with
 * synchronous=NORMAL, so a committed write survives a crash of the process
 * (kill -9); only a power loss can take the last transactions.
 */
const MIGRATIONS: readonly string[] = [
	`CREATE TABLE sessions (
		id TEXT PRIMARY KEY,
		board_id TEXT NOT NULL UNIQUE,
		title TEXT NOT NULL,
		template TEXT NOT NULL,
		created_at INTEGER NOT NULL,
		settings TEXT NOT NULL,
		join_token_hash TEXT NOT NULL,
		join_token_sealed TEXT NOT NULL
	);
	CREATE TABLE participants (
		id TEXT PRIMARY KEY,
		session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
		name TEXT NOT NULL,
		stakeholder_group TEXT,
		role TEXT NOT NULL,
		token_hash TEXT NOT NULL UNIQUE,
		created_at INTEGER NOT NULL,
		seq INTEGER NOT NULL
	);
	CREATE INDEX participants_by_session ON participants(session_id, seq);
	CREATE TABLE board_updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		board_id TEXT NOT NULL,
		data BLOB NOT NULL
	);
	CREATE INDEX board_updates_by_board ON board_updates(board_id, seq);`
];

export function openDatabase(file: string): Database.Database {
	if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
	const db = new Database(file);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	const version = db.pragma('user_version', { simple: true }) as number;
	for (let v = version; v < MIGRATIONS.length; v++) {
		db.transaction(() => {
			db.exec(MIGRATIONS[v]!);
			db.pragma(`user_version = ${v + 1}`);
		})();
	}
	return db;
}

interface SessionRow {
	id: string;
	board_id: string;
	title: string;
	template: string;
	created_at: number;
	settings: string;
	join_token_hash: string;
	join_token_sealed: string;
}

interface ParticipantRow {
	id: string;
	session_id: string;
	name: string;
	stakeholder_group: string | null;
	role: string;
	token_hash: string;
	created_at: number;
}

function toSession(row: SessionRow | undefined): SessionRecord | null {
	if (!row) return null;
	let settings: SessionSettings = DEFAULT_SETTINGS;
	try {
		settings = { ...DEFAULT_SETTINGS, ...(JSON.parse(row.settings) as Partial<SessionSettings>) };
	} catch {
		// A damaged settings column falls back to the defaults rather than locking the session.
	}
	return {
		id: row.id,
		boardId: row.board_id,
		title: row.title,
		template: isTemplateId(row.template) ? row.template : 'blank',
		createdAt: row.created_at,
		settings,
		joinTokenHash: row.join_token_hash,
		joinTokenSealed: row.join_token_sealed
	};
}

function toParticipant(row: ParticipantRow | undefined): ParticipantRecord | null {
	if (!row) return null;
	return {
		id: row.id,
		sessionId: row.session_id,
		name: row.name,
		group: isStakeholderGroup(row.stakeholder_group) ? row.stakeholder_group : null,
		role: row.role === 'facilitator' ? 'facilitator' : 'participant',
		tokenHash: row.token_hash,
		createdAt: row.created_at
	};
}

export class SqliteSessionStore implements SessionStore {
	private readonly q;

	constructor(private readonly db: Database.Database) {
		this.q = {
			insertSession: db.prepare(
				`INSERT INTO sessions (id, board_id, title, template, created_at, settings, join_token_hash, join_token_sealed)
				 VALUES (@id, @boardId, @title, @template, @createdAt, @settings, @joinTokenHash, @joinTokenSealed)`
			),
			insertParticipant: db.prepare(
				`INSERT INTO participants (id, session_id, name, stakeholder_group, role, token_hash, created_at, seq)
				 VALUES (@id, @sessionId, @name, @group, @role, @tokenHash, @createdAt,
				   (SELECT COALESCE(MAX(seq), 0) + 1 FROM participants WHERE session_id = @sessionId))`
			),
			session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
			sessionByBoard: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE board_id = ?'),
			updateTitle: db.prepare('UPDATE sessions SET title = ? WHERE id = ?'),
			updateSettings: db.prepare('UPDATE sessions SET settings = ? WHERE id = ?'),
			participantByToken: db.prepare<[string], ParticipantRow>(
				'SELECT * FROM participants WHERE token_hash = ?'
			),
			participants: db.prepare<[string], ParticipantRow>(
				'SELECT * FROM participants WHERE session_id = ? ORDER BY seq'
			),
			deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?')
		};
	}

	async createSession(session: SessionRecord, facilitator: ParticipantRecord): Promise<void> {
		this.db.transaction(() => {
			this.q.insertSession.run({ ...session, settings: JSON.stringify(session.settings) });
			this.q.insertParticipant.run(facilitator);
		})();
	}

	async getSession(id: string): Promise<SessionRecord | null> {
		return toSession(this.q.session.get(id));
	}

	async getSessionByBoard(boardId: string): Promise<SessionRecord | null> {
		return toSession(this.q.sessionByBoard.get(boardId));
	}

	async updateSession(id: string, change: SessionChange): Promise<SessionRecord | null> {
		this.db.transaction(() => {
			if (change.title !== undefined) this.q.updateTitle.run(change.title, id);
			if (change.settings !== undefined)
				this.q.updateSettings.run(JSON.stringify(change.settings), id);
		})();
		return this.getSession(id);
	}

	async addParticipant(participant: ParticipantRecord): Promise<void> {
		this.q.insertParticipant.run(participant);
	}

	async getParticipantByTokenHash(tokenHash: string): Promise<ParticipantRecord | null> {
		return toParticipant(this.q.participantByToken.get(tokenHash));
	}

	async listParticipants(sessionId: string): Promise<ParticipantRecord[]> {
		return this.q.participants.all(sessionId).map((row) => toParticipant(row)!);
	}

	async deleteSession(id: string): Promise<boolean> {
		return this.q.deleteSession.run(id).changes > 0;
	}
}

export class SqliteDocStore implements DocStore {
	private readonly q;
	private readonly appendAll;

	constructor(private readonly db: Database.Database) {
		this.q = {
			load: db.prepare<[string], { data: Buffer }>(
				'SELECT data FROM board_updates WHERE board_id = ? ORDER BY seq'
			),
			rows: db.prepare<[string], { seq: number; data: Buffer }>(
				'SELECT seq, data FROM board_updates WHERE board_id = ? ORDER BY seq'
			),
			insert: db.prepare<[string, Uint8Array]>(
				'INSERT INTO board_updates (board_id, data) VALUES (?, ?)'
			),
			insertAt: db.prepare<[number, string, Uint8Array]>(
				'INSERT INTO board_updates (seq, board_id, data) VALUES (?, ?, ?)'
			),
			deleteUpTo: db.prepare<[string, number]>(
				'DELETE FROM board_updates WHERE board_id = ? AND seq <= ?'
			),
			deleteBoard: db.prepare<[string]>('DELETE FROM board_updates WHERE board_id = ?')
		};
		this.appendAll = db.transaction((updates: readonly StoredUpdate[]) => {
			for (const { boardId, update } of updates) this.q.insert.run(boardId, update);
		});
	}

	async loadUpdates(boardId: string): Promise<Uint8Array[]> {
		return this.q.load.all(boardId).map((row) => new Uint8Array(row.data));
	}

	async appendUpdates(updates: readonly StoredUpdate[]): Promise<void> {
		if (updates.length > 0) this.appendAll(updates);
	}

	async compact(
		boardId: string,
		merge: (updates: Uint8Array[]) => Uint8Array,
		minUpdates = 2
	): Promise<number> {
		// better-sqlite3 is synchronous: nothing can append between the read and the replace.
		return this.db.transaction(() => {
			const rows = this.q.rows.all(boardId);
			if (rows.length < minUpdates || rows.length === 0) return 0;
			const merged = merge(rows.map((row) => new Uint8Array(row.data)));
			const last = rows[rows.length - 1]!.seq;
			this.q.deleteUpTo.run(boardId, last);
			this.q.insertAt.run(last, boardId, merged);
			return rows.length;
		})();
	}

	async deleteBoard(boardId: string): Promise<void> {
		this.q.deleteBoard.run(boardId);
	}
}

export function sqliteStores(dataDir: string): Stores {
	const db = openDatabase(path.join(dataDir, 'fokusrunde.sqlite'));
	const ping = db.prepare('SELECT 1');
	return {
		sessions: new SqliteSessionStore(db),
		docs: new SqliteDocStore(db),
		ping: async () => {
			ping.get();
		},
		close: async () => {
			db.pragma('wal_checkpoint(TRUNCATE)');
			db.close();
		}
	};
}
