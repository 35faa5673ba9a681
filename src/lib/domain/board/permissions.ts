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
