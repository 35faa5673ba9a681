import PDFDocument from 'pdfkit';
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
	pageLabel,
	type ProtocolBlock,
	type ProtocolCell
} from '../../src/lib/domain/export/protocol';
import { facilitatorName } from '../../src/lib/domain/export/people';
import { pictureSize } from '../../src/lib/domain/export/svg';
import { translate } from '../../src/lib/i18n/catalog';
import { textUnits } from '../../src/lib/domain/export/emoji';
import { emojiFont } from './emoji-font';
import { fontRuns, type FontCoverage } from './font-runs';
import { fontCharacters, fontData } from './fonts';
import { MAX_PIXELS, opaquePng, rasterPicture, renderPicture } from './png';

/**
 * The protocol as PDF (A4, DejaVu Sans embedded, and Noto Emoji for emoji),
 * followed by the board picture on a page of its own. Tables repeat their header on every page they
 * run onto, and no table row or list item is split across pages.
 */
const MARGIN = 56;
const INK = '#1b1f24';
const MUTED = '#4a5360';
const ACCENT = '#1d4f91';
const RULE = '#c9d1db';
const HEADER_FILL = '#e8eef7';
const BODY = 10;
const SMALL = 9;
const CELL_PAD = 4;
/** Between a cell's text and the note under it. */
const NOTE_GAP = 2;
const HEADINGS = {
	1: { size: 20, color: INK, before: 0, after: 10 },
	2: { size: 14, color: ACCENT, before: 16, after: 6 },
	3: { size: 11.5, color: INK, before: 10, after: 4 }
} as const;
/** Pixels per point of the board picture: about 150 dpi. */
const PICTURE_DENSITY = 150 / 72;

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;
/** A header cell of its column (pdfkit writes `scope` as the cell's table attribute; its types lack it). */
const COLUMN_HEADER = { scope: 'Column' } as PDFKit.Mixins.StructureElementOptions;

/** Drawn for the eye only (rules, fills, a repeated table header, page numbers): no screen reader reads it. */
function artifact(doc: Doc, draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
	doc.markContent('Artifact', { type });
	draw();
	doc.endMarkedContent();
}

type TextFont = 'regular' | 'bold';
/** PDFKit's name of the emoji font (emoji-font.ts). */
const EMOJI = 'emoji';
/** What an emoji is measured as: one em wide in DejaVu Sans, regular and bold, as the emoji font is set. */
const EM_DASH = '\u2014';

/**
 * Writes people's text the way PDFKit draws it, one font per call: each run of
 * emoji in the emoji font, the rest in the text font (font-runs.ts), as one text
 * continued from run to run, so that it wraps as one. A text without emoji is one
 * call, as it always was. Leaves the text font set.
 */
class Writer {
	constructor(
		private readonly doc: Doc,
		private readonly coverage: Record<TextFont, FontCoverage>
	) {}

	/** Like `doc.font(font).text(text, x, y, options)`, or without `at`, `doc.font(font).text(text, options)`. */
	text(
		font: TextFont,
		text: string,
		at: { x: number; y: number } | null,
		options: PDFKit.Mixins.TextOptions = {}
	): void {
		const doc = this.doc;
		const runs = fontRuns(text, this.coverage[font]);
		if (!runs.some((run) => run.emoji)) {
			doc.font(font);
			if (at) doc.text(text, at.x, at.y, options);
			else doc.text(text, options);
			return;
		}
		runs.forEach((run, i) => {
			const last = i === runs.length - 1;
			// Later runs take the first's options from PDFKit (all but `continued`).
			const own = { ...(i === 0 ? options : {}), continued: last ? options.continued : true };
			doc.font(run.emoji ? EMOJI : font);
			if (i === 0 && at) doc.text(run.text, at.x, at.y, own);
			else doc.text(run.text, own);
		});
		doc.font(font);
	}

	/** The text as DejaVu Sans measures it the way it is drawn: each emoji as a character one em wide. */
	measurable(font: TextFont, text: string): string {
		const runs = fontRuns(text, this.coverage[font]);
		if (!runs.some((run) => run.emoji)) return text;
		return runs
			.map((run) => (run.emoji ? EM_DASH.repeat(textUnits(run.text).length) : run.text))
			.join('');
	}
}

/**
 * The protocol's pages, tagged (PDF/UA's way): headings, paragraphs, lists and tables are
 * structure elements in reading order under one Document element, so that a screen reader
 * reads the PDF as it does the DOCX.
 */
