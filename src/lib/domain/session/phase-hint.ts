import type { PhaseMode } from './agenda';

/** Where voting stands for the phase bar: a round open now, a result to see, or neither. */
export type VotingMoment = 'none' | 'open' | 'results';

/** What the phase bar tells a participant to do now (a message `phase.hint.<hint>`). */
export type ParticipantHint = PhaseMode | 'readOnly' | 'votingOpen' | 'votingResults';

/**
 * The participant's hint: an open round is what to do now, whatever the phase
 * (the facilitator may open one in any phase); in a voting phase after the
 * round, the result; where the person may not write now although the phase
 * is for writing (a locked board, an observer), that they may only read.
 */
export function participantHint(
	mode: PhaseMode,
	readOnly: boolean,
	voting: VotingMoment
): ParticipantHint {
	if (mode === 'closed') return 'closed';
	if (voting === 'open') return 'votingOpen';
	if (mode === 'voting') return voting === 'results' ? 'votingResults' : 'voting';
	if (readOnly && mode !== 'discussion') return 'readOnly';
	return mode;
}
