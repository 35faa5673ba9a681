import type { ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCard, moveCard, readCards, setCardText } from '../../src/lib/domain/board/cards';
import { encodeRecords, JOURNAL_FILE, readJournal } from '../../server/persistence/update-journal';
import {
	connectBoard,
	createSession,
	joinSession,
	spawnServer,
	tempDataDir,
	until
} from '../helpers/server';

const dirs: { remove(): void }[] = [];
const children: ChildProcess[] = [];
const providers: { destroy(): void }[] = [];

afterAll(() => {
	providers.forEach((p) => p.destroy());
	children.forEach((c) => c.kill('SIGKILL'));
	dirs.forEach((d) => d.remove());
});

const exited = (child: ChildProcess) =>
	new Promise<void>((resolve) => child.once('exit', () => resolve()));

describe('the update journal', () => {
	it('keeps every update another client has seen through kill -9, a torn journal tail and a restart', async () => {
		const data = tempDataDir();
		dirs.push(data);
		const first = await spawnServer(data.dir);
		children.push(first.child);
		const s = await createSession(first.url);
		const alice = await joinSession(first.url, s, 'Alice');
		const bob = await joinSession(first.url, s, 'Bob');
		const a = connectBoard(first.url, s.boardId, alice.token);
		const b = connectBoard(first.url, s.boardId, bob.token);
		providers.push(a.provider, b.provider);
		await Promise.all([a.synced, b.synced]);

		// A burst of separate updates: each one its own message, stored and relayed on its own.
		createCard(a.doc, {
			id: 'burst',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 1,
			text: ''
		});
		let text = '';
		for (let i = 0; i < 40; i++) {
			if (i % 2 === 0) moveCard(a.doc, 'burst', 100 + i, 200 + i);
			else setCardText(a.doc, 'burst', (text += 'abcdefghij'[i % 10]));
		}
		await until(
			() => readCards(b.doc)[0]?.text === text && readCards(b.doc)[0]?.x === 138,
			5000,
			'bob receives the burst'
		);

		const gone = exited(first.child);
		first.child.kill('SIGKILL');
		await gone;
		a.provider.destroy();
		b.provider.destroy();

		// Bob saw the burst well within the journal's drain delay: it was in the journal only.
		const journal = path.join(data.dir, JOURNAL_FILE);
		const left = readJournal(readFileSync(journal));
		expect(left.torn).toBe(false);
		expect(left.updates.length).toBeGreaterThan(0);
		// The process died in the middle of a further write (one that never returned).
		appendFileSync(
			journal,
			encodeRecords([{ boardId: s.boardId, update: new Uint8Array(40) }]).subarray(0, 20)
		);

		const second = await spawnServer(data.dir);
		children.push(second.child);
		const c = connectBoard(second.url, s.boardId, bob.token);
		providers.push(c.provider);
		await c.synced;
		expect(readCards(c.doc)).toMatchObject([{ id: 'burst', text, x: 138, y: 238 }]);
		// The replay moved everything into the database and emptied the journal.
		expect(readFileSync(journal).length).toBe(0);

		// A graceful stop leaves everything in the database and no journal.
		const stopped = exited(second.child);
		second.child.kill('SIGTERM');
		await stopped;
		expect(existsSync(journal)).toBe(false);
	});
});
