/**
 * What a comparison of sessions takes (docs/api.md): how many files, how large, in which formats it
 * is written. Shared by the server and the page, which refuses what is too large before sending it.
 */
export const COMPARISON_FORMATS = ['csv', 'xlsx'] as const;
export type ComparisonFormat = (typeof COMPARISON_FORMATS)[number];

export function isComparisonFormat(value: unknown): value is ComparisonFormat {
	return typeof value === 'string' && (COMPARISON_FORMATS as readonly string[]).includes(value);
}

export const COMPARISON_MIN_SESSIONS = 2;
export const COMPARISON_MAX_SESSIONS = 20;

/** One export file, as the import takes it. */
export const EXPORT_FILE_MAX_BYTES = 8 * 1024 * 1024;

/** All files together: ten real focus groups are a few MiB; twenty files of the largest sort are not. */
export const COMPARISON_MAX_BYTES = 32 * 1024 * 1024;

/**
 * The cards table's cells (cards of all files × columns): every group of every file is a column, so
 * twenty files of 5,000 cards and 30 groups each (18 MiB) made 61 million cells — 21 s for the CSV,
 * and the workbook ran the export worker out of memory, which ended the server. 20 focus groups of
 * 1,000 cards and the ten default groups are half a million (docs/performance.md).
 */
export const COMPARISON_MAX_CELLS = 600_000;
