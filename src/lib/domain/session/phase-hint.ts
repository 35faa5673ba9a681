import type { PhaseMode } from './agenda';

/** Where voting stands for the phase bar: a round open now, a result to see, or neither. */
export type VotingMoment = 'none' | 'open' | 'results';

/** What the phase bar tells a participant to do now (a message `phase.hint.<hint>`). */
export type ParticipantHint =
	PhaseMode | 'readOnly' | 'votingOpen' | 'votingResults' | 'silentRevealed' | 'finished';

/** What the phase bar tells the facilitator (a message `phase.facilitatorHint.<hint>`). */
export type FacilitatorHint = PhaseMode | 'locked' | 'silentRevealed' | 'finished';

/**
 * The participant's hint: an open round is what to do now, whatever the phase
 * (the facilitator may open one in any phase); in a voting phase after the
 * round, the result; where the person may not write now although the phase
 * is for writing (a locked board, an observer), that they may only read; once a silent
 * phase's drafts are revealed, that everyone sees them (no longer that nobody does). Once the
 * meeting has ended, that it has, whatever phase it ended in.
 */
export function participantHint(
	mode: PhaseMode,
	readOnly: boolean,
	voting: VotingMoment,
	revealed = false,
	finished = false
): ParticipantHint {
	if (finished) return 'finished';
	if (mode === 'closed') return 'closed';
	if (voting === 'open') return 'votingOpen';
	if (mode === 'voting') return voting === 'results' ? 'votingResults' : 'voting';
	if (readOnly && mode !== 'discussion') return 'readOnly';
	if (mode === 'silent' && revealed) return 'silentRevealed';
	return mode;
}

/**
 * The facilitator's hint follows the state as the participants' does: a locked board (the lock
 * stays when the phase changes) is read-only for them whatever the phase says, and a silent
 * phase's drafts once revealed are seen by all.
 */
export function facilitatorHint(
	mode: PhaseMode,
	locked: boolean,
	revealed: boolean,
	finished = false
): FacilitatorHint {
	if (finished) return 'finished';
	if (mode === 'closed') return 'closed';
	if (locked) return 'locked';
	if (mode === 'silent' && revealed) return 'silentRevealed';
	return mode;
}
