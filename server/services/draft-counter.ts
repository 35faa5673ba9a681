import { currentPhase } from '../../src/lib/domain/session/control';
import type { DraftCount } from '../../src/lib/domain/session/draft-count';
import type { ControlService } from './control-service';
import type { SessionEvents } from './session-events';

/** What counts the drafts of a phase (the draft service). */
export interface DraftCounting {
	count(sessionId: string, phaseId: string): Promise<DraftCount | null>;
}

/**
 * Keeps the facilitator and the projector told how far silent writing has come.
 * A burst of typing is counted once: at most one count per session in flight,
 * `delayMs` after the change that asked for it.
 */
export class DraftCounter {
	private readonly due = new Map<string, ReturnType<typeof setTimeout>>();
	private stopped = false;

	constructor(
		private readonly drafts: DraftCounting,
		private readonly control: ControlService,
		private readonly events: SessionEvents,
		private readonly onError: (error: unknown) => void,
		private readonly delayMs = 300
	) {
		// A new phase (or the reveal's) changes what there is to count.
		events.on('controlChanged', ({ sessionId }) => this.changed(sessionId));
		events.on('sessionDeleted', ({ sessionId }) => {
			clearTimeout(this.due.get(sessionId));
			this.due.delete(sessionId);
		});
	}

	/** Something that may change the count happened in a session. */
	changed(sessionId: string): void {
		if (this.stopped || this.due.has(sessionId)) return;
		const timer = setTimeout(() => {
			this.due.delete(sessionId);
			this.current(sessionId).then(
				(count) => this.events.emit('draftsCounted', { sessionId, count }),
				this.onError
			);
		}, this.delayMs);
		timer.unref?.();
		this.due.set(sessionId, timer);
	}

	/** The count of the current phase's drafts; null outside a silent phase. */
	async current(sessionId: string): Promise<DraftCount | null> {
		const state = await this.control.state(sessionId);
		if (!state) return null;
		const phase = currentPhase(state);
		return phase.mode === 'silent' ? this.drafts.count(sessionId, phase.id) : null;
	}

	stop(): void {
		this.stopped = true;
		for (const timer of this.due.values()) clearTimeout(timer);
		this.due.clear();
	}
}
