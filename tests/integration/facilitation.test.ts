import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/index';
import {
	createCard,
	deleteCard,
	moveCard,
	readCards,
	setCardText,
	setNextStep
} from '../../src/lib/domain/board/cards';
import { remainingMs } from '../../src/lib/domain/session/timer';
import type { SessionResponse, StateResponse } from '../../src/lib/protocol/api';
import { YJS_CLOSE, YJS_CLOSE_REASON } from '../../src/lib/protocol/yjs';
import { controlClient } from '../helpers/control';
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
const data = tempDataDir();
const cleanup: (() => void)[] = [];

beforeAll(async () => {
	server = await startTestServer(data.dir);
});
// Each test's clients close when it ends: kept to the end of the file, they added up to more
// than ten stock providers at once (each holds a socket, a timer and a process 'exit' listener).
afterEach(() => {
	for (const close of cleanup.splice(0)) close();
});
afterAll(async () => {
	await server.close();
	data.remove();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function command(sessionId: string, token: string, payload: object) {
	const res = await api<{
		ok?: boolean;
		value?: { participantUrl?: string };
		error?: { code: string };
	}>(server.url, 'POST', `/api/sessions/${sessionId}/commands`, payload, bearer(token));
	expect(res.status, JSON.stringify(payload)).toBe(200);
	return res.body;
}

async function state(sessionId: string, token: string): Promise<StateResponse> {
	return (
		await api<StateResponse>(
			server.url,
			'GET',
			`/api/sessions/${sessionId}/state`,
			undefined,
			bearer(token)
		)
	).body;
}

/** A stock y-websocket client whose every received frame is kept, for privacy proofs. */
function recordingBoard(room: string, token: string) {
	const frames: Buffer[] = [];
	class RecordingSocket extends WebSocket {
		constructor(...args: ConstructorParameters<typeof WebSocket>) {
			super(...args);
			this.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(server.url.replace('http', 'ws') + '/yjs', room, doc, {
		WebSocketPolyfill: RecordingSocket as unknown as typeof globalThis.WebSocket,
		params: { token },
		disableBc: true
	});
	cleanup.push(() => provider.destroy());
	const closes: number[] = [];
	/** Close reasons, for 4401: why the credential stopped working. */
	const reasons: string[] = [];
	provider.on('connection-close', (event: CloseEvent | null) => {
		if (!event) return;
		closes.push(event.code);
		reasons.push(event.reason);
	});
	const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	return {
		doc,
		provider,
		frames,
		closes,
		reasons,
		synced,
		text: () => Buffer.concat(frames).toString('utf8')
	};
}

describe('phases and the timer', () => {
	it('walks through the study template and keeps the timer on the server', async () => {
		const s = await createSession(server.url, 'Ablauf', 'study');
		const f = s.facilitatorToken;
		expect((await state(s.id, f)).control).toMatchObject({ phaseId: 'welcome', locked: false });
		await command(s.id, f, { type: 'phase.next' });
		const start = Date.now();
		await command(s.id, f, { type: 'timer.start' });
		await command(s.id, f, { type: 'timer.add', minutes: 1 });
		const { control } = await state(s.id, f);
		expect(control.phaseId).toBe('challenges');
		expect(control.timer.status).toBe('running');
		const left = remainingMs(control.timer, control.serverTime);
		expect(left).toBeGreaterThan(11 * 60_000 - (Date.now() - start) - 1000);
		expect(left).toBeLessThanOrEqual(11 * 60_000);
		await command(s.id, f, { type: 'phase.previous' });
		expect((await state(s.id, f)).control).toMatchObject({
			phaseId: 'welcome',
			timer: { status: 'idle' }
		});
	});

	it('refuses a timer of 0 minutes as a bad request, and says truthfully why a timer without time cannot start', async () => {
		const s = await createSession(server.url, 'Timer', 'study');
		const f = s.facilitatorToken;
		const post = (payload: object) =>
			api<{ error: { code: string; message: string } }>(
				server.url,
				'POST',
				`/api/sessions/${s.id}/commands`,
				payload,
				{ ...bearer(f), 'accept-language': 'en' }
			);
		// The welcome phase has a 15-minute time box: 0 is no duration, not "the phase has none".
		for (const durationMin of [0, -5]) {
			const zero = await post({ type: 'timer.start', durationMin });
			expect(zero.status).toBe(400);
			expect(zero.body.error.code).toBe('bad_request');
		}
		expect((await state(s.id, f)).control.timer).toEqual({
			status: 'idle',
			durationMs: 15 * 60_000
		});
		// All of its time taken away: the phase still has its time box, the timer has none left.
		await command(s.id, f, { type: 'timer.add', minutes: -15 });
		const empty = await post({ type: 'timer.start' });
		expect(empty.status).toBe(409);
		expect(empty.body.error.code).toBe('timer_without_duration');
		expect(empty.body.error.message).not.toMatch(/phase/i);
		expect(empty.body.error.message).toMatch(/0 minutes/);
		await command(s.id, f, { type: 'timer.start', durationMin: 0.5 });
		expect((await state(s.id, f)).control.timer).toMatchObject({
			status: 'running',
			durationMs: 30_000
		});
	});

	it('broadcasts every change of the control state to everyone in the session', async () => {
		const s = await createSession(server.url, 'Broadcast', 'study');
		const p = await joinSession(server.url, s, 'Chris');
		const watcher = controlClient(server.url, s.id, p.token);
		cleanup.push(() => watcher.socket.disconnect());
		await watcher.connected;
		await until(() => watcher.seen.control?.phaseId === 'welcome');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'clustering' });
		const board = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		createCard(board.doc, {
			id: 'abc',
			area: 'challenges',
			authorId: s.facilitatorId,
			createdAt: 1
		});
		await onServer(s, ['abc']);
		expect((await spotlight(s, 'abc')).status).toBe(200);
		await until(() => watcher.seen.control?.spotlight?.cardId === 'abc', 2000, 'spotlight');
		expect(watcher.seen.control?.phaseId).toBe('clustering');
	});

	it('spotlights only a card on the board: an unknown or deleted card is card_not_found and changes nothing', async () => {
		const s = await createSession(server.url, 'Scheinwerfer');
		const board = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		createCard(board.doc, {
			id: 'da',
			area: 'challenges',
			authorId: s.facilitatorId,
			createdAt: 1
		});
		createCard(board.doc, {
			id: 'weg',
			area: 'challenges',
			authorId: s.facilitatorId,
			createdAt: 1
		});
		await onServer(s, ['da', 'weg']);
		expect((await spotlight(s, 'da')).status).toBe(200);
		const spotlit = (await state(s.id, s.facilitatorToken)).control.spotlight;
		expect(spotlit).toMatchObject({ cardId: 'da' });
		deleteCard(board.doc, 'weg');
		await onServer(s, ['da']);
		for (const cardId of ['gibt-es-nicht', 'weg'])
			expect(await spotlight(s, cardId), cardId).toMatchObject({
				status: 404,
				body: { error: { code: 'card_not_found' } }
			});
		// The card in the spotlight stays; none clears it, also after the card is gone.
		expect((await state(s.id, s.facilitatorToken)).control.spotlight).toEqual(spotlit);
		expect((await spotlight(s, null)).status).toBe(200);
		expect((await state(s.id, s.facilitatorToken)).control.spotlight).toBeNull();
	});
});

/** Waits until the server's board has exactly these cards: a fresh reader sees what it stored. */
async function onServer(s: { boardId: string; facilitatorToken: string }, ids: string[]) {
	const reader = connectBoard(server.url, s.boardId, s.facilitatorToken);
	try {
		await reader.synced;
		const now = () =>
			readCards(reader.doc)
				.map((c) => c.id)
				.sort()
				.join();
		await until(() => now() === [...ids].sort().join(), 3000, `the cards ${ids.join()}`);
	} finally {
		reader.provider.destroy();
	}
}

function spotlight(s: { id: string; facilitatorToken: string }, cardId: string | null) {
	return api<{ error?: { code: string } }>(
		server.url,
		'POST',
		`/api/sessions/${s.id}/commands`,
		{ type: 'card.spotlight', cardId },
		bearer(s.facilitatorToken)
	);
}

describe('locking the board', () => {
	it('refuses a participant’s writes on the board endpoint while locked or in a reading phase', async () => {
		const s = await createSession(server.url, 'Sperre');
		const p = await joinSession(server.url, s, 'Elke');
		const writer = connectBoard(server.url, s.boardId, p.token);
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(
			() => writer.provider.destroy(),
			() => facilitator.provider.destroy()
		);
		await Promise.all([writer.synced, facilitator.synced]);
		createCard(writer.doc, {
			id: 'before',
			area: 'challenges',
			authorId: p.participantId,
			createdAt: 1,
			text: 'vorher'
		});
		await until(() => readCards(facilitator.doc).length === 1, 3000, 'card before lock');

		await command(s.id, s.facilitatorToken, { type: 'board.lock' });
		const closes: number[] = [];
		writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		setCardText(writer.doc, 'before', 'während der Sperre');
		await until(() => closes.includes(YJS_CLOSE.readOnly), 3000, 'read-only close');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(readCards(facilitator.doc)[0]!.text).toBe('vorher');

		// The facilitator still writes while the board is locked.
		createCard(facilitator.doc, {
			id: 'fac',
			area: 'potentials',
			authorId: s.facilitatorId,
			createdAt: 2,
			text: 'Moderation'
		});
		const reader = connectBoard(server.url, s.boardId, p.token);
		cleanup.push(() => reader.provider.destroy());
		await until(() => readCards(reader.doc).length === 2, 3000, 'facilitator card while locked');

		await command(s.id, s.facilitatorToken, { type: 'board.unlock' });
		createCard(reader.doc, {
			id: 'after',
			area: 'challenges',
			authorId: p.participantId,
			createdAt: 3,
			text: 'nachher'
		});
		await until(
			() => readCards(facilitator.doc).some((c) => c.id === 'after'),
			3000,
			'card after unlock'
		);
	});

	it('takes new cards from a participant only into the phase’s areas, and none while clustering', async () => {
		const s = await createSession(server.url, 'Bereiche', 'study');
		const p = await joinSession(server.url, s, 'Murat');
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => facilitator.provider.destroy());
		await facilitator.synced;
		const write = async (id: string, area: 'challenges' | 'next-steps') => {
			const writer = connectBoard(server.url, s.boardId, p.token);
			cleanup.push(() => writer.provider.destroy());
			await writer.synced;
			const closes: number[] = [];
			writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
			createCard(writer.doc, { id, area, authorId: p.participantId, createdAt: 1, text: id });
			return { writer, closes };
		};

		// "Nächste Schritte" writes into its own area only.
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'next-steps' });
		const wrongArea = await write('wrong-area', 'challenges');
		await until(() => wrongArea.closes.includes(YJS_CLOSE.readOnly), 3000, 'wrong area refused');
		const rightArea = await write('right-area', 'next-steps');
		await until(
			() => readCards(facilitator.doc).some((c) => c.id === 'right-area'),
			3000,
			'card in the phase’s area'
		);

		// Clustering arranges the cards there are: moving one's own card passes, a new one does not.
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'clustering' });
		rightArea.writer.provider.destroy();
		const mover = connectBoard(server.url, s.boardId, p.token);
		cleanup.push(() => mover.provider.destroy());
		await mover.synced;
		moveCard(mover.doc, 'right-area', 1100, 400);
		await until(
			() => readCards(facilitator.doc).find((c) => c.id === 'right-area')?.y === 400,
			3000,
			'own card moved while clustering'
		);
		const whileClustering = await write('while-clustering', 'next-steps');
		await until(
			() => whileClustering.closes.includes(YJS_CLOSE.readOnly),
			3000,
			'new card refused while clustering'
		);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(readCards(facilitator.doc).map((c) => c.id)).toEqual(['right-area']);
	});
});

