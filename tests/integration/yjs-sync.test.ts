import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type { RunningServer } from '../../server/index';
import { createCard, deleteCard, readCards, setCardText } from '../../src/lib/domain/board/cards';
import { CARDS_PER_PARTICIPANT_MAX } from '../../src/lib/domain/board/card-limit';
import {
	YJS_CLOSE,
	YJS_CONNECTIONS_PER_PERSON,
	YJS_OPENS_PER_PERSON
} from '../../src/lib/protocol/yjs';
import {
	api,
	connectBoard,
	createSession,
	joinSession,
	startTestServer,
	tempDataDir,
	until
} from '../helpers/server';

let server: RunningServer;
let base: string;
const data = tempDataDir();
const cleanup: (() => void)[] = [];

beforeAll(async () => {
	server = await startTestServer(data.dir);
	base = server.url;
});
afterAll(async () => {
	cleanup.forEach((fn) => fn());
	await server.close();
	data.remove();
});

function board(boardId: string, token: string | null) {
	const client = connectBoard(base, boardId, token);
	cleanup.push(() => client.provider.destroy());
	return client;
}

/** A raw websocket to the board endpoint: resolves with the HTTP status of a refused upgrade, or the open socket. */
function rawSocket(
	url: string,
	headers: Record<string, string> = {}
): Promise<{ status: number } | { ws: WebSocket }> {
	return new Promise((resolve) => {
		const ws = new WebSocket(url, { headers });
		ws.on('unexpected-response', (_req, res) => resolve({ status: res.statusCode ?? 0 }));
		ws.on('open', () => resolve({ ws }));
		ws.on('error', () => {});
	});
}

const closed = (ws: WebSocket) =>
	new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));

