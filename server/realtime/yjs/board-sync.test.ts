import * as decoding from 'lib0/decoding';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Awareness, applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { createCard, moveCard, readCards, setCardText } from '../../../src/lib/domain/board/cards';
import { checkBoardUpdate } from '../../../src/lib/domain/board/update-policy';
import type { Actor } from '../../../src/lib/domain/session/roles';
import { YJS_CLOSE } from '../../../src/lib/protocol/yjs';
import { createLogger } from '../../log';
import { MemoryDocStore } from '../../persistence/memory';
import type { StoredUpdate } from '../../persistence/ports';
import type { SyncDocStore } from '../../persistence/update-journal';
import { BoardRoom, type Transport } from './board-room';
import { BoardSync } from './board-sync';
import { encodeAwareness, encodeStep1, encodeUpdate } from './messages';

const log = createLogger('silent');
const events: string[] = [];

class RecordingStore extends MemoryDocStore {
	fail = false;
	override async appendUpdates(updates: readonly StoredUpdate[]): Promise<void> {
		if (this.fail) throw new Error('disk full');
		events.push(`store:${updates.length}`);
		return super.appendUpdates(updates);
	}
}

/** A store that stores synchronously, as the SQLite store with its journal does. */
class RecordingSyncStore extends RecordingStore implements SyncDocStore {
	retracted = 0;
	private last: readonly StoredUpdate[] = [];
	appendNow(updates: readonly StoredUpdate[]): void {
		if (this.fail) throw new Error('disk full');
		events.push(`store:${updates.length}`);
		void MemoryDocStore.prototype.appendUpdates.call(this, updates);
		this.last = updates;
	}
	retractLast(): void {
		const boards = (this as unknown as { boards: Map<string, Uint8Array[]> }).boards;
		for (const { boardId, update } of this.last) {
			const rows = boards.get(boardId)!;
			rows.splice(rows.lastIndexOf(update), 1);
			this.retracted++;
		}
		this.last = [];
	}
	settle(): void {}
}

class FakeClient implements Transport {
	readonly frames: Uint8Array[] = [];
	closed: { code: number; reason: string } | null = null;
	bufferedAmount = 0;
	constructor(readonly name: string) {}
	send(frame: Uint8Array): void {
		events.push(`send:${this.name}`);
		this.frames.push(frame);
	}
	close(code: number, reason: string): void {
		this.closed = { code, reason };
	}
	/** Applies every sync payload received so far to a fresh document. */
	doc(): Y.Doc {
		const doc = new Y.Doc();
		for (const frame of this.frames) {
			const d = decoding.createDecoder(frame);
			if (decoding.readVarUint(d) !== 0) continue;
			if (decoding.readVarUint(d) === 0) continue;
			Y.applyUpdate(doc, decoding.readVarUint8Array(d));
		}
		return doc;
	}
}

const actor = (participantId: string, role: Actor['role'] = 'participant'): Actor => ({
	sessionId: 's',
	participantId,
	role
});

