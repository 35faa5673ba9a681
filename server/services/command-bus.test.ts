import { afterAll, describe, expect, it } from 'vitest';
import { createCard, readCards } from '../../src/lib/domain/board/cards';
import { SESSION_LIMITS } from '../../src/lib/domain/session/session-limits';
import type { Actor } from '../../src/lib/domain/session/roles';
import { composeServices } from '../../tests/helpers/services';
import { memoryStores } from '../persistence/memory';
import { draftsDocId } from '../realtime/yjs/drafts';

// The services as app.ts composes them, in memory.
const stores = memoryStores();
const { sessions, control, sync, voting, bus } = composeServices(stores);
afterAll(() => voting.stop());

async function meeting() {
	const created = await sessions.create({ title: 'Wettlauf', template: 'blank' }, 'http://x');
	if (!created.ok) throw new Error(created.error);
	const { session, facilitator, joinToken } = created.value;
	const joined = await sessions.join(session.id, { joinToken, name: 'Elke' });
	if (!joined.ok) throw new Error(joined.error);
	const staff: Actor = {
		sessionId: session.id,
		participantId: facilitator.id,
		role: 'facilitator'
	};
	const elke: Actor = {
		sessionId: session.id,
		participantId: joined.value.participant.id,
		role: 'participant',
		group: null
	};
	await sync.change(session.boardId, session.id, (doc) =>
		createCard(doc, {
			id: 'card',
			area: 'challenges',
			authorId: facilitator.id,
			createdAt: 1,
			text: 'Karte'
		})
	);
	const run = (actor: Actor, command: object) => bus.execute(actor, command, 'http://x');
	return { sessionId: session.id, staff, elke, run };
}

describe('ending the meeting as a round opens', () => {
	for (const first of ['voting.open', 'session.finish'])
		it(`leaves no round open and takes no dot, with ${first} first`, async () => {
			const { sessionId, staff, elke, run } = await meeting();
			const open = () => run(staff, { type: 'voting.open' });
			const finish = () => run(staff, { type: 'session.finish' });
			await Promise.all(first === 'voting.open' ? [open(), finish()] : [finish(), open()]);
			expect((await control.state(sessionId))?.finished).toBeTruthy();
			const rounds = (await voting.view(sessionId))!.rounds;
			expect(rounds.filter((round) => round.status === 'open')).toEqual([]);
			// Nor does a dot go anywhere: the meeting is over, whichever round there is.
			const dot = await run(elke, { type: 'vote.add', cardId: 'card' });
			expect(dot.ok ? 'placed' : dot.error).toBe('session_finished');
			const counted = (await voting.view(sessionId))!.rounds.map((r) => r.progress?.dots ?? 0);
			expect(counted.every((dots) => dots === 0)).toBe(true);
		});

	it('refuses a new round once the meeting has ended, and takes one again after reopening', async () => {
		const { staff, run } = await meeting();
		await run(staff, { type: 'session.finish' });
		expect(await run(staff, { type: 'voting.open' })).toMatchObject({
			ok: false,
			error: 'session_finished'
		});
		await run(staff, { type: 'session.reopen' });
		expect((await run(staff, { type: 'voting.open' })).ok).toBe(true);
	});
});

describe('a session’s limits, which keep every export importable', () => {
	it('opens at most 200 voting rounds, cancelled ones counted', async () => {
		const { staff, run } = await meeting();
		for (let i = 0; i < SESSION_LIMITS.rounds; i++) {
			expect((await run(staff, { type: 'voting.open' })).ok).toBe(true);
			expect((await run(staff, { type: 'voting.cancel' })).ok).toBe(true);
		}
		expect(await run(staff, { type: 'voting.open' })).toMatchObject({
			ok: false,
			error: 'voting_round_limit'
		});
	});

	it('lets at most 2,000 people join, staff counted', async () => {
		const created = await sessions.create({ title: 'Voll', template: 'blank' }, 'http://x');
		if (!created.ok) throw new Error(created.error);
		const { session, joinToken } = created.value;
		// The facilitator and the observer are two of them.
		for (let i = 2; i < SESSION_LIMITS.people; i++)
			expect((await sessions.join(session.id, { joinToken, name: `P${i}` })).ok).toBe(true);
		expect(await sessions.join(session.id, { joinToken, name: 'Zu spät' })).toMatchObject({
			ok: false,
			error: 'session_full'
		});
	});

	it('lets no more than 2,000 people in when the last places are taken at the same moment', async () => {
		const created = await sessions.create({ title: 'Andrang', template: 'blank' }, 'http://x');
		if (!created.ok) throw new Error(created.error);
		const { session, joinToken } = created.value;
		for (let i = 2; i < SESSION_LIMITS.people - 2; i++)
			await sessions.join(session.id, { joinToken, name: `P${i}` });
		const rush = await Promise.all(
			Array.from({ length: 20 }, (_, i) => sessions.join(session.id, { joinToken, name: `R${i}` }))
		);
		expect(rush.filter((r) => r.ok)).toHaveLength(2);
		expect((await sessions.participants(session.id)).length).toBe(SESSION_LIMITS.people);
	});
});