class ProtocolPages {
	constructor(
		private readonly doc: Doc,
		private readonly root: Struct,
		private readonly writer: Writer
	) {}

	/** Adds a structure element whose content `draw` puts on the page now. */
	private tagged(type: string, draw: () => void, parent: Struct = this.root): void {
		parent.add(this.doc.struct(type, {}, draw));
	}

	private get left(): number {
		return this.doc.page.margins.left;
	}
	private get width(): number {
		return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
	}
	private get bottom(): number {
		return this.doc.page.height - this.doc.page.margins.bottom;
	}

	/** Starts a new page unless `height` more points fit on this one. */
	private ensure(height: number): boolean {
		if (this.doc.y + height <= this.bottom) return false;
		this.doc.addPage();
		return true;
	}

	block(block: ProtocolBlock): void {
		const doc = this.doc;
		switch (block.kind) {
			case 'heading': {
				const style = HEADINGS[block.level];
				doc.font('bold').fontSize(style.size);
				const height = doc.heightOfString(this.writer.measurable('bold', block.text), {
					width: this.width
				});
				// Keep a heading with at least a few lines of what follows it.
				if (!this.ensure(style.before + height + 4 * BODY * 1.4)) doc.y += style.before;
				this.tagged(`H${block.level}`, () => {
					doc.fillColor(style.color);
					this.writer.text('bold', block.text, { x: this.left, y: doc.y }, { width: this.width });
				});
				doc.y += style.after;
				return;
			}
			case 'facts':
				for (const fact of block.facts)
					this.tagged('P', () => {
						doc.fontSize(BODY).fillColor(INK);
						doc.font('bold').text(`${fact.label}: `, this.left, doc.y, {
							width: this.width,
							continued: true
						});
						this.writer.text('regular', fact.value, null);
					});
				doc.y += 4;
				return;
			case 'paragraph':
				doc.font('regular').fontSize(BODY).fillColor(INK);
				this.ensure(
					doc.heightOfString(this.writer.measurable('regular', block.text), { width: this.width })
				);
				this.tagged('P', () =>
					this.writer.text('regular', block.text, { x: this.left, y: doc.y }, { width: this.width })
				);
				doc.y += 4;
				return;
			case 'ranked':
				return this.ranked(block);
			case 'table':
				return this.table(block);
		}
	}

	private ranked(block: Extract<ProtocolBlock, { kind: 'ranked' }>): void {
		const doc = this.doc;
		const dotsWidth = block.items.some((i) => i.dots !== null) ? 70 : 0;
		const textWidth = this.width - 14 - dotsWidth;
		doc.font('regular').fontSize(BODY).fillColor(INK);
		const list = doc.struct('L');
		this.root.add(list);
		for (const item of block.items) {
			// The dots label before left the font bold: measure in the font the text is set in.
			doc.font('regular').fillColor(INK);
			const height = doc.heightOfString(this.writer.measurable('regular', item.text), {
				width: textWidth
			});
			this.ensure(height + 2);
			const y = doc.y;
			let after = y;
			const entry = doc.struct('LI');
			list.add(entry);
			this.tagged(
				'Lbl',
				() => doc.font('regular').text('•', this.left + 2, y, { lineBreak: false }),
				entry
			);
			this.tagged(
				'LBody',
				() => {
					this.writer.text('regular', item.text, { x: this.left + 14, y }, { width: textWidth });
					after = doc.y;
					if (item.dotsLabel)
						doc
							.font('bold')
							.fillColor(item.dots ? INK : MUTED)
							.text(` ${item.dotsLabel}`, this.left + this.width - dotsWidth, y, {
								width: dotsWidth,
								align: 'right',
								lineBreak: false
							})
							.fillColor(INK);
				},
				entry
			);
			entry.end();
			doc.y = Math.max(after, y + height) + 3;
		}
		list.end();
		doc.y += 2;
	}

