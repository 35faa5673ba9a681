import { z } from 'zod';
import { comparisonProblemText, countProblem, fileTitle } from '../domain/export/comparison';
import { importProblemText } from '../domain/export/import-check';
import type { ExportModel } from '../domain/export/model';
import { errorMessage, LOCALES, translate } from '../i18n/catalog';
import type { ErrorDetail } from './errors';
import { parseExportDocument } from './export';

/**
 * `POST /api/comparisons/:format` (docs/api.md): several JSON exports in one
 * body. Each file is read as an import reads it (`parseExportDocument`), so a
 * file the import refuses is refused here with the same words, after which
 * file it was.
 */

export const ComparisonRequest = z
	.object({
		/** The export files, parsed; checked one by one below. */
		sessions: z.array(z.unknown()),
		lang: z.enum(LOCALES).optional(),
		delimiter: z.enum(['comma', 'semicolon']).optional()
	})
	.strict();

/** Why the files cannot be compared, in the reader's language: which file and what about it. */
export type ComparisonRefusal = { readonly ok: false; readonly detail: ErrorDetail };

export function parseComparedDocuments(
	files: readonly unknown[]
): { readonly ok: true; readonly value: ExportModel[] } | ComparisonRefusal {
	// Counted before any file is read: 200 files are refused without reading one.
	const count = countProblem(files.length);
	if (count) return { ok: false, detail: (locale) => comparisonProblemText(locale, count) };
	const documents: ExportModel[] = [];
	for (const [i, file] of files.entries()) {
		const parsed = parseExportDocument(file);
		if (parsed.ok) {
			documents.push(parsed.value);
			continue;
		}
		const title = titleOf(file);
		const { error, problem } = parsed;
		return {
			ok: false,
			detail: (locale) =>
				[
					title
						? translate(locale, 'compare.problem.file', { file: i + 1, title })
						: translate(locale, 'compare.problem.fileUntitled', { file: i + 1 }),
					errorMessage(locale, error),
					...(problem ? [importProblemText(locale, problem)] : [])
				].join(' ')
		};
	}
	return { ok: true, value: documents };
}

/** The session's title of a file that may be anything, to name it by; short and on one line. */
function titleOf(file: unknown): string {
	const session = (file as { session?: { title?: unknown } } | null)?.session;
	return typeof session?.title === 'string' ? fileTitle(session.title) : '';
}