describe('ending the meeting', () => {
	it('closes the session to new people, writes and dots until the facilitator reopens it; people in it still read the board', async () => {
		const s = await createSession(server.url, 'Abschluss');
		const p = await joinSession(server.url, s, 'Elke');
		const writer = connectBoard(server.url, s.boardId, p.token);
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(
			() => writer.provider.destroy(),
			() => facilitator.provider.destroy()
		);
		await Promise.all([writer.synced, facilitator.synced]);
		createCard(writer.doc, {
			id: 'card',
			area: 'challenges',
			authorId: p.participantId,
			createdAt: 1,
			text: 'vorher'
		});
		await until(() => readCards(facilitator.doc).length === 1, 3000, 'card before the end');
		await command(s.id, s.facilitatorToken, { type: 'voting.open' });
		await command(s.id, p.token, { type: 'vote.add', cardId: 'card' });

		const watcher = controlClient(server.url, s.id, p.token);
		cleanup.push(() => watcher.socket.close());
		await watcher.connected;
		await command(s.id, s.facilitatorToken, { type: 'session.finish' });
		await until(() => Boolean(watcher.seen.control?.finished), 3000, 'finished broadcast');

		// The exports say when it ended: the JSON in UTC, the protocol on the clock of Berlin.
		const exported = await api<{ session: { finishedAt: number | null } }>(
			server.url,
			'GET',
			`/api/sessions/${s.id}/export/json`,
			undefined,
			bearer(s.facilitatorToken)
		);
		const endedAt = watcher.seen.control!.finished!.at;
		expect(exported.body.session.finishedAt).toBe(endedAt);
		const protocol = await fetch(`${server.url}/api/sessions/${s.id}/export/md`, {
			headers: bearer(s.facilitatorToken)
		});
		expect(protocol.status).toBe(200);
		expect(await protocol.text()).toContain('Sitzung beendet');

		// The open round ended with the meeting, with its result.
		const after = await state(s.id, s.facilitatorToken);
		expect(after.voting.rounds.map((r) => r.status)).toEqual(['closed']);
		const refusedVote = await api<{ error: { code: string } }>(
			server.url,
			'POST',
			`/api/sessions/${s.id}/commands`,
			{ type: 'voting.open' },
			bearer(s.facilitatorToken)
		);
		expect([refusedVote.status, refusedVote.body.error.code]).toEqual([409, 'session_finished']);
		// A participant's dot, with the round or without: the meeting is over, not only its round.
		const roundId = after.voting.rounds[0]!.id;
		for (const dot of [
			{ type: 'vote.add', cardId: 'card' },
			{ type: 'vote.add', cardId: 'card', roundId },
			{ type: 'vote.remove', cardId: 'card', roundId }
		]) {
			const late = await api<{ error: { code: string } }>(
				server.url,
				'POST',
				`/api/sessions/${s.id}/commands`,
				dot,
				bearer(p.token)
			);
			expect([dot, late.status, late.body.error.code]).toEqual([dot, 409, 'session_finished']);
		}

		// Nobody new joins, by the link or its check; the answer says why.
		const join = await api<{ error: { code: string; message: string } }>(
			server.url,
			'POST',
			`/api/sessions/${s.id}/participants`,
			{ joinToken: s.joinToken, name: 'Zu spät' },
			{ 'accept-language': 'de' }
		);
		expect(join.status).toBe(409);
		expect(join.body.error.code).toBe('session_finished');
		expect(join.body.error.message).toContain('Sitzung ist beendet');
		const invitation = await api(
			server.url,
			'GET',
			`/api/sessions/${s.id}/invitation`,
			undefined,
			bearer(s.joinToken)
		);
		expect(invitation.status).toBe(409);
		// A wrong token still learns nothing of the session's state.
		const wrong = await api(
			server.url,
			'GET',
			`/api/sessions/${s.id}/invitation`,
			undefined,
			bearer('x'.repeat(43))
		);
		expect(wrong.status).toBe(401);

		// The participant's change is refused; the board keeps what everyone saw.
		const closes: number[] = [];
		writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		setCardText(writer.doc, 'card', 'danach');
		await until(() => closes.includes(YJS_CLOSE.readOnly), 3000, 'read-only close');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(readCards(facilitator.doc)[0]!.text).toBe('vorher');
		// Someone already in the session still opens the board, to read it.
		const reader = connectBoard(server.url, s.boardId, p.token);
		cleanup.push(() => reader.provider.destroy());
		await reader.synced;
		expect(readCards(reader.doc).map((c) => c.text)).toEqual(['vorher']);

		await command(s.id, s.facilitatorToken, { type: 'session.reopen' });
		await until(() => watcher.seen.control?.finished === null, 3000, 'reopened broadcast');
		expect((await joinSession(server.url, s, 'Doch noch')).token).toBeTruthy();
		setCardText(reader.doc, 'card', 'wieder offen');
		await until(
			() => readCards(facilitator.doc)[0]!.text === 'wieder offen',
			3000,
			'write after reopening'
		);
	});
});

