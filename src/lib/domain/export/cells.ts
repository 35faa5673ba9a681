import { withoutControls } from './text';

/**
 * Spreadsheet formula injection (OWASP "CSV Injection"): a cell that starts
 * with one of these characters may be run as a formula by Excel or
 * LibreOffice. Such a cell is prefixed with a single quote, which both show as
 * text and which makes the value inert; the text after it is unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function neutraliseCell(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * A text cell of a file for other programs (CSV, XLSX): control characters a spreadsheet would
 * choke on (U+FFFE and U+FFFF make a workbook's XML unreadable; a NUL ends a cell in some) become
 * U+FFFD, and the cell cannot run as a formula.
 */
export function spreadsheetCell(value: string): string {
	return neutraliseCell(withoutControls(value));
}