describe('revealing drafts when the server stops half-way', () => {
	it('publishes the drafts before the phase is stored as revealed', async () => {
		const created = await sessions.create({ title: 'Absturz', template: 'study' }, 'http://x');
		if (!created.ok) throw new Error(created.error);
		const { session, facilitator, joinToken } = created.value;
		const joined = await sessions.join(session.id, { joinToken, name: 'Ida' });
		if (!joined.ok) throw new Error(joined.error);
		const writer = joined.value.participant.id;
		const staff: Actor = {
			sessionId: session.id,
			participantId: facilitator.id,
			role: 'facilitator'
		};
		const run = (command: object) => bus.execute(staff, command, 'http://x');
		expect((await run({ type: 'phase.goto', phaseId: 'challenges' })).ok).toBe(true);
		await sync.change(draftsDocId(session.boardId, writer), session.id, (doc) =>
			createCard(doc, {
				id: 'entwurf',
				area: 'challenges',
				authorId: writer,
				createdAt: 2,
				text: 'Zu wenig Zeit',
				phaseId: 'challenges'
			})
		);
		// The server stops while storing the reveal: nothing after that point happens.
		const save = sessions.saveControl;
		sessions.saveControl = async () => {
			throw new Error('killed');
		};
		try {
			await run({ type: 'drafts.reveal' }).catch(() => undefined);
		} finally {
			sessions.saveControl = save;
		}
		const onBoard = await sync.read(session.boardId, session.id, (doc) =>
			readCards(doc).map((card) => card.text)
		);
		expect(onBoard).toEqual(['Zu wenig Zeit']);
		// Revealing again (after the restart) publishes nothing twice.
		expect((await run({ type: 'drafts.reveal' })).ok).toBe(true);
		expect((await control.state(session.id))?.revealed).toEqual(['challenges']);
		expect(await sync.read(session.boardId, session.id, (doc) => readCards(doc).length)).toBe(1);
	});

	it('keeps the drafts a full board cannot take with their writers', async () => {
		const created = await sessions.create({ title: 'Voll', template: 'study' }, 'http://x');
		if (!created.ok) throw new Error(created.error);
		const { session, facilitator, joinToken } = created.value;
		const staff: Actor = {
			sessionId: session.id,
			participantId: facilitator.id,
			role: 'facilitator'
		};
		const writers: string[] = [];
		for (const name of ['Ida', 'Jan']) {
			const joined = await sessions.join(session.id, { joinToken, name });
			if (!joined.ok) throw new Error(joined.error);
			writers.push(joined.value.participant.id);
		}
		await bus.execute(staff, { type: 'phase.goto', phaseId: 'challenges' }, 'http://x');
		await sync.change(session.boardId, session.id, (doc) => {
			for (let i = 0; i < SESSION_LIMITS.cards - 1; i++)
				createCard(doc, {
					id: `c${i}`,
					area: 'potentials',
					authorId: facilitator.id,
					createdAt: i,
					x: 0,
					y: 0
				});
		});
		for (const [i, writer] of writers.entries())
			await sync.change(draftsDocId(session.boardId, writer), session.id, (doc) =>
				createCard(doc, {
					id: `d${i}`,
					area: 'challenges',
					authorId: writer,
					createdAt: 10_000 + i,
					text: `Entwurf ${i}`,
					phaseId: 'challenges'
				})
			);
		expect((await bus.execute(staff, { type: 'drafts.reveal' }, 'http://x')).ok).toBe(true);
		const board = await sync.read(session.boardId, session.id, (doc) => readCards(doc));
		expect(board).toHaveLength(SESSION_LIMITS.cards);
		expect(board.filter((card) => card.text.startsWith('Entwurf')).map((c) => c.text)).toEqual([
			'Entwurf 0'
		]);
		const left = await Promise.all(
			writers.map((writer) =>
				sync.read(draftsDocId(session.boardId, writer), session.id, (doc) =>
					readCards(doc).map((card) => card.text)
				)
			)
		);
		expect(left).toEqual([[], ['Entwurf 1']]);
	});
});

describe('removing a participant during a round', () => {
	it('takes their dots out of the running round, and leaves a closed round as it was', async () => {
		const { sessionId, staff, elke, run } = await meeting();
		expect((await run(staff, { type: 'voting.open' })).ok).toBe(true);
		for (let i = 0; i < 2; i++)
			expect((await run(elke, { type: 'vote.add', cardId: 'card' })).ok).toBe(true);
		expect((await run(staff, { type: 'voting.close' })).ok).toBe(true);
		expect((await run(staff, { type: 'voting.open' })).ok).toBe(true);
		expect((await run(elke, { type: 'vote.add', cardId: 'card' })).ok).toBe(true);
		const progress = async () => (await voting.view(sessionId))!.rounds.map((r) => r.progress);
		expect(await progress()).toEqual([
			{ voters: 1, dots: 2 },
			{ voters: 1, dots: 1 }
		]);

		expect(
			(await run(staff, { type: 'participant.remove', participantId: elke.participantId })).ok
		).toBe(true);
		await expect.poll(progress).toEqual([
			{ voters: 1, dots: 2 },
			{ voters: 0, dots: 0 }
		]);
		expect((await run(staff, { type: 'voting.close' })).ok).toBe(true);
		const rounds = (await voting.view(sessionId))!.rounds;
		expect(rounds.map((r) => r.results?.totalDots)).toEqual([2, 0]);
	});
});
