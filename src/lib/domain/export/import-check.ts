import { type Locale, translate } from '../../i18n/catalog';
import type { ExportModel } from './model';

/**
 * Checks of an import (POST /api/sessions/import) beyond the file's schema:
 * what no session's export can hold.
 */

/** What makes a file of the export's shape no export of a session (`import_invalid`). */
export type ImportProblem =
	| { readonly kind: 'duplicateId'; readonly list: string; readonly id: string }
	| { readonly kind: 'unknownAuthor'; readonly cardId: string; readonly authorId: string };

/**
 * Whether the file could have come from a session: every id once in its list (two cards of one
 * id would become one card, or one of them would be lost), and every card's author among the
 * participants — an export lists everyone who ever joined, staff and removed participants too,
 * and a card names the participant who wrote it.
 */
export function importProblem(model: ExportModel): ImportProblem | null {
	const lists: [string, readonly string[]][] = [
		['participants', model.participants.map((p) => p.id)],
		['cards', model.cards.map((c) => c.id)],
		['clusters', model.clusters.map((c) => c.id)],
		['connectors', model.connectors.map((c) => c.id)],
		['votingRounds', model.votingRounds.map((r) => r.id)],
		['nextSteps', model.nextSteps.map((s) => s.cardId)]
	];
	for (const [list, ids] of lists) {
		const seen = new Set<string>();
		for (const id of ids) {
			if (seen.has(id)) return { kind: 'duplicateId', list, id };
			seen.add(id);
		}
	}
	const people = new Set(model.participants.map((p) => p.id));
	for (const card of model.cards)
		if (!people.has(card.authorId))
			return { kind: 'unknownAuthor', cardId: card.id, authorId: card.authorId };
	return null;
}

/** The problem in words, after the message of `import_invalid`. */
export function importProblemText(locale: Locale, problem: ImportProblem): string {
	return problem.kind === 'duplicateId'
		? translate(locale, 'import.problem.duplicateId', { list: problem.list, id: problem.id })
		: translate(locale, 'import.problem.unknownAuthor', {
				cardId: problem.cardId,
				authorId: problem.authorId
			});
}