describe('board sync with stock y-websocket clients', () => {
	it('two participants converge on cards they add, edit and delete', async () => {
		const s = await createSession(base);
		const alice = await joinSession(base, s, 'Alice');
		const bob = await joinSession(base, s, 'Bob');
		const a = board(s.boardId, alice.token);
		const b = board(s.boardId, bob.token);
		await Promise.all([a.synced, b.synced]);
		createCard(a.doc, {
			id: 'a1',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 1,
			text: 'Vergaberecht'
		});
		createCard(b.doc, {
			id: 'b1',
			area: 'potentials',
			authorId: bob.participantId,
			createdAt: 2,
			text: 'Repair-Café'
		});
		await until(
			() => readCards(a.doc).length === 2 && readCards(b.doc).length === 2,
			5000,
			'both cards'
		);
		setCardText(a.doc, 'a1', 'Vergaberecht ist komplex');
		deleteCard(b.doc, 'b1');
		await until(
			() =>
				readCards(b.doc)[0]?.text === 'Vergaberecht ist komplex' && readCards(a.doc).length === 1,
			5000,
			'edit and delete'
		);
		expect(readCards(a.doc)).toEqual(readCards(b.doc));
	});

	it('gives nothing to a wrong, missing or foreign token', async () => {
		const s = await createSession(base);
		const other = await createSession(base);
		const ws = `${base.replace('http', 'ws')}/yjs/${s.boardId}`;
		expect(await rawSocket(ws)).toEqual({ status: 401 });
		expect(await rawSocket(`${ws}?token=${'A'.repeat(43)}`)).toEqual({ status: 401 });
		expect(await rawSocket(`${ws}?token=${other.facilitatorToken}`)).toEqual({ status: 403 });
		// The same credential in an Authorization header (as over HTTP), for clients that can send one.
		const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
		expect(await rawSocket(ws, bearer('A'.repeat(43)))).toEqual({ status: 401 });
		expect(await rawSocket(ws, bearer(other.facilitatorToken))).toEqual({ status: 403 });
		const viaHeader = await rawSocket(ws, bearer(s.facilitatorToken));
		expect('ws' in viaHeader).toBe(true);
		if ('ws' in viaHeader) viaHeader.ws.close();
		expect(
			await rawSocket(`${base.replace('http', 'ws')}/yjs/nosuchboard?token=${s.facilitatorToken}`)
		).toEqual({ status: 404 });

		const intruder = board(s.boardId, other.facilitatorToken);
		const owner = board(s.boardId, s.facilitatorToken);
		await owner.synced;
		createCard(owner.doc, {
			id: 'secret',
			area: 'challenges',
			authorId: s.facilitatorId,
			createdAt: 1,
			text: 'nur für uns'
		});
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(intruder.provider.synced).toBe(false);
		expect(readCards(intruder.doc)).toEqual([]);
	});

	it('closes a connection that sends a malformed or oversized frame; the others keep syncing', async () => {
		const s = await createSession(base);
		const p = await joinSession(base, s, 'P');
		const a = board(s.boardId, s.facilitatorToken);
		const b = board(s.boardId, p.token);
		await Promise.all([a.synced, b.synced]);
		const url = `${base.replace('http', 'ws')}/yjs/${s.boardId}?token=${p.token}`;

		const bad = await rawSocket(url);
		if (!('ws' in bad)) throw new Error('expected an open socket');
		const badClosed = closed(bad.ws);
		bad.ws.send(new Uint8Array([0, 2, 0xff, 0xff, 0xff, 0xff, 0x0f, 1]));
		expect(await badClosed).toBe(YJS_CLOSE.malformed);

		// A sync step 1 whose state vector is empty, cut short or runs on: answering it used to throw
		// outside any handler, and the whole server process ended.
		for (const step1 of [
			[0, 0, 0],
			[0, 0, 1, 5],
			[0, 0, 2, 1, 7],
			[0, 0, 4, 1, 7, 3, 9]
		]) {
			const odd = await rawSocket(url);
			if (!('ws' in odd)) throw new Error('expected an open socket');
			const oddClosed = closed(odd.ws);
			odd.ws.send(new Uint8Array(step1));
			expect(await oddClosed, JSON.stringify(step1)).toBe(YJS_CLOSE.malformed);
		}
		expect((await fetch(`${base}/healthz`)).status).toBe(200);

		// An update of one struct whose parent is itself (17 bytes): the check walked up from it
		// for ever, and the whole server stopped answering.
		const loop = await rawSocket(url);
		if (!('ws' in loop)) throw new Error('expected an open socket');
		const loopClosed = closed(loop.ws);
		loop.ws.send(Buffer.from('00020e01014d0028004d000178017d0100', 'hex'));
		expect(await loopClosed).toBe(YJS_CLOSE.malformed);
		expect((await fetch(`${base}/healthz`)).status).toBe(200);

		const big = await rawSocket(url);
		if (!('ws' in big)) throw new Error('expected an open socket');
		const bigClosed = closed(big.ws);
		big.ws.send(new Uint8Array(1024 * 1024 + 16));
		expect(await bigClosed).toBe(YJS_CLOSE.tooLarge);

		const text = await rawSocket(url);
		if (!('ws' in text)) throw new Error('expected an open socket');
		const textClosed = closed(text.ws);
		text.ws.send('hello');
		expect(await textClosed).toBe(YJS_CLOSE.malformed);

		createCard(a.doc, {
			id: 'after',
			area: 'next-steps',
			authorId: s.facilitatorId,
			createdAt: 1,
			text: 'weiter geht’s'
		});
		await until(
			() => readCards(b.doc).some((c) => c.id === 'after'),
			5000,
			'card after bad frames'
		);
	});

	it('refuses an upgrade to a path with broken percent-encoding with 404', async () => {
		const result = await rawSocket(`${base.replace('http', 'ws')}/yjs/%E0?token=x`);
		expect(result).toEqual({ status: 404 });
	});

	it('refuses a participant’s change to another’s card and resynchronises them', async () => {
		const s = await createSession(base);
		const alice = await joinSession(base, s, 'Alice');
		const mallory = await joinSession(base, s, 'Mallory');
		const a = board(s.boardId, alice.token);
		await a.synced;
		createCard(a.doc, {
			id: 'mine',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 1,
			text: 'Alice’ Karte'
		});
		const m = board(s.boardId, mallory.token);
		await m.synced;
		await until(() => readCards(m.doc).length === 1, 5000, 'card at mallory');
		const closes: number[] = [];
		m.provider.on(
			'connection-close',
			(event: CloseEvent | null) => event && closes.push(event.code)
		);
		deleteCard(m.doc, 'mine');
		await until(() => closes.includes(YJS_CLOSE.forbidden), 5000, 'forbidden close');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(readCards(a.doc).map((c) => c.id)).toEqual(['mine']);
		const fresh = board(s.boardId, alice.token);
		await fresh.synced;
		expect(readCards(fresh.doc).map((c) => c.id)).toEqual(['mine']);
	});

	it('closes a participant’s card past their limit with 4413 and keeps it from everyone, while they still edit', async () => {
		const s = await createSession(base);
		const alice = await joinSession(base, s, 'Alice');
		const bob = await joinSession(base, s, 'Bob');
		const a = board(s.boardId, alice.token);
		const b = board(s.boardId, bob.token);
		await Promise.all([a.synced, b.synced]);
		const card = (id: string) => ({
			id,
			area: 'challenges' as const,
			authorId: alice.participantId,
			createdAt: 1,
			text: id,
			x: 0,
			y: 0
		});
		a.doc.transact(() => {
			for (let i = 0; i < CARDS_PER_PARTICIPANT_MAX; i++) createCard(a.doc, card(`a${i}`));
		});
		await until(() => readCards(b.doc).length === CARDS_PER_PARTICIPANT_MAX, 5000, 'cards at bob');
		const closes: { code: number; reason: string }[] = [];
		a.provider.on(
			'connection-close',
			(event: CloseEvent | null) => event && closes.push({ code: event.code, reason: event.reason })
		);
		createCard(a.doc, card('one-too-many'));
		await until(() => closes.length > 0, 5000, 'a close');
		expect(closes[0]).toEqual({ code: YJS_CLOSE.cardLimit, reason: 'participant' });
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(readCards(b.doc).some((c) => c.id === 'one-too-many')).toBe(false);
		// At the limit, Alice still changes and deletes her cards, and then writes a new one.
		const again = board(s.boardId, alice.token);
		await again.synced;
		setCardText(again.doc, 'a0', 'geändert');
		deleteCard(again.doc, 'a1');
		createCard(again.doc, card('instead'));
		await until(
			() => readCards(b.doc).some((c) => c.id === 'instead' && c.text === 'instead'),
			5000,
			'the new card at bob'
		);
		expect(readCards(b.doc).find((c) => c.id === 'a0')?.text).toBe('geändert');
		expect(readCards(b.doc)).toHaveLength(CARDS_PER_PARTICIPANT_MAX);
	});

	it('closes an observer’s board write with 4403, in an open phase as on a locked board, and keeps it from everyone', async () => {
		// The blank template's one phase is open: participants may write, observers never.
		const s = await createSession(base);
		const observerToken = s.presenterUrl.split('#')[1]!;
		const writeAs = async (token: string, id: string) => {
			const o = board(s.boardId, token);
			await o.synced;
			const closes: number[] = [];
			o.provider.on(
				'connection-close',
				(event: CloseEvent | null) => event && closes.push(event.code)
			);
			createCard(o.doc, { id, area: 'challenges', authorId: 'someone', createdAt: 1 });
			await until(() => closes.length > 0, 5000, 'the observer’s connection closed');
			return closes[0];
		};
		expect(await writeAs(observerToken, 'o1')).toBe(YJS_CLOSE.forbidden);
		const locked = await api(
			base,
			'POST',
			`/api/sessions/${s.id}/commands`,
			{ type: 'board.lock' },
			{ authorization: `Bearer ${s.facilitatorToken}` }
		);
		expect(locked.status).toBe(200);
		expect(await writeAs(observerToken, 'o2')).toBe(YJS_CLOSE.forbidden);
		const fresh = board(s.boardId, s.facilitatorToken);
		await fresh.synced;
		expect(readCards(fresh.doc)).toEqual([]);
	});

	it('shows everyone’s presence, and refuses presence that poses as someone else', async () => {
		const s = await createSession(base);
		const alice = await joinSession(base, s, 'Alice');
		const mallory = await joinSession(base, s, 'Mallory');
		const a = board(s.boardId, alice.token);
		await a.synced;
		a.provider.awareness.setLocalState({
			user: { participantId: alice.participantId, name: 'Alice', role: 'participant' }
		});
		const m = board(s.boardId, mallory.token);
		await m.synced;
		// Mallory's stock client sees Alice and, as stock clients do, sends her presence back.
		const aliceAt = (doc: typeof m) =>
			[...doc.provider.awareness.getStates().values()].filter(
				(state) => (state as { user?: { name?: string } }).user?.name === 'Alice'
			).length;
		await until(() => aliceAt(m) === 1, 5000, 'Alice’s presence at Mallory');
		m.provider.awareness.setLocalState({
			user: { participantId: mallory.participantId, name: 'Mallory', role: 'participant' }
		});
		await until(
			() =>
				[...a.provider.awareness.getStates().values()].some(
					(state) => (state as { user?: { name?: string } }).user?.name === 'Mallory'
				),
			5000,
			'Mallory’s own presence at Alice'
		);
		// Now Mallory poses as Alice, as the facilitator: her connection is closed, Alice sees nothing of it.
		const closes: number[] = [];
		m.provider.on(
			'connection-close',
			(event: CloseEvent | null) => event && closes.push(event.code)
		);
		m.provider.awareness.setLocalState({
			user: { participantId: alice.participantId, name: 'Moderation', role: 'facilitator' }
		});
		await until(() => closes.includes(YJS_CLOSE.forbidden), 5000, 'forbidden close');
		await new Promise((resolve) => setTimeout(resolve, 200));
		const names = [...a.provider.awareness.getStates().values()].map(
			(state) => (state as { user?: { name?: string } }).user?.name
		);
		expect(names).not.toContain('Moderation');
		expect(aliceAt(a)).toBe(1);
	});

	it('does not close a connection that times out someone else’s presence, as every client does', async () => {
		const s = await createSession(base);
		const alice = await joinSession(base, s, 'Alice');
		const bob = await joinSession(base, s, 'Bob');
		const a = board(s.boardId, alice.token);
		const b = board(s.boardId, bob.token);
		const f = board(s.boardId, s.facilitatorToken);
		await Promise.all([a.synced, b.synced, f.synced]);
		a.provider.awareness.setLocalState({
			user: { participantId: alice.participantId, role: 'participant' }
		});
		const aliceId = a.doc.clientID;
		await until(() => b.provider.awareness.getStates().has(aliceId), 5000, 'Alice at Bob');
		await until(() => f.provider.awareness.getStates().has(aliceId), 5000, 'Alice at F');
		// Alice's phone went quiet (offline; the server has not noticed): Bob's client times her out.
		const closes: number[] = [];
		b.provider.on(
			'connection-close',
			(event: CloseEvent | null) => event && closes.push(event.code)
		);
		removeAwarenessStates(b.provider.awareness, [aliceId], 'timeout');
		await new Promise((resolve) => setTimeout(resolve, 500));
		expect(closes).toEqual([]);
		expect(b.provider.wsconnected).toBe(true);
		// Nobody else is told she left: her own connection still speaks for her.
		expect(f.provider.awareness.getStates().has(aliceId)).toBe(true);
	});

	it('closes a connection that floods presence with client ids or a huge state; nobody receives it', async () => {
		const s = await createSession(base);
		const alice = await joinSession(base, s, 'Alice');
		const mallory = await joinSession(base, s, 'Mallory');
		const a = board(s.boardId, alice.token);
		await a.synced;
		const seen = () => a.provider.awareness.getStates().size;
		const before = seen();
		const url = `${base.replace('http', 'ws')}/yjs/${s.boardId}?token=${mallory.token}`;
		const own = { user: { participantId: mallory.participantId, role: 'participant' } };
		/** A presence message (type 1) with the given client ids, each with `state`. */
		const presence = (ids: number[], state: object) => {
			const awareness = new Awareness(new Y.Doc());
			awareness.setLocalState(null);
			for (const id of ids) {
				awareness.states.set(id, state);
				awareness.meta.set(id, { clock: 1, lastUpdated: 0 });
			}
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, 1);
			encoding.writeVarUint8Array(encoder, encodeAwarenessUpdate(awareness, ids));
			return encoding.toUint8Array(encoder);
		};

		// Thousands of made-up client ids, each with the sender's own, valid state.
		const ids = await rawSocket(url);
		if (!('ws' in ids)) throw new Error('expected an open socket');
		const idsClosed = closed(ids.ws);
		ids.ws.send(
			presence(
				Array.from({ length: 5000 }, (_, i) => 1000 + i),
				own
			)
		);
		expect(await idsClosed).toBe(YJS_CLOSE.forbidden);

		// One client id with a state of 900 KB.
		const big = await rawSocket(url);
		if (!('ws' in big)) throw new Error('expected an open socket');
		const bigClosed = closed(big.ws);
		big.ws.send(presence([77], { ...own, padding: 'x'.repeat(900_000) }));
		expect(await bigClosed).toBe(YJS_CLOSE.forbidden);

		// Her own presence, as a client sends it, still works.
		const fine = await rawSocket(url);
		if (!('ws' in fine)) throw new Error('expected an open socket');
		fine.ws.send(presence([78], own));
		await until(() => seen() === before + 1, 5000, 'Mallory’s own presence at Alice');
		fine.ws.close();
		expect([...a.provider.awareness.getStates().keys()]).not.toContain(1000);
		expect([...a.provider.awareness.getStates().keys()]).not.toContain(77);
	});

	it('refuses a participant’s board connections past the limit with 429, until one of them closes', async () => {
		const s = await createSession(base);
		const p = await joinSession(base, s, 'P');
		const url = `${base.replace('http', 'ws')}/yjs/${s.boardId}?token=${p.token}`;
		const sockets: WebSocket[] = [];
		for (let i = 0; i < YJS_CONNECTIONS_PER_PERSON.participant; i++) {
			const result = await rawSocket(url);
			if (!('ws' in result)) throw new Error(`connection ${i + 1} refused`);
			sockets.push(result.ws);
		}
		cleanup.push(() => sockets.forEach((ws) => ws.terminate()));
		const refused = await new Promise<{ status?: number; retryAfter?: string | string[] }>(
			(resolve) => {
				const ws = new WebSocket(url);
				ws.on('unexpected-response', (_req, res) =>
					resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] })
				);
				ws.on('open', () => resolve({}));
				ws.on('error', () => {});
			}
		);
		expect(refused).toEqual({ status: 429, retryAfter: '10' });
		// Someone else on the board is not affected.
		const other = await joinSession(base, s, 'Q');
		const theirs = await rawSocket(
			`${base.replace('http', 'ws')}/yjs/${s.boardId}?token=${other.token}`
		);
		expect(theirs).toHaveProperty('ws');
		if ('ws' in theirs) sockets.push(theirs.ws);
		const first = sockets.shift()!;
		const gone = closed(first);
		first.close();
		await gone;
		let again = await rawSocket(url);
		for (let i = 0; i < 50 && !('ws' in again); i++) {
			await new Promise((resolve) => setTimeout(resolve, 50));
			again = await rawSocket(url);
		}
		expect(again).toHaveProperty('ws');
		if ('ws' in again) sockets.push(again.ws);
	});

	it('refuses a participant who opens board connections without end with 429, even if each closes', async () => {
		// Each new connection announces presence to every screen: opening and closing them without
		// end filled the server's memory and every client's. The budget refills while this runs, so
		// the test opens until refused and checks that it took at least the burst.
		const s = await createSession(base);
		const p = await joinSession(base, s, 'P');
		const url = `${base.replace('http', 'ws')}/yjs/${s.boardId}?token=${p.token}`;
		const attempt = () =>
			new Promise<{ ws?: WebSocket; status?: number; retryAfter?: string | string[] }>(
				(resolve) => {
					const ws = new WebSocket(url);
					ws.on('unexpected-response', (_req, res) =>
						resolve({ status: res.statusCode, retryAfter: res.headers['retry-after'] })
					);
					ws.on('open', () => resolve({ ws }));
					ws.on('error', () => {});
				}
			);
		let opened = 0;
		let refused: { status?: number; retryAfter?: string | string[] } | null = null;
		while (!refused && opened < 400) {
			const result = await attempt();
			if (!result.ws) refused = result;
			else {
				opened++;
				const gone = closed(result.ws);
				result.ws.close();
				await gone;
			}
		}
		expect(opened).toBeGreaterThanOrEqual(YJS_OPENS_PER_PERSON.participant.capacity);
		expect(refused?.status).toBe(429);
		expect(Number(refused?.retryAfter)).toBeGreaterThanOrEqual(1);
	});

	it('lets the facilitator name only the session’s people as a card’s author, also someone who just joined', async () => {
		const s = await createSession(base);
		const f = board(s.boardId, s.facilitatorToken);
		await f.synced;
		createCard(f.doc, { id: 'k1', area: 'challenges', authorId: s.facilitatorId, createdAt: 1 });
		// Someone joins after the facilitator's board connected; a card is handed to her.
		const carla = await joinSession(base, s, 'Carla');
		f.doc.getMap<Y.Map<unknown>>('cards').get('k1')!.set('authorId', carla.participantId);
		const reader = board(s.boardId, s.facilitatorToken);
		await until(
			() => readCards(reader.doc).some((c) => c.authorId === carla.participantId),
			5000,
			'the card handed to Carla'
		);
		// Nobody of the session: refused, and nobody sees it.
		const closes: number[] = [];
		f.provider.on(
			'connection-close',
			(event: CloseEvent | null) => event && closes.push(event.code)
		);
		createCard(f.doc, { id: 'k2', area: 'challenges', authorId: 'ghost', createdAt: 2 });
		await until(() => closes.includes(YJS_CLOSE.forbidden), 5000, 'forbidden close');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(readCards(reader.doc).map((c) => c.id)).toEqual(['k1']);
	});

	it('sends a late joiner the whole board, in any phase', async () => {
		const s = await createSession(base, 'Fokusgruppe', 'study');
		const a = board(s.boardId, s.facilitatorToken);
		await a.synced;
		for (let i = 0; i < 30; i++)
			createCard(a.doc, {
				id: `c${i}`,
				area: 'challenges',
				authorId: s.facilitatorId,
				createdAt: i,
				text: `Karte ${i}`
			});
		const p = await joinSession(base, s, 'Late');
		const late = board(s.boardId, p.token);
		await until(() => readCards(late.doc).length === 30, 5000, '30 cards');
		expect(Y.encodeStateVector(late.doc)).toEqual(Y.encodeStateVector(a.doc));
	});
});
