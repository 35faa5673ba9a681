import type { CardSelection } from '$lib/client/selection.svelte';
import type { AreaId } from '$lib/domain/board/areas';
import type { DrawnCard } from '$lib/domain/board/card-layout';
import type { Card } from '$lib/domain/board/cards';
import type { Cluster, DropTarget } from '$lib/domain/board/clusters';
import type { Connector } from '$lib/domain/board/connectors';
import type { StakeholderGroup } from '$lib/domain/session/stakeholder-groups';
import type { Announcement } from '$lib/i18n/catalog';

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
	/** The round those totals are of: after several rounds a card's dots are one round's, not all. */
	readonly roundName: string;
	readonly onvote: (cardId: string, delta: 1 | -1) => void;
	/** "+" pressed where no dot can go (it is only marked unavailable, to keep the keyboard's focus). */
	readonly onrefused?: (why: 'card_dots_full' | 'no_dots_left') => void;
}

/**
 * What the page decides for the canvas and the list alike: which cards, and who may do what.
 * The page makes one per board and never replaces it: its fields are read when they are used
 * (getters), so a change re-renders only what reads it — a moved card, not all 1,000.
 */
export interface BoardView {
	/** Board cards and the viewer's own drafts, where the canvas draws them (see CardLayout). */
	readonly cards: readonly DrawnCard[];
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
	/**
	 * The session's language (BCP 47), which what people write on the board is in: card texts,
	 * cluster titles and connector labels carry it, so that a screen reader reads them in it
	 * when the viewer's labels are in another language.
	 */
	readonly contentLang?: string;
	/** The session's stakeholder groups, for labels. */
	readonly groups: readonly StakeholderGroup[];
	readonly dots: CardDots | null;
	readonly clusters: readonly Cluster[];
	readonly connectors: readonly Connector[];
	/** Whether the viewer arranges the board — clusters and connectors (the facilitator). */
	readonly manageBoard: boolean;
	/**
	 * The cluster just made, whose title field has the focus, and the card the keyboard came
	 * from, which Enter or Escape in that field goes back to.
	 */
	readonly naming?: { readonly cluster: string; readonly card: string } | null;
	/**
	 * The card the board has just given the keyboard back to (after "Fertig", or from a new
	 * cluster's title): its actions stay folded until the keyboard moves on or a pointer comes.
	 */
	readonly restingId?: string | null;
	readonly onrest?: (id: string | null) => void;
	/**
	 * A cluster's title field was left or Enter pressed in it: the title is saved unless it is
	 * unchanged, and the page says so to screen readers.
	 */
	readonly onrenameCluster: (id: string, title: string) => void;
	/** Says something to screen readers, in the page's one live region. */
	readonly onannounce?: (message: Announcement) => void;
	/**
	 * A screen nobody touches (the projector): texts show whole, with no buttons to unfold them
	 * that nobody in the room could press.
	 */
	readonly readOnlyScreen?: boolean;
	/** The viewer's selected cards (local, never synced). */
	readonly selection: CardSelection;
	/** Whether the viewer may select cards now (they may write somewhere). */
	readonly maySelect: boolean;
	/** Whether the viewer may copy this card as their own (they may add cards to its area). */
	readonly mayDuplicate: (card: Card) => boolean;
	/**
	 * Moves these cards by a delta in board units, those the viewer may move, in one step;
	 * `step`: by an arrow key, which moves a card up past the one above it rather than against it.
	 */
	readonly onmove: (
		ids: readonly string[],
		delta: { dx: number; dy: number },
		step?: boolean
	) => void;
	readonly onduplicate: (ids: readonly string[]) => void;
	/** Asks to delete the selection (with a confirmation). */
	readonly ondeleteSelection: () => void;
	/**
	 * Cards were dragged by a delta (board units) and let go with the grabbed card's centre at a
	 * point: they go there, and into what they were dropped on.
	 */
	readonly ondrop: (
		ids: readonly string[],
		point: { x: number; y: number },
		delta: { dx: number; dy: number }
	) => void;
	/** Cards are being dragged, the grabbed card's centre now at a point; null: the drag ended. */
	readonly ondragover: (ids: readonly string[], point: { x: number; y: number } | null) => void;
	/** What the cards being dragged would be clustered with if let go now (highlighted). */
	readonly dropTarget: DropTarget | null;
	/** Scrolls and scales the canvas to show one area (where the viewer zooms). */
	readonly onzoomArea?: (area: AreaId) => void;
	/** The canvas reports how tall it draws a card (board units), null once it no longer draws it. */
	readonly onmeasure?: (id: string, height: number | null) => void;
	/**
	 * Whether pointers are shared: others' drawn, the viewer's sent. Not on the projector, where
	 * they would cover card text, nor while drafts are written (see `pointersShared`).
	 */
	readonly pointers?: boolean;
}
