import type * as Y from 'yjs';
import { cardsOf, readCard, readCards } from '../../src/lib/domain/board/cards';
import { clustersOf } from '../../src/lib/domain/board/clusters';
import type { Actor } from '../../src/lib/domain/session/roles';
import {
	addDot,
	ballotOf,
	removeDot,
	withDots,
	type Ballot,
	type VotableCard,
	type Vote
} from '../../src/lib/domain/voting/ballot';
import {
	acceptsDots,
	openRound,
	targetRound,
	votingOptions,
	type VotingOptions,
	type VotingRound
} from '../../src/lib/domain/voting/round';
import {
	progressOf,
	tally,
	type RoundProgress,
	type RoundResults
} from '../../src/lib/domain/voting/tally';
import { talliedCards } from '../../src/lib/domain/voting/scope-cards';
import {
	roundView,
	type BallotView,
	type RoundView,
	type VotingView
} from '../../src/lib/domain/voting/view';
import type { VotingStore } from '../persistence/ports';
import type { DocAccess } from '../realtime/yjs/drafts';
import { newId } from '../security/tokens';
import { SESSION_LIMITS } from '../../src/lib/domain/session/session-limits';
import { fail, ok, type Result } from './result';
import type { SessionEvents, VotingChange } from './session-events';
import type { SessionService } from './session-service';

interface SessionVoting {
	readonly boardId: string;
	groupIds: readonly string[];
	rounds: VotingRound[];
	/** Votes per round id; the authority while the session is loaded. */
	readonly votes: Map<string, Vote[]>;
}

/**
 * Dot-voting rounds. The server is the only authority: every change of a
 * session's voting runs one after another, is checked against the rules in
 * `src/lib/domain/voting`, stored, and only then answered and broadcast.
 */
export class VotingService {
	private readonly loaded = new Map<string, Promise<SessionVoting | null>>();
	private readonly queues = new Map<string, Promise<unknown>>();
	private readonly timers = new Map<string, NodeJS.Timeout>();

	constructor(
		private readonly store: VotingStore,
		private readonly sessions: SessionService,
		private readonly docs: DocAccess,
		private readonly events: SessionEvents,
		/**
		 * Whether the facilitator ended the session: asked inside the session's queue, so that a
		 * round opening as the session ends cannot slip in after the end closed the open one.
		 */
		private readonly ended: (sessionId: string) => Promise<boolean>,
		private readonly onError: (error: unknown) => void = () => {},
		private readonly now: () => number = Date.now
	) {
		events.on('sessionDeleted', ({ sessionId }) => this.forget(sessionId));
		// Someone the facilitator removed is out of the meeting: their dots leave the running round.
		events.on('participantRemoved', ({ sessionId, participantId }) => {
			this.withdraw(sessionId, participantId).catch(this.onError);
		});
		events.on('sessionChanged', (session) => {
			// Results list the groups in the session's order, which the facilitator may change.
			void this.loaded
				.get(session.id)
				?.then((state) => {
					if (state) state.groupIds = session.settings.stakeholderGroups.map((g) => g.id);
				})
				.catch(() => undefined);
		});
	}

	/** Opens a round; answers with it as everyone sees it (`voting` event), progress included. */
	open(sessionId: string, input: Partial<VotingOptions>): Promise<Result<RoundView>> {
		return this.serial(sessionId, async (state) => {
			if (await this.ended(sessionId)) return fail('session_finished');
			const options = votingOptions(input);
			if (!options.ok) return fail(options.error);
			if (state.rounds.some((r) => r.status === 'open')) return fail('voting_already_open');
			// Cancelled ones too: every one is in the export, which must import again.
			if (state.rounds.length >= SESSION_LIMITS.rounds) return fail('voting_round_limit');
			const { areas, clusters } = options.value.scope;
			// A round over clusters only, none of which is on the board, would have nothing to vote on.
			if (areas.length === 0) {
				const known = await this.docs.read(state.boardId, sessionId, (doc) =>
					clusters.some((id) => clustersOf(doc).has(id))
				);
				if (!known) return fail('voting_scope_empty');
			}
			const round = openRound(options.value, {
				id: newId(),
				sessionId,
				seq: state.rounds.length + 1,
				now: this.now()
			});
			// Live results start as every card in scope without dots (read before anything is stored).
			const live =
				round.visibility === 'live' ? await this.results(state, round, [], sessionId) : null;
			await this.store.saveRound(round);
			state.rounds = [...state.rounds, round];
			state.votes.set(round.id, []);
			this.schedule(round);
			this.changed(sessionId);
			// Everyone's ballot starts: full budget, no dots.
			this.events.emit('ballotChanged', { sessionId, participantId: null });
			return ok(roundView(round, [], () => live!));
		});
	}

