import { importProblemText } from '../../src/lib/domain/export/import-check';
import type { ExportModel } from '../../src/lib/domain/export/model';
import type { Locale } from '../../src/lib/i18n/catalog';
import { parseExportDocument, type ImportRefusal } from '../../src/lib/protocol/export';
import { parseJsonBody } from './json-body';

/** An import's body as it arrives, unread, and the language its refusal is written in. */
export interface ImportJobInput {
	readonly body: Uint8Array;
	readonly callerLocale: Locale;
}

/** Plain data, so that it can come back from the export worker; a refusal's words already written. */
export type ImportReading =
	| { readonly ok: true; readonly document: ExportModel }
	| {
			readonly ok: false;
			readonly error: 'invalid_json' | ImportRefusal;
			readonly detail: string | null;
	  };

/**
 * Reads an import's body as `POST /api/sessions/import` takes it: parsed and
 * checked against the export's schema and rules. The production server does
 * this in the export worker: a file of 8 MiB takes 150–200 ms to read, and a
 * refused file costs its sender nothing of the creation budget, so on the main
 * thread a stream of them would hold every board's sync.
 */
export function readImport(input: ImportJobInput): ImportReading {
	const json = parseJsonBody(input.body);
	if (!json) return { ok: false, error: 'invalid_json', detail: null };
	const parsed = parseExportDocument(json.value);
	if (parsed.ok) return { ok: true, document: parsed.value };
	const { problem } = parsed;
	return {
		ok: false,
		error: parsed.error,
		detail: problem ? importProblemText(input.callerLocale, problem) : null
	};
}
