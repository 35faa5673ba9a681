import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import Database from 'better-sqlite3';
import { sqliteStores } from '../../server/persistence/sqlite';
import { storageContract } from './storage-contract';
import { sessionRecord } from '../helpers/session-record';
import { ROOT } from '../helpers/server';

const dirs: string[] = [];
function freshDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-sqlite-'));
	dirs.push(dir);
	return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

storageContract('sqlite', async () => sqliteStores(freshDir()));

describe('sqlite: durability', () => {
	const update = () => {
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'Gemeinwohl');
		return Y.encodeStateAsUpdate(doc);
	};

	it('keeps sessions and updates across a reopen of the same directory', async () => {
		const dir = freshDir();
		const first = sqliteStores(dir);
		await first.sessions.createSession(sessionRecord('s', 'b'), []);
		const written = update();
		await first.docs.appendUpdates([{ boardId: 'b', update: written }]);
		await first.close();
		const second = sqliteStores(dir);
		expect(await second.docs.loadUpdates('b')).toEqual([written]);
		await second.close();
	});

	it('forgets at the next start a board (and its drafts) whose session was deleted before it', async () => {
		// The session goes first, its board a moment later: a crash in between left card texts
		// and drafts of a session the facilitator was told was deleted.
		const dir = freshDir();
		const first = sqliteStores(dir);
		await first.sessions.createSession(sessionRecord('s1', 'b1'), []);
		await first.sessions.createSession(sessionRecord('s2', 'b2'), []);
		await first.docs.appendUpdates([
			{ boardId: 'b1', update: update() },
			{ boardId: 'b1/drafts/p1', update: update() },
			{ boardId: 'b2', update: update() },
			{ boardId: 'b2/drafts/p2', update: update() }
		]);
		expect(await first.sessions.deleteSession('s1')).toBe(true);
		await first.close();
		const second = sqliteStores(dir);
		expect(await second.docs.loadUpdates('b1')).toEqual([]);
		expect(await second.docs.loadUpdates('b1/drafts/p1')).toEqual([]);
		expect(await second.docs.loadUpdates('b2')).toHaveLength(1);
		expect(await second.docs.loadUpdates('b2/drafts/p2')).toHaveLength(1);
		await second.close();
		const raw = new Database(path.join(dir, 'fokusrunde.sqlite'));
		expect(
			raw.prepare("SELECT count(*) AS n FROM board_updates WHERE board_id LIKE 'b1%'").get()
		).toEqual({ n: 0 });
		raw.close();
	});
});

describe('sqlite: a crash right after a deletion', () => {
	it('leaves nothing of the deleted session in the files once the server has started again', async () => {
		const dir = freshDir();
		const TITLE = 'Geheimer Titel 7f3a';
		// A process that deletes a session and dies at once: no close, no checkpoint at the end.
		const script = `
			import { sqliteStores } from './server/persistence/sqlite.ts';
			import { sessionRecord } from './tests/helpers/session-record.ts';
			const stores = sqliteStores(${JSON.stringify(dir)});
			await stores.sessions.createSession({ ...sessionRecord('s', 'b'), title: ${JSON.stringify(TITLE)} }, []);
			await stores.sessions.deleteSession('s');
			process.kill(process.pid, 'SIGKILL');`;
		const child = spawnSync(
			process.execPath,
			['--import', 'tsx', '--input-type=module', '-e', script],
			{
				cwd: ROOT
			}
		);
		expect(child.signal).toBe('SIGKILL');
		const holds = () =>
			readdirSync(dir).filter((f) => readFileSync(path.join(dir, f)).includes(TITLE));
		// What the crash left: the deleted title in the write-ahead log.
		expect(holds()).toEqual(['fokusrunde.sqlite-wal']);
		const again = sqliteStores(dir);
		expect(await again.sessions.getSession('s')).toBeNull();
		expect(holds()).toEqual([]);
		await again.close();
	});
});

describe('sqlite: migrations', () => {
	it('opens a database of the first release and gives its sessions an agenda', async () => {
		const dir = freshDir();
		const v1 = new Database(path.join(dir, 'fokusrunde.sqlite'));
		v1.exec(`CREATE TABLE sessions (id TEXT PRIMARY KEY, board_id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,
			template TEXT NOT NULL, created_at INTEGER NOT NULL, settings TEXT NOT NULL,
			join_token_hash TEXT NOT NULL, join_token_sealed TEXT NOT NULL);
		CREATE TABLE participants (id TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
			name TEXT NOT NULL, stakeholder_group TEXT, role TEXT NOT NULL, token_hash TEXT NOT NULL UNIQUE,
			created_at INTEGER NOT NULL, seq INTEGER NOT NULL);
		CREATE INDEX participants_by_session ON participants(session_id, seq);
		CREATE TABLE board_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, board_id TEXT NOT NULL, data BLOB NOT NULL);
		CREATE INDEX board_updates_by_board ON board_updates(board_id, seq);
		INSERT INTO sessions VALUES ('s1', 'b1', 'Alt', 'blank', 1, '{"showAuthorNames":true}', 'h', 'sealed');
		INSERT INTO participants VALUES ('p1', 's1', 'Jana', 'admin', 'participant', 'th', 1, 1);
		PRAGMA user_version = 1;`);
		v1.close();
		const stores = sqliteStores(dir);
		const session = await stores.sessions.getSession('s1');
		expect(session).toMatchObject({
			title: 'Alt',
			template: 'blank',
			language: 'de',
			settings: { showAuthorNames: true }
		});
		expect(session!.control.agenda.map((p) => p.mode)).toEqual(['open']);
		expect(await stores.sessions.getParticipant('p1')).toMatchObject({
			name: 'Jana',
			removedAt: null
		});
		await stores.close();
	});
});