describe('next steps', () => {
	it('takes a next step’s responsible group only from the session’s groups, and keeps a group a next step names', async () => {
		const s = await createSession(server.url, 'Verantwortlich', 'study');
		const p = await joinSession(server.url, s, 'Rita');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'next-steps' });
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => facilitator.provider.destroy());
		await facilitator.synced;
		const ownerGroup = () =>
			readCards(facilitator.doc).find((c) => c.id === 'n1')?.nextStep.ownerGroup;
		/** A fresh connection of the participant that sets the step's group; its close codes. */
		const setGroup = async (group: string | null) => {
			const writer = connectBoard(server.url, s.boardId, p.token);
			cleanup.push(() => writer.provider.destroy());
			await writer.synced;
			const closes: number[] = [];
			writer.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
			if (!readCards(writer.doc).some((c) => c.id === 'n1'))
				createCard(writer.doc, {
					id: 'n1',
					area: 'next-steps',
					authorId: p.participantId,
					createdAt: 1,
					text: 'Runder Tisch Beschaffung'
				});
			setNextStep(writer.doc, 'n1', { owner: 'Weltladen Süd', ownerGroup: group });
			return { writer, closes };
		};
		const groups = (...ids: string[]) =>
			api<{ error?: { code: string } }>(
				server.url,
				'POST',
				`/api/sessions/${s.id}/commands`,
				{
					type: 'groups.update',
					groups: ids.map((id) => ({ id, label: id.startsWith('g-') ? 'Weltladen' : null }))
				},
				bearer(s.facilitatorToken)
			);

		// A group the session does not have closes the connection, and the step keeps no group.
		const unknown = await setGroup('g-weltladen');
		await until(() => unknown.closes.includes(YJS_CLOSE.forbidden), 3000, 'unknown group refused');
		await until(() => ownerGroup() === null, 3000, 'the new step without group');

		// Once the facilitator adds the group, it may be named; the write gate knows at once.
		expect((await groups('admin', 'repair', 'g-weltladen')).status).toBe(200);
		const known = await setGroup('g-weltladen');
		await until(() => ownerGroup() === 'g-weltladen', 3000, 'the step’s group');
		known.writer.provider.destroy();

		// A group a next step names stays, like one a participant chose…
		expect(await groups('admin', 'repair')).toMatchObject({
			status: 409,
			body: { error: { code: 'group_in_use' } }
		});
		// …until the step names none.
		const none = await setGroup(null);
		await until(() => ownerGroup() === null, 3000, 'the step without group');
		none.writer.provider.destroy();
		expect((await groups('admin', 'repair')).status).toBe(200);

		// A default group the session no longer has is refused too.
		const removed = await setGroup('politics');
		await until(() => removed.closes.includes(YJS_CLOSE.forbidden), 3000, 'removed group refused');
		await new Promise((resolve) => setTimeout(resolve, 100));
		expect(ownerGroup()).toBeNull();
	});
});