	/** Takes a participant's dots out of the open round (a closed round's results stay as they are). */
	withdraw(sessionId: string, participantId: string): Promise<Result<number>> {
		return this.serial(sessionId, async (state) => {
			const round = state.rounds.find((r) => r.status === 'open');
			if (!round) return ok(0);
			const votes = state.votes.get(round.id) ?? [];
			const theirs = votes.filter((v) => v.participantId === participantId);
			if (theirs.length === 0) return ok(0);
			for (const vote of theirs) await this.store.setVote({ ...vote, dots: 0 });
			state.votes.set(
				round.id,
				votes.filter((v) => v.participantId !== participantId)
			);
			this.changed(sessionId, round.visibility === 'hidden' ? 'progress' : 'open');
			this.events.emit('ballotChanged', { sessionId, participantId });
			return ok(theirs.reduce((sum, v) => sum + v.dots, 0));
		});
	}

	/** Closes a round and fixes its results; answers with the round as everyone now sees it. */
	close(sessionId: string, roundId?: string): Promise<Result<RoundView>> {
		return this.serial(sessionId, (state) => this.finish(sessionId, state, roundId, 'closed'));
	}

	/** Ends a round without results; answers with the round as everyone now sees it. */
	cancel(sessionId: string, roundId?: string): Promise<Result<RoundView>> {
		return this.serial(sessionId, (state) => this.finish(sessionId, state, roundId, 'cancelled'));
	}

	addDot(actor: Actor, cardId: string, roundId?: string): Promise<Result<BallotView>> {
		return this.vote(
			actor,
			roundId,
			async (round, ballot, state) => {
				const card = await this.docs.read(state.boardId, actor.sessionId, (doc) =>
					votableCard(doc, cardId)
				);
				const outcome = addDot(round, ballot, card, this.now());
				return outcome.ok ? ok(outcome.dots) : fail(outcome.error);
			},
			cardId
		);
	}

	removeDot(actor: Actor, cardId: string, roundId?: string): Promise<Result<BallotView>> {
		return this.vote(
			actor,
			roundId,
			async (round, ballot) => {
				const outcome = removeDot(round, ballot, cardId, this.now());
				return outcome.ok ? ok(outcome.dots) : fail(outcome.error);
			},
			cardId
		);
	}

	/** Every round as everyone may see it; totals of hidden open rounds are never computed. */
	async view(sessionId: string): Promise<VotingView | null> {
		const state = await this.load(sessionId);
		if (!state) return null;
		const rounds: RoundView[] = [];
		for (const round of state.rounds) {
			const votes = state.votes.get(round.id) ?? [];
			let live: RoundResults | null = null;
			if (round.status === 'open' && round.visibility === 'live')
				live = await this.results(state, round, votes, sessionId);
			rounds.push(roundView(round, votes, () => live!));
		}
		return { rounds };
	}

	/** The open round as everyone may see it (live results included); null when none is open. */
	async openRoundView(sessionId: string): Promise<RoundView | null> {
		const state = await this.load(sessionId);
		const round = state?.rounds.find((r) => r.status === 'open');
		if (!state || !round) return null;
		const votes = state.votes.get(round.id) ?? [];
		const live =
			round.visibility === 'live' ? await this.results(state, round, votes, sessionId) : null;
		return roundView(round, votes, () => live!);
	}

	/** A participant's own dots in the open round; null when no round is open. */
	async ballot(sessionId: string, participantId: string): Promise<BallotView | null> {
		const state = await this.load(sessionId);
		const round = state?.rounds.find((r) => r.status === 'open');
		if (!state || !round) return null;
		return {
			roundId: round.id,
			...ballotOf(round, state.votes.get(round.id) ?? [], participantId)
		};
	}

