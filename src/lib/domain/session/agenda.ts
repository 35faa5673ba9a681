import { AREA_IDS, type AreaId, isAreaId } from '../board/areas';
import { normaliseLabel } from './validation';
import { TIMER_MAX_MIN } from './timer';

/**
 * A session's agenda: the phases a facilitator leads the group through. Each
 * phase has a guiding question shown large to everyone, target areas, an
 * optional time box and a mode that decides what participants may do.
 */
export const PHASE_MODES = [
	'open',
	'silent',
	'clustering',
	'voting',
	'discussion',
	'closed'
] as const;
export type PhaseMode = (typeof PHASE_MODES)[number];

export interface Phase {
	readonly id: string;
	readonly title: string;
	readonly question: string;
	/** Where new cards go in this phase; empty for phases without writing. */
	readonly areas: readonly AreaId[];
	/** The time box in minutes; null for none. */
	readonly durationMin: number | null;
	readonly mode: PhaseMode;
}

export const PHASE_TITLE_MAX = 120;
export const PHASE_QUESTION_MAX = 400;
export const AGENDA_MAX_PHASES = 30;
/** A time box is what the timer holds: one limit for both, so that no time box is cut short. */
export const PHASE_DURATION_MAX_MIN = TIMER_MAX_MIN;
/** A phase's id: what the agenda editor makes, and what a draft's `phaseId` may hold. */
export const PHASE_ID_PATTERN = /^[A-Za-z0-9_-]{1,40}$/;

export function isPhaseMode(value: unknown): value is PhaseMode {
	return typeof value === 'string' && (PHASE_MODES as readonly string[]).includes(value);
}

/** What a participant may do on the shared board in a phase (the facilitator may always write). */
export function participantsMayWriteBoard(mode: PhaseMode, locked: boolean): boolean {
	if (locked) return false;
	return mode === 'open' || mode === 'clustering';
}

/**
 * Where participants may add cards in a phase (on the board or as drafts): the
 * phase's areas, every area when it names none, and nowhere in a phase that is
 * not for writing — clustering arranges the cards there are, voting and
 * discussion weigh them.
 */
export function participantCardAreas(phase: Pick<Phase, 'mode' | 'areas'>): readonly AreaId[] {
	if (phase.mode !== 'open' && phase.mode !== 'silent') return [];
	return phase.areas.length > 0 ? phase.areas : AREA_IDS;
}

/** Whether participants write private drafts that the facilitator reveals later. */
export function isSilent(mode: PhaseMode): boolean {
	return mode === 'silent';
}

/** The index a move leads to, or null when there is nowhere to go. */
export function stepIndex(
	count: number,
	current: number,
	step: 'next' | 'previous'
): number | null {
	const target = step === 'next' ? current + 1 : current - 1;
	return target >= 0 && target < count ? target : null;
}

export function phaseIndex(agenda: readonly Phase[], phaseId: string): number {
	return agenda.findIndex((p) => p.id === phaseId);
}

export type AgendaProblem =
	| 'agenda_empty'
	| 'agenda_too_long'
	| 'phase_title_required'
	| 'phase_text_too_long'
	| 'phase_duplicate'
	| 'phase_invalid';

/**
 * A phase as it is stored, from what the facilitator (or an imported file) sent: title and
 * guiding question tidied as every label is — trimmed, runs of whitespace (line breaks too)
 * folded to one space, control and invisible formatting characters removed; the phase bar shows
 * the question as one paragraph — and each area once, in the order first given.
 */
export function tidyPhase(phase: Phase): Phase {
	return {
		...phase,
		title: normaliseLabel(phase.title),
		question: normaliseLabel(phase.question),
		areas: [...new Set(phase.areas)]
	};
}

/** Checks an agenda the facilitator sends, after `tidyPhase`: the lengths are the tidied texts'. */
export function validateAgenda(agenda: readonly Phase[]): AgendaProblem | null {
	if (agenda.length === 0) return 'agenda_empty';
	if (agenda.length > AGENDA_MAX_PHASES) return 'agenda_too_long';
	const ids = new Set<string>();
	for (const phase of agenda) {
		if (ids.has(phase.id)) return 'phase_duplicate';
		ids.add(phase.id);
		if (!phase.title.trim()) return 'phase_title_required';
		if (phase.title.length > PHASE_TITLE_MAX || phase.question.length > PHASE_QUESTION_MAX)
			return 'phase_text_too_long';
		if (!isPhaseMode(phase.mode) || !phase.areas.every(isAreaId)) return 'phase_invalid';
		if (
			phase.durationMin !== null &&
			(!Number.isInteger(phase.durationMin) ||
				phase.durationMin < 1 ||
				phase.durationMin > PHASE_DURATION_MAX_MIN)
		)
			return 'phase_invalid';
	}
	return null;
}

/**
 * After the agenda changed, the phase the session is in: the same phase if it
 * still exists, else the one now at the same position (never past the end).
 */
export function followCurrentPhase(
	before: readonly Phase[],
	after: readonly Phase[],
	currentId: string
): string {
	if (after.some((p) => p.id === currentId)) return currentId;
	const index = Math.max(0, phaseIndex(before, currentId));
	return after[Math.min(index, after.length - 1)]!.id;
}

export const ALL_AREAS: readonly AreaId[] = AREA_IDS;

/**
 * Silent phases of an agenda that a new agenda drops or gives another mode. Their drafts could
 * never be revealed afterwards, so a change of the agenda publishes them (and the agenda
 * editor says so before saving).
 */
export function silentPhasesLeaving(
	before: readonly Pick<Phase, 'id' | 'mode'>[],
	after: readonly Pick<Phase, 'id' | 'mode'>[]
): string[] {
	const stillSilent = new Set(after.filter((p) => isSilent(p.mode)).map((p) => p.id));
	return before.filter((p) => isSilent(p.mode) && !stillSilent.has(p.id)).map((p) => p.id);
}
