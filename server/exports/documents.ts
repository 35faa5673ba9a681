import { markdownWriter } from '../../src/lib/domain/export/markdown';
import type { ExportFormat, ExportWriter } from '../../src/lib/domain/export/model';
import { svgWriter } from '../../src/lib/domain/export/svg';
import { loadHeavyWriter } from './heavy';

/**
 * A writer whose module is loaded when it is first used: the DOCX, PDF, PNG
 * and XLSX libraries hold about 17 MB of heap (40 MB of RSS) once loaded, which
 * a server that has not exported yet need not carry. A failed load is tried
 * again on the next export.
 */
function onFirstUse(load: () => Promise<ExportWriter>): ExportWriter {
	let writer: Promise<ExportWriter> | null = null;
	return async (model, options) => {
		writer ??= load().catch((error: unknown) => {
			writer = null;
			throw error;
		});
		return (await writer)(model, options);
	};
}

/**
 * The writers for documents (the protocol as Markdown, DOCX, PDF), pictures of
 * the board (SVG, PNG) and the analysis workbook (XLSX), in this thread. JSON
 * and CSV have their own writers; the export route picks a writer by format.
 * The production server renders the heavy ones in a worker thread instead
 * (server/exports/export-worker.ts).
 */
export const documentWriters = {
	md: markdownWriter,
	docx: onFirstUse(() => loadHeavyWriter('docx')),
	pdf: onFirstUse(() => loadHeavyWriter('pdf')),
	svg: svgWriter,
	png: onFirstUse(() => loadHeavyWriter('png')),
	xlsx: onFirstUse(() => loadHeavyWriter('xlsx'))
} satisfies Partial<Record<ExportFormat, ExportWriter>>;
