import { markdownWriter } from '../../src/lib/domain/export/markdown';
import type { ExportFormat, ExportWriter } from '../../src/lib/domain/export/model';
import { svgWriter } from '../../src/lib/domain/export/svg';
import { docxWriter } from './docx';
import { pdfWriter } from './pdf';
import { pngWriter } from './png';
import { xlsxWriter } from './xlsx';

/**
 * The writers for documents (the protocol as Markdown, DOCX, PDF), pictures of
 * the board (SVG, PNG) and the analysis workbook (XLSX). JSON and CSV have
 * their own writers; the export route picks a writer by format.
 */
export const documentWriters = {
	md: markdownWriter,
	docx: docxWriter,
	pdf: pdfWriter,
	svg: svgWriter,
	png: pngWriter,
	xlsx: xlsxWriter
} satisfies Partial<Record<ExportFormat, ExportWriter>>;
