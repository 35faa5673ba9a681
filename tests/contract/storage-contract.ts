import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { ParticipantRecord, SessionRecord, Stores } from '../../server/persistence/ports';
import { applyControl, initialControl } from '../../src/lib/domain/session/control';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/session/session';
import { agendaFromTemplate } from '../../src/lib/domain/session/templates';
import {
	DEFAULT_VOTING_OPTIONS,
	openRound,
	type VotingRound
} from '../../src/lib/domain/voting/round';
import { tally } from '../../src/lib/domain/voting/tally';

/** The behaviour every storage adapter must have; run once per adapter. */
export function storageContract(name: string, open: () => Promise<Stores>): void {
	let n = 0;
	const session = (): SessionRecord => {
		n++;
		return {
			id: `s${n}-${Math.random().toString(36).slice(2)}`,
			boardId: `b${n}-${Math.random().toString(36).slice(2)}`,
			title: 'Faire Beschaffung – Fokusgruppe Musterstadt',
			municipality: n % 2 === 0 ? 'Stadt Müllheim an der Ruhr' : '',
			template: 'study',
			language: 'de',
			createdAt: 1_700_000_000_000 + n,
			settings: DEFAULT_SETTINGS,
			joinTokenHash: `join-${n}`,
			joinTokenSealed: `sealed-${n}`,
			observerTokenSealed: `observer-${n}`,
			joinCodeHash: `code-${n}-${Math.random()}`,
			control: initialControl(agendaFromTemplate('study', 'de'))
		};
	};
	const participant = (
		s: SessionRecord,
		id: string,
		role: ParticipantRecord['role'] = 'participant'
	): ParticipantRecord => ({
		id,
		sessionId: s.id,
		name: `Name ${id} – Jürgen`,
		group: role === 'facilitator' ? null : 'repair',
		role,
		tokenHash: `hash-${id}-${s.id}`,
		createdAt: 1,
		removedAt: null
	});

	describe(`${name}: sessions`, () => {
		it('creates a session with its facilitator and finds it by id and board', async () => {
			const stores = await open();
			const s = session();
			const f = participant(s, 'f', 'facilitator');
			await stores.sessions.createSession(s, [f]);
			expect(await stores.sessions.getSession(s.id)).toEqual(s);
			expect(await stores.sessions.getSessionByBoard(s.boardId)).toEqual(s);
			expect(await stores.sessions.getParticipantByTokenHash(f.tokenHash)).toEqual(f);
			expect(await stores.sessions.getSessionByJoinCodeHash(s.joinCodeHash!)).toEqual(s);
			expect(await stores.sessions.getSessionByJoinCodeHash('missing')).toBeNull();
			expect(await stores.sessions.getSession('missing')).toBeNull();
			await stores.close();
		});

		it('gives the observer a new token together with the session’s sealed copy of it', async () => {
			const stores = await open();
			const s = session();
			const o = participant(s, `o-${s.id}`, 'observer');
			await stores.sessions.createSession(s, [participant(s, `f-${s.id}`, 'facilitator'), o]);
			expect(await stores.sessions.replaceObserverToken('elsewhere', o.id, 'x', 'y')).toBe(false);
			expect(await stores.sessions.replaceObserverToken(s.id, o.id, 'new-hash', 'new-sealed')).toBe(
				true
			);
			expect(await stores.sessions.getParticipantByTokenHash(o.tokenHash)).toBeNull();
			expect(await stores.sessions.getParticipantByTokenHash('new-hash')).toEqual({
				...o,
				tokenHash: 'new-hash'
			});
			expect((await stores.sessions.getSession(s.id))?.observerTokenSealed).toBe('new-sealed');
			await stores.close();
		});

		it('updates title and settings', async () => {
			const stores = await open();
			const s = session();
			await stores.sessions.createSession(s, [participant(s, 'f', 'facilitator')]);
			const updated = await stores.sessions.updateSession(s.id, {
				title: 'Neu',
				settings: {
					showAuthorNames: true,
					stakeholderGroups: [
						{ id: 'admin', label: null },
						{ id: 'g-werk', label: 'Werkstatt „Müller“' }
					]
				}
			});
			expect(updated).toMatchObject({ title: 'Neu', settings: { showAuthorNames: true } });
			expect(await stores.sessions.getSession(s.id)).toEqual(updated);
			expect(await stores.sessions.updateSession('missing', { title: 'x' })).toBeNull();
			await stores.close();
		});

		it('keeps the control state and a rotated join token', async () => {
			const stores = await open();
			const s = session();
			await stores.sessions.createSession(s, [participant(s, 'f', 'facilitator')]);
			const moved = applyControl(s.control, { type: 'phase.goto', phaseId: 'potentials' }, 5);
			if (!moved.ok) throw new Error(moved.error);
			await stores.sessions.updateSession(s.id, {
				control: moved.state,
				joinTokenHash: 'rotated',
				joinTokenSealed: 'rotated-sealed',
				joinCodeHash: 'rotated-code'
			});
			expect(await stores.sessions.getSession(s.id)).toEqual({
				...s,
				control: moved.state,
				joinTokenHash: 'rotated',
				joinTokenSealed: 'rotated-sealed',
				joinCodeHash: 'rotated-code'
			});
			expect(await stores.sessions.getSessionByJoinCodeHash('rotated-code')).toMatchObject({
				id: s.id
			});
			await stores.close();
		});

		it('renames and removes participants, keeping them in the list', async () => {
			const stores = await open();
			const s = session();
			const p = participant(s, 'p');
			await stores.sessions.createSession(s, [
				participant(s, 'f', 'facilitator'),
				participant(s, 'o', 'observer')
			]);
			await stores.sessions.addParticipant(p);
			expect(await stores.sessions.updateParticipant(p.id, { name: 'Weltladen' })).toMatchObject({
				name: 'Weltladen'
			});
			const removed = await stores.sessions.updateParticipant(p.id, { removedAt: 99 });
			expect(removed).toMatchObject({ name: 'Weltladen', removedAt: 99 });
			expect(await stores.sessions.getParticipant(p.id)).toEqual(removed);
			expect(await stores.sessions.getParticipantByTokenHash(p.tokenHash)).toEqual(removed);
			expect((await stores.sessions.listParticipants(s.id)).map((x) => [x.id, x.role])).toEqual([
				['f', 'facilitator'],
				['o', 'observer'],
				['p', 'participant']
			]);
			expect(await stores.sessions.updateParticipant('missing', { name: 'x' })).toBeNull();
			await stores.close();
		});

		it('lists participants in the order they joined, per session', async () => {
			const stores = await open();
			const a = session();
			const b = session();
			await stores.sessions.createSession(a, [participant(a, 'fa', 'facilitator')]);
			await stores.sessions.createSession(b, [participant(b, 'fb', 'facilitator')]);
			for (const id of ['p3', 'p1', 'p2']) await stores.sessions.addParticipant(participant(a, id));
			await stores.sessions.addParticipant(participant(b, 'q1'));
			expect((await stores.sessions.listParticipants(a.id)).map((p) => p.id)).toEqual([
				'fa',
				'p3',
				'p1',
				'p2'
			]);
			expect((await stores.sessions.listParticipants(b.id)).map((p) => p.id)).toEqual(['fb', 'q1']);
			await stores.close();
		});

		it('refuses a participant of a session that does not exist', async () => {
			const stores = await open();
			await expect(
				stores.sessions.addParticipant(participant(session(), 'ghost'))
			).rejects.toThrow();
			await stores.close();
		});

		it('deletes a session with its participants', async () => {
			const stores = await open();
			const s = session();
			const p = participant(s, 'p');
			await stores.sessions.createSession(s, [participant(s, 'f', 'facilitator')]);
			await stores.sessions.addParticipant(p);
			expect(await stores.sessions.deleteSession(s.id)).toBe(true);
			expect(await stores.sessions.getSession(s.id)).toBeNull();
			expect(await stores.sessions.getParticipantByTokenHash(p.tokenHash)).toBeNull();
			expect(await stores.sessions.listParticipants(s.id)).toEqual([]);
			expect(await stores.sessions.deleteSession(s.id)).toBe(false);
			await stores.close();
		});
	});

	describe(`${name}: board updates`, () => {
		const updatesOf = (change: (doc: Y.Doc) => void): Uint8Array[] => {
			const doc = new Y.Doc();
			const out: Uint8Array[] = [];
			doc.on('update', (u: Uint8Array) => out.push(u));
			change(doc);
			return out;
		};

		it('returns updates in the order they were stored, per board', async () => {
			const stores = await open();
			const [u1, u2, u3] = updatesOf((doc) => {
				const text = doc.getText('t');
				text.insert(0, 'a');
				text.insert(1, 'b');
				text.insert(2, 'c');
			});
			await stores.docs.appendUpdates([{ boardId: 'b1', update: u1! }]);
			await stores.docs.appendUpdates([
				{ boardId: 'b2', update: u1! },
				{ boardId: 'b1', update: u2! },
				{ boardId: 'b1', update: u3! }
			]);
			expect(await stores.docs.loadUpdates('b1')).toEqual([u1, u2, u3]);
			expect(await stores.docs.loadUpdates('b2')).toEqual([u1]);
			expect(await stores.docs.loadUpdates('none')).toEqual([]);
			await stores.close();
		});

		it('compacts a board into one update with the same content', async () => {
			const stores = await open();
			const updates = updatesOf((doc) => {
				for (let i = 0; i < 20; i++) doc.getText('t').insert(i, String(i % 10));
			});
			await stores.docs.appendUpdates(updates.map((update) => ({ boardId: 'b', update })));
			expect(await stores.docs.compact('b', (all) => Y.mergeUpdates(all), 50)).toBe(0);
			expect(await stores.docs.compact('b', (all) => Y.mergeUpdates(all))).toBe(20);
			const after = await stores.docs.loadUpdates('b');
			expect(after).toHaveLength(1);
			const doc = new Y.Doc();
			Y.applyUpdate(doc, after[0]!);
			expect(doc.getText('t').toString()).toBe('01234567890123456789');
			const [later] = updatesOf((d) => d.getText('u').insert(0, 'x'));
			await stores.docs.appendUpdates([{ boardId: 'b', update: later! }]);
			expect(await stores.docs.loadUpdates('b')).toHaveLength(2);
			await stores.close();
		});

		it('deletes the updates of a board and its drafts, and nothing else', async () => {
			const stores = await open();
			const [u] = updatesOf((doc) => doc.getText('t').insert(0, 'x'));
			await stores.docs.appendUpdates([
				{ boardId: 'gone_1', update: u! },
				{ boardId: 'gone_1/drafts/p1', update: u! },
				{ boardId: 'gone-1', update: u! },
				{ boardId: 'goneX1/drafts/p1', update: u! },
				{ boardId: 'kept', update: u! }
			]);
			await stores.docs.deleteBoard('gone_1');
			expect(await stores.docs.loadUpdates('gone_1')).toEqual([]);
			expect(await stores.docs.loadUpdates('gone_1/drafts/p1')).toEqual([]);
			expect(await stores.docs.loadUpdates('gone-1')).toHaveLength(1);
			expect(await stores.docs.loadUpdates('goneX1/drafts/p1')).toHaveLength(1);
			expect(await stores.docs.loadUpdates('kept')).toHaveLength(1);
			await stores.close();
		});
	});

	describe(`${name}: voting`, () => {
		const roundOf = (s: SessionRecord, id: string, seq: number): VotingRound =>
			openRound(DEFAULT_VOTING_OPTIONS, { id, sessionId: s.id, seq, now: 1_700_000_000_000 + seq });

		it('keeps rounds in order with their rules and results, and each dot', async () => {
			const stores = await open();
			const s = session();
			await stores.sessions.createSession(s, [participant(s, 'f', 'facilitator')]);
			const first = roundOf(s, `r1-${s.id}`, 1);
			const second = { ...roundOf(s, `r2-${s.id}`, 2), anonymous: false };
			await stores.voting.saveRound(second);
			await stores.voting.saveRound(first);
			const results = tally(
				[{ roundId: first.id, participantId: 'p', cardId: 'c', group: 'civil', dots: 2 }],
				[{ id: 'c', text: 'Märkte „fair“', area: 'challenges', authorGroup: null }],
				{ anonymous: true, groupIds: ['civil'] }
			);
			const closed: VotingRound = { ...first, status: 'closed', closedAt: 5, results };
			await stores.voting.saveRound(closed);
			expect(await stores.voting.listRounds(s.id)).toEqual([closed, second]);

			await stores.voting.setVote({
				roundId: second.id,
				participantId: 'p',
				cardId: 'a',
				group: 'civil',
				dots: 1
			});
			await stores.voting.setVote({
				roundId: second.id,
				participantId: 'p',
				cardId: 'a',
				group: 'civil',
				dots: 3
			});
			await stores.voting.setVote({
				roundId: second.id,
				participantId: 'q',
				cardId: 'a',
				group: null,
				dots: 1
			});
			await stores.voting.setVote({
				roundId: second.id,
				participantId: 'q',
				cardId: 'b',
				group: null,
				dots: 1
			});
			await stores.voting.setVote({
				roundId: second.id,
				participantId: 'q',
				cardId: 'b',
				group: null,
				dots: 0
			});
			const votes = await stores.voting.listVotes(second.id);
			expect(votes.sort((x, y) => x.participantId.localeCompare(y.participantId))).toEqual([
				{ roundId: second.id, participantId: 'p', cardId: 'a', group: 'civil', dots: 3 },
				{ roundId: second.id, participantId: 'q', cardId: 'a', group: null, dots: 1 }
			]);
			expect(await stores.voting.listVotes(first.id)).toEqual([]);
			await stores.close();
		});

		it('deletes the rounds and dots of a deleted session', async () => {
			const stores = await open();
			const s = session();
			await stores.sessions.createSession(s, [participant(s, 'f', 'facilitator')]);
			const round = roundOf(s, `r-${s.id}`, 1);
			await stores.voting.saveRound(round);
			await stores.voting.setVote({
				roundId: round.id,
				participantId: 'p',
				cardId: 'a',
				group: null,
				dots: 1
			});
			await stores.sessions.deleteSession(s.id);
			expect(await stores.voting.listRounds(s.id)).toEqual([]);
			expect(await stores.voting.listVotes(round.id)).toEqual([]);
			await stores.close();
		});
	});
}
