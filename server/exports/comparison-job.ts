import { buildComparison, comparisonProblemText } from '../../src/lib/domain/export/comparison';
import { writeComparisonCsv } from '../../src/lib/domain/export/comparison-csv';
import type { ComparisonFormat } from '../../src/lib/domain/export/comparison-rules';
import { comparisonFileName } from '../../src/lib/domain/export/file-name';
import type { ExportFile } from '../../src/lib/domain/export/model';
import type { Locale } from '../../src/lib/i18n/catalog';
import { ComparisonRequest, parseComparedDocuments } from '../../src/lib/protocol/comparison';
import { unknownFieldsDetail } from '../../src/lib/protocol/unknown-fields';
import { parseJsonBody } from './json-body';

/** One comparison as it arrives: the request's body, unread, and who asks. */
export interface ComparisonJobInput {
	readonly body: Uint8Array;
	readonly format: ComparisonFormat;
	/** The caller's language: refusals are written in it, and the file unless the body says `lang`. */
	readonly callerLocale: Locale;
	readonly now: number;
}

/** Plain data, so that it can come back from the export worker; a refusal's words already written. */
export type ComparisonOutcome =
	| {
			readonly ok: true;
			readonly file: ExportFile;
			readonly fileName: string;
			readonly sessions: number;
	  }
	| {
			readonly ok: false;
			readonly error: 'invalid_json' | 'bad_request' | 'comparison_invalid';
			readonly detail: string | null;
	  };

/**
 * Everything a comparison takes, from the body's bytes to the file (POST
 * /api/comparisons/:format). The production server runs it in the export worker:
 * 20 exports of 1,000 cards are 19 MiB to parse and check and 5 MiB of CSV to
 * write, 1.3 s of work that on the main thread held every live board's sync
 * (bench/comparison.ts), and the endpoint takes no credential.
 */
export async function runComparison(input: ComparisonJobInput): Promise<ComparisonOutcome> {
	const { callerLocale } = input;
	const json = parseJsonBody(input.body);
	if (!json) return { ok: false, error: 'invalid_json', detail: null };
	const request = ComparisonRequest.safeParse(json.value);
	if (!request.success) {
		const detail = unknownFieldsDetail(request.error.issues);
		return { ok: false, error: 'bad_request', detail: detail ? detail(callerLocale) : null };
	}
	const documents = parseComparedDocuments(request.data.sessions);
	if (!documents.ok)
		return { ok: false, error: 'comparison_invalid', detail: documents.detail(callerLocale) };
	const locale = request.data.lang ?? callerLocale;
	const built = buildComparison(documents.value, { locale, now: input.now });
	if (!built.ok)
		return {
			ok: false,
			error: 'comparison_invalid',
			detail: comparisonProblemText(callerLocale, built.problem)
		};
	const file =
		input.format === 'csv'
			? writeComparisonCsv(built.value, {
					delimiter: request.data.delimiter === 'semicolon' ? ';' : ','
				})
			: await (await import('./comparison-xlsx')).writeComparisonXlsx(built.value);
	const sessions = documents.value.length;
	return {
		ok: true,
		file,
		fileName: comparisonFileName(locale, sessions, built.value.madeAt, file.extension),
		sessions
	};
}
