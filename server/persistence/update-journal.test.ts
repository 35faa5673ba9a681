import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { StoredUpdate } from './ports';
import { sessionRecord } from '../../tests/helpers/session-record';
import { openDatabase, SqliteDocStore, SqliteSessionStore } from './sqlite';
import { encodeRecords, JOURNAL_FILE, readJournal, UpdateJournal } from './update-journal';

const dirs: string[] = [];
function freshDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-journal-'));
	dirs.push(dir);
	return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const update = (n: number): Uint8Array =>
	Uint8Array.from({ length: 10 + n }, (_, i) => (i * n) % 256);
const u = (boardId: string, n: number): StoredUpdate => ({ boardId, update: update(n) });

/** A sink that records each batch it was given. */
function recorder() {
	const batches: StoredUpdate[][] = [];
	return { batches, sink: (updates: readonly StoredUpdate[]) => void batches.push([...updates]) };
}

describe('the update journal', () => {
	it('reads back every record it wrote, board ids in UTF-8 included', () => {
		const records = [u('b1', 1), u('b1/drafts/ä', 2), u('b2', 300)];
		expect(readJournal(encodeRecords(records))).toEqual({ updates: records, torn: false });
	});

	it('drops a torn last record and everything after a damaged one', () => {
		const records = [u('b', 1), u('b', 2), u('b', 3)];
		const bytes = encodeRecords(records);
		for (let cut = 1; cut < 24; cut++) {
			// The last record is 24 bytes long.
			const read = readJournal(bytes.subarray(0, bytes.length - cut));
			expect(read.torn).toBe(true);
			expect(read.updates).toEqual(records.slice(0, 2));
		}
		const damaged = Buffer.from(bytes);
		damaged[30]! ^= 0xff; // inside the second record's body
		expect(readJournal(damaged)).toEqual({ updates: records.slice(0, 1), torn: true });
	});

	it('keeps appended updates in the file until they are drained into the sink, in one batch', () => {
		const file = path.join(freshDir(), JOURNAL_FILE);
		const { batches, sink } = recorder();
		const journal = new UpdateJournal(file, sink, { drainDelayMs: 60_000 });
		journal.append([u('b', 1)]);
		journal.append([u('b', 2), u('c', 3)]);
		expect(batches).toEqual([]);
		expect(readJournal(readFileSync(file)).updates).toEqual([u('b', 1), u('b', 2), u('c', 3)]);
		journal.drain();
		expect(batches).toEqual([[u('b', 1), u('b', 2), u('c', 3)]]);
		expect(statSync(file).size).toBe(0);
		journal.close();
		expect(existsSync(file)).toBe(false);
	});

	it('replays what a crash left, a torn tail aside, into the sink before anything else', () => {
		const file = path.join(freshDir(), JOURNAL_FILE);
		const crashed = new UpdateJournal(file, () => {
			throw new Error('never drained');
		});
		crashed.append([u('b', 1)]);
		crashed.append([u('b', 2)]);
		// The process dies in the middle of writing a third record.
		appendFileSync(file, encodeRecords([u('b', 3)]).subarray(0, 12));

		const { batches, sink } = recorder();
		const reopened = new UpdateJournal(file, sink);
		expect(batches).toEqual([[u('b', 1), u('b', 2)]]);
		expect(statSync(file).size).toBe(0);
		// Appending after a torn tail starts on a clean file.
		reopened.append([u('b', 4)]);
		expect(readJournal(readFileSync(file))).toEqual({ updates: [u('b', 4)], torn: false });
		reopened.close();
	});

	it('does not start when the replay cannot be stored, and keeps the journal', () => {
		const file = path.join(freshDir(), JOURNAL_FILE);
		new UpdateJournal(file, () => {}).append([u('b', 1)]);
		expect(
			() =>
				new UpdateJournal(file, () => {
					throw new Error('disk full');
				})
		).toThrow('disk full');
		expect(readJournal(readFileSync(file)).updates).toEqual([u('b', 1)]);
	});

	it('takes back the last append, in the file and in memory', () => {
		const file = path.join(freshDir(), JOURNAL_FILE);
		const { batches, sink } = recorder();
		const journal = new UpdateJournal(file, sink, { drainDelayMs: 60_000 });
		journal.append([u('b', 1)]);
		journal.append([u('b', 2)]);
		journal.retractLast();
		expect(() => journal.retractLast()).toThrow();
		expect(readJournal(readFileSync(file))).toEqual({ updates: [u('b', 1)], torn: false });
		journal.drain();
		expect(batches).toEqual([[u('b', 1)]]);
		journal.close();
	});

	it('drains on its own after the delay, and keeps the updates journaled while the sink fails', async () => {
		const file = path.join(freshDir(), JOURNAL_FILE);
		const batches: StoredUpdate[][] = [];
		let failing = true;
		const errors: unknown[] = [];
		const journal = new UpdateJournal(
			file,
			(updates) => {
				if (failing) throw new Error('busy');
				batches.push([...updates]);
			},
			{ drainDelayMs: 5, onDrainError: (error) => errors.push(error) }
		);
		journal.append([u('b', 1)]);
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(errors.length).toBeGreaterThan(0);
		expect(journal.pendingCount).toBe(1);
		expect(readJournal(readFileSync(file)).updates).toEqual([u('b', 1)]);
		failing = false;
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(batches).toEqual([[u('b', 1)]]);
		expect(journal.pendingCount).toBe(0);
		journal.close();
	});
});