	/**
	 * Column widths by the columns' weights, widened so that no word has to be
	 * broken where that is possible: narrow number columns under long labels
	 * ("Personen") and area names ("Herausforderungen") stay whole.
	 */
	private columnWidths(block: Extract<ProtocolBlock, { kind: 'table' }>): number[] {
		const doc = this.doc;
		const total = block.columns.reduce((sum, c) => sum + c.weight, 0);
		const widths = block.columns.map((c) => (c.weight / total) * this.width);
		const longestWord = (cells: readonly string[], font: 'regular' | 'bold') => {
			doc.font(font).fontSize(SMALL);
			let widest = 0;
			for (const cell of cells)
				for (const word of this.writer.measurable(font, cell).split(/\s+/))
					widest = Math.max(widest, doc.widthOfString(word));
			return widest;
		};
		const minimum = block.columns.map(
			(c, i) =>
				Math.min(
					this.width * 0.25,
					Math.max(
						longestWord([c.label], 'bold'),
						longestWord(
							block.rows.flatMap((r) =>
								r[i] === undefined ? [] : [cellText(r[i]), cellNote(r[i])]
							),
							'regular'
						)
					)
				) *
					1.03 +
				2 * CELL_PAD +
				2
		);
		let deficit = 0;
		widths.forEach((w, i) => {
			if (w < minimum[i]!) {
				deficit += minimum[i]! - w;
				widths[i] = minimum[i]!;
			}
		});
		const spare = widths.reduce((sum, w, i) => sum + Math.max(0, w - minimum[i]!), 0);
		if (deficit === 0 || spare === 0) return widths;
		const share = Math.min(1, deficit / spare);
		const fitted = widths.map((w, i) => w - Math.max(0, w - minimum[i]!) * share);
		// When even the minimums do not fit, every column gives up the same share.
		const sum = fitted.reduce((a, b) => a + b, 0);
		return sum > this.width ? fitted.map((w) => (w * this.width) / sum) : fitted;
	}

	private table(block: Extract<ProtocolBlock, { kind: 'table' }>): void {
		const doc = this.doc;
		const widths = this.columnWidths(block);
		const lefts = widths.map((_, i) => this.left + widths.slice(0, i).reduce((s, w) => s + w, 0));
		const textHeight = (text: string, font: 'regular' | 'bold', i: number) => {
			doc.font(font).fontSize(SMALL);
			return doc.heightOfString(this.writer.measurable(font, text) || ' ', {
				width: widths[i]! - 2 * CELL_PAD
			});
		};
		const cellHeight = (cell: ProtocolCell, font: 'regular' | 'bold', i: number) => {
			const note = cellNote(cell);
			const text = textHeight(cellText(cell), font, i);
			return note ? text + NOTE_GAP + textHeight(note, 'regular', i) : text;
		};
		const rowHeight = (cells: readonly ProtocolCell[], font: 'regular' | 'bold') =>
			Math.max(...cells.map((cell, i) => cellHeight(cell, font, i))) + 2 * CELL_PAD;
		const table = doc.struct('Table');
		this.root.add(table);
		/** A row of the table; `repeated` is the header again on a new page, for the eye only. */
		const drawRow = (
			cells: readonly ProtocolCell[],
			font: 'regular' | 'bold',
			height: number,
			repeated = false
		) => {
			const y = doc.y;
			if (font === 'bold')
				artifact(doc, () => doc.rect(this.left, y, this.width, height).fill(HEADER_FILL));
			doc.font(font).fontSize(SMALL).fillColor(INK);
			const row = repeated ? null : doc.struct('TR');
			if (row) table.add(row);
			cells.forEach((cell, i) => {
				const options = { width: widths[i]! - 2 * CELL_PAD, align: block.columns[i]!.align };
				const x = lefts[i]! + CELL_PAD;
				const text = cellText(cell);
				const note = cellNote(cell);
				const drawText = () => this.writer.text(font, text, { x, y: y + CELL_PAD }, options);
				const drawNote = () => {
					const below = y + CELL_PAD + textHeight(text, font, i) + NOTE_GAP;
					doc.fillColor(MUTED);
					this.writer.text('regular', note, { x, y: below }, options);
					doc.fillColor(INK).font(font);
				};
				if (!row)
					return artifact(
						doc,
						() => {
							drawText();
							if (note) drawNote();
						},
						'Pagination'
					);
				if (font === 'bold') return row.add(doc.struct('TH', COLUMN_HEADER, drawText));
				// Paragraphs of their own in the cell: read as one, the note ran on into the text's last word.
				row.add(
					doc.struct(
						'TD',
						{},
						note ? [doc.struct('P', {}, drawText), doc.struct('P', {}, drawNote)] : drawText
					)
				);
			});
			row?.end();
			artifact(doc, () =>
				doc
					.moveTo(this.left, y + height)
					.lineTo(this.left + this.width, y + height)
					.lineWidth(0.5)
					.strokeColor(RULE)
					.stroke()
			);
			doc.y = y + height;
		};
		const labels = block.columns.map((c) => c.label);
		const headerHeight = rowHeight(labels, 'bold');
		const heights = block.rows.map((row) => rowHeight(row, 'regular'));
		this.ensure(headerHeight + (heights[0] ?? 0));
		drawRow(labels, 'bold', headerHeight);
		block.rows.forEach((row, r) => {
			if (this.ensure(heights[r]!)) drawRow(labels, 'bold', headerHeight, true);
			drawRow(row, 'regular', heights[r]!);
		});
		table.end();
		doc.y += 8;
	}
}