	/**
	 * Every round of a session with its dots, as the service holds them now
	 * (for exports, which decide themselves what of an open round may be shown).
	 */
	async snapshot(
		sessionId: string
	): Promise<{ round: VotingRound; votes: readonly Vote[] }[] | null> {
		const taken = await this.serial(sessionId, async (state) =>
			ok(state.rounds.map((round) => ({ round, votes: state.votes.get(round.id) ?? [] })))
		);
		return taken.ok ? taken.value : null;
	}

	/** Stores finished rounds of an imported session (before anyone has opened its voting). */
	async restore(sessionId: string, rounds: readonly VotingRound[]): Promise<void> {
		for (const round of rounds) await this.store.saveRound(round);
		this.forget(sessionId);
	}

	/** Stops the time-box timers (server shutdown); rounds stay open and are closed after a restart. */
	stop(): void {
		for (const timer of this.timers.values()) clearTimeout(timer);
		this.timers.clear();
	}

	private vote(
		actor: Actor,
		roundId: string | undefined,
		decide: (round: VotingRound, ballot: Ballot, state: SessionVoting) => Promise<Result<number>>,
		cardId: string
	): Promise<Result<BallotView>> {
		return this.serial(actor.sessionId, async (state) => {
			// Before the round: ending the session closes its round, and "the round is closed" would
			// hide why.
			if (await this.ended(actor.sessionId)) return fail('session_finished');
			const target = targetRound(state.rounds, roundId);
			if (!target.ok) return fail(target.error);
			const round = target.round;
			if (!acceptsDots(round, this.now())) return fail('voting_closed');
			// A participant removed a moment ago may still have a socket on its way out.
			if (!(await this.sessions.isActiveMember(actor.sessionId, actor.participantId)))
				return fail('unauthorized');
			const votes = state.votes.get(round.id) ?? [];
			const ballot = ballotOf(round, votes, actor.participantId);
			const decided = await decide(round, ballot, state);
			if (!decided.ok) return decided;
			const vote: Vote = {
				roundId: round.id,
				participantId: actor.participantId,
				cardId,
				group: actor.group ?? null,
				dots: decided.value
			};
			await this.store.setVote(vote);
			const others = votes.filter(
				(v) => !(v.participantId === actor.participantId && v.cardId === cardId)
			);
			state.votes.set(round.id, vote.dots > 0 ? [...others, vote] : others);
			// A dot changes the open round alone: its progress when hidden, its live results otherwise.
			this.changed(actor.sessionId, round.visibility === 'hidden' ? 'progress' : 'open');
			this.events.emit('ballotChanged', {
				sessionId: actor.sessionId,
				participantId: actor.participantId
			});
			return ok({ roundId: round.id, ...withDots(round, ballot, cardId, decided.value) });
		});
	}

	private async finish(
		sessionId: string,
		state: SessionVoting,
		roundId: string | undefined,
		status: 'closed' | 'cancelled'
	): Promise<Result<RoundView>> {
		// Without a round id the open round is meant: when none is open there is no round to end.
		const target = targetRound(state.rounds, roundId);
		if (!target.ok) return fail(target.error);
		const round = target.round;
		if (round.status !== 'open') return fail('voting_closed');
		const votes = state.votes.get(round.id) ?? [];
		const closedAt = this.now();
		const finished: VotingRound =
			status === 'closed'
				? {
						...round,
						status,
						closedAt,
						results: await this.results(state, round, votes, sessionId)
					}
				: { ...round, status, closedAt };
		await this.store.saveRound(finished);
		state.rounds = state.rounds.map((r) => (r.id === round.id ? finished : r));
		this.unschedule(round.id);
		this.changed(sessionId);
		// Everyone's ballot ends with the round.
		this.events.emit('ballotChanged', { sessionId, participantId: null });
		return ok(roundView(finished, votes, () => finished.results!));
	}

	private async results(
		state: SessionVoting,
		round: VotingRound,
		votes: readonly Vote[],
		sessionId: string
	): Promise<RoundResults> {
		// Cards with dots stay in the results even if they left the scope since.
		const voted = new Set(votes.filter((v) => v.dots > 0).map((v) => v.cardId));
		const cards = await this.docs.read(state.boardId, sessionId, (doc) =>
			talliedCards(readCards(doc), round.scope, voted)
		);
		return tally(votes, cards, { anonymous: round.anonymous, groupIds: state.groupIds });
	}

	private changed(sessionId: string, changed: VotingChange = 'all'): void {
		this.events.emit('votingChanged', { sessionId, changed });
	}

