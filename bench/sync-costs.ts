/**
 * The server's fixed cost per received update, without sockets: the real
 * BoardSync with the real SQLite store (DATA_DIR in a temporary directory)
 * and the production policy, fed with the updates that the load generator's
 * participants produce (moves and typing), one update per event-loop turn as
 * at the benchmark's rates. Clients are stubs whose `send` only counts, so
 * what is measured is what the server does besides writing to sockets:
 *
 * - CPU time per received update (process.cpuUsage, user + system), and
 * - the time from the start of `receive` to the first frame handed to a
 *   client (the part of the propagation latency the server adds before
 *   relaying), as median and p99.
 *
 *   npx tsx bench/sync-costs.ts [--boards 4] [--clients 10] [--updates 20000] [--repeat 5] [--profile file]
 *
 * Being a plain script with relative imports, it can run in an older checkout
 * too, to compare before and after on the same machine at the same time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import * as Y from 'yjs';
import { createCard, moveCard, setCardText } from '../src/lib/domain/board/cards';
import { checkBoardUpdate } from '../src/lib/domain/board/update-policy';
import type { Actor } from '../src/lib/domain/session/roles';
import { createLogger } from '../server/log';
import { sqliteStores } from '../server/persistence/sqlite';
import type { BoardConnection, Transport } from '../server/realtime/yjs/board-room';
import { BoardSync, DEFAULT_SYNC_OPTIONS } from '../server/realtime/yjs/board-sync';
import { encodeUpdate } from '../server/realtime/yjs/messages';

const { values } = parseArgs({
	options: {
		boards: { type: 'string', default: '4' },
		clients: { type: 'string', default: '10' },
		updates: { type: 'string', default: '20000' },
		repeat: { type: 'string', default: '5' },
		/** Writes a V8 CPU profile of the measured part of the last round to this file. */
		profile: { type: 'string' }
	}
});
const boards = Number(values.boards);
const clients = Number(values.clients);
const total = Number(values.updates);
const repeat = Number(values.repeat);

/** Frames of one board's participants, in the order they send them. */
function boardFrames(): { frame: Uint8Array; client: number }[] {
	const docs = Array.from({ length: clients }, () => new Y.Doc());
	const frames: { frame: Uint8Array; client: number }[] = [];
	for (const [i, doc] of docs.entries()) {
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin === 'relay') return;
			frames.push({ frame: encodeUpdate(update), client: i });
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
	const perBoard = Math.ceil(total / boards);
	for (let k = 0; k < perBoard; k++) {
		const i = k % clients;
		const doc = docs[i]!;
		if (Math.floor(k / clients) % 2 === 0) {
			const place = places[i]!;
			place.x = Math.round(Math.min(1300, Math.max(0, place.x + (Math.random() - 0.5) * 80)));
			place.y = Math.round(Math.min(1000, Math.max(80, place.y + (Math.random() - 0.5) * 80)));
			moveCard(doc, `c${i}`, place.x, place.y);
		} else {
			const text = texts[i]!;
			texts[i] =
				(text.length >= 80 ? text.slice(20) : text) + 'abcdefghijklmnopqrstuvwxyz '[k % 27];
			setCardText(doc, `c${i}`, texts[i]!);
		}
	}
	return frames;
}

let received = 0;
let firstSend = Number.NaN;
class StubClient implements Transport {
	readonly bufferedAmount = 0;
	frames = 0;
	send(): void {
		this.frames++;
		if (Number.isNaN(firstSend)) firstSend = performance.now();
	}
	close(): void {}
}

let inspector: Session | null = null;
const post = (method: string, params?: object) =>
	new Promise<unknown>((resolve, reject) =>
		inspector!.post(method, params, (error, result) => (error ? reject(error) : resolve(result)))
	);

const quantile = (sorted: number[], q: number) =>
	sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function round(
	profile: boolean
): Promise<{ cpu: number; system: number; p50: number; p99: number }> {
	const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-sync-costs-'));
	const stores = sqliteStores(dir);
	const sync = new BoardSync(stores.docs, checkBoardUpdate, {
		...DEFAULT_SYNC_OPTIONS,
		// The stubs send far faster than a person types.
		rate: { capacity: 1e9, perSecond: 1e9 },
		unloadDelayMs: 0,
		log: createLogger('silent')
	});
	const streams: { frame: Uint8Array; connection: BoardConnection }[][] = [];
	for (let b = 0; b < boards; b++) {
		const connections: BoardConnection[] = [];
		for (let i = 0; i < clients; i++) {
			const actor = { role: 'participant', participantId: `p${i}`, sessionId: `s${b}` } as Actor;
			connections.push(await sync.join(`board${b}`, actor, new StubClient()));
		}
		streams.push(
			boardFrames().map(({ frame, client }) => ({ frame, connection: connections[client]! }))
		);
	}
	// Boards take turns, as clients of different boards do.
	const feed: { frame: Uint8Array; connection: BoardConnection }[] = [];
	for (let k = 0; feed.length < total + boards * clients; k++)
		for (const stream of streams) if (stream[k]) feed.push(stream[k]!);
	const warmup = Math.floor(feed.length / 5);
	const waits: number[] = [];
	let cpuStart = process.cpuUsage();
	for (const [n, { frame, connection }] of feed.entries()) {
		if (n === warmup) {
			await sync.idle();
			if (profile) {
				inspector = new Session();
				inspector.connect();
				await post('Profiler.enable');
				await post('Profiler.setSamplingInterval', { interval: 100 });
				await post('Profiler.start');
			}
			cpuStart = process.cpuUsage();
		}
		firstSend = Number.NaN;
		const start = performance.now();
		sync.receive(connection, frame);
		// One update per event-loop turn: what arrives in a turn is stored and relayed in it.
		await new Promise((resolve) => setImmediate(resolve));
		if (n >= warmup) waits.push(1000 * (firstSend - start));
		received++;
	}
	await sync.idle();
	const cpu = process.cpuUsage(cpuStart);
	if (profile) {
		const { profile: data } = (await post('Profiler.stop')) as { profile: unknown };
		inspector!.disconnect();
		writeFileSync(values.profile!, JSON.stringify(data));
	}
	await sync.close();
	await stores.close();
	rmSync(dir, { recursive: true, force: true });
	waits.sort((a, b) => a - b);
	return {
		cpu: (cpu.user + cpu.system) / (feed.length - warmup),
		system: cpu.system / (feed.length - warmup),
		p50: quantile(waits, 0.5),
		p99: quantile(waits, 0.99)
	};
}

const rounds: { cpu: number; system: number; p50: number; p99: number }[] = [];
for (let r = 0; r < repeat; r++) {
	const result = await round(values.profile !== undefined && r === repeat - 1);
	rounds.push(result);
	process.stdout.write(
		`round ${r + 1}: CPU ${result.cpu.toFixed(1)} µs per received update (system ${result.system.toFixed(1)}), until the first send p50 ${result.p50.toFixed(1)} µs, p99 ${result.p99.toFixed(1)} µs\n`
	);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.stdout.write(
	`median of ${repeat} rounds (${boards} boards × ${clients} clients, ${received / repeat} updates each): ` +
		`CPU ${median(rounds.map((r) => r.cpu)).toFixed(1)} µs per received update, ` +
		`until the first send p50 ${median(rounds.map((r) => r.p50)).toFixed(1)} µs, p99 ${median(rounds.map((r) => r.p99)).toFixed(1)} µs\n`
);