async function pictureOn(doc: Doc, model: ExportModel, root: Struct): Promise<void> {
	const size = pictureSize(model);
	doc.addPage({ layout: size.width >= size.height ? 'landscape' : 'portrait' });
	const left = doc.page.margins.left;
	const width = doc.page.width - left - doc.page.margins.right;
	root.add(
		doc.struct('H2', {}, () =>
			doc
				.font('bold')
				.fontSize(HEADINGS[2].size)
				.fillColor(ACCENT)
				.text(translate(model.locale, 'protocol.picture'), left, doc.y, { width })
		)
	);
	doc.y += 8;
	const top = doc.y;
	const height = doc.page.height - doc.page.margins.bottom - top;
	const fit = Math.min(width / size.width, height / size.height);
	const { picture, scale } = rasterPicture(model, {
		preferred: fit * PICTURE_DENSITY,
		maxPixels: MAX_PIXELS / 4
	});
	const rendered = await renderPicture(picture, scale);
	const image = opaquePng(rendered.pixels, rendered.width, rendered.height);
	root.add(
		doc.struct('Figure', { alt: translate(model.locale, 'protocol.pictureAlt') }, () =>
			doc.image(image, left, top, { fit: [width, height], align: 'center', valign: 'center' })
		)
	);
}

function numberPages(doc: Doc, model: ExportModel): void {
	const range = doc.bufferedPageRange();
	for (let i = 0; i < range.count; i++) {
		doc.switchToPage(range.start + i);
		const bottom = doc.page.margins.bottom;
		// Writing below the bottom margin would otherwise start a new page.
		doc.page.margins.bottom = 0;
		artifact(
			doc,
			() =>
				doc
					.font('regular')
					.fontSize(8)
					.fillColor(MUTED)
					.text(
						pageLabel(model.locale, i + 1, range.count),
						doc.page.margins.left,
						doc.page.height - bottom + 20,
						{
							width: doc.page.width - doc.page.margins.left - doc.page.margins.right,
							align: 'center',
							lineBreak: false
						}
					),
			'Pagination'
		);
		doc.page.margins.bottom = bottom;
	}
}

export async function protocolPdf(model: ExportModel, timeZone: string): Promise<Buffer> {
	const protocol = buildProtocol(model, timeZone);
	const facilitator = facilitatorName(model);
	const fonts = fontData();
	const doc = new PDFDocument({
		size: 'A4',
		margin: MARGIN,
		bufferPages: true,
		// Tagged, so that screen readers read it in order, with its headings, lists and tables.
		pdfVersion: '1.7',
		tagged: true,
		lang: model.locale,
		displayTitle: true,
		info: {
			Title: protocol.title,
			// A facilitator without a name has no author to name (the model carries their role).
			...(facilitator !== null ? { Author: facilitator } : {}),
			Creator: 'Fokusrunde',
			CreationDate: new Date(model.exportedAt)
		}
	});
	const chunks: Buffer[] = [];
	doc.on('data', (chunk: Buffer) => chunks.push(chunk));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	doc.registerFont('regular', fonts.regular);
	doc.registerFont('bold', fonts.bold);
	const emoji = emojiFont();
	doc.registerFont(EMOJI, emoji.data);
	doc.font('regular');
	const root = doc.struct('Document');
	doc.addStructure(root);
	const characters = fontCharacters();
	const writer = new Writer(doc, {
		regular: { text: characters.regular, emoji: emoji.characters },
		bold: { text: characters.bold, emoji: emoji.characters }
	});
	const pages = new ProtocolPages(doc, root, writer);
	for (const block of protocol.blocks) pages.block(block);
	await pictureOn(doc, model, root);
	root.end();
	numberPages(doc, model);
	doc.end();
	return done;
}

export const pdfWriter = (async (
	model: ExportModel,
	options: ExportOptions
): Promise<ExportFile> => ({
	body: await protocolPdf(model, options.timeZone),
	contentType: 'application/pdf',
	extension: 'pdf'
})) satisfies ExportWriter;
