import type { ComparisonModel } from './comparison';
import { comparisonTables, type ComparisonCell, type ComparisonColumn } from './comparison-tables';
import { csvFile, utcDateTime } from './csv';
import type { ExportFile, ExportOptions } from './model';

/**
 * The comparison as CSV: the cards table, one row per card of every session,
 * in the session CSV's dialect (csvFile). A share is written with four
 * decimals and, next to semicolons, a decimal comma, as German Excel reads it.
 */
export function writeComparisonCsv(
	model: ComparisonModel,
	options: Pick<ExportOptions, 'delimiter'>
): ExportFile {
	const { columns, rows } = comparisonTables(model).cards;
	const cell = (value: ComparisonCell, column: ComparisonColumn): string | number => {
		if (value === null) return '';
		if (typeof value === 'string') return value;
		if (column.kind === 'moment') return utcDateTime(value);
		if (column.kind === 'share') {
			const decimal = String(Number(value.toFixed(4)));
			return options.delimiter === ';' ? decimal.replace('.', ',') : decimal;
		}
		return value;
	};
	return csvFile(
		[columns.map((c) => c.header), ...rows.map((row) => row.map((v, i) => cell(v, columns[i]!)))],
		options.delimiter
	);
}
