import { type AreaId, isAreaId } from './areas';
import type { Card } from './cards';
import { type CardColor, CARD_TEXT_MAX, isCardColor } from './schema';

/**
 * A card of the viewer's that the server did not take, as the viewer last wrote
 * it. It happens when changes made offline arrive after the meeting moved on
 * (a draft of a silent phase that has ended, a card while the board is locked):
 * the server refuses them and the viewer's copy starts over from the server's.
 * Nobody else has seen such a card, but its writer must not lose it.
 */
export interface UnsentCard {
	readonly id: string;
	readonly area: AreaId;
	readonly text: string;
	readonly color: CardColor;
}

/** The most unsent cards kept: a client that keeps being refused must not fill its storage. */
export const UNSENT_MAX = 50;

/**
 * The viewer's cards in a refused copy that the server does not have as they
 * were written there: gone from the server (never taken), or with another text.
 * A card without text was never written and is not worth keeping. `server`
 * holds every card the server has for the viewer (board and drafts), so that
 * a draft revealed onto the board meanwhile counts as taken.
 */
export function unsentCards(
	local: readonly Card[],
	server: readonly Card[],
	authorId: string
): UnsentCard[] {
	const onServer = new Map(server.map((card) => [card.id, card]));
	return local
		.filter((card) => card.authorId === authorId && card.text.trim() !== '')
		.filter((card) => onServer.get(card.id)?.text !== card.text)
		.map(({ id, area, text, color }) => ({ id, area, text, color }));
}

/** Cards kept before and found now, one per id (the newer wins), at most UNSENT_MAX (the newest). */
export function keepUnsent(
	kept: readonly UnsentCard[],
	found: readonly UnsentCard[]
): UnsentCard[] {
	const ids = new Set(found.map((card) => card.id));
	return [...kept.filter((card) => !ids.has(card.id)), ...found].slice(-UNSENT_MAX);
}

/** Unsent cards read back from storage: whatever does not look like one is dropped. */
export function parseUnsent(value: unknown): UnsentCard[] {
	if (!Array.isArray(value)) return [];
	return value
		.filter(
			(item): item is UnsentCard =>
				typeof item === 'object' &&
				item !== null &&
				typeof item.id === 'string' &&
				isAreaId(item.area) &&
				typeof item.text === 'string' &&
				item.text.length <= CARD_TEXT_MAX &&
				isCardColor(item.color)
		)
		.map(({ id, area, text, color }) => ({ id, area, text, color }))
		.slice(-UNSENT_MAX);
}

/** What the viewer may do now, for putting an unsent card back. */
export interface WritingNow {
	/** The areas the viewer may add cards to now (none: no writing now). */
	readonly areas: readonly AreaId[];
	/** The silent phase whose drafts the viewer writes now, or null when cards go on the board. */
	readonly draftPhaseId: string | null;
	/** The viewer's card of the same id, where the server has it and the viewer may change it now. */
	readonly editable: Pick<Card, 'id'> | null;
}

/**
 * How an unsent card goes back: as the text of the card it was (when that card
 * is still the viewer's to change), else as a new card in its area, or in the
 * first area open to the viewer now — a draft of the current silent phase
 * while people write silently. Null when the viewer may write nothing now.
 */
export type Restoring =
	| { readonly kind: 'edit'; readonly id: string }
	| { readonly kind: 'add'; readonly area: AreaId; readonly draftOf: string | null };

export function restoring(card: UnsentCard, now: WritingNow): Restoring | null {
	if (now.editable && now.editable.id === card.id) return { kind: 'edit', id: card.id };
	const area = now.areas.includes(card.area) ? card.area : now.areas[0];
	return area ? { kind: 'add', area, draftOf: now.draftPhaseId } : null;
}
