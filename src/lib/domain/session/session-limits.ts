/**
 * What one session holds at most. The board and the commands refuse more while the session runs,
 * and the import takes no more, so that every export of a session imports again. Each is far past
 * what a focus group needs (participants write at most 2,000 cards, card-limit.ts).
 */
export const SESSION_LIMITS = {
	/** Cards on the board, the facilitator's too. */
	cards: 5000,
	/** Everyone who ever joined, staff and removed participants too. */
	people: 2000,
	/** Voting rounds, cancelled ones too. */
	rounds: 200,
	connectors: 5000
} as const;