describe('the facilitator’s next steps', () => {
	it('name only the session’s groups, while the facilitator still writes everything else', async () => {
		const s = await createSession(server.url, 'Verantwortlich moderiert', 'study');
		const p = await joinSession(server.url, s, 'Rita');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'next-steps' });
		const participant = connectBoard(server.url, s.boardId, p.token);
		cleanup.push(() => participant.provider.destroy());
		await participant.synced;
		createCard(participant.doc, {
			id: 'n1',
			area: 'next-steps',
			authorId: p.participantId,
			createdAt: 1,
			text: 'Runder Tisch Beschaffung'
		});
		const step = () => readCards(participant.doc).find((c) => c.id === 'n1')?.nextStep;
		/** A fresh stock y-websocket connection of the facilitator that makes a change; its close codes. */
		const asFacilitator = async (change: (doc: Y.Doc) => void) => {
			const board = connectBoard(server.url, s.boardId, s.facilitatorToken);
			cleanup.push(() => board.provider.destroy());
			await board.synced;
			const closes: number[] = [];
			board.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
			change(board.doc);
			return { board, closes };
		};

		// A group the session does not have closes the facilitator's connection; nobody sees it.
		const unknown = await asFacilitator((d) =>
			setNextStep(d, 'n1', { owner: 'Stadtrat', ownerGroup: 'g-nirgends' })
		);
		await until(() => unknown.closes.includes(YJS_CLOSE.forbidden), 3000, 'unknown group refused');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(step()).toMatchObject({ owner: '', ownerGroup: null });

		// One of the session's groups is written, together with a change to a participant's card.
		const known = await asFacilitator((d) =>
			d.transact(() => {
				setNextStep(d, 'n1', { owner: 'Stadtrat', ownerGroup: 'admin' });
				setCardText(d, 'n1', 'Runder Tisch Beschaffung, mit dem Stadtrat');
			})
		);
		await until(() => step()?.ownerGroup === 'admin', 3000, 'the step’s group');
		expect(readCards(participant.doc).find((c) => c.id === 'n1')?.text).toBe(
			'Runder Tisch Beschaffung, mit dem Stadtrat'
		);
		expect(known.closes).toEqual([]);
		known.board.provider.destroy();

		// A group added to the session may be named at once.
		expect(
			(
				await api(
					server.url,
					'POST',
					`/api/sessions/${s.id}/commands`,
					{
						type: 'groups.update',
						groups: [{ id: 'admin' }, { id: 'g-weltladen', label: 'Weltladen' }]
					},
					bearer(s.facilitatorToken)
				)
			).status
		).toBe(200);
		const added = await asFacilitator((d) => setNextStep(d, 'n1', { ownerGroup: 'g-weltladen' }));
		await until(() => step()?.ownerGroup === 'g-weltladen', 3000, 'the added group');
		expect(added.closes).toEqual([]);

		// So is a card's author group: only the session's, and it keeps the group in the session.
		const card = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards').get('n1')!;
		const authorGroup = () => card(participant.doc).get('authorGroup');
		const stranger = await asFacilitator((d) => card(d).set('authorGroup', 'zzz-keine'));
		await until(() => stranger.closes.includes(YJS_CLOSE.forbidden), 3000, 'unknown author group');
		const placed = await asFacilitator((d) => {
			setNextStep(d, 'n1', { ownerGroup: null });
			card(d).set('authorGroup', 'g-weltladen');
		});
		await until(() => authorGroup() === 'g-weltladen', 3000, 'the author group');
		expect(placed.closes).toEqual([]);
		const onlyAdmin = () =>
			api<{ error?: { code: string } }>(
				server.url,
				'POST',
				`/api/sessions/${s.id}/commands`,
				{ type: 'groups.update', groups: [{ id: 'admin' }] },
				bearer(s.facilitatorToken)
			);
		expect(await onlyAdmin()).toMatchObject({
			status: 409,
			body: { error: { code: 'group_in_use' } }
		});
		await asFacilitator((d) => card(d).set('authorGroup', null));
		await until(() => authorGroup() === null, 3000, 'no author group');
		expect((await onlyAdmin()).status).toBe(200);
	});
});

