import type { Ballot, Vote } from './ballot';
import type { VotingRound } from './round';
import { progressOf, type RoundProgress, type RoundResults } from './tally';

/** What everyone in a session sees of its voting: every round, oldest first. */
export interface VotingView {
	readonly rounds: readonly RoundView[];
}

/** One participant's dots in the open round, as only they see them. */
export interface BallotView extends Ballot {
	readonly roundId: string;
}

/** A round as everyone in the session may see it. */
export interface RoundView extends Omit<VotingRound, 'results' | 'imported'> {
	readonly progress: RoundProgress;
	/**
	 * Restored from an export file: its results carry no `ballots`, anonymous or
	 * not, because the file has none.
	 */
	readonly imported: boolean;
	/** Closed rounds, and open rounds with live results; null otherwise: hidden means hidden. */
	readonly results: RoundResults | null;
}

/**
 * What everyone may see of a round. Totals of an open round with hidden results
 * are never computed here, so they cannot slip into an event.
 */
export function roundView(
	round: VotingRound,
	votes: readonly Vote[],
	liveResults: () => RoundResults
): RoundView {
	let results: RoundResults | null = null;
	if (round.status === 'closed') results = round.results;
	else if (round.status === 'open' && round.visibility === 'live') results = liveResults();
	const { imported, ...rest } = round;
	return {
		...rest,
		progress: imported?.progress ?? progressOf(votes),
		imported: imported !== undefined,
		results
	};
}