	/** The open round's progress: all that a dot in a hidden round changes for everyone. */
	async progress(sessionId: string): Promise<{ roundId: string; progress: RoundProgress } | null> {
		const state = await this.load(sessionId);
		const round = state?.rounds.find((r) => r.status === 'open');
		if (!state || !round) return null;
		return { roundId: round.id, progress: progressOf(state.votes.get(round.id) ?? []) };
	}

	private schedule(round: VotingRound): void {
		if (round.status !== 'open' || round.endsAt === null || this.timers.has(round.id)) return;
		const timer = setTimeout(
			() => {
				this.timers.delete(round.id);
				void this.close(round.sessionId, round.id).then(
					(closed) => {
						if (!closed.ok && closed.error !== 'voting_closed') this.retryClose(round);
					},
					(error: unknown) => {
						this.onError(error);
						this.retryClose(round);
					}
				);
			},
			Math.max(0, round.endsAt - this.now())
		);
		timer.unref();
		this.timers.set(round.id, timer);
	}

	/** A time box that could not close its round (the board could not be read) tries again. */
	private retryClose(round: VotingRound): void {
		if (this.timers.has(round.id)) return;
		const timer = setTimeout(() => {
			this.timers.delete(round.id);
			this.schedule(round);
		}, 5_000);
		timer.unref();
		this.timers.set(round.id, timer);
	}

	private unschedule(roundId: string): void {
		clearTimeout(this.timers.get(roundId));
		this.timers.delete(roundId);
	}

	private forget(sessionId: string): void {
		void this.loaded
			.get(sessionId)
			?.then((state) => {
				for (const round of state?.rounds ?? []) this.unschedule(round.id);
			})
			.catch(() => undefined);
		this.loaded.delete(sessionId);
	}

	private load(sessionId: string): Promise<SessionVoting | null> {
		let pending = this.loaded.get(sessionId);
		if (!pending) {
			pending = this.read(sessionId);
			this.loaded.set(sessionId, pending);
			// A session that does not exist (or a failed read) is not remembered.
			pending.then(
				(state) => {
					if (!state && this.loaded.get(sessionId) === pending) this.loaded.delete(sessionId);
				},
				() => this.loaded.delete(sessionId)
			);
		}
		return pending;
	}

	private async read(sessionId: string): Promise<SessionVoting | null> {
		const session = await this.sessions.getSession(sessionId);
		if (!session) return null;
		const rounds = await this.store.listRounds(sessionId);
		const votes = new Map<string, Vote[]>();
		for (const round of rounds) votes.set(round.id, await this.store.listVotes(round.id));
		const state: SessionVoting = {
			boardId: session.boardId,
			groupIds: session.settings.stakeholderGroups.map((g) => g.id),
			rounds,
			votes
		};
		// A time box that ran out while the server was down closes now, at the time it ended,
		// before anything else sees the session's voting.
		for (const round of rounds) {
			if (round.status !== 'open' || round.endsAt === null || round.endsAt > this.now()) continue;
			const closed: VotingRound = {
				...round,
				status: 'closed',
				closedAt: round.endsAt,
				results: await this.results(state, round, votes.get(round.id) ?? [], sessionId)
			};
			await this.store.saveRound(closed);
			state.rounds = state.rounds.map((r) => (r.id === round.id ? closed : r));
		}
		for (const round of state.rounds) this.schedule(round);
		return state;
	}

	/** Runs changes of one session's voting one after another. */
	private serial<T>(
		sessionId: string,
		work: (state: SessionVoting) => Promise<Result<T>>
	): Promise<Result<T>> {
		const previous = this.queues.get(sessionId) ?? Promise.resolve();
		const run = previous.then(async () => {
			const state = await this.load(sessionId);
			if (!state) return fail<T>('session_not_found');
			return work(state);
		});
		const settled = run.catch(() => undefined);
		this.queues.set(sessionId, settled);
		void settled.then(() => {
			if (this.queues.get(sessionId) === settled) this.queues.delete(sessionId);
		});
		return run;
	}
}

function votableCard(doc: Y.Doc, cardId: string): VotableCard | null {
	const card = readCard(cardId, cardsOf(doc).get(cardId));
	return card ? { id: card.id, area: card.area, clusterId: card.clusterId } : null;
}
