/**
 * Whether the reason a dot was refused is still worth saying when the answer arrives. A dot sent
 * as the round ended is refused ("the round is closed") after everyone's screen has moved on to
 * the results: said then, the notice stood over them until closed by hand. Refused in the round
 * still open (no dots left, the card full, no connection), it is said.
 */
export function refusalStillMatters(
	sentInRound: string | undefined,
	openRoundNow: string | undefined
): boolean {
	return sentInRound === openRoundNow;
}
