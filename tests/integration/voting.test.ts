import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { createCard, moveCardToArea } from '../../src/lib/domain/board/cards';
import type {
	CreateSessionResponse,
	JoinResponse,
	StateResponse
} from '../../src/lib/protocol/api';
import type { CommandResult } from '../../src/lib/protocol/realtime';
import type { RoundView } from '../../src/lib/domain/voting/view';
import { controlClient } from '../helpers/control';
import {
	api,
	connectBoard,
	createSession,
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
afterAll(async () => {
	cleanup.forEach((fn) => fn());
	await server?.close();
	data.remove();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function command(sessionId: string, token: string, payload: object) {
	return api<CommandResult & { error?: { code: string } }>(
		server.url,
		'POST',
		`/api/sessions/${sessionId}/commands`,
		payload,
		bearer(token)
	);
}

async function state(sessionId: string, token: string): Promise<StateResponse> {
	const res = await api<StateResponse>(
		server.url,
		'GET',
		`/api/sessions/${sessionId}/state`,
		undefined,
		bearer(token)
	);
	expect(res.status).toBe(200);
	return res.body;
}

async function join(s: CreateSessionResponse, name: string, group: string | null) {
	const res = await api<JoinResponse>(server.url, 'POST', `/api/sessions/${s.id}/participants`, {
		joinToken: s.joinToken,
		name,
		group
	});
	expect(res.status, JSON.stringify(res.body)).toBe(201);
	return res.body;
}

/** A session whose board holds two challenges, a potential and a next step (written by the facilitator). */
async function sessionWithCards(prefix: string) {
	const s = await createSession(server.url, 'Punkten – Fokusgruppe Musterstadt');
	const board = connectBoard(server.url, s.boardId, s.facilitatorToken);
	cleanup.push(() => board.provider.destroy());
	await board.synced;
	const ids = {
		c1: `${prefix}c1`,
		c2: `${prefix}c2`,
		p1: `${prefix}p1`,
		n1: `${prefix}n1`
	};
	const cards: [string, 'challenges' | 'potentials' | 'next-steps', string][] = [
		[ids.c1, 'challenges', 'Vergaberecht ist komplex'],
		[ids.c2, 'challenges', 'Wenig Zeit in der Verwaltung'],
		[ids.p1, 'potentials', 'Repair-Café als Partner'],
		[ids.n1, 'next-steps', 'Runder Tisch im Frühjahr']
	];
	for (const [id, area, text] of cards)
		createCard(board.doc, { id, area, text, authorId: s.facilitatorId, createdAt: Date.now() });
	// The server has stored the cards once a fresh reader sees them.
	const reader = connectBoard(server.url, s.boardId, s.facilitatorToken);
	cleanup.push(() => reader.provider.destroy());
	await reader.synced;
	await until(() => reader.doc.getMap('cards').size === 4);
	return { s, ids };
}

describe('dot-voting', () => {
	it('accepts exactly the budget from hundreds of concurrent dots of one participant, on both transports', async () => {
		const { s, ids } = await sessionWithCards('race');
		const anna = await join(s, 'Anna', 'civil');
		const ben = await join(s, 'Ben', 'admin');
		expect((await command(s.id, s.facilitatorToken, { type: 'voting.open' })).status).toBe(200);

		const socket = controlClient(server.url, s.id, anna.token);
		cleanup.push(() => socket.socket.disconnect());
		await socket.connected;
		const cardIds = [ids.c1, ids.c2, ids.p1, ids.n1];
		const answers = await Promise.all(
			Array.from({ length: 300 }, (_, i) =>
				socket.command({ type: 'vote.add', cardId: cardIds[i % cardIds.length] })
			)
		);
		expect(answers.filter((a) => a.ok)).toHaveLength(5);
		for (const a of answers.filter((a) => !a.ok))
			expect(['no_dots_left', 'card_dots_full', 'rate_limited']).toContain(!a.ok && a.error.code);

		const overHttp = await Promise.all(
			Array.from({ length: 200 }, () =>
				command(s.id, ben.token, { type: 'vote.add', cardId: ids.c1 })
			)
		);
		// Ben's dots on one card stop at the per-card cap of 3; over HTTP too, commands beyond his
		// command budget are refused before they reach the round.
		expect(overHttp.filter((r) => r.status === 200)).toHaveLength(3);
		for (const r of overHttp.filter((r) => r.status !== 200))
			expect(['card_dots_full', 'rate_limited']).toContain(r.body.error?.code);

		const annaBallot = (await state(s.id, anna.token)).ballot!;
		expect(annaBallot).toMatchObject({ used: 5, remaining: 0 });
		expect(Math.max(...Object.values(annaBallot.dots))).toBeLessThanOrEqual(3);
		expect((await state(s.id, ben.token)).ballot).toMatchObject({
			used: 3,
			remaining: 2,
			dots: { [ids.c1]: 3 }
		});
		expect((await state(s.id, s.facilitatorToken)).voting.rounds[0]!.progress).toEqual({
			voters: 2,
			dots: 8
		});
	});

	it('counts a replayed command against the cap, and takes dots back', async () => {
		const { s, ids } = await sessionWithCards('replay');
		const p = await join(s, 'Clara', 'repair');
		await command(s.id, s.facilitatorToken, { type: 'voting.open', maxPerCard: 2 });
		const frame = { type: 'vote.add', cardId: ids.p1 };
		const codes = [];
		for (let i = 0; i < 4; i++) {
			const res = await command(s.id, p.token, frame);
			codes.push(res.status === 200 ? 'ok' : res.body.error?.code);
		}
		expect(codes).toEqual(['ok', 'ok', 'card_dots_full', 'card_dots_full']);
		const removed = await command(s.id, p.token, { type: 'vote.remove', cardId: ids.p1 });
		expect(removed.body).toMatchObject({ ok: true, value: { used: 1, remaining: 4 } });
		const none = await command(s.id, p.token, { type: 'vote.remove', cardId: ids.c1 });
		expect(none).toMatchObject({ status: 409, body: { error: { code: 'no_dot_on_card' } } });
	});

	it('refuses dots out of scope, on foreign cards, after the round, and from anyone but participants', async () => {
		const { s, ids } = await sessionWithCards('scope');
		const other = await sessionWithCards('foreign');
		const p = await join(s, 'Dana', 'business');
		const stranger = await join(other.s, 'Emil', 'civil');
		const opened = await command(s.id, s.facilitatorToken, {
			type: 'voting.open',
			scope: { areas: ['challenges'] }
		});
		expect(opened.body).toMatchObject({ ok: true, value: { status: 'open', seq: 1 } });
		const again = await command(s.id, s.facilitatorToken, { type: 'voting.open' });
		expect(again).toMatchObject({ status: 409, body: { error: { code: 'voting_already_open' } } });
		// A round over clusters that are not on the board has nothing to vote on.
		const nowhere = await command(other.s.id, other.s.facilitatorToken, {
			type: 'voting.open',
			scope: { areas: [], clusters: ['no-such-cluster'] }
		});
		expect(nowhere).toMatchObject({ status: 400, body: { error: { code: 'voting_scope_empty' } } });

		const vote = (token: string, cardId: string, sessionId = s.id) =>
			command(sessionId, token, { type: 'vote.add', cardId });
		expect(await vote(p.token, ids.p1)).toMatchObject({
			status: 409,
			body: { error: { code: 'card_out_of_scope' } }
		});
		expect(await vote(p.token, other.ids.c1)).toMatchObject({
			status: 404,
			body: { error: { code: 'card_not_found' } }
		});
		expect((await vote(stranger.token, ids.c1)).status).toBe(403);
		expect((await vote(s.facilitatorToken, ids.c1)).status).toBe(403);
		expect((await vote('not-a-token', ids.c1)).status).toBe(401);
		expect((await command(s.id, p.token, { type: 'voting.close' })).status).toBe(403);
		expect((await command(s.id, p.token, { type: 'vote.add' })).status).toBe(400);

		expect((await vote(p.token, ids.c1)).status).toBe(200);
		await command(s.id, s.facilitatorToken, {
			type: 'participant.remove',
			participantId: p.participantId
		});
		expect((await vote(p.token, ids.c2)).status).toBe(401);

		const q = await join(s, 'Frieda', 'politics');
		const closed = await command(s.id, s.facilitatorToken, { type: 'voting.close' });
		expect(closed.status).toBe(200);
		const roundId = (closed.body as { value: RoundView }).value.id;
		for (const type of ['vote.add', 'vote.remove'])
			expect(
				await command(s.id, q.token, { type, cardId: ids.c1, roundId }),
				`${type} in the closed round`
			).toMatchObject({ status: 409, body: { error: { code: 'voting_closed' } } });
		const results = (await state(s.id, q.token)).voting.rounds[0]!.results!;
		// The removed participant's dot placed before the removal left the round with them.
		expect(results.totalDots).toBe(0);
		expect(results.cards.map((c) => c.cardId)).toEqual([ids.c1, ids.c2]);
	});

	it('answers dots when no round is open or for an unknown round voting_not_found, and dots in a round that ended voting_closed', async () => {
		const { s, ids } = await sessionWithCards('none');
		const p = await join(s, 'Greta', 'civil');
		const dot = (type: 'vote.add' | 'vote.remove', roundId?: string) =>
			command(s.id, p.token, { type, cardId: ids.c1, ...(roundId ? { roundId } : {}) });
		const notFound = { status: 404, body: { error: { code: 'voting_not_found' } } };
		for (const type of ['vote.add', 'vote.remove'] as const) {
			expect(await dot(type), `${type} before any round`).toMatchObject(notFound);
			expect(await dot(type, 'no-such-round'), `${type} in an unknown round`).toMatchObject(
				notFound
			);
		}
		const opened = await command(s.id, s.facilitatorToken, { type: 'voting.open' });
		const roundId = (opened.body as { value: RoundView }).value.id;
		expect((await dot('vote.add')).status).toBe(200);
		expect((await dot('vote.remove', roundId)).status).toBe(200);
		expect((await command(s.id, s.facilitatorToken, { type: 'voting.close' })).status).toBe(200);
		for (const type of ['vote.add', 'vote.remove'] as const) {
			expect(await dot(type), `${type} after the round`).toMatchObject(notFound);
			expect(await dot(type, roundId), `${type} in the ended round`).toMatchObject({
				status: 409,
				body: { error: { code: 'voting_closed' } }
			});
		}
	});

	it('answers closing or cancelling when no round is open voting_not_found, and a round that ended voting_closed', async () => {
		const s = await createSession(server.url, 'Keine Runde offen');
		const end = (type: 'voting.close' | 'voting.cancel', roundId?: string) =>
			command(s.id, s.facilitatorToken, roundId ? { type, roundId } : { type });
		for (const type of ['voting.close', 'voting.cancel'] as const)
			expect(await end(type), `${type} before any round`).toMatchObject({
				status: 404,
				body: { error: { code: 'voting_not_found' } }
			});
		const opened = await command(s.id, s.facilitatorToken, { type: 'voting.open' });
		const roundId = (opened.body as { value: { id: string } }).value.id;
		expect((await end('voting.cancel')).status).toBe(200);
		for (const type of ['voting.close', 'voting.cancel'] as const) {
			expect(await end(type), `${type} after the round`).toMatchObject({
				status: 404,
				body: { error: { code: 'voting_not_found' } }
			});
			expect(await end(type, roundId), `${type} of the ended round`).toMatchObject({
				status: 409,
				body: { error: { code: 'voting_closed' } }
			});
		}
		expect(await end('voting.cancel', 'no-such-round')).toMatchObject({
			status: 404,
			body: { error: { code: 'voting_not_found' } }
		});
	});

	it('shows an earlier round on every screen at the facilitator’s word, until a new round opens', async () => {
		const s = await createSession(server.url, 'Runde zeigen');
		const run = async (payload: object) => command(s.id, s.facilitatorToken, payload);
		const roundIds: string[] = [];
		for (const end of ['voting.close', 'voting.cancel', 'voting.close']) {
			const opened = await run({ type: 'voting.open' });
			roundIds.push((opened.body as { value: { id: string } }).value.id);
			expect((await run({ type: end })).status).toBe(200);
		}
		const [first, cancelled] = roundIds;
		const watcher = controlClient(server.url, s.id, s.facilitatorToken);
		cleanup.push(() => watcher.socket.close());
		await watcher.connected;

		expect(await run({ type: 'results.show', roundId: first })).toMatchObject({ status: 200 });
		expect((await state(s.id, s.facilitatorToken)).control.shownRound).toEqual({
			roundId: first,
			rounds: 3
		});
		await until(() => watcher.seen.control?.shownRound?.roundId === first);
		// Participants may not choose for everyone; a round without results cannot be shown.
		const jana = await join(s, 'Jana', null);
		expect(await command(s.id, jana.token, { type: 'results.show', roundId: first })).toMatchObject(
			{ status: 403, body: { error: { code: 'forbidden' } } }
		);
		expect(await run({ type: 'results.show', roundId: cancelled })).toMatchObject({
			status: 409,
			body: { error: { code: 'voting_no_results' } }
		});
		expect(await run({ type: 'results.show', roundId: 'no-such-round' })).toMatchObject({
			status: 404,
			body: { error: { code: 'voting_not_found' } }
		});
		// While a round is open, its own results come first: nothing else can be chosen.
		expect((await run({ type: 'voting.open' })).status).toBe(200);
		expect(await run({ type: 'results.show', roundId: first })).toMatchObject({
			status: 409,
			body: { error: { code: 'voting_no_results' } }
		});
		expect((await state(s.id, s.facilitatorToken)).control.shownRound).toEqual({
			roundId: first,
			rounds: 3
		});
		expect((await run({ type: 'voting.close' })).status).toBe(200);
		expect(await run({ type: 'results.show', roundId: null })).toMatchObject({ status: 200 });
		expect((await state(s.id, s.facilitatorToken)).control.shownRound).toBeNull();
	});

	it('answers voting.open with a number out of range, not whole, or a too long title voting_options_invalid, and a wrong type bad_request', async () => {
		const s = await createSession(server.url, 'Falsche Regeln');
		const open = (options: object) =>
			command(s.id, s.facilitatorToken, { type: 'voting.open', ...options });
		for (const options of [
			{ dotsPerParticipant: 0 },
			{ dotsPerParticipant: 51 },
			{ dotsPerParticipant: 2.5 },
			{ maxPerCard: 0 },
			{ maxPerCard: 51 },
			{ durationMin: 0 },
			{ durationMin: -1 },
			{ durationMin: 241 },
			{ title: 'x'.repeat(121) },
			{ title: 'x'.repeat(2000) }
		])
			expect(await open(options), JSON.stringify(options).slice(0, 60)).toMatchObject({
				status: 400,
				body: { error: { code: 'voting_options_invalid' } }
			});
		for (const options of [
			{ dotsPerParticipant: '5' },
			{ durationMin: 'lang' },
			{ title: 5 },
			{ anonymous: 'ja' },
			{ colour: 'red' }
		])
			expect(await open(options), JSON.stringify(options)).toMatchObject({
				status: 400,
				body: { error: { code: 'bad_request' } }
			});
		// None of them opened a round.
		expect((await state(s.id, s.facilitatorToken)).voting.rounds).toEqual([]);
		expect(await open({ dotsPerParticipant: 50, maxPerCard: 50, durationMin: 240 })).toMatchObject({
			status: 200,
			body: { value: { dotsPerParticipant: 50, durationMin: 240 } }
		});
	});

	it('answers voting.open, voting.close and voting.cancel with the round as the voting event shows it, progress included', async () => {
		const { s, ids } = await sessionWithCards('ack');
		const p = await join(s, 'Kai', 'civil');
		const facilitator = controlClient(server.url, s.id, s.facilitatorToken);
		cleanup.push(() => facilitator.socket.disconnect());
		await facilitator.connected;
		const lastVoting = () =>
			(
				JSON.parse(facilitator.seen.frames.findLast((f) => f.startsWith('["voting",'))!) as [
					string,
					StateResponse['voting']
				]
			)[1].rounds.at(-1);

		const opened = await facilitator.command({ type: 'voting.open' });
		expect(opened).toMatchObject({
			ok: true,
			value: { status: 'open', progress: { voters: 0, dots: 0 }, results: null }
		});
		for (const cardId of [ids.c1, ids.c2])
			expect((await command(s.id, p.token, { type: 'vote.add', cardId })).status).toBe(200);
		const closed = await facilitator.command({ type: 'voting.close' });
		expect(closed).toMatchObject({
			ok: true,
			value: { status: 'closed', progress: { voters: 1, dots: 2 }, results: { totalDots: 2 } }
		});
		await until(() => lastVoting()?.status === 'closed', 3000, 'the closed round');
		expect(closed.ok && closed.value).toEqual(lastVoting());

		// Live results start with every card in scope and no dots; a cancelled round keeps its progress.
		const live = await facilitator.command({ type: 'voting.open', visibility: 'live' });
		expect(live).toMatchObject({
			ok: true,
			value: { status: 'open', progress: { voters: 0, dots: 0 }, results: { totalDots: 0 } }
		});
		expect(live.ok && (live.value as RoundView).results!.cards).toHaveLength(4);
		expect((await command(s.id, p.token, { type: 'vote.add', cardId: ids.p1 })).status).toBe(200);
		const cancelled = await facilitator.command({ type: 'voting.cancel' });
		expect(cancelled).toMatchObject({
			ok: true,
			value: { status: 'cancelled', progress: { voters: 1, dots: 1 }, results: null }
		});
		await until(() => lastVoting()?.status === 'cancelled', 3000, 'the cancelled round');
		expect(cancelled.ok && cancelled.value).toEqual(lastVoting());
	});

	it('keeps results hidden from participants until the round closes — events and state alike', async () => {
		const { s, ids } = await sessionWithCards('hidden');
		const anna = await join(s, 'Anna', 'civil');
		const ben = await join(s, 'Ben', 'admin');
		const watcher = controlClient(server.url, s.id, anna.token);
		cleanup.push(() => watcher.socket.disconnect());
		await watcher.connected;
		await command(s.id, s.facilitatorToken, { type: 'voting.open' });
		expect((await command(s.id, anna.token, { type: 'vote.add', cardId: ids.c1 })).status).toBe(
			200
		);
		for (const cardId of [ids.c2, ids.c2, ids.p1])
			expect((await command(s.id, ben.token, { type: 'vote.add', cardId })).status).toBe(200);
		await until(() => watcher.seen.frames.some((f) => f.includes('"dots":4')));

		const annaState = await state(s.id, anna.token);
		const before = [...watcher.seen.frames, JSON.stringify(annaState)];
		// Ben's cards appear nowhere in what Anna received, and no round carries results.
		for (const frame of before) {
			expect(frame).not.toContain(ids.c2);
			expect(frame).not.toContain(ids.p1);
			expect(frame).not.toMatch(/"results":\{/);
		}
		expect(annaState.voting.rounds[0]).toMatchObject({
			status: 'open',
			results: null,
			progress: { voters: 2, dots: 4 }
		});
		expect(annaState.ballot).toMatchObject({ dots: { [ids.c1]: 1 }, remaining: 4 });

		await command(s.id, s.facilitatorToken, { type: 'voting.close' });
		await until(() => watcher.seen.frames.some((f) => f.includes('"status":"closed"')));
		const closed = watcher.seen.frames.findLast((f) => f.startsWith('["voting",'))!;
		const view = JSON.parse(closed)[1] as StateResponse['voting'];
		const results = view.rounds[0]!.results!;
		expect(results.cards.map((c) => [c.cardId, c.dots, c.rank])).toEqual([
			[ids.c2, 2, 1],
			[ids.c1, 1, 2],
			[ids.p1, 1, 2],
			[ids.n1, 0, 4]
		]);
		expect(results.groups.filter((g) => g.voters > 0)).toEqual([
			{ group: 'admin', voters: 1, dots: 3 },
			{ group: 'civil', voters: 1, dots: 1 }
		]);
		// Anonymous by default: nobody's name or id is attached to a dot.
		expect(closed).not.toContain(ben.participantId);
		expect(watcher.seen.frames.at(-1)).toBeDefined();
	});

	it('sends a dot in a live round as that round alone, a few times a second at most', async () => {
		const { s, ids } = await sessionWithCards('live-broadcast');
		const p = await join(s, 'Hanne', 'civil');
		// One earlier round with results, which a dot in the live round does not change.
		await command(s.id, s.facilitatorToken, { type: 'voting.open' });
		await command(s.id, p.token, { type: 'vote.add', cardId: ids.c1 });
		await command(s.id, s.facilitatorToken, { type: 'voting.close' });
		await command(s.id, s.facilitatorToken, {
			type: 'voting.open',
			visibility: 'live',
			dotsPerParticipant: 50,
			maxPerCard: 50
		});
		const watcher = controlClient(server.url, s.id, s.facilitatorToken);
		cleanup.push(() => watcher.socket.disconnect());
		await watcher.connected;
		await until(() => watcher.seen.frames.some((f) => f.startsWith('["voting",')));
		const seen = watcher.seen.frames.length;
		const started = Date.now();
		for (let i = 0; i < 12; i++)
			expect((await command(s.id, p.token, { type: 'vote.add', cardId: ids.p1 })).status).toBe(200);
		const last = () =>
			watcher.seen.frames
				.slice(seen)
				.filter((f) => f.startsWith('["votingRound",'))
				.map((f) => (JSON.parse(f) as [string, RoundView])[1]);
		await until(
			() =>
				last()
					.at(-1)
					?.results?.cards.find((c) => c.cardId === ids.p1)?.dots === 12,
			3000,
			'the twelfth dot'
		);
		const elapsed = Date.now() - started;
		const news = watcher.seen.frames.slice(seen);
		// Not every round's results again on each dot: the live round alone, and fewer sends than dots.
		expect(news.filter((f) => f.startsWith('["voting",'))).toEqual([]);
		expect(last().every((round) => round.status === 'open' && round.visibility === 'live')).toBe(
			true
		);
		expect(last().length).toBeLessThanOrEqual(Math.ceil(elapsed / 250) + 1);
		// Closing does not wait: the full list with the closed round follows at once.
		await command(s.id, s.facilitatorToken, { type: 'voting.close' });
		await until(() =>
			watcher.seen.frames.some((f) => f.startsWith('["voting",') && f.includes('"dots":12'))
		);
	});

	it('shows totals as they grow when the facilitator chose live results', async () => {
		const { s, ids } = await sessionWithCards('live');
		const p = await join(s, 'Gero', 'research');
		await command(s.id, s.facilitatorToken, { type: 'voting.open', visibility: 'live' });
		await command(s.id, p.token, { type: 'vote.add', cardId: ids.n1 });
		const round = (await state(s.id, p.token)).voting.rounds[0]!;
		expect(round.results?.cards[0]).toMatchObject({ cardId: ids.n1, dots: 1, rank: 1 });
	});

	it('closes a time-boxed round by itself', async () => {
		const { s, ids } = await sessionWithCards('timebox');
		const p = await join(s, 'Hanna', 'social');
		await command(s.id, s.facilitatorToken, { type: 'voting.open', durationMin: 0.01 });
		expect((await command(s.id, p.token, { type: 'vote.add', cardId: ids.c1 })).status).toBe(200);
		const started = Date.now();
		while ((await state(s.id, p.token)).voting.rounds[0]!.status !== 'closed') {
			expect(Date.now() - started).toBeLessThan(5_000);
			await new Promise((resolve) => setTimeout(resolve, 50));
		}
		expect((await state(s.id, p.token)).voting.rounds[0]!.results!.totalDots).toBe(1);
	});

	it('lets the facilitator edit the stakeholder groups, keeping those already chosen', async () => {
		const s = await createSession(server.url);
		const groups = [
			{ id: 'admin', label: null },
			{ id: 'civil', label: null },
			{ id: 'g-weltladen', label: 'Weltladen „Eine Welt“' }
		];
		expect(
			(await command(s.id, s.facilitatorToken, { type: 'groups.update', groups })).status
		).toBe(200);
		const p = await join(s, 'Ines', 'g-weltladen');
		const info = await state(s.id, p.token);
		expect(info.settings.stakeholderGroups).toEqual(groups);
		const refused = await api(server.url, 'POST', `/api/sessions/${s.id}/participants`, {
			joinToken: s.joinToken,
			name: 'Jan',
			group: 'repair'
		});
		expect(refused.status).toBe(400);
		const dropping = await command(s.id, s.facilitatorToken, {
			type: 'groups.update',
			groups: groups.slice(0, 2)
		});
		expect(dropping).toMatchObject({ status: 409, body: { error: { code: 'group_in_use' } } });
		expect((await command(s.id, p.token, { type: 'groups.update', groups })).status).toBe(403);
	});

	it('keeps every round and its results through a restart of the server', async () => {
		const { s, ids } = await sessionWithCards('restart');
		const p = await join(s, 'Kai', 'circular');
		await command(s.id, s.facilitatorToken, { type: 'voting.open', anonymous: false });
		await command(s.id, p.token, { type: 'vote.add', cardId: ids.c2 });
		await command(s.id, s.facilitatorToken, { type: 'voting.close' });
		await command(s.id, s.facilitatorToken, { type: 'voting.open', dotsPerParticipant: 2 });
		await command(s.id, p.token, { type: 'vote.add', cardId: ids.p1 });
		const before = await state(s.id, p.token);

		await server.close();
		server = await startTestServer(data.dir);
		const after = await state(s.id, p.token);
		expect(after.voting).toEqual(before.voting);
		expect(after.ballot).toEqual(before.ballot);
		expect(after.voting.rounds[0]!.results!.cards[0]).toMatchObject({
			cardId: ids.c2,
			ballots: [{ participantId: p.participantId, dots: 1 }]
		});
		// The open round goes on where it was.
		expect((await command(s.id, p.token, { type: 'vote.add', cardId: ids.p1 })).status).toBe(200);
		expect(await command(s.id, p.token, { type: 'vote.add', cardId: ids.c1 })).toMatchObject({
			status: 409,
			body: { error: { code: 'no_dots_left' } }
		});
	});

	it('keeps a voted card in the results with its text when it left the scope before the close', async () => {
		const { s, ids } = await sessionWithCards('moved');
		const p = await join(s, 'Lena', 'civil');
		await command(s.id, s.facilitatorToken, {
			type: 'voting.open',
			scope: { areas: ['challenges'] }
		});
		await command(s.id, p.token, { type: 'vote.add', cardId: ids.c1 });
		const board = connectBoard(server.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		moveCardToArea(board.doc, ids.c1, 'potentials');
		const results = async () => {
			const started = Date.now();
			for (;;) {
				const closed = await command(s.id, s.facilitatorToken, { type: 'voting.close' });
				if (closed.status === 200) return (await state(s.id, p.token)).voting.rounds[0]!.results!;
				expect(Date.now() - started).toBeLessThan(5_000);
			}
		};
		// Give the move time to reach the server before the round is closed.
		await new Promise((resolve) => setTimeout(resolve, 300));
		const moved = (await results()).cards.find((c) => c.cardId === ids.c1)!;
		expect(moved).toMatchObject({
			text: 'Vergaberecht ist komplex',
			area: 'potentials',
			dots: 1,
			deleted: false
		});
	});

	it('closes a round whose time box ran out while the server was down, at the time it ended', async () => {
		const { s, ids } = await sessionWithCards('downtime');
		const p = await join(s, 'Mia', 'research');
		await command(s.id, s.facilitatorToken, { type: 'voting.open', durationMin: 0.02 });
		await command(s.id, p.token, { type: 'vote.add', cardId: ids.p1 });
		await server.close();
		await new Promise((resolve) => setTimeout(resolve, 1_400));
		server = await startTestServer(data.dir);
		// The first thing after the restart is a new round: the expired one must not be in its way.
		const reopened = await command(s.id, s.facilitatorToken, { type: 'voting.open' });
		expect(reopened.status).toBe(200);
		const [first, second] = (await state(s.id, p.token)).voting.rounds;
		expect(first).toMatchObject({ status: 'closed', results: { totalDots: 1 } });
		expect(first!.closedAt).toBe(first!.endsAt);
		expect(second).toMatchObject({ status: 'open', seq: 2 });
	});
});
