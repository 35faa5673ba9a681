import type { Actor } from '../session/roles';
import type { Card } from './cards';

/**
 * Who may edit, move or delete a card: its author, and the facilitator for
 * every card. The server enforces the same rule on every Yjs update (update-policy.ts).
 */
export function mayChangeCard(
	actor: Pick<Actor, 'participantId' | 'role'>,
	card: Pick<Card, 'authorId'>
): boolean {
	return actor.role === 'facilitator' || card.authorId === actor.participantId;
}

/** What the viewer may write now: the shared board, and their private drafts (silent writing). */
export interface WriteAccess {
	readonly board: boolean;
	readonly drafts: boolean;
}

/** Whether the document a card lives in may be written now: a draft's while drafts are written, the board's while the board is. */
export function writableNow(isDraft: boolean, access: WriteAccess): boolean {
	return isDraft ? access.drafts : access.board;
}

/**
 * Whether the viewer may copy a card as their own: the copy goes where the
 * original is (a draft's copy is a draft, a board card's a board card), so that
 * document must be writable now, and the viewer must add cards to its area.
 * During silent writing a board card is not copied: that would write to the
 * shared board, which the server refuses.
 */
export function mayDuplicateCard(
	isDraft: boolean,
	access: WriteAccess,
	mayAddToArea: boolean
): boolean {
	return mayAddToArea && writableNow(isDraft, access);
}
