import type { Card } from '../board/cards';

/**
 * How far silent writing has come, for the facilitator and the projector: how
 * many people have written how many drafts in the current phase. Counts only,
 * never content: drafts stay private until the reveal.
 */
export interface DraftCount {
	readonly phaseId: string;
	/** People with at least one draft in the phase. */
	readonly writers: number;
	readonly drafts: number;
}

/** Counts each writer's drafts of the phase; an empty draft (nothing typed yet) counts too. */
export function countDrafts(
	phaseId: string,
	draftsByWriter: readonly (readonly Pick<Card, 'phaseId'>[])[]
): DraftCount {
	let writers = 0;
	let drafts = 0;
	for (const cards of draftsByWriter) {
		const mine = cards.filter((card) => card.phaseId === phaseId).length;
		if (mine > 0) writers++;
		drafts += mine;
	}
	return { phaseId, writers, drafts };
}

/**
 * The count while it is news: in the current phase, until its drafts are revealed. After the
 * reveal the drafts are cards on the board and nobody writes drafts any more ("Entwürfe: 0").
 */
export function draftCountShown(
	count: DraftCount | null,
	state: { readonly phaseId: string; readonly revealed: readonly string[] }
): DraftCount | null {
	if (!count || count.phaseId !== state.phaseId || state.revealed.includes(state.phaseId))
		return null;
	return count;
}

/**
 * Drafts that leaving the phase would leave unseen: after the phase nobody reveals them by
 * accident, and their writers alone keep seeing them. So the facilitator is asked first.
 * Drafts written after a reveal count too; the count holds only drafts not on the board.
 */
export function draftsLeftBehind(count: DraftCount | null, phaseId: string): DraftCount | null {
	return count && count.phaseId === phaseId && count.drafts > 0 ? count : null;
}
