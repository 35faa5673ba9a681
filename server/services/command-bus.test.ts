import { afterAll, describe, expect, it } from 'vitest';
import { createCard } from '../../src/lib/domain/board/cards';
import { SESSION_LIMITS } from '../../src/lib/domain/session/session-limits';
import type { Actor } from '../../src/lib/domain/session/roles';
import { checkBoardUpdate } from '../../src/lib/domain/board/update-policy';
import { createLogger } from '../log';
import { memoryStores } from '../persistence/memory';
import { BoardSync, DEFAULT_SYNC_OPTIONS } from '../realtime/yjs/board-sync';
import { DraftService } from '../realtime/yjs/drafts';
import { SecretBox } from '../security/secret-box';
import { CommandBus } from './command-bus';
import { ControlService } from './control-service';
import { SessionEvents } from './session-events';
import { SessionService } from './session-service';
import { VotingService } from './voting-service';

// The services as app.ts composes them, in memory: commands that arrive together interleave
// here exactly as they do in the server, without a network to blur the order.
const stores = memoryStores();
const events = new SessionEvents();
const sessions = new SessionService(stores.sessions, SecretBox.ephemeral());
const control = new ControlService(sessions, events);
const sync = new BoardSync(stores.docs, checkBoardUpdate, {
	...DEFAULT_SYNC_OPTIONS,
	log: createLogger('silent'),
	unloadDelayMs: 0
});
const voting = new VotingService(stores.voting, sessions, sync, events, async (sessionId) =>
	Boolean((await control.state(sessionId))?.finished)
);
const bus = new CommandBus(
	sessions,
	control,
	new DraftService(sync, sessions),
	events,
	voting,
	sync
);
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
			// No round takes the dot: with one open, the answer would be that the session ended.
			const dot = await run(elke, { type: 'vote.add', cardId: 'card' });
			expect(dot.ok ? 'placed' : dot.error).toMatch(/^voting_(closed|not_found)$/);
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
