import {
	AlignmentType,
	CharacterSet,
	Document,
	Footer,
	HeadingLevel,
	Packer,
	PageNumber,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableRow,
	TextRun,
	WidthType
} from 'docx';
import type {
	ExportFile,
	ExportModel,
	ExportOptions,
	ExportWriter
} from '../../src/lib/domain/export/model';
import {
	buildProtocol,
	cellNote,
	cellText,
	type ProtocolBlock,
	type ProtocolCell,
	type RankedCard
} from '../../src/lib/domain/export/protocol';
import { translate } from '../../src/lib/i18n/catalog';
import { fontData } from './fonts';

/**
 * The protocol as a Word document. Text goes into runs as plain text (the
 * docx package escapes it for XML), so a card text never becomes markup.
 * DejaVu Sans is embedded (regular; Word derives bold from it), so the
 * document looks the same where the font is not installed.
 */
const FONT = 'DejaVu Sans';
const HEADING = {
	1: HeadingLevel.TITLE,
	2: HeadingLevel.HEADING_1,
	3: HeadingLevel.HEADING_2
} as const;
/** Half-points. */
const BODY = 20;
const SMALL = 18;
const MUTED = '4A5360';

/** Runs for a text with line breaks: Word needs a break element between lines. */
function lines(
	text: string,
	options: { bold?: boolean; size?: number; color?: string } = {}
): TextRun[] {
	return text
		.split('\n')
		.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0, font: FONT, ...options }));
}

function cell(
	content: ProtocolCell,
	width: number,
	header: boolean,
	align: 'left' | 'right'
): TableCell {
	const alignment = align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
	const note = cellNote(content);
	return new TableCell({
		width: { size: width, type: WidthType.PERCENTAGE },
		shading: header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'E8EEF7' } : undefined,
		margins: { top: 40, bottom: 40, left: 80, right: 80 },
		children: [
			new Paragraph({
				alignment,
				children: lines(cellText(content), { bold: header, size: SMALL })
			}),
			// A paragraph of its own, as the PDF sets it: a line under the text, in grey.
			...(note
				? [
						new Paragraph({
							alignment,
							spacing: { before: 40 },
							children: lines(note, { size: SMALL, color: MUTED })
						})
					]
				: [])
		]
	});
}

function table(block: Extract<ProtocolBlock, { kind: 'table' }>): Table {
	const total = block.columns.reduce((sum, c) => sum + c.weight, 0);
	const widths = block.columns.map((c) => Math.round((c.weight / total) * 100));
	return new Table({
		width: { size: 100, type: WidthType.PERCENTAGE },
		rows: [
			new TableRow({
				tableHeader: true,
				cantSplit: true,
				children: block.columns.map((c, i) => cell(c.label, widths[i]!, true, c.align))
			}),
			...block.rows.map(
				(row) =>
					new TableRow({
						cantSplit: true,
						children: row.map((content, i) =>
							cell(content, widths[i]!, false, block.columns[i]!.align)
						)
					})
			)
		]
	});
}

function rankedItem(item: RankedCard): Paragraph {
	return new Paragraph({
		bullet: { level: 0 },
		children: [
			...lines(item.text),
			...(item.dotsLabel
				? [new TextRun({ text: ` — ${item.dotsLabel}`, bold: true, font: FONT })]
				: [])
		]
	});
}

function render(block: ProtocolBlock): (Paragraph | Table)[] {
	switch (block.kind) {
		case 'heading':
			return [new Paragraph({ heading: HEADING[block.level], children: lines(block.text) })];
		case 'facts':
			return block.facts.map(
				(fact) =>
					new Paragraph({
						children: [
							new TextRun({ text: `${fact.label}: `, bold: true, font: FONT }),
							...lines(fact.value)
						]
					})
			);
		case 'paragraph':
			return [new Paragraph({ children: lines(block.text) })];
		case 'ranked':
			return block.items.map(rankedItem);
		case 'table':
			// An empty paragraph after a table keeps two tables in a row apart in Word.
			return [table(block), new Paragraph({ children: [] })];
	}
}

/** "Seite {n} von {total}" with Word's page fields in place of the placeholders. */
function pageFooter(model: ExportModel): Footer {
	const template = translate(model.locale, 'protocol.page', { n: '\uE000n', total: '\uE000t' });
	const children = template
		.split(/(\uE000[nt])/)
		.filter((part) => part !== '')
		.map((part) =>
			part === '\uE000n' ? PageNumber.CURRENT : part === '\uE000t' ? PageNumber.TOTAL_PAGES : part
		);
	return new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [new TextRun({ children, size: 16, font: FONT })]
			})
		]
	});
}

export async function protocolDocx(model: ExportModel, timeZone: string): Promise<Buffer> {
	const protocol = buildProtocol(model, timeZone);
	const document = new Document({
		creator: 'Fokusrunde',
		// Otherwise the docx library signs the file as modified by "Un-named".
		lastModifiedBy: 'Fokusrunde',
		title: protocol.title,
		description: protocol.title,
		styles: {
			default: {
				document: { run: { font: FONT, size: BODY } },
				title: { run: { font: FONT, size: 40, bold: true } },
				heading1: { run: { font: FONT, size: 30, bold: true, color: '1D4F91' } },
				heading2: { run: { font: FONT, size: 24, bold: true } }
			}
		},
		fonts: [{ name: FONT, data: fontData().regular, characterSet: CharacterSet.ANSI }],
		sections: [
			{
				footers: { default: pageFooter(model) },
				children: protocol.blocks.flatMap(render)
			}
		]
	});
	return Packer.toBuffer(document);
}

export const docxWriter = (async (
	model: ExportModel,
	options: ExportOptions
): Promise<ExportFile> => ({
	body: await protocolDocx(model, options.timeZone),
	contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	extension: 'docx'
})) satisfies ExportWriter;
