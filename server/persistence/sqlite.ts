import Database from 'better-sqlite3';
import { closeSync, openSync } from 'node:fs';
import { makeDirectory } from './make-directory';
import path from 'node:path';
import { type ControlState, initialControl } from '../../src/lib/domain/session/control';
import { isRole } from '../../src/lib/domain/session/roles';
import type { SessionSettings } from '../../src/lib/domain/session/session';
import { DEFAULT_SETTINGS, isTemplateId } from '../../src/lib/domain/session/session';
import { isGroupId } from '../../src/lib/domain/session/stakeholder-groups';
import { agendaFromTemplate } from '../../src/lib/domain/session/templates';
import { isLocale } from '../../src/lib/i18n/catalog';
import { StartupError } from '../startup-error';
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
import {
	type JournalOptions,
	JOURNAL_FILE,
	type SyncDocStore,
	UpdateJournal
} from './update-journal';
import { SqliteVotingStore } from './sqlite-voting';

/** A migration step that rewrites the whole file (outside a transaction, where VACUUM must run). */
const VACUUM = 'VACUUM';

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
	CREATE INDEX board_updates_by_board ON board_updates(board_id, seq);`,
	// Facilitation: the agenda's language, the control state (JSON), observers and removed participants.
	`ALTER TABLE sessions ADD COLUMN language TEXT NOT NULL DEFAULT 'de';
	ALTER TABLE sessions ADD COLUMN observer_token_sealed TEXT NOT NULL DEFAULT '';
	ALTER TABLE sessions ADD COLUMN control TEXT;
	ALTER TABLE participants ADD COLUMN removed_at INTEGER;`,
	// Short join codes for the presenter view.
	`ALTER TABLE sessions ADD COLUMN join_code_hash TEXT;
	CREATE UNIQUE INDEX sessions_by_join_code ON sessions(join_code_hash);`,
	// Rowid order is enough for updates (a new row always gets a larger rowid than every row
	// of its board); AUTOINCREMENT wrote sqlite_sequence on every commit of the hot path.
	`CREATE TABLE board_updates_v4 (seq INTEGER PRIMARY KEY, board_id TEXT NOT NULL, data BLOB NOT NULL);
	INSERT INTO board_updates_v4 (seq, board_id, data) SELECT seq, board_id, data FROM board_updates;
	DROP TABLE board_updates;
	ALTER TABLE board_updates_v4 RENAME TO board_updates;
	CREATE INDEX board_updates_by_board ON board_updates(board_id, seq);`,
	// Dot-voting: rounds (rules and fixed results as JSON) and each participant's dots per card.
	`CREATE TABLE voting_rounds (
		id TEXT PRIMARY KEY,
		session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
		seq INTEGER NOT NULL,
		data TEXT NOT NULL
	);
	CREATE INDEX voting_rounds_by_session ON voting_rounds(session_id, seq);
	CREATE TABLE votes (
		round_id TEXT NOT NULL REFERENCES voting_rounds(id) ON DELETE CASCADE,
		participant_id TEXT NOT NULL,
		card_id TEXT NOT NULL,
		group_id TEXT,
		dots INTEGER NOT NULL,
		PRIMARY KEY (round_id, participant_id, card_id)
	) WITHOUT ROWID;`,
	// Exports: the municipality a session is held for ('' for none, and for sessions from before).
	`ALTER TABLE sessions ADD COLUMN municipality TEXT NOT NULL DEFAULT '';`,
	// Once, for files written before secure_delete: see openDatabase.
	VACUUM
];

export function openDatabase(file: string): Database.Database {
	if (file !== ':memory:') {
		// Names and card texts are for the server's user only: a new DATA_DIR is 0700, a new
		// database 0600 (SQLite gives its -wal and -shm files the database's mode).
		makeDirectory(path.dirname(file), 0o700);
		closeSync(openSync(file, 'a', 0o600));
	}
	const db = new Database(file);
	// One server owns its database: no lock round trips per commit on the sync hot path, and a
	// second server started on the same DATA_DIR fails at once instead of sharing it.
	db.pragma('locking_mode = EXCLUSIVE');
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	// What is deleted is overwritten, not left in free pages: once a session is deleted, its
	// names and card texts (and the board updates compaction replaced) cannot be read from the file.
	db.pragma('secure_delete = ON');
	const version = db.pragma('user_version', { simple: true }) as number;
	for (let v = version; v < MIGRATIONS.length; v++) {
		const migration = MIGRATIONS[v]!;
		if (migration === VACUUM) {
			// Free pages from before secure_delete may still hold deleted data; VACUUM rewrites the file.
			db.exec('VACUUM');
			db.pragma(`user_version = ${v + 1}`);
			continue;
		}
		db.transaction(() => {
			db.exec(migration);
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
	language: string;
	observer_token_sealed: string;
	control: string | null;
	join_code_hash: string | null;
	municipality: string;
}

interface ParticipantRow {
	id: string;
	session_id: string;
	name: string;
	stakeholder_group: string | null;
	role: string;
	token_hash: string;
	created_at: number;
	removed_at: number | null;
}

function parseJson<T>(text: string | null, fallback: T): T {
	if (text === null) return fallback;
	try {
		return JSON.parse(text) as T;
	} catch {
		// A damaged column falls back to the default rather than locking the session.
		return fallback;
	}
}

function toSession(row: SessionRow | undefined): SessionRecord | null {
	if (!row) return null;
	const template = isTemplateId(row.template) ? row.template : 'blank';
	const language = isLocale(row.language) ? row.language : 'de';
	const settings: SessionSettings = {
		...DEFAULT_SETTINGS,
		...parseJson<Partial<SessionSettings>>(row.settings, {})
	};
	const control = parseJson<ControlState | null>(row.control, null);
	return {
		id: row.id,
		boardId: row.board_id,
		title: row.title,
		municipality: row.municipality,
		template,
		language,
		createdAt: row.created_at,
		settings,
		joinTokenHash: row.join_token_hash,
		joinTokenSealed: row.join_token_sealed,
		observerTokenSealed: row.observer_token_sealed,
		joinCodeHash: row.join_code_hash,
		control:
			control && Array.isArray(control.agenda) && control.agenda.length > 0
				? control
				: initialControl(agendaFromTemplate(template, language))
	};
}

function toParticipant(row: ParticipantRow | undefined): ParticipantRecord | null {
	if (!row) return null;
	return {
		id: row.id,
		sessionId: row.session_id,
		name: row.name,
		group: isGroupId(row.stakeholder_group) ? row.stakeholder_group : null,
		role: isRole(row.role) ? row.role : 'participant',
		tokenHash: row.token_hash,
		createdAt: row.created_at,
		removedAt: row.removed_at
	};
}

export class SqliteSessionStore implements SessionStore {
	private readonly q;

	constructor(private readonly db: Database.Database) {
		this.q = {
			insertSession: db.prepare(
				`INSERT INTO sessions (id, board_id, title, municipality, template, language, created_at, settings, control,
				   join_token_hash, join_token_sealed, observer_token_sealed, join_code_hash)
				 VALUES (@id, @boardId, @title, @municipality, @template, @language, @createdAt, @settings, @control,
				   @joinTokenHash, @joinTokenSealed, @observerTokenSealed, @joinCodeHash)`
			),
			insertParticipant: db.prepare(
				`INSERT INTO participants (id, session_id, name, stakeholder_group, role, token_hash, created_at, removed_at, seq)
				 VALUES (@id, @sessionId, @name, @group, @role, @tokenHash, @createdAt, @removedAt,
				   (SELECT COALESCE(MAX(seq), 0) + 1 FROM participants WHERE session_id = @sessionId))`
			),
			session: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE id = ?'),
			sessionByBoard: db.prepare<[string], SessionRow>('SELECT * FROM sessions WHERE board_id = ?'),
			sessionByJoinCode: db.prepare<[string], SessionRow>(
				'SELECT * FROM sessions WHERE join_code_hash = ?'
			),
			updateJoinCode: db.prepare('UPDATE sessions SET join_code_hash = ? WHERE id = ?'),
			updateTitle: db.prepare('UPDATE sessions SET title = ? WHERE id = ?'),
			updateSettings: db.prepare('UPDATE sessions SET settings = ? WHERE id = ?'),
			updateControl: db.prepare('UPDATE sessions SET control = ? WHERE id = ?'),
			updateObserverToken: db.prepare('UPDATE sessions SET observer_token_sealed = ? WHERE id = ?'),
			updateJoinToken: db.prepare(
				'UPDATE sessions SET join_token_hash = ?, join_token_sealed = ? WHERE id = ?'
			),
			participant: db.prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE id = ?'),
			renameParticipant: db.prepare('UPDATE participants SET name = ? WHERE id = ?'),
			removeParticipant: db.prepare('UPDATE participants SET removed_at = ? WHERE id = ?'),
			replaceToken: db.prepare(
				'UPDATE participants SET token_hash = ? WHERE id = ? AND session_id = ?'
			),
			participantByToken: db.prepare<[string], ParticipantRow>(
				'SELECT * FROM participants WHERE token_hash = ?'
			),
			participants: db.prepare<[string], ParticipantRow>(
				'SELECT * FROM participants WHERE session_id = ? ORDER BY seq'
			),
			deleteSession: db.prepare('DELETE FROM sessions WHERE id = ?')
		};
	}

	async createSession(session: SessionRecord, staff: readonly ParticipantRecord[]): Promise<void> {
		this.db.transaction(() => {
			this.q.insertSession.run({
				...session,
				settings: JSON.stringify(session.settings),
				control: JSON.stringify(session.control)
			});
			for (const member of staff) this.q.insertParticipant.run(member);
		})();
	}

	async getSession(id: string): Promise<SessionRecord | null> {
		return toSession(this.q.session.get(id));
	}

	async getSessionByBoard(boardId: string): Promise<SessionRecord | null> {
		return toSession(this.q.sessionByBoard.get(boardId));
	}

	async getSessionByJoinCodeHash(joinCodeHash: string): Promise<SessionRecord | null> {
		return toSession(this.q.sessionByJoinCode.get(joinCodeHash));
	}

	async updateSession(id: string, change: SessionChange): Promise<SessionRecord | null> {
		this.db.transaction(() => {
			if (change.title !== undefined) this.q.updateTitle.run(change.title, id);
			if (change.settings !== undefined)
				this.q.updateSettings.run(JSON.stringify(change.settings), id);
			if (change.control !== undefined)
				this.q.updateControl.run(JSON.stringify(change.control), id);
			if (change.joinTokenHash !== undefined && change.joinTokenSealed !== undefined)
				this.q.updateJoinToken.run(change.joinTokenHash, change.joinTokenSealed, id);
			if (change.joinCodeHash !== undefined) this.q.updateJoinCode.run(change.joinCodeHash, id);
			if (change.observerTokenSealed !== undefined)
				this.q.updateObserverToken.run(change.observerTokenSealed, id);
		})();
		return this.getSession(id);
	}

	async getParticipant(id: string): Promise<ParticipantRecord | null> {
		return toParticipant(this.q.participant.get(id));
	}

	async updateParticipant(
		id: string,
		change: ParticipantChange
	): Promise<ParticipantRecord | null> {
		this.db.transaction(() => {
			if (change.name !== undefined) this.q.renameParticipant.run(change.name, id);
			if (change.removedAt !== undefined) this.q.removeParticipant.run(change.removedAt, id);
		})();
		return this.getParticipant(id);
	}

	async addParticipant(participant: ParticipantRecord): Promise<void> {
		this.q.insertParticipant.run(participant);
	}

	async replaceObserverToken(
		sessionId: string,
		observerId: string,
		tokenHash: string,
		sealed: string
	): Promise<boolean> {
		return this.db.transaction(() => {
			if (this.q.replaceToken.run(tokenHash, observerId, sessionId).changes === 0) return false;
			this.q.updateObserverToken.run(sealed, sessionId);
			return true;
		})();
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

export class SqliteDocStore implements DocStore, SyncDocStore {
	private readonly q;
	private readonly appendAll;
	/**
	 * The sync loop's updates go to an append-only journal next to the database
	 * first (one write, durable against kill -9 like a commit here) and into the
	 * table in larger transactions later; see update-journal.ts.
	 */
	private readonly journal: UpdateJournal;

	constructor(
		private readonly db: Database.Database,
		journalOptions: JournalOptions = {}
	) {
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
			// Not LIKE: '_' in ids would be a wildcard.
			deleteBoard: db.prepare<[string, number, string]>(
				'DELETE FROM board_updates WHERE board_id = ? OR substr(board_id, 1, ?) = ?'
			)
		};
		this.appendAll = db.transaction((updates: readonly StoredUpdate[]) => {
			for (const { boardId, update } of updates) this.q.insert.run(boardId, update);
		});
		// Whatever a crash left in the journal goes into the table now, before anything reads it.
		this.journal = new UpdateJournal(
			db.memory ? null : path.join(path.dirname(db.name), JOURNAL_FILE),
			(updates) => this.appendAll(updates),
			journalOptions
		);
		this.forgetOrphans();
	}

	/**
	 * A session's board goes a moment after the session itself (once its open connections are
	 * closed): a crash in between, or a failed delete, left card texts and drafts of a session that
	 * was answered "deleted". Whatever belongs to no session goes at the next start.
	 */
	private forgetOrphans(): void {
		this.db
			.prepare(
				`DELETE FROM board_updates WHERE
				   (CASE WHEN instr(board_id, '/') > 0 THEN substr(board_id, 1, instr(board_id, '/') - 1)
				         ELSE board_id END) NOT IN (SELECT board_id FROM sessions)`
			)
			.run();
		// A crash right after a deletion leaves the deleted rows' earlier versions in the write-ahead
		// log, which only a checkpoint empties (the file's pages themselves were overwritten): at every
		// start, not only when a board was left behind.
		this.db.pragma('wal_checkpoint(TRUNCATE)');
	}

	async loadUpdates(boardId: string): Promise<Uint8Array[]> {
		this.journal.drain();
		return this.q.load.all(boardId).map((row) => new Uint8Array(row.data));
	}

	async appendUpdates(updates: readonly StoredUpdate[]): Promise<void> {
		this.journal.drain();
		if (updates.length > 0) this.appendAll(updates);
	}

	appendNow(updates: readonly StoredUpdate[]): void {
		this.journal.append(updates);
	}

	retractLast(): void {
		this.journal.retractLast();
	}

	settle(): void {
		this.journal.close();
	}

	async compact(
		boardId: string,
		merge: (updates: Uint8Array[]) => Uint8Array,
		minUpdates = 2
	): Promise<number> {
		this.journal.drain();
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
		this.journal.drain();
		const prefix = `${boardId}/`;
		this.q.deleteBoard.run(boardId, prefix.length, prefix);
		// The write-ahead log still holds the pages as they were before: move them into the
		// database (where secure_delete has overwritten what was deleted) and empty the log.
		this.db.pragma('wal_checkpoint(TRUNCATE)');
	}
}

/**
 * The file or directory itself is out of reach (permissions, a file in the way or where the
 * directory should be, a read-only disk).
 */
function cannotOpen(error: unknown): boolean {
	const code = (error as { code?: unknown }).code;
	if (typeof code !== 'string') return false;
	return (
		/^SQLITE_(CANTOPEN|IOERR|READONLY|PERM)/.test(code) ||
		['EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOENT', 'EISDIR'].includes(code)
	);
}

export function sqliteStores(dataDir: string): Stores {
	let db: Database.Database;
	const file = path.join(dataDir, 'fokusrunde.sqlite');
	try {
		db = openDatabase(file);
	} catch (error) {
		if ((error as { code?: string }).code === 'SQLITE_BUSY')
			throw new StartupError(
				`The database in ${dataDir} is in use by another Fokusrunde server; only one may run per DATA_DIR.`,
				{ cause: error }
			);
		if (!cannotOpen(error)) throw error;
		throw new StartupError(
			`DATA_DIR=${dataDir}: the database ${file} cannot be opened or created ` +
				`(${(error as Error).message}). The directory must exist or be creatable, and be ` +
				`writable by the user the server runs as, with the files in it.`,
			{ cause: error }
		);
	}
	const ping = db.prepare('SELECT 1');
	const sealed = db.prepare<[], { sealed: string }>(
		"SELECT join_token_sealed AS sealed FROM sessions WHERE join_token_sealed != '' LIMIT 1"
	);
	return {
		sessions: new SqliteSessionStore(db),
		voting: new SqliteVotingStore(db),
		docs: new SqliteDocStore(db),
		ping: async () => {
			ping.get();
		},
		sealedSample: () => sealed.get()?.sealed ?? null,
		close: async () => {
			db.pragma('wal_checkpoint(TRUNCATE)');
			db.close();
		}
	};
}
