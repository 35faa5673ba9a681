import {
	applyControl,
	type ControlCommand,
	type ControlEffect,
	type ControlState
} from '../../src/lib/domain/session/control';
import { fail, ok, type Result } from './result';
import type { SessionEvents } from './session-events';
import type { SessionService } from './session-service';

/**
 * The authoritative control state of each session: loaded once, kept in memory
 * (the board endpoint asks it on every update whether participants may write),
 * changed only here, persisted before it is broadcast. Beside it, the session's
 * stakeholder group ids, which the board's write gate also needs without waiting.
 */
export class ControlService {
	private readonly cache = new Map<string, ControlState>();
	/** Replaced whole when the groups change, so a reader may key on the array. */
	private readonly groups = new Map<string, readonly string[]>();
	/** Commands of one session run one after another: no change is lost between load and save. */
	private readonly queues = new Map<string, Promise<unknown>>();

	constructor(
		private readonly sessions: SessionService,
		private readonly events: SessionEvents,
		private readonly now: () => number = Date.now
	) {
		events.on('sessionDeleted', ({ sessionId }) => {
			this.cache.delete(sessionId);
			this.groups.delete(sessionId);
		});
		// The newest groups win, also over a load that read the session before they changed.
		events.on('sessionChanged', (session) =>
			this.setGroups(session.id, session.settings.stakeholderGroups)
		);
	}

	async state(sessionId: string): Promise<ControlState | null> {
		const cached = this.cache.get(sessionId);
		if (cached) return cached;
		const session = await this.sessions.getSession(sessionId);
		if (!session) return null;
		// Another load may have finished first; the first one wins so that nobody holds a stale copy.
		if (!this.cache.has(sessionId)) this.cache.set(sessionId, session.control);
		if (!this.groups.has(sessionId)) this.setGroups(sessionId, session.settings.stakeholderGroups);
		return this.cache.get(sessionId)!;
	}

	/** The ids of the session's stakeholder groups, once `state` has loaded it: for the board's write gate. */
	peekGroups(sessionId: string): readonly string[] | undefined {
		return this.groups.get(sessionId);
	}

	private setGroups(sessionId: string, groups: readonly { id: string }[]): void {
		const ids = groups.map((g) => g.id);
		const known = this.groups.get(sessionId);
		// Unchanged groups keep their array, so that what is worked out from it stays valid.
		if (known && known.length === ids.length && known.every((id, i) => id === ids[i])) return;
		this.groups.set(sessionId, ids);
	}

	/** The state of a session already loaded by `state`, without waiting: for the board's write gate. */
	peek(sessionId: string): ControlState | undefined {
		return this.cache.get(sessionId);
	}

	/**
	 * `runEffects` runs before the new state is stored: a reveal publishes the drafts first, so that
	 * a crash in between leaves them on the board with the phase not yet marked revealed (revealing
	 * again then only marks it), never marked revealed with the drafts still private. An effect
	 * that fails stores nothing.
	 */
	apply(
		sessionId: string,
		command: ControlCommand,
		runEffects: (effects: readonly ControlEffect[]) => Promise<void> = async () => {}
	): Promise<Result<{ state: ControlState; effects: readonly ControlEffect[] }>> {
		const previous = this.queues.get(sessionId) ?? Promise.resolve();
		const run = previous.then(async () => {
			const current = await this.state(sessionId);
			if (!current)
				return fail<{ state: ControlState; effects: readonly ControlEffect[] }>(
					'session_not_found'
				);
			const outcome = applyControl(current, command, this.now());
			if (!outcome.ok)
				return fail<{ state: ControlState; effects: readonly ControlEffect[] }>(outcome.error);
			if (outcome.effects.length > 0) await runEffects(outcome.effects);
			if (outcome.state !== current) {
				await this.sessions.saveControl(sessionId, outcome.state);
				this.cache.set(sessionId, outcome.state);
				this.events.emit('controlChanged', { sessionId, control: outcome.state });
			}
			return ok({ state: outcome.state, effects: outcome.effects });
		});
		const settled = run.catch(() => undefined);
		this.queues.set(sessionId, settled);
		void settled.then(() => {
			if (this.queues.get(sessionId) === settled) this.queues.delete(sessionId);
		});
		return run;
	}
}
