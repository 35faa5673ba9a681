import { writeCsv } from '../../src/lib/domain/export/csv';
import { writeJson } from '../../src/lib/domain/export/json';
import type { ExportFormat, ExportWriter } from '../../src/lib/domain/export/model';
import { documentWriters } from './documents';

/** The writer of each export format; the type makes a format without a writer a compile error. */
export const EXPORT_WRITERS: Record<ExportFormat, ExportWriter> = {
	json: (model) => writeJson(model),
	csv: (model, options) => writeCsv(model, options),
	...documentWriters
};
