/**
 * How many cards participants may write: far more than a meeting needs, few enough that a
 * flood from one browser (scripted, or a stuck key) cannot bury the board. Every screen
 * draws every card, and a board of 1,000 cards is what the canvas is measured against
 * (docs/performance.md). The facilitator is limited only by what a session holds (session-limits.ts).
 */
export const CARDS_PER_PARTICIPANT_MAX = 200;
/** Cards participants may bring one document to, all together. */
export const BOARD_CARDS_MAX = 2000;

/** Which limit a new card would pass: the writer's own, or the board's. */
export type CardLimit = 'participant' | 'board';

export interface CardCount {
	/** Cards in the document. */
	readonly total: number;
	/** Of them, the writer's own. */
	readonly own: number;
}

/** Whether a participant with these cards may add `adding` more to the document; null when they may. */
export function cardLimitReached(count: CardCount, adding: number): CardLimit | null {
	if (adding <= 0) return null;
	if (count.own + adding > CARDS_PER_PARTICIPANT_MAX) return 'participant';
	if (count.total + adding > BOARD_CARDS_MAX) return 'board';
	return null;
}

/** Counts a document's cards, and the writer's among them. */
export function countCards(
	cards: Iterable<{ readonly authorId: string }>,
	participantId: string
): CardCount {
	let total = 0;
	let own = 0;
	for (const card of cards) {
		total++;
		if (card.authorId === participantId) own++;
	}
	return { total, own };
}
