import { AREA_IDS } from '../board/areas';
import { type Card, compareReadingOrder } from '../board/cards';
import { inScope, type VotingScope } from './round';
import type { TalliedCard } from './tally';

/**
 * The cards a round's results list: those in its scope, and those with dots
 * that have left the scope since, in board order (area, then reading order).
 */
export function talliedCards(
	cards: readonly Card[],
	scope: VotingScope,
	voted: ReadonlySet<string>
): TalliedCard[] {
	return cards
		.filter((card) => inScope(scope, card) || voted.has(card.id))
		.sort(
			(a, b) => AREA_IDS.indexOf(a.area) - AREA_IDS.indexOf(b.area) || compareReadingOrder(a, b)
		)
		.map((card) => ({
			id: card.id,
			text: card.text,
			area: card.area,
			authorGroup: card.authorGroup
		}));
}
