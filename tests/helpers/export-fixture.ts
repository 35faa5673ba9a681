import { buildExportModel } from '../../src/lib/domain/export/build';
import type { ExportModel, ExportOptions } from '../../src/lib/domain/export/model';
import { DEFAULT_TIME_ZONE } from '../../src/lib/domain/export/time-zone';
import type { Locale } from '../../src/lib/i18n/catalog';
import { sampleExportInput, type SampleExportOptions } from './sample-export';

export { FORMULA_CORPUS, GERMAN_TEXT, HOSTILE_TEXTS, MARKUP_CORPUS } from './hostile-texts';

/**
 * A realistic ExportModel for the document and picture writers: the model the
 * server builds (`buildExportModel`) from the Musterstadt session
 * (./sample-export.ts), written with the board's and the voting's domain
 * functions. It scales to N cards and R rounds and can carry hostile texts.
 */
export interface FixtureOptions extends SampleExportOptions {
	readonly locale?: Locale;
	/** Names in the export (the default), or pseudonyms. */
	readonly named?: boolean;
}

export function exportOptions(model: ExportModel, delimiter: ',' | ';' = ';'): ExportOptions {
	return { locale: model.locale, named: model.named, delimiter, timeZone: DEFAULT_TIME_ZONE };
}

export function musterstadtExport(options: FixtureOptions = {}): ExportModel {
	const { locale = 'de', named = true, ...input } = options;
	return buildExportModel(sampleExportInput(input), { locale, named, delimiter: ';' });
}