describe('silent writing', () => {
	it('keeps drafts away from everyone else — documents, websocket frames and events — until the reveal', async () => {
		const s = await createSession(server.url, 'Stilles Schreiben', 'study');
		const alice = await joinSession(server.url, s, 'Alice');
		const bob = await joinSession(server.url, s, 'Bob');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'challenges' });

		const bobBoard = recordingBoard(s.boardId, bob.token);
		const bobDrafts = recordingBoard(`${s.boardId}/drafts`, bob.token);
		const facilitatorBoard = recordingBoard(s.boardId, s.facilitatorToken);
		const bobControl = controlClient(server.url, s.id, bob.token);
		cleanup.push(() => bobControl.socket.disconnect());
		await Promise.all([
			bobBoard.synced,
			bobDrafts.synced,
			facilitatorBoard.synced,
			bobControl.connected
		]);

		const secret = 'Geheimer Entwurf: Vergabestelle überlastet';
		const aliceDrafts = recordingBoard(`${s.boardId}/drafts`, alice.token);
		await aliceDrafts.synced;
		createCard(aliceDrafts.doc, {
			id: 'a1',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 1,
			text: secret,
			phaseId: 'challenges'
		});
		// Drafts are not on the shared board, even for Alice herself.
		const aliceBoard = connectBoard(server.url, s.boardId, alice.token);
		cleanup.push(() => aliceBoard.provider.destroy());
		await aliceBoard.synced;
		expect(readCards(aliceBoard.doc)).toEqual([]);
		// Drafts survive a lost connection.
		aliceDrafts.provider.disconnect();
		const again = recordingBoard(`${s.boardId}/drafts`, alice.token);
		await until(() => readCards(again.doc).length === 1, 3000, 'draft after reconnect');
		expect(readCards(again.doc)[0]!.text).toBe(secret);
		again.provider.destroy();

		await new Promise((resolve) => setTimeout(resolve, 300));
		for (const recorder of [bobBoard, bobDrafts, facilitatorBoard])
			expect(recorder.text()).not.toContain('Geheimer Entwurf');
		expect(bobControl.seen.frames.join('\n')).not.toContain('Geheimer Entwurf');
		expect(readCards(bobBoard.doc)).toEqual([]);
		expect(readCards(facilitatorBoard.doc)).toEqual([]);

		// Alice has left; the reveal still publishes her draft, and her drafts are then empty.
		await command(s.id, s.facilitatorToken, { type: 'drafts.reveal' });
		await until(
			() => readCards(bobBoard.doc).some((c) => c.text === secret),
			3000,
			'revealed card'
		);
		const revealed = readCards(bobBoard.doc).find((c) => c.text === secret)!;
		expect(revealed).toMatchObject({ authorId: alice.participantId, area: 'challenges' });
		const after = recordingBoard(`${s.boardId}/drafts`, alice.token);
		await after.synced;
		expect(readCards(after.doc)).toEqual([]);
		// Revealing again changes nothing.
		await command(s.id, s.facilitatorToken, { type: 'drafts.reveal' });
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(readCards(bobBoard.doc).filter((c) => c.text === secret)).toHaveLength(1);
	});

	it('publishes the drafts of a silent phase that the facilitator takes out of the agenda', async () => {
		const s = await createSession(server.url, 'Phase gestrichen', 'study');
		const alice = await joinSession(server.url, s, 'Alice');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'challenges' });
		const drafts = connectBoard(server.url, `${s.boardId}/drafts`, alice.token);
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(
			() => drafts.provider.destroy(),
			() => facilitator.provider.destroy()
		);
		await Promise.all([drafts.synced, facilitator.synced]);
		createCard(drafts.doc, {
			id: 'd1',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 1,
			text: 'Geschrieben, bevor die Phase gestrichen wurde',
			phaseId: 'challenges'
		});
		// The server has the draft once another connection of hers receives it.
		const again = connectBoard(server.url, `${s.boardId}/drafts`, alice.token);
		cleanup.push(() => again.provider.destroy());
		await until(() => readCards(again.doc).length === 1, 3000, 'the draft on the server');
		const { agenda } = (await state(s.id, s.facilitatorToken)).control;
		// No reveal could reach the phase's drafts afterwards: they are published with the change.
		expect(
			await command(s.id, s.facilitatorToken, {
				type: 'agenda.update',
				agenda: agenda.filter((p) => p.id !== 'challenges')
			})
		).toEqual({ ok: true });
		await until(
			() => readCards(facilitator.doc).some((c) => c.id === 'd1'),
			3000,
			'the draft on the board'
		);
		await until(() => readCards(drafts.doc).length === 0, 3000, 'the drafts emptied');
	});

	it('lets a writer finish her revealed card for the rest of the silent phase, but adds nothing to the board', async () => {
		const s = await createSession(server.url, 'Nach dem Aufdecken', 'study');
		const alice = await joinSession(server.url, s, 'Alice');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'challenges' });
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => facilitator.provider.destroy());
		const drafts = connectBoard(server.url, `${s.boardId}/drafts`, alice.token);
		cleanup.push(() => drafts.provider.destroy());
		await Promise.all([facilitator.synced, drafts.synced]);
		createCard(drafts.doc, {
			id: 'a1',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 1,
			text: 'Kurze Fris',
			phaseId: 'challenges'
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		await command(s.id, s.facilitatorToken, { type: 'drafts.reveal' });
		await until(() => readCards(facilitator.doc).length === 1, 3000, 'revealed card');

		// She was still typing: the rest of the word lands on the card everyone sees now.
		const board = connectBoard(server.url, s.boardId, alice.token);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		const closes: number[] = [];
		board.provider.on('connection-close', (e: CloseEvent | null) => e && closes.push(e.code));
		setCardText(board.doc, 'a1', 'Kurze Fristen');
		await until(
			() => readCards(facilitator.doc)[0]?.text === 'Kurze Fristen',
			3000,
			'text finished after the reveal'
		);
		// A new card of the phase is still a draft: straight onto the board it is refused.
		createCard(board.doc, {
			id: 'a2',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 2,
			text: 'Direkt aufs Board'
		});
		await until(() => closes.includes(YJS_CLOSE.readOnly), 3000, 'new board card refused');
		expect(readCards(facilitator.doc).map((c) => c.id)).toEqual(['a1']);
	});

	it('takes a draft only with the current silent phase’s id, so that the reveal publishes every draft it took', async () => {
		const s = await createSession(server.url, 'Entwürfe mit Phase', 'study');
		const p = await joinSession(server.url, s, 'Uwe');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'challenges' });
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => facilitator.provider.destroy());
		await facilitator.synced;
		const draft = async (id: string, phaseId?: string) => {
			const drafts = recordingBoard(`${s.boardId}/drafts`, p.token);
			await drafts.synced;
			createCard(drafts.doc, {
				id,
				area: 'challenges',
				authorId: p.participantId,
				createdAt: 1,
				text: `Entwurf ${id}`,
				...(phaseId === undefined ? {} : { phaseId })
			});
			return drafts;
		};

		const withoutPhase = await draft('ohne');
		await until(() => withoutPhase.closes.includes(YJS_CLOSE.forbidden), 3000, 'no phase refused');
		const otherPhase = await draft('andere', 'potentials');
		await until(() => otherPhase.closes.includes(YJS_CLOSE.readOnly), 3000, 'other phase refused');
		const right = await draft('richtig', 'challenges');
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(right.closes).toEqual([]);

		// What the drafts hold is exactly what the reveal publishes: nothing stays behind unseen.
		await command(s.id, s.facilitatorToken, { type: 'drafts.reveal' });
		await until(
			() => readCards(facilitator.doc).some((c) => c.id === 'richtig'),
			3000,
			'the revealed draft'
		);
		const after = recordingBoard(`${s.boardId}/drafts`, p.token);
		await after.synced;
		expect(readCards(after.doc)).toEqual([]);
		expect(readCards(facilitator.doc).map((c) => c.id)).toEqual(['richtig']);

		// A card on the board is no draft: it carries no phase.
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'next-steps' });
		const board = recordingBoard(s.boardId, p.token);
		await board.synced;
		createCard(board.doc, {
			id: 'brett',
			area: 'next-steps',
			authorId: p.participantId,
			createdAt: 2,
			phaseId: 'next-steps'
		});
		await until(() => board.closes.includes(YJS_CLOSE.forbidden), 3000, 'board card with a phase');
		expect(readCards(facilitator.doc).map((c) => c.id)).toEqual(['richtig']);
	});

	it('tells staff, and only staff, how many people have written how many drafts — counts, never texts', async () => {
		const s = await createSession(server.url, 'Entwürfe zählen', 'study');
		const alice = await joinSession(server.url, s, 'Alice');
		const bob = await joinSession(server.url, s, 'Bob');
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'challenges' });
		const facilitator = controlClient(server.url, s.id, s.facilitatorToken);
		const participant = controlClient(server.url, s.id, bob.token);
		cleanup.push(
			() => facilitator.socket.disconnect(),
			() => participant.socket.disconnect()
		);
		const counts: unknown[] = [];
		facilitator.socket.on('drafts', (count) => counts.push(count));
		await Promise.all([facilitator.connected, participant.connected]);
		const last = () => counts[counts.length - 1];
		await until(() => counts.length > 0, 3000, 'the count on connect');
		expect(last()).toEqual({ phaseId: 'challenges', writers: 0, drafts: 0 });

		const write = async (who: typeof alice, ids: string[]) => {
			const drafts = recordingBoard(`${s.boardId}/drafts`, who.token);
			await drafts.synced;
			for (const id of ids)
				createCard(drafts.doc, {
					id,
					area: 'challenges',
					authorId: who.participantId,
					createdAt: 1,
					text: `Geheim ${id}`,
					phaseId: 'challenges'
				});
			return drafts;
		};
		await write(alice, ['a1', 'a2']);
		await until(
			() =>
				JSON.stringify(last()) === JSON.stringify({ phaseId: 'challenges', writers: 1, drafts: 2 }),
			3000,
			'Alice’s two drafts counted'
		);
		await write(bob, ['b1']);
		await until(
			() =>
				JSON.stringify(last()) === JSON.stringify({ phaseId: 'challenges', writers: 2, drafts: 3 }),
			3000,
			'Bob’s draft counted'
		);
		// A burst of typing is counted once, not per keystroke.
		expect(counts.length).toBeLessThan(6);

		// The reveal empties the drafts; another kind of phase has none to count.
		await command(s.id, s.facilitatorToken, { type: 'drafts.reveal' });
		await until(
			() =>
				JSON.stringify(last()) === JSON.stringify({ phaseId: 'challenges', writers: 0, drafts: 0 }),
			3000,
			'nothing left after the reveal'
		);
		await command(s.id, s.facilitatorToken, { type: 'phase.goto', phaseId: 'clustering' });
		await until(() => last() === null, 3000, 'no count outside silent writing');
		// Participants get no counts, and nobody's drafts' texts travel on the control plane.
		expect(participant.seen.frames.some((f) => f.startsWith('["drafts"'))).toBe(false);
		expect(facilitator.seen.frames.join('\n')).not.toContain('Geheim');
	});

	it('refuses draft writes outside a silent phase and drafts for staff', async () => {
		const s = await createSession(server.url, 'Keine Entwürfe', 'study');
		const p = await joinSession(server.url, s, 'Thomas');
		const drafts = recordingBoard(`${s.boardId}/drafts`, p.token);
		await drafts.synced;
		createCard(drafts.doc, {
			id: 'd',
			area: 'challenges',
			authorId: p.participantId,
			createdAt: 1,
			phaseId: 'welcome'
		});
		await until(() => drafts.closes.includes(YJS_CLOSE.readOnly), 3000, 'read-only close');
		const staff = recordingBoard(`${s.boardId}/drafts`, s.facilitatorToken);
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(staff.provider.synced).toBe(false);
	});
});

