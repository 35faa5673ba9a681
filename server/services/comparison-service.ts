import { buildComparison, comparisonProblemText } from '../../src/lib/domain/export/comparison';
import type { ComparisonModel } from '../../src/lib/domain/export/comparison';
import { writeComparisonCsv } from '../../src/lib/domain/export/comparison-csv';
import { comparisonFileName } from '../../src/lib/domain/export/file-name';
import type { ExportFile, ExportOptions } from '../../src/lib/domain/export/model';
import type { ComparisonFormat } from '../../src/lib/domain/export/comparison-rules';
import type { RenderedExport } from './export-service';
import { fail, ok, type Result } from './result';

export type ComparisonWriter = (
	model: ComparisonModel,
	options: Pick<ExportOptions, 'delimiter'>
) => ExportFile | Promise<ExportFile>;

/** The workbook's library loads on the first comparison, as the session exports' heavy writers do. */
export const COMPARISON_WRITERS: Record<ComparisonFormat, ComparisonWriter> = {
	csv: writeComparisonCsv,
	xlsx: async (model) => (await import('../exports/comparison-xlsx')).writeComparisonXlsx(model)
};

/**
 * Compares sessions from export files the caller holds (POST /api/comparisons/:format): nothing
 * is read from or written to storage, so any number of sessions of any server can be compared.
 */
export class ComparisonService {
	constructor(
		private readonly writers: Record<ComparisonFormat, ComparisonWriter>,
		private readonly now: () => number = Date.now
	) {}

	async compare(
		documents: Parameters<typeof buildComparison>[0],
		format: ComparisonFormat,
		options: Pick<ExportOptions, 'locale' | 'delimiter'>
	): Promise<Result<RenderedExport>> {
		const built = buildComparison(documents, { locale: options.locale, now: this.now() });
		if (!built.ok) {
			const { problem } = built;
			return fail('comparison_invalid', (locale) => comparisonProblemText(locale, problem));
		}
		const file = await this.writers[format](built.value, options);
		const fileName = comparisonFileName(
			options.locale,
			documents.length,
			built.value.madeAt,
			file.extension
		);
		return ok({ file, fileName });
	}
}
