import type * as Y from 'yjs';
import { publishDrafts, readCards, type Card } from '../../../src/lib/domain/board/cards';
import { deleteCard } from '../../../src/lib/domain/board/cards';
import type { DraftPublisher } from '../../services/command-bus';
import type { SessionService } from '../../services/session-service';
import { newId } from '../../security/tokens';
import { countDrafts, type DraftCount } from '../../../src/lib/domain/session/draft-count';

/**
 * Silent writing: each participant writes drafts into a private document of
 * their own (`<boardId>/drafts/<participantId>`), which only they can open. No
 * other client — not even the facilitator — receives a draft until it is revealed.
 */
export function draftsDocId(boardId: string, participantId: string): string {
	return `${boardId}/drafts/${participantId}`;
}

export function isDraftsDocId(docId: string): boolean {
	return docId.includes('/drafts/');
}

/** Reads and changes documents on the server's behalf (the board sync provides this). */
export interface DocAccess {
	/** Runs `read` on a document's current state, loaded for the occasion if nobody has it open. */
	read<T>(docId: string, sessionId: string, read: (doc: Y.Doc) => T): Promise<T>;
	/** Changes a document as the server: stored, then sent to every connection of it; rejects when it could not be stored. */
	change(docId: string, sessionId: string, change: (doc: Y.Doc) => void): Promise<void>;
}

export class DraftService implements DraftPublisher {
	constructor(
		private readonly docs: DocAccess,
		private readonly sessions: SessionService
	) {}

	/**
	 * Publishes every draft of a phase onto the board at once — also those of
	 * participants who have left — and then removes them from the drafts.
	 * Publishing first means a crash in between leaves drafts that a second
	 * reveal publishes without doubling them.
	 */
	async reveal(sessionId: string, phaseId: string): Promise<void> {
		const session = await this.sessions.getSession(sessionId);
		if (!session) return;
		const drafts = await this.draftsOf(session.boardId, sessionId, phaseId);
		const all = drafts.flatMap((d) => d.cards).sort((a, b) => a.createdAt - b.createdAt);
		if (all.length === 0) return;
		let kept: readonly Card[] = [];
		await this.docs.change(session.boardId, sessionId, (doc) => {
			kept = publishDrafts(doc, all, newId).kept;
		});
		// Drafts a full board could not take stay with their writers, not lost.
		const keptIds = new Set(kept.map((card) => `${card.authorId}/${card.id}`));
		for (const { docId, cards } of drafts) {
			const published = cards.filter((card) => !keptIds.has(`${card.authorId}/${card.id}`));
			if (published.length === 0) continue;
			await this.docs.change(docId, sessionId, (doc) =>
				published.forEach((card) => deleteCard(doc, card.id))
			);
		}
	}

	/** How many people have written how many drafts of the phase (counts, no content). */
	async count(sessionId: string, phaseId: string): Promise<DraftCount | null> {
		const session = await this.sessions.getSession(sessionId);
		if (!session) return null;
		const drafts = await this.draftsOf(session.boardId, sessionId, phaseId);
		return countDrafts(
			phaseId,
			drafts.map((d) => d.cards)
		);
	}

	/** Each participant's drafts of the phase, also of those who have left. */
	private async draftsOf(boardId: string, sessionId: string, phaseId: string) {
		const writers = (await this.sessions.participants(sessionId)).filter(
			(p) => p.role === 'participant'
		);
		return Promise.all(
			writers.map(async (writer) => ({
				docId: draftsDocId(boardId, writer.id),
				cards: await this.docs.read(draftsDocId(boardId, writer.id), sessionId, (doc) =>
					readCards(doc).filter((card) => card.phaseId === phaseId && card.authorId === writer.id)
				)
			}))
		);
	}
}
