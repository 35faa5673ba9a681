import ExcelJS from 'exceljs';
import type { ComparisonModel } from '../../src/lib/domain/export/comparison';
import {
	comparisonTables,
	type ComparisonCell,
	type ComparisonColumn
} from '../../src/lib/domain/export/comparison-tables';
import type { ExportFile } from '../../src/lib/domain/export/model';
import { day, moment, sheet, type Cell } from './sheet';

/**
 * The comparison as a workbook: sheets Sessions, Cards and Next steps
 * (comparison-tables.ts), cells typed as in the session's workbook — counts
 * numbers, shares numbers shown as percentages, moments and days dates (UTC),
 * empty where nothing was counted — and texts neutralised.
 */
export async function comparisonWorkbook(model: ComparisonModel): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Fokusrunde';
	workbook.created = new Date(model.madeAt);
	workbook.modified = new Date(model.madeAt);
	const typed = (value: ComparisonCell, column: ComparisonColumn): Cell => {
		if (value === null) return null;
		if (column.kind === 'moment' && typeof value === 'number') return moment(value);
		if (column.kind === 'date' && typeof value === 'string') return day(value);
		return value;
	};
	const tables = comparisonTables(model);
	for (const table of [tables.sessions, tables.cards, tables.nextSteps])
		sheet(
			workbook,
			table.name,
			table.columns,
			table.rows.map((row) => row.map((value, i) => typed(value, table.columns[i]!)))
		);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

export async function writeComparisonXlsx(model: ComparisonModel): Promise<ExportFile> {
	return {
		body: await comparisonWorkbook(model),
		contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
		extension: 'xlsx'
	};
}
