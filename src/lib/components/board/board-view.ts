import type { AreaId } from '$lib/domain/board/areas';
import type { Card } from '$lib/domain/board/cards';

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
}
