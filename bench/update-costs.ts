/**
 * What the server does per update, step by step, without sockets: the same
 * decode, policy check, Y.applyUpdate and store steps as BoardSync (an SQLite
 * transaction per update, or a journal write with the journal moved into
 * SQLite 100 updates at a time), on the updates that the load generator's
 * participants produce (moves and typing), plus what merging a board's stored
 * updates (compaction) costs as the document grows. A hot loop: real servers
 * pay more per step (cold caches between messages); use it to compare steps
 * and to see how costs grow.
 *
 *   npx tsx bench/update-costs.ts [--clients 10] [--updates 20000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { createCard, moveCard, setCardText } from '../src/lib/domain/board/cards';
import { checkBoardUpdate } from '../src/lib/domain/board/update-policy';
import type { Actor } from '../src/lib/domain/session/roles';
import { sqliteStores } from '../server/persistence/sqlite';
import { UpdateJournal } from '../server/persistence/update-journal';
import { decodeMessage, encodeUpdate } from '../server/realtime/yjs/messages';
import { fixed, table } from './lib/stats';

const { values } = parseArgs({
	options: {
		clients: { type: 'string', default: '10' },
		updates: { type: 'string', default: '20000' }
	}
});
const clients = Number(values.clients);
const total = Number(values.updates);

// Participants' documents; every update goes to the others, as the server would relay it.
const docs = Array.from({ length: clients }, () => new Y.Doc());
const actors = docs.map(
	(_, i) => ({ role: 'participant', participantId: `p${i}`, sessionId: 's' }) as unknown as Actor
);
const frames: { frame: Uint8Array; actor: Actor }[] = [];
for (const [i, doc] of docs.entries()) {
	doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === 'relay') return;
		frames.push({ frame: encodeUpdate(update), actor: actors[i]! });
		for (const other of docs) if (other !== doc) Y.applyUpdate(other, update, 'relay');
	});
}
const texts = docs.map((_, i) => `Karte ${i}: `);
const places = docs.map((_, i) => ({ x: 24 + (i % 6) * 216, y: 80 + Math.floor(i / 6) * 40 }));
for (const [i, doc] of docs.entries())
	createCard(doc, {
		id: `c${i}`,
		area: 'challenges',
		authorId: `p${i}`,
		createdAt: 1,
		text: texts[i],
		...places[i]!
	});
for (let k = 0; k < total; k++) {
	const i = k % clients;
	const doc = docs[i]!;
	if (Math.floor(k / clients) % 2 === 0) {
		const place = places[i]!;
		place.x = Math.round(Math.min(1300, Math.max(0, place.x + (Math.random() - 0.5) * 80)));
		place.y = Math.round(Math.min(1000, Math.max(80, place.y + (Math.random() - 0.5) * 80)));
		moveCard(doc, `c${i}`, place.x, place.y);
	} else {
		const text = texts[i]!;
		texts[i] = (text.length >= 80 ? text.slice(20) : text) + 'abcdefghijklmnopqrstuvwxyz '[k % 27];
		setCardText(doc, `c${i}`, texts[i]!);
	}
}

const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-costs-'));
const stores = sqliteStores(dir);
// The journal in front of a second database, drained every JOURNAL_BATCH updates (the
// server drains on a timer; a hot loop never lets a timer run).
const journalDir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-costs-journal-'));
const journalStores = sqliteStores(journalDir);
const JOURNAL_BATCH = 100;
const journal = new UpdateJournal(
	path.join(journalDir, 'costs.journal'),
	(updates) => void journalStores.docs.appendUpdates(updates),
	{ drainDelayMs: 1e9 }
);
const server = new Y.Doc({ gc: true });
const spent = { decode: 0, policy: 0, apply: 0, store: 0, journal: 0, drain: 0 };
const compactions: string[][] = [];
let bytes = 0;
for (const [k, { frame, actor }] of frames.entries()) {
	let t = performance.now();
	const message = decodeMessage(frame);
	if (message.kind !== 'update') throw new Error('not an update');
	spent.decode += performance.now() - t;
	t = performance.now();
	const verdict = checkBoardUpdate(server, message.update, actor);
	if (!verdict.ok) throw new Error(`refused: ${verdict.detail}`);
	spent.policy += performance.now() - t;
	t = performance.now();
	Y.applyUpdate(server, message.update);
	spent.apply += performance.now() - t;
	t = performance.now();
	await stores.docs.appendUpdates([{ boardId: 'b', update: message.update }]);
	spent.store += performance.now() - t;
	t = performance.now();
	journal.append([{ boardId: 'b', update: message.update }]);
	spent.journal += performance.now() - t;
	if ((k + 1) % JOURNAL_BATCH === 0) {
		t = performance.now();
		journal.drain();
		spent.drain += performance.now() - t;
	}
	bytes += message.update.length;
	// Every 5000 updates: what one compaction of the board as it is now costs.
	if ((k + 1) % 5000 === 0 || k + 1 === 500) {
		t = performance.now();
		const state = Y.encodeStateAsUpdate(server);
		const encode = performance.now() - t;
		await stores.docs.compact('b', () => state, 2);
		const cost = performance.now() - t;
		// BoardSync merges after compactEvery (500) updates; a big board waits until the new
		// updates add up to its merged size, at most 4 × 500 (UNMERGED_LIMIT in board-sync.ts).
		const every = Math.min(2000, Math.max(500, state.length / (bytes / (k + 1))));
		compactions.push([
			String(k + 1),
			fixed(state.length / 1024, 1),
			fixed(encode, 2),
			fixed(cost, 2),
			fixed((1000 * cost) / 500, 1),
			fixed(every, 0),
			fixed((1000 * cost) / every, 1)
		]);
	}
}
// Loading a board after a restart: its merged state, then the updates stored after it.
const updates = frames.map(({ frame }) => {
	const message = decodeMessage(frame);
	if (message.kind !== 'update') throw new Error('not an update');
	return message.update;
});
const half = Math.floor(updates.length / 2);
const merged = new Y.Doc();
for (const update of updates.slice(0, half)) Y.applyUpdate(merged, update);
const mergedState = Y.encodeStateAsUpdate(merged);
const loads: string[][] = [];
for (const count of [500, 2000, 5000].filter((c) => c <= updates.length - half)) {
	const stored = [mergedState, ...updates.slice(half, half + count)];
	let t = performance.now();
	Y.applyUpdate(new Y.Doc(), Y.mergeUpdates(stored));
	const viaMerge = performance.now() - t;
	t = performance.now();
	const doc = new Y.Doc();
	doc.transact(() => {
		for (const update of stored) Y.applyUpdate(doc, update);
	});
	const oneByOne = performance.now() - t;
	loads.push([String(count), fixed(viaMerge, 1), fixed(oneByOne, 1)]);
}

await stores.close();
journal.close();
await journalStores.close();
rmSync(dir, { recursive: true, force: true });
rmSync(journalDir, { recursive: true, force: true });

const n = frames.length;
const us = (ms: number) => fixed((1000 * ms) / n, 1);
process.stdout.write(
	`${n} updates from ${clients} participants (moves and typing), ${fixed(bytes / n, 0)} bytes each on average\n\n` +
		table(
			['step, per update (hot loop)', 'µs'],
			[
				['decode the y-websocket frame', us(spent.decode)],
				['policy check (checkBoardUpdate)', us(spent.policy)],
				['Y.applyUpdate to the board document', us(spent.apply)],
				['SQLite append (one transaction)', us(spent.store)],
				['journal append (one write)', us(spent.journal)],
				[`journal into SQLite, ${JOURNAL_BATCH} per transaction`, us(spent.drain)]
			]
		) +
		'\n\nCompaction (merging the stored updates into one) as the board grows\n' +
		table(
			[
				'after updates',
				'state KB',
				'encode ms',
				'encode+store ms',
				'µs/update if every 500',
				'merged every',
				'µs/update'
			],
			compactions
		) +
		`\n\nLoading a board: its merged state (${fixed(mergedState.length / 1024, 1)} KB) and the updates stored after it\n` +
		table(
			['stored updates', 'Y.mergeUpdates, then apply: ms', 'apply one by one (BoardSync): ms'],
			loads
		) +
		'\n'
);
