import type { AreaId } from '$lib/domain/board/areas';
import type { Card } from '$lib/domain/board/cards';
import type { Cluster } from '$lib/domain/board/clusters';
import type { Connector } from '$lib/domain/board/connectors';
import type { StakeholderGroup } from '$lib/domain/session/stakeholder-groups';

/** Dot-voting on cards, as the page decides it from the open round and the viewer's ballot. */
export interface CardDots {
	/** Whether the viewer may place dots on this card now (a participant, card in the open round's scope). */
	readonly canVote: (card: Card) => boolean;
	/** The viewer's own dots on a card in the open round. */
	readonly mine: (cardId: string) => number;
	readonly remaining: number;
	readonly maxPerCard: number;
	/** The card's total where results are visible (closed or live round); null: nothing to show. */
	readonly total: (cardId: string) => number | null;
	readonly onvote: (cardId: string, delta: 1 | -1) => void;
}

/** What the page decides for the canvas and the list alike: which cards, and who may do what. */
export interface BoardView {
	/** Board cards and the viewer's own drafts. */
	readonly cards: readonly Card[];
	readonly isDraft: (id: string) => boolean;
	readonly canEdit: (card: Card) => boolean;
	/** Whether the viewer may add cards to an area now. */
	readonly canAddTo: (area: AreaId) => boolean;
	/** Areas the current phase writes into, highlighted; empty: all. */
	readonly targetAreas: readonly AreaId[];
	readonly spotlightId: string | null;
	readonly authorOf: (authorId: string) => string | null;
	readonly editingId: string | null;
	readonly onedit: (id: string | null) => void;
	readonly onadd: (area: AreaId) => void;
	readonly onspotlight?: (id: string | null) => void;
	/** The session's stakeholder groups, for labels. */
	readonly groups: readonly StakeholderGroup[];
	readonly dots: CardDots | null;
	readonly clusters: readonly Cluster[];
	readonly connectors: readonly Connector[];
	/** Whether the viewer arranges the board — clusters and connectors (the facilitator). */
	readonly manageBoard: boolean;
}
