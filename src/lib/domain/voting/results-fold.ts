/** What decides whether a screen shows the voting results open or folded to one line. */
export interface ResultsMoment {
	/**
	 * Whether the screen has the voting state yet: the first one it gets is how things stand
	 * (results from before the page loaded), not results that just came.
	 */
	readonly loaded: boolean;
	readonly phaseId: string | null;
	/** Whether the current phase is a voting phase. */
	readonly inVoting: boolean;
	/** The round whose results are shown, if any. */
	readonly resultsId: string | null;
	/** The round that runs now, if any. */
	readonly openRoundId: string | null;
}

/**
 * Whether an earlier round's results are what the screen has while another round runs (its
 * results hidden until it ends): people voting now look at the cards, not at how the last
 * round ranked them, and on a phone those results pushed the cards out of sight.
 */
function earlierDuringRound(now: ResultsMoment): boolean {
	return now.openRoundId !== null && now.resultsId !== now.openRoundId;
}

/**
 * Whether the results stand open now, or null to leave them as the viewer has them. They
 * stand open in a voting phase and fold once the meeting moves on, the same on a screen that
 * saw the phase change as on one loaded later; results that come while the screen looks
 * (a round ended, or another round picked) open wherever they come. A round opening folds an
 * earlier round's results, on a screen that saw it open as on one loaded during it; the
 * viewer may open them again.
 */
export function resultsOpenNow(before: ResultsMoment | null, now: ResultsMoment): boolean | null {
	if (!before || !before.loaded || before.phaseId !== now.phaseId)
		return now.inVoting && !earlierDuringRound(now);
	if (now.openRoundId !== before.openRoundId && earlierDuringRound(now)) return false;
	if (now.resultsId !== null && now.resultsId !== before.resultsId) return true;
	return null;
}
