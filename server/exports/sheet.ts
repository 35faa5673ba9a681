import type ExcelJS from 'exceljs';
import { spreadsheetCell } from '../../src/lib/domain/export/cells';

/**
 * One worksheet of an analysis workbook (the session's and the comparison's):
 * a bold header row that stays in view, typed cells, and every text — sheet
 * name and headings too — through `spreadsheetCell`, so that no cell can run as
 * a formula or break the workbook's XML.
 */
export type Cell = string | number | boolean | Date | null;

export interface Column {
	readonly header: string;
	readonly width: number;
	readonly kind?: 'text' | 'number' | 'share' | 'date' | 'moment';
}

const FORMATS = { date: 'yyyy-mm-dd', moment: 'yyyy-mm-dd hh:mm', share: '0.0%' } as const;

export function sheet(
	workbook: ExcelJS.Workbook,
	name: string,
	columns: readonly Column[],
	rows: readonly (readonly Cell[])[]
): void {
	const worksheet = workbook.addWorksheet(spreadsheetCell(name).slice(0, 31), {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	worksheet.columns = columns.map((c) => ({
		header: spreadsheetCell(c.header),
		width: c.width,
		style:
			c.kind === 'date' || c.kind === 'moment' || c.kind === 'share'
				? { numFmt: FORMATS[c.kind] }
				: {}
	}));
	worksheet.getRow(1).font = { bold: true };
	for (const row of rows)
		worksheet.addRow(
			row.map((value) => (typeof value === 'string' ? spreadsheetCell(value) : value))
		);
}

export const moment = (ms: number | null) => (ms === null ? null : new Date(ms));

/** A day (YYYY-MM-DD) as a date at midnight UTC; empty when there is none. */
export const day = (iso: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T00:00:00Z`) : null;