describe('moderation', () => {
	it('removes a participant: their token stops at once, their connections close, their cards stay', async () => {
		const s = await createSession(server.url, 'Moderation');
		const p = await joinSession(server.url, s, 'Mallory');
		const board = recordingBoard(s.boardId, p.token);
		const socket = controlClient(server.url, s.id, p.token);
		cleanup.push(() => socket.socket.disconnect());
		await Promise.all([board.synced, socket.connected]);
		createCard(board.doc, {
			id: 'm',
			area: 'challenges',
			authorId: p.participantId,
			createdAt: 1,
			text: 'bleibt'
		});
		const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => facilitator.provider.destroy());
		await until(() => readCards(facilitator.doc).length === 1, 3000, 'card');

		await command(s.id, s.facilitatorToken, {
			type: 'participant.remove',
			participantId: p.participantId
		});
		await until(() => board.closes.includes(YJS_CLOSE.unauthorized), 3000, 'board closed');
		expect(board.reasons.at(-1)).toBe(YJS_CLOSE_REASON.removed);
		await until(() => socket.seen.signedOut?.code === 'unauthorized', 3000, 'signed out');
		expect(
			(await api(server.url, 'GET', `/api/sessions/${s.id}`, undefined, bearer(p.token))).status
		).toBe(401);
		expect(readCards(facilitator.doc).map((c) => c.text)).toEqual(['bleibt']);
		expect(
			(await state(s.id, s.facilitatorToken)).roster.some(
				(r) => r.participantId === p.participantId
			)
		).toBe(false);
	});

	it('deleting a session tells every open screen so: the board closes with 4401 “session deleted”, the control plane says session_not_found', async () => {
		const s = await createSession(server.url, 'Löschen');
		const p = await joinSession(server.url, s, 'Jana');
		const board = recordingBoard(s.boardId, p.token);
		const drafts = recordingBoard(`${s.boardId}/drafts`, p.token);
		const projector = recordingBoard(s.boardId, s.facilitatorToken);
		const sockets = [p.token, s.facilitatorToken].map((token) =>
			controlClient(server.url, s.id, token)
		);
		for (const socket of sockets) cleanup.push(() => socket.socket.disconnect());
		await Promise.all([
			board.synced,
			drafts.synced,
			projector.synced,
			...sockets.map((c) => c.connected)
		]);

		const res = await api(
			server.url,
			'DELETE',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		expect(res.status).toBe(204);
		for (const doc of [board, drafts, projector]) {
			await until(() => doc.closes.includes(YJS_CLOSE.unauthorized), 3000, 'board closed');
			expect(doc.reasons.at(-1)).toBe(YJS_CLOSE_REASON.sessionDeleted);
		}
		for (const socket of sockets)
			await until(() => socket.seen.signedOut?.code === 'session_not_found', 3000, 'signed out');
	});

	it('gives staff a short join code that leads to the participant link, and a new one after rotation', async () => {
		const s = await createSession(server.url, 'Kurzlink');
		const p = await joinSession(server.url, s, 'Sabine');
		const staff = await api<SessionResponse>(
			server.url,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		const code = staff.body.joinCode!;
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		expect(staff.body.shortJoinUrl).toBe(`${server.url}/k/${code}`);
		const participantView = await api<SessionResponse>(
			server.url,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(p.token)
		);
		expect(participantView.body.joinCode).toBeUndefined();
		expect(participantView.body.participantUrl).toBeUndefined();
		const typed = await api<{ sessionId: string; participantUrl: string }>(
			server.url,
			'GET',
			`/api/join-codes/${code.toLowerCase().replace('-', ' ')}`
		);
		expect(typed.status).toBe(200);
		expect(typed.body).toEqual({ sessionId: s.id, participantUrl: s.participantUrl });
		await command(s.id, s.facilitatorToken, { type: 'join.rotate' });
		expect((await api(server.url, 'GET', `/api/join-codes/${code}`)).status).toBe(404);
		expect((await api(server.url, 'GET', '/api/join-codes/nonsense')).status).toBe(404);
	});

	it('lets staff name themselves by the rules of participants’ names, and shows the names in the roster', async () => {
		const s = await createSession(server.url, 'Namen');
		const p = await joinSession(server.url, s, 'Jana');
		const observerToken = s.presenterUrl.split('#')[1]!;
		const post = (token: string, payload: object) =>
			api<{ ok?: boolean; error?: { code: string } }>(
				server.url,
				'POST',
				`/api/sessions/${s.id}/commands`,
				payload,
				bearer(token)
			);
		const watcher = controlClient(server.url, s.id, p.token);
		const projector = controlClient(server.url, s.id, observerToken);
		cleanup.push(
			() => watcher.socket.disconnect(),
			() => projector.socket.disconnect()
		);
		await Promise.all([watcher.connected, projector.connected]);

		expect(
			await post(s.facilitatorToken, { type: 'me.rename', name: '  Moderation\tAnna ' })
		).toMatchObject({ status: 200, body: { ok: true } });
		// The same command over socket.io, from the presenter screen.
		expect(await projector.command({ type: 'me.rename', name: 'Beamer Saal 2' })).toEqual({
			ok: true
		});
		const me = await api<SessionResponse>(
			server.url,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		expect(me.body.me).toMatchObject({ name: 'Moderation Anna', role: 'facilitator' });
		const named = (roster: readonly { role: string; name: string }[]) =>
			roster.map((r) => [r.role, r.name]);
		expect(named((await state(s.id, p.token)).roster)).toEqual([
			['facilitator', 'Moderation Anna'],
			['observer', 'Beamer Saal 2'],
			['participant', 'Jana']
		]);
		await until(
			() => named(watcher.seen.roster).some(([, name]) => name === 'Beamer Saal 2'),
			3000,
			'the roster event with the staff names'
		);

		// However long: the name is checked as a participant's name when joining.
		for (const [name, code] of [
			['   ', 'name_required'],
			['x'.repeat(61), 'name_too_long'],
			['x'.repeat(2000), 'name_too_long']
		]) {
			expect(await post(s.facilitatorToken, { type: 'me.rename', name })).toMatchObject({
				status: 400,
				body: { error: { code } }
			});
			expect(await projector.command({ type: 'me.rename', name })).toMatchObject({
				ok: false,
				error: { code }
			});
		}
		// The command's size limit still holds: a body over 64 KiB is refused as a whole.
		expect(
			await post(s.facilitatorToken, { type: 'me.rename', name: 'x'.repeat(70_000) })
		).toMatchObject({ status: 413, body: { error: { code: 'payload_too_large' } } });
		// Over socket.io a message over 64 KiB closes the connection, unanswered.
		const big = controlClient(server.url, s.id, s.facilitatorToken);
		cleanup.push(() => big.socket.disconnect());
		await big.connected;
		const reason = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
		big.socket.emit('command', { type: 'me.rename', name: 'x'.repeat(70_000) }, () => {
			throw new Error('a message over 64 KiB was answered');
		});
		expect(await reason).toBe('transport close');
		// The facilitator renames a participant by the same rules.
		for (const name of ['x'.repeat(61), 'x'.repeat(2000)])
			expect(
				await post(s.facilitatorToken, {
					type: 'participant.rename',
					participantId: p.participantId,
					name
				})
			).toMatchObject({ status: 400, body: { error: { code: 'name_too_long' } } });
		// Participants give their name when they join; the facilitator renames them.
		expect(await post(p.token, { type: 'me.rename', name: 'Jana K.' })).toMatchObject({
			status: 403,
			body: { error: { code: 'forbidden' } }
		});
		expect(named((await state(s.id, p.token)).roster)).toEqual([
			['facilitator', 'Moderation Anna'],
			['observer', 'Beamer Saal 2'],
			['participant', 'Jana']
		]);
	});

	it('renames a participant, rotates the join link and replaces the presenter link', async () => {
		const s = await createSession(server.url, 'Links');
		const p = await joinSession(server.url, s, 'Jana');
		await command(s.id, s.facilitatorToken, {
			type: 'participant.rename',
			participantId: p.participantId,
			name: 'Jana K. (Vergabestelle)'
		});
		expect(
			(await state(s.id, p.token)).roster.find((r) => r.participantId === p.participantId)?.name
		).toBe('Jana K. (Vergabestelle)');
		const rotated = await command(s.id, s.facilitatorToken, { type: 'join.rotate' });
		const newToken = rotated.value!.participantUrl!.split('#')[1]!;
		expect(newToken).not.toBe(s.joinToken);
		const join = (joinToken: string) =>
			api(server.url, 'POST', `/api/sessions/${s.id}/participants`, { joinToken, name: 'Neu' });
		expect((await join(s.joinToken)).status).toBe(401);
		expect((await join(newToken)).status).toBe(201);
		expect(
			(await api(server.url, 'GET', `/api/sessions/${s.id}`, undefined, bearer(p.token))).status
		).toBe(200);

		// The presenter link too: screens on the old one sign out, the new one works at once.
		const old = s.presenterUrl.split('#')[1]!;
		const board = recordingBoard(s.boardId, old);
		const socket = controlClient(server.url, s.id, old);
		cleanup.push(() => socket.socket.disconnect());
		await Promise.all([board.synced, socket.connected]);
		const before = (await state(s.id, s.facilitatorToken)).roster.length;
		const otherScreen = controlClient(server.url, s.id, s.facilitatorToken);
		cleanup.push(() => otherScreen.socket.disconnect());
		await otherScreen.connected;

		const replaced = await command(s.id, s.facilitatorToken, { type: 'presenter.rotate' });
		const url = (replaced.value as { presenterUrl: string }).presenterUrl;
		const fresh = url.split('#')[1]!;
		expect(fresh).not.toBe(old);
		expect(url).toContain(`/p/${s.id}#`);
		// The screens on the old link are told to open the link again (not that they were removed).
		await until(() => board.closes.includes(YJS_CLOSE.unauthorized), 3000, 'board closed');
		expect(board.reasons.at(-1)).toBe(YJS_CLOSE_REASON.replaced);
		await until(() => socket.seen.signedOut?.code === 'unauthorized', 3000, 'signed out');
		expect((socket.seen.signedOut as { cause?: string } | undefined)?.cause).toBeUndefined();
		// Another facilitator screen shows the new link at once; the old link's screen never learns it.
		await until(
			() =>
				otherScreen.seen.frames.includes(JSON.stringify(['presenterLink', { presenterUrl: url }])),
			3000,
			'new link on the other facilitator screen'
		);
		expect(socket.seen.frames.join('\n')).not.toContain(fresh);
		// A facilitator screen that was away and connects again learns the new link too.
		const back = controlClient(server.url, s.id, s.facilitatorToken);
		cleanup.push(() => back.socket.disconnect());
		await back.connected;
		await until(
			() => back.seen.frames.includes(JSON.stringify(['presenterLink', { presenterUrl: url }])),
			3000,
			'the link on a screen that connects again'
		);
		const session = (token: string) =>
			api(server.url, 'GET', `/api/sessions/${s.id}`, undefined, bearer(token));
		expect((await session(old)).status).toBe(401);
		const now = await session(fresh);
		expect(now.status).toBe(200);
		expect((now.body as { me: { role: string } }).me.role).toBe('observer');
		// The facilitator's view of the session hands out the new link; the roster keeps one screen.
		expect(
			((await session(s.facilitatorToken)).body as { presenterUrl: string }).presenterUrl
		).toBe(url);
		expect((await state(s.id, s.facilitatorToken)).roster.length).toBe(before);
		const again = recordingBoard(s.boardId, fresh);
		await again.synced;
		// Only the facilitator may do it.
		expect(
			(
				await api(
					server.url,
					'POST',
					`/api/sessions/${s.id}/commands`,
					{ type: 'presenter.rotate' },
					bearer(fresh)
				)
			).status
		).toBe(403);
	});
});