function cardUpdate(authorId: string, id = 'c1', text = 'Hallo'): Uint8Array {
	const doc = new Y.Doc();
	createCard(doc, { id, area: 'challenges', authorId, createdAt: 1, text });
	return Y.encodeStateAsUpdate(doc);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

let sync: BoardSync;
let store: RecordingStore;
/** Which path of the sync loop the tests run: batched per tick, or synchronous. */
let mode: 'batched' | 'synchronous' = 'batched';
function setup(overrides: Partial<ConstructorParameters<typeof BoardSync>[2]> = {}) {
	events.length = 0;
	store = mode === 'batched' ? new RecordingStore() : new RecordingSyncStore();
	sync = new BoardSync(store, checkBoardUpdate, {
		unloadDelayMs: 0,
		compactEvery: 1000,
		rate: { capacity: 100, perSecond: 10 },
		bytes: { capacity: 1 << 24, perSecond: 1 << 20 },
		maxBufferedBytes: 1 << 20,
		log,
		...overrides
	});
}
afterEach(async () => sync.close());

describe.each(['batched', 'synchronous'] as const)('the sync loop (%s store)', (path) => {
	beforeEach(() => {
		mode = path;
	});

	it('stores an update before relaying the same bytes to every other client, never back to its sender', async () => {
		setup();
		const a = new FakeClient('a');
		const b = new FakeClient('b');
		const ca = await sync.join('board', actor('alice'), a);
		await sync.join('board', actor('bob'), b);
		events.length = 0;
		const frame = encodeUpdate(cardUpdate('alice'));
		sync.receive(ca, frame);
		await sync.idle();
		expect(events).toEqual(['store:1', 'send:b']);
		expect(b.frames.at(-1)).toBe(frame);
		expect(a.frames.some((f) => f === frame)).toBe(false);
		expect(readCards(b.doc()).map((c) => c.text)).toEqual(['Hallo']);
	});

	it('ends only the connection whose frame fails unexpectedly, and goes on for everyone else', async () => {
		setup();
		events.length = 0;
		let broken = true;
		sync = new BoardSync(
			store,
			(doc, update, who, context) => {
				if (broken && who.participantId === 'mallory') throw new Error('a bug nobody foresaw');
				return checkBoardUpdate(doc, update, who, context);
			},
			{
				unloadDelayMs: 0,
				compactEvery: 1000,
				rate: { capacity: 100, perSecond: 10 },
				bytes: { capacity: 1 << 24, perSecond: 1 << 20 },
				maxBufferedBytes: 1 << 20,
				log
			}
		);
		const m = new FakeClient('m');
		const a = new FakeClient('a');
		const b = new FakeClient('b');
		const cm = await sync.join('board', actor('mallory'), m);
		const ca = await sync.join('board', actor('alice'), a);
		await sync.join('board', actor('bob'), b);
		expect(() => sync.receive(cm, encodeUpdate(cardUpdate('mallory', 'm1')))).not.toThrow();
		expect(m.closed?.code).toBe(YJS_CLOSE.malformed);
		broken = false;
		sync.receive(ca, encodeUpdate(cardUpdate('alice')));
		await sync.idle();
		expect(readCards(b.doc()).map((c) => c.id)).toEqual(['c1']);
		expect(a.closed).toBeNull();
	});

	it('closes a person’s connections once they send more bytes than the board may pass on to everyone', async () => {
		let now = 0;
		setup({ bytes: { capacity: 2000, perSecond: 100 }, now: () => now });
		const m1 = new FakeClient('m1');
		const m2 = new FakeClient('m2');
		const b = new FakeClient('b');
		const cm1 = await sync.join('board', actor('mallory'), m1);
		const cm2 = await sync.join('board', actor('mallory'), m2);
		const cb = await sync.join('board', actor('bob'), b);
		// Presence renewals of 600 bytes, alternately on two connections: one budget for both.
		const doc = new Y.Doc();
		const awareness = new Awareness(doc);
		const renewal = () => {
			awareness.setLocalState({ note: 'x'.repeat(560) });
			return encodeAwareness(encodeAwarenessUpdate(awareness, [doc.clientID]));
		};
		sync.receive(cm1, renewal());
		sync.receive(cm2, renewal());
		sync.receive(cm1, renewal());
		expect(m1.closed).toBeNull();
		sync.receive(cm2, renewal());
		expect(m2.closed?.code).toBe(YJS_CLOSE.rateLimited);
		// Bob's budget is his own; Mallory's comes back with time.
		sync.receive(cb, encodeUpdate(cardUpdate('bob')));
		expect(b.closed).toBeNull();
		now += 10_000;
		sync.receive(cm1, renewal());
		expect(m1.closed).toBeNull();
		awareness.destroy();
	});

	// Only the batched path gathers a tick's updates; the synchronous one stores each at once.
	if (path === 'batched')
		it('stores all updates that arrive in one tick in one write', async () => {
			setup();
			const clients = await Promise.all(
				['a', 'b', 'c'].map((n) => sync.join('board', actor(n), new FakeClient(n)))
			);
			events.length = 0;
			clients.forEach((c, i) =>
				sync.receive(c, encodeUpdate(cardUpdate(c.actor.participantId, `k${i}`)))
			);
			await sync.idle();
			expect(events.filter((e) => e.startsWith('store'))).toEqual(['store:3']);
		});

	it('answers a joiner only with stored content, from a state encoded once per change', async () => {
		setup();
		const a = new FakeClient('a');
		const ca = await sync.join('board', actor('alice'), a);
		sync.receive(ca, encodeUpdate(cardUpdate('alice')));
		const late = new FakeClient('late');
		const cl = await sync.join('board', actor('late'), late);
		events.length = 0;
		sync.receive(cl, encodeStep1(Y.encodeStateVector(new Y.Doc())));
		await sync.idle();
		expect(events.indexOf('store:1')).toBeLessThan(events.lastIndexOf('send:late'));
		expect(readCards(late.doc()).map((c) => c.text)).toEqual(['Hallo']);
		expect(cl.room.stateFor(Y.encodeStateVector(new Y.Doc()))).toBe(
			cl.room.stateFor(Y.encodeStateVector(new Y.Doc()))
		);
	});

	it('closes only the connection that sends a malformed frame', async () => {
		setup();
		const bad = new FakeClient('bad');
		const good = new FakeClient('good');
		const other = new FakeClient('other');
		const cbad = await sync.join('board', actor('mallory'), bad);
		const cgood = await sync.join('board', actor('alice'), good);
		await sync.join('board', actor('bob'), other);
		for (const junk of [
			new Uint8Array([0, 2, 200]),
			new Uint8Array([9, 9]),
			new Uint8Array([0, 2, 3, 1, 2, 3])
		]) {
			sync.receive(cbad, junk);
		}
		expect(bad.closed?.code).toBe(YJS_CLOSE.malformed);
		sync.receive(cgood, encodeUpdate(cardUpdate('alice')));
		await sync.idle();
		expect(readCards(other.doc())).toHaveLength(1);
		expect(good.closed).toBeNull();
	});

	it('refuses a forbidden update: nothing stored, nothing relayed, the sender resynchronises', async () => {
		setup();
		const a = new FakeClient('a');
		const m = new FakeClient('m');
		const ca = await sync.join('board', actor('alice'), a);
		const cm = await sync.join('board', actor('mallory'), m);
		sync.receive(ca, encodeUpdate(cardUpdate('alice')));
		await sync.idle();
		const forged = new Y.Doc();
		Y.applyUpdate(forged, Y.encodeStateAsUpdate(ca.room.doc));
		const before = Y.encodeStateVector(forged);
		setCardText(forged, 'c1', 'gekapert');
		events.length = 0;
		sync.receive(cm, encodeUpdate(Y.encodeStateAsUpdate(forged, before)));
		await sync.idle();
		expect(m.closed?.code).toBe(YJS_CLOSE.forbidden);
		expect(events).toEqual([]);
		expect(readCards(ca.room.doc)[0]!.text).toBe('Hallo');
	});

	it('closes a connection that floods', async () => {
		setup({ rate: { capacity: 5, perSecond: 1 } });
		const f = new FakeClient('f');
		const cf = await sync.join('board', actor('flood'), f);
		for (let i = 0; i < 10; i++) sync.receive(cf, encodeStep1(new Uint8Array([0])));
		expect(f.closed?.code).toBe(YJS_CLOSE.rateLimited);
	});

	it('relays nothing it could not store and drops the board so clients resend', async () => {
		setup();
		const a = new FakeClient('a');
		const b = new FakeClient('b');
		const ca = await sync.join('board', actor('alice'), a);
		await sync.join('board', actor('bob'), b);
		store.fail = true;
		const framesBefore = b.frames.length;
		sync.receive(ca, encodeUpdate(cardUpdate('alice')));
		await sync.idle();
		expect(b.frames.length).toBe(framesBefore);
		expect(a.closed?.code).toBe(YJS_CLOSE.unavailable);
		expect(b.closed?.code).toBe(YJS_CLOSE.unavailable);
		expect(sync.loadedBoards).toBe(0);
	});

	it('unloads a board nobody is connected to, merges its stored updates and loads it again', async () => {
		setup();
		const a = new FakeClient('a');
		const ca = await sync.join('board', actor('alice'), a);
		for (let i = 0; i < 5; i++) {
			sync.receive(ca, encodeUpdate(cardUpdate('alice', `c${i}`, `Karte ${i}`)));
			await sync.idle();
		}
		expect(await store.loadUpdates('board')).toHaveLength(5);
		sync.leave(ca);
		await settle();
		await sync.idle();
		expect(sync.loadedBoards).toBe(0);
		expect(await store.loadUpdates('board')).toHaveLength(1);
		const again = new FakeClient('again');
		const cagain = await sync.join('board', actor('bob'), again);
		sync.receive(cagain, encodeStep1(new Uint8Array([0])));
		await sync.idle();
		expect(
			readCards(again.doc())
				.map((c) => c.text)
				.sort()
		).toEqual([0, 1, 2, 3, 4].map((i) => `Karte ${i}`));
	});

	it('merges stored updates only once they outweigh the merged board, and at the latest after four rounds', async () => {
		setup({ compactEvery: 10 });
		const a = new FakeClient('a');
		const ca = await sync.join('board', actor('alice'), a);
		// A large first card makes the merged board big compared with the small moves that follow.
		sync.receive(ca, encodeUpdate(cardUpdate('alice', 'big', 'x'.repeat(900))));
		await sync.idle();
		const moves = new Y.Doc();
		Y.applyUpdate(moves, Y.encodeStateAsUpdate(ca.room.doc));
		const rowsAfter: number[] = [];
		for (let i = 1; i <= 60; i++) {
			const before = Y.encodeStateVector(moves);
			moveCard(moves, 'big', 24 + i, 80);
			sync.receive(ca, encodeUpdate(Y.encodeStateAsUpdate(moves, before)));
			await sync.idle();
			rowsAfter.push((await store.loadUpdates('board')).length);
		}
		// The first merge comes after 10 updates; then small moves pile up past 10 rows
		// because together they stay smaller than the board...
		const firstMerge = rowsAfter.indexOf(1);
		expect(firstMerge).toBeGreaterThanOrEqual(0);
		const peak = Math.max(...rowsAfter.slice(firstMerge));
		expect(peak).toBeGreaterThan(20);
		// ...and are merged at the latest after 4 × 10 of them.
		expect(peak).toBeLessThanOrEqual(40);
		expect(rowsAfter.lastIndexOf(1)).toBeGreaterThan(firstMerge);
		const reloaded = new Y.Doc();
		Y.applyUpdate(reloaded, Y.mergeUpdates(await store.loadUpdates('board')));
		expect(readCards(reloaded)[0]).toMatchObject({ x: 24 + 60, text: 'x'.repeat(900) });
	});

	it('relays presence to everyone on the board, once, and removes it when a client leaves', async () => {
		setup();
		const a = new FakeClient('a');
		const b = new FakeClient('b');
		const ca = await sync.join('board', actor('alice'), a);
		const cb = await sync.join('board', actor('bob'), b);
		const presence = new Awareness(new Y.Doc());
		presence.setLocalState({ user: { name: 'Alice' } });
		const frame = encodeAwareness(encodeAwarenessUpdate(presence, [presence.clientID]));
		sync.receive(ca, frame);
		expect(a.frames.at(-1)).toBe(frame);
		expect(b.frames.at(-1)).toBe(frame);
		const watcher = new Awareness(new Y.Doc());
		const applyFrame = (f: Uint8Array) => {
			const d = decoding.createDecoder(f);
			expect(decoding.readVarUint(d)).toBe(1);
			applyAwarenessUpdate(watcher, decoding.readVarUint8Array(d), 'server');
		};
		applyFrame(b.frames.at(-1)!);
		expect(watcher.getStates().get(presence.clientID)).toEqual({ user: { name: 'Alice' } });
		// Bob's stock client sends Alice's presence back as it received it: it goes back to Bob only.
		const [toAlice, toBob] = [a.frames.length, b.frames.length];
		sync.receive(cb, frame);
		expect(a.frames.length).toBe(toAlice);
		expect(b.frames.length).toBe(toBob + 1);
		// Alice's next change (a new clock) goes out again; so does her 15-second renewal.
		presence.setLocalStateField('cursor', { x: 10, y: 20 });
		const moved = encodeAwareness(encodeAwarenessUpdate(presence, [presence.clientID]));
		sync.receive(ca, moved);
		expect(b.frames.at(-1)).toBe(moved);
		sync.leave(ca);
		applyFrame(b.frames.at(-1)!);
		expect(watcher.getStates().has(presence.clientID)).toBe(false);
		// Alice comes back with the same client id (a reconnect) and leaves again: Bob is told both times.
		const again = await sync.join('board', actor('alice'), new FakeClient('a2'));
		presence.setLocalStateField('cursor', { x: 30, y: 40 });
		presence.setLocalStateField('cursor', { x: 31, y: 40 });
		sync.receive(again, encodeAwareness(encodeAwarenessUpdate(presence, [presence.clientID])));
		applyFrame(b.frames.at(-1)!);
		expect(watcher.getStates().get(presence.clientID)).toMatchObject({ cursor: { x: 31 } });
		sync.leave(again);
		applyFrame(b.frames.at(-1)!);
		expect(watcher.getStates().has(presence.clientID)).toBe(false);
		presence.destroy();
		watcher.destroy();
	});

	it('forgets the clock of a presence that left, a minute later (it grew with every reconnect)', async () => {
		vi.useFakeTimers();
		try {
			setup();
			await sync.join('board', actor('bob'), new FakeClient('b'));
			const ca = await sync.join('board', actor('alice'), new FakeClient('a'));
			const presence = new Awareness(new Y.Doc());
			presence.setLocalState({ user: { name: 'Alice' } });
			sync.receive(ca, encodeAwareness(encodeAwarenessUpdate(presence, [presence.clientID])));
			// A second page's presence, which its client took away itself before leaving.
			const other = new Awareness(new Y.Doc());
			other.setLocalState({ user: { name: 'Alice, Tab 2' } });
			sync.receive(ca, encodeAwareness(encodeAwarenessUpdate(other, [other.clientID])));
			other.setLocalState(null);
			sync.receive(ca, encodeAwareness(encodeAwarenessUpdate(other, [other.clientID])));
			const room = ca.room;
			sync.leave(ca);
			expect(room.awareness.meta.has(presence.clientID)).toBe(true);
			expect(room.awareness.meta.has(other.clientID)).toBe(true);
			vi.advanceTimersByTime(61_000);
			expect(room.awareness.meta.has(presence.clientID)).toBe(false);
			expect(room.awareness.meta.has(other.clientID)).toBe(false);
			presence.destroy();
			other.destroy();
		} finally {
			vi.useRealTimers();
		}
	});

	it('disconnects a client that does not read', async () => {
		setup();
		const a = new FakeClient('a');
		const slow = new FakeClient('slow');
		const ca = await sync.join('board', actor('alice'), a);
		await sync.join('board', actor('slow'), slow);
		slow.bufferedAmount = 2 << 20;
		sync.receive(ca, encodeUpdate(cardUpdate('alice')));
		await sync.idle();
		expect(slow.closed?.code).toBe(YJS_CLOSE.tryAgainLater);
	});
});

describe('the sync loop with a synchronous store', () => {
	beforeEach(() => {
		mode = 'synchronous';
	});

	it('stores and relays an update within the call that received it, then applies it for the next check', async () => {
		setup();
		const a = new FakeClient('a');
		const b = new FakeClient('b');
		const ca = await sync.join('board', actor('alice'), a);
		await sync.join('board', actor('bob'), b);
		events.length = 0;
		const doc = new Y.Doc();
		const updates: Uint8Array[] = [];
		doc.on('update', (update: Uint8Array) => updates.push(update));
		createCard(doc, { id: 'c1', area: 'challenges', authorId: 'alice', createdAt: 1, text: 'H' });
		setCardText(doc, 'c1', 'Hallo');
		moveCard(doc, 'c1', 300, 200);
		// No await in between: each update's check needs the one before applied.
		for (const update of updates) sync.receive(ca, encodeUpdate(update));
		expect(events).toEqual(updates.flatMap(() => ['store:1', 'send:b']));
		expect(readCards(ca.room.doc)[0]).toMatchObject({ text: 'Hallo', x: 300, y: 200 });
		expect(readCards(b.doc())[0]).toMatchObject({ text: 'Hallo', x: 300, y: 200 });
		expect(a.closed).toBeNull();
	});

	it('answers a joiner at once: the document holds only stored updates', async () => {
		setup();
		const ca = await sync.join('board', actor('alice'), new FakeClient('a'));
		sync.receive(ca, encodeUpdate(cardUpdate('alice')));
		const late = new FakeClient('late');
		const cl = await sync.join('board', actor('late'), late);
		sync.receive(cl, encodeStep1(Y.encodeStateVector(new Y.Doc())));
		expect(readCards(late.doc()).map((c) => c.text)).toEqual(['Hallo']);
	});

	it('takes back an update that passed the check but that Yjs cannot apply, and reloads the board for everyone', async () => {
		setup();
		const a = new FakeClient('a');
		const b = new FakeClient('b');
		const ca = await sync.join('board', actor('alice'), a);
		await sync.join('board', actor('bob'), b);
		sync.receive(ca, encodeUpdate(cardUpdate('alice', 'c1', 'bleibt')));
		const apply = vi.spyOn(BoardRoom.prototype, 'apply').mockImplementationOnce(() => {
			throw new Error('cannot integrate');
		});
		try {
			sync.receive(ca, encodeUpdate(cardUpdate('alice', 'c2', 'geht')));
		} finally {
			apply.mockRestore();
		}
		expect((store as RecordingSyncStore).retracted).toBe(1);
		expect(a.closed?.code).toBe(YJS_CLOSE.malformed);
		// Yjs may have applied part of it: the others reconnect to the board as it is stored.
		expect(b.closed?.code).toBe(YJS_CLOSE.tryAgainLater);
		expect(await store.loadUpdates('board')).toHaveLength(1);
		const again = new Y.Doc();
		Y.applyUpdate(again, Y.mergeUpdates(await store.loadUpdates('board')));
		expect(readCards(again).map((c) => c.text)).toEqual(['bleibt']);
		const c = new FakeClient('c');
		const cc = await sync.join('board', actor('carla'), c);
		sync.receive(cc, encodeStep1(Y.encodeStateVector(new Y.Doc())));
		expect(readCards(c.doc()).map((card) => card.text)).toEqual(['bleibt']);
		// Its sender, who made everyone reload, writes nothing for a while (others still do).
		const back = new FakeClient('a2');
		const cback = await sync.join('board', actor('alice'), back);
		sync.receive(cback, encodeUpdate(cardUpdate('alice', 'c3', 'gleich wieder')));
		expect(back.closed?.code).toBe(YJS_CLOSE.rateLimited);
		sync.receive(cc, encodeUpdate(cardUpdate('carla', 'c4', 'weiter')));
		expect(c.closed).toBeNull();
	});

	it('stores a change the server makes before sending it to everyone', async () => {
		setup();
		const a = new FakeClient('a');
		await sync.join('board', actor('alice'), a);
		events.length = 0;
		await sync.change('board', 's', (doc) =>
			createCard(doc, {
				id: 'r1',
				area: 'challenges',
				authorId: 'alice',
				createdAt: 1,
				text: 'Aufgedeckt'
			})
		);
		expect(events).toEqual(['store:1', 'send:a']);
		expect(readCards(a.doc()).map((c) => c.text)).toEqual(['Aufgedeckt']);
	});
});

describe('a loaded board', () => {
	it('keeps one encoded state for joiners until the board changes', () => {
		const room = new BoardRoom('b', 's');
		const empty = Y.encodeStateVector(new Y.Doc());
		const first = room.stateFor(empty);
		expect(room.stateFor(empty)).toBe(first);
		room.apply(cardUpdate('alice'), null);
		expect(room.stateFor(empty)).not.toBe(first);
		room.destroy();
	});
});
