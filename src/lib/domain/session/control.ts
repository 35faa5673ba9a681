import {
	type Phase,
	followCurrentPhase,
	isSilent,
	participantsMayWriteBoard,
	phaseIndex,
	silentPhasesLeaving,
	stepIndex,
	tidyPhase,
	validateAgenda,
	type AgendaProblem
} from './agenda';
import {
	type TimerState,
	addTime,
	idleTimer,
	pauseTimer,
	resetTimer,
	resumeTimer,
	startTimer
} from './timer';
import type { RoundPick } from '../voting/shown-round';

/**
 * The control state of a session: owned by the server, changed only by the
 * facilitator's commands, persisted and broadcast to everyone in the session.
 */
export interface ControlState {
	readonly agenda: readonly Phase[];
	readonly phaseId: string;
	readonly timer: TimerState;
	readonly locked: boolean;
	/** Silent phases whose drafts have been published to the board. */
	readonly revealed: readonly string[];
	/** The card everyone's screen highlights; `seq` changes with every spotlight so clients scroll again. */
	readonly spotlight: { readonly cardId: string; readonly seq: number } | null;
	/**
	 * The earlier round the facilitator shows on every screen (see shownRound); absent in states
	 * stored before it existed.
	 */
	readonly shownRound?: RoundPick | null;
	/** "Bring everyone here": the board view participants jump to. */
	readonly gather: {
		readonly x: number;
		readonly y: number;
		readonly zoom: number;
		/** The part of the board the facilitator's screen showed, in board units (older states lack it). */
		readonly width?: number;
		readonly height?: number;
		readonly seq: number;
	} | null;
	/**
	 * The facilitator ended the meeting (`session.finish`): nobody joins any more, and the board
	 * is for reading only, for participants, until `session.reopen`. Absent in states stored
	 * before it existed.
	 */
	readonly finished?: { readonly at: number } | null;
}

export type ControlCommand =
	/**
	 * `from`: the phase the sender's screen shows. Another screen that already moved the session on
	 * makes the move done: it changes nothing (two screens pressing "next" at once go one phase).
	 */
	| { readonly type: 'phase.next'; readonly from?: string }
	| { readonly type: 'phase.previous'; readonly from?: string }
	| { readonly type: 'phase.goto'; readonly phaseId: string }
	| { readonly type: 'timer.start'; readonly durationMin?: number }
	| { readonly type: 'timer.pause' }
	| { readonly type: 'timer.resume' }
	| { readonly type: 'timer.add'; readonly minutes: number }
	| { readonly type: 'timer.reset' }
	| { readonly type: 'board.lock' }
	| { readonly type: 'board.unlock' }
	| { readonly type: 'session.finish' }
	| { readonly type: 'session.reopen' }
	| { readonly type: 'drafts.reveal'; readonly phaseId?: string }
	| { readonly type: 'card.spotlight'; readonly cardId: string | null }
	| {
			readonly type: 'view.gather';
			readonly x: number;
			readonly y: number;
			readonly zoom: number;
			readonly width?: number;
			readonly height?: number;
	  }
	/** Checked against the rounds by pickRound first: the control state does not hold them. */
	| { readonly type: 'results.show'; readonly pick: RoundPick | null }
	| { readonly type: 'agenda.update'; readonly agenda: readonly Phase[] };

/** What the server must do beyond storing the new state. */
export type ControlEffect = { readonly kind: 'revealDrafts'; readonly phaseId: string };

export type ControlError =
	'phase_not_found' | 'not_a_silent_phase' | 'timer_without_duration' | AgendaProblem;

export type ControlOutcome =
	| { readonly ok: true; readonly state: ControlState; readonly effects: readonly ControlEffect[] }
	| { readonly ok: false; readonly error: ControlError };

const minutes = (m: number | null) => (m ?? 0) * 60_000;

export function initialControl(agenda: readonly Phase[]): ControlState {
	const first = agenda[0]!;
	return {
		agenda,
		phaseId: first.id,
		timer: idleTimer(minutes(first.durationMin)),
		locked: false,
		revealed: [],
		spotlight: null,
		shownRound: null,
		gather: null,
		finished: null
	};
}

/** Whether the facilitator ended the meeting (see ControlState.finished). */
export function isFinished(state: ControlState): boolean {
	return Boolean(state.finished);
}

export function currentPhase(state: ControlState): Phase {
	return state.agenda.find((p) => p.id === state.phaseId) ?? state.agenda[0]!;
}

/** Whether a participant may write to the shared board now (the facilitator always may). */
export function participantsMayWrite(state: ControlState): boolean {
	if (isFinished(state)) return false;
	return participantsMayWriteBoard(currentPhase(state).mode, state.locked);
}

/**
 * Whether participants may change their own cards on the board now: while they write on the
 * board, and in a silent phase once its drafts are revealed — a writer still finishing a
 * sentence when the reveal came, or fixing a typo on a card everyone sees now. New cards in
 * that phase are still drafts.
 */
export function participantsMayEditOwnCards(state: ControlState): boolean {
	if (participantsMayWrite(state)) return true;
	const phase = currentPhase(state);
	return (
		!state.locked && !isFinished(state) && isSilent(phase.mode) && state.revealed.includes(phase.id)
	);
}

/** Whether participants write private drafts now. */
export function participantsWriteDrafts(state: ControlState): boolean {
	return !state.locked && !isFinished(state) && isSilent(currentPhase(state).mode);
}

/**
 * Whether people's pointers are shared now: not while a silent phase's drafts are being written
 * (a pointer would show where someone writes, and hover over drafts only its viewer sees), and
 * again once they are revealed and the cards are there to point at.
 */
