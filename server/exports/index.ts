import { writeCsv } from '../../src/lib/domain/export/csv';
import { writeJson } from '../../src/lib/domain/export/json';
import type { ExportFormat, ExportWriter } from '../../src/lib/domain/export/model';

/**
 * The writer of each export format. A format without a writer here answers
 * `export_format_unknown` (404); the document and picture writers (xlsx, md,
 * docx, pdf, svg, png) join this table.
 */
export const EXPORT_WRITERS: Partial<Record<ExportFormat, ExportWriter>> = {
	json: (model) => writeJson(model),
	csv: (model, options) => writeCsv(model, options)
};