describe('the SQLite doc store with its journal', () => {
	const text = (updates: Uint8Array[]) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, Y.mergeUpdates(updates));
		return doc.getText('t').toString();
	};
	const edits = () => {
		const doc = new Y.Doc();
		const out: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => out.push(update));
		for (const letter of 'Fokus') doc.getText('t').insert(doc.getText('t').length, letter);
		return out;
	};

	it('keeps updates that were only journaled when the process died, and loads them in order', async () => {
		const dir = freshDir();
		const file = path.join(dir, 'fokusrunde.sqlite');
		const db = openDatabase(file);
		// Boards of no session go when the store opens again.
		await new SqliteSessionStore(db).createSession(sessionRecord('s', 'b'), []);
		const first = new SqliteDocStore(db, { drainDelayMs: 60_000 });
		const updates = edits();
		first.appendNow(updates.slice(0, 2).map((update) => ({ boardId: 'b', update })));
		expect(await first.loadUpdates('b')).toHaveLength(2); // reading drains the journal first
		for (const update of updates.slice(2)) first.appendNow([{ boardId: 'b', update }]);
		expect(readJournal(readFileSync(path.join(dir, JOURNAL_FILE))).updates).toHaveLength(3);
		// No close, no drain: as after kill -9 (the database is only released, as by the dying process).
		(first as unknown as { db: { close(): void } }).db.close();

		const second = new SqliteDocStore(openDatabase(file));
		const loaded = await second.loadUpdates('b');
		expect(loaded).toEqual(updates);
		expect(text(loaded)).toBe('Fokus');
		expect(statSync(path.join(dir, JOURNAL_FILE)).size).toBe(0);
	});

	it('loads a board correctly when a crash left updates both in the table and in the journal', async () => {
		const dir = freshDir();
		const file = path.join(dir, 'fokusrunde.sqlite');
		const db = openDatabase(file);
		// Boards of no session go when the store opens again.
		await new SqliteSessionStore(db).createSession(sessionRecord('s', 'b'), []);
		const first = new SqliteDocStore(db, { drainDelayMs: 60_000 });
		const updates = edits();
		first.appendNow(updates.map((update) => ({ boardId: 'b', update })));
		const journal = readFileSync(path.join(dir, JOURNAL_FILE));
		await first.loadUpdates('b'); // drained into the table, journal emptied…
		appendFileSync(path.join(dir, JOURNAL_FILE), journal); // …but as if the crash came just before that
		(first as unknown as { db: { close(): void } }).db.close();

		const second = new SqliteDocStore(openDatabase(file));
		const loaded = await second.loadUpdates('b');
		expect(loaded).toHaveLength(10);
		expect(text(loaded)).toBe('Fokus');
		expect(await second.compact('b', (all) => Y.mergeUpdates(all))).toBe(10);
		expect(text(await second.loadUpdates('b'))).toBe('Fokus');
	});

	it('drains the journal before compacting and deleting, so neither misses nor resurrects an update', async () => {
		const dir = freshDir();
		const store = new SqliteDocStore(openDatabase(path.join(dir, 'fokusrunde.sqlite')), {
			drainDelayMs: 60_000
		});
		const updates = edits();
		store.appendNow(updates.map((update) => ({ boardId: 'b', update })));
		expect(await store.compact('b', (all) => Y.mergeUpdates(all))).toBe(5);
		store.appendNow([{ boardId: 'gone', update: updates[0]! }]);
		store.appendNow([{ boardId: 'gone/drafts/p', update: updates[1]! }]);
		await store.deleteBoard('gone');
		expect(statSync(path.join(dir, JOURNAL_FILE)).size).toBe(0);
		expect(await store.loadUpdates('gone')).toEqual([]);
		expect(await store.loadUpdates('gone/drafts/p')).toEqual([]);
		expect(text(await store.loadUpdates('b'))).toBe('Fokus');
		store.settle();
		expect(existsSync(path.join(dir, JOURNAL_FILE))).toBe(false);
	});
});