export function pointersShared(state: ControlState): boolean {
	const phase = currentPhase(state);
	return !isSilent(phase.mode) || state.revealed.includes(phase.id);
}

const done = (state: ControlState, effects: ControlEffect[] = []): ControlOutcome => ({
	ok: true,
	state,
	effects
});

function enter(state: ControlState, index: number): ControlState {
	const phase = state.agenda[index]!;
	if (phase.id === state.phaseId) return state;
	// Entering a phase sets the timer to its time box; the facilitator starts it.
	return {
		...state,
		phaseId: phase.id,
		timer: idleTimer(minutes(phase.durationMin)),
		spotlight: null
	};
}

export function applyControl(
	state: ControlState,
	command: ControlCommand,
	now: number
): ControlOutcome {
	const index = Math.max(0, phaseIndex(state.agenda, state.phaseId));
	switch (command.type) {
		case 'phase.next':
		case 'phase.previous': {
			if (command.from !== undefined && command.from !== state.phaseId) return done(state);
			const target = stepIndex(
				state.agenda.length,
				index,
				command.type === 'phase.next' ? 'next' : 'previous'
			);
			return done(target === null ? state : enter(state, target));
		}
		case 'phase.goto': {
			const target = phaseIndex(state.agenda, command.phaseId);
			if (target < 0) return { ok: false, error: 'phase_not_found' };
			return done(enter(state, target));
		}
		case 'timer.start': {
			// The timer holds whole milliseconds: a duration is checked as it will run, so that a
			// fraction of a millisecond (durationMin 1e-7) is no duration either.
			const durationMs = Math.round(
				command.durationMin !== undefined ? minutes(command.durationMin) : state.timer.durationMs
			);
			// A timer of no time would run out as it starts: the phase has no time box, or the
			// facilitator took all of it away (timer.add), and no duration was given.
			if (durationMs <= 0) return { ok: false, error: 'timer_without_duration' };
			return done({ ...state, timer: startTimer(state.timer, now, durationMs) });
		}
		case 'timer.pause':
			return done({ ...state, timer: pauseTimer(state.timer, now) });
		case 'timer.resume':
			return done({ ...state, timer: resumeTimer(state.timer, now) });
		case 'timer.add':
			return done({ ...state, timer: addTime(state.timer, now, minutes(command.minutes)) });
		case 'timer.reset':
			return done({ ...state, timer: resetTimer(state.timer) });
		case 'board.lock':
			return done(state.locked ? state : { ...state, locked: true });
		case 'board.unlock':
			return done(state.locked ? { ...state, locked: false } : state);
		case 'session.finish':
			// The room's clock and spotlight end with the meeting; the phase stays, so that reopening
			// goes on where it ended.
			return done(
				isFinished(state)
					? state
					: { ...state, finished: { at: now }, timer: resetTimer(state.timer), spotlight: null }
			);
		case 'session.reopen':
			return done(isFinished(state) ? { ...state, finished: null } : state);
		case 'drafts.reveal': {
			const phaseId = command.phaseId ?? state.phaseId;
			const phase = state.agenda.find((p) => p.id === phaseId);
			if (!phase) return { ok: false, error: 'phase_not_found' };
			if (!isSilent(phase.mode)) return { ok: false, error: 'not_a_silent_phase' };
			const revealed = state.revealed.includes(phaseId)
				? state.revealed
				: [...state.revealed, phaseId];
			// Revealing again publishes drafts written since: nobody's card stays hidden by accident.
			return done({ ...state, revealed }, [{ kind: 'revealDrafts', phaseId }]);
		}
		case 'card.spotlight':
			return done({
				...state,
				spotlight:
					command.cardId === null
						? null
						: { cardId: command.cardId, seq: (state.spotlight?.seq ?? 0) + 1 }
			});
		case 'view.gather':
			return done({
				...state,
				gather: {
					x: command.x,
					y: command.y,
					zoom: command.zoom,
					...(command.width !== undefined && command.height !== undefined
						? { width: command.width, height: command.height }
						: {}),
					seq: (state.gather?.seq ?? 0) + 1
				}
			});
		case 'results.show':
			return done({ ...state, shownRound: command.pick });
		case 'agenda.update': {
			const agenda = command.agenda.map(tidyPhase);
			const problem = validateAgenda(agenda);
			if (problem) return { ok: false, error: problem };
			const phaseId = followCurrentPhase(state.agenda, agenda, state.phaseId);
			// The current phase removed, the session is in another one now and enters it as a change
			// of phase does: its time box on the timer, no spotlight. Otherwise a changed time box of
			// the current phase applies while its timer has not started; any other change of the
			// agenda leaves the timer as it is, with the time timer.add gave it.
			const moved = phaseId !== state.phaseId;
			const next = moved
				? enter({ ...state, agenda }, phaseIndex(agenda, phaseId))
				: { ...state, agenda };
			const phase = currentPhase(next);
			const timer =
				!moved &&
				state.timer.status === 'idle' &&
				phase.durationMin !== currentPhase(state).durationMin
					? idleTimer(minutes(phase.durationMin))
					: next.timer;
			// Drafts are written to be revealed, and only a silent phase of the agenda can be: a silent
			// phase that goes, or becomes another mode, publishes its drafts now, or they would stay
			// hidden from everyone for good (drafts.reveal would answer phase_not_found or
			// not_a_silent_phase). Publishing a phase without drafts changes nothing.
			const effects: ControlEffect[] = silentPhasesLeaving(state.agenda, agenda).map((phaseId) => ({
				kind: 'revealDrafts',
				phaseId
			}));
			return done(
				{
					...next,
					timer,
					revealed: state.revealed.filter((id) => agenda.some((p) => p.id === id))
				},
				effects
			);
		}
	}
}
