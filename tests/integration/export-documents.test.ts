import { Resvg } from '@resvg/resvg-js';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { PNG } from 'pngjs';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, describe, expect, it } from 'vitest';
import { documentWriters } from '../../server/exports/documents';
import { MAX_PIXELS, MAX_SIDE, pictureScale } from '../../server/exports/png';
import { neutraliseCell } from '../../src/lib/domain/export/cells';
import type { ExportFile, ExportWriter } from '../../src/lib/domain/export/model';
import { totalDots } from '../../src/lib/domain/export/protocol';
import { CARD_FILL, boardPicture, pictureSize } from '../../src/lib/domain/export/svg';
import { withoutWhitespace } from '../../src/lib/domain/export/text';
import {
	FORMULA_CORPUS,
	GERMAN_TEXT,
	HOSTILE_TEXTS,
	MARKUP_CORPUS,
	exportOptions,
	musterstadtExport
} from '../helpers/export-fixture';

/**
 * The document, picture and spreadsheet writers, read back with tools that
 * share no code with them: read-excel-file, mammoth, poppler's pdftotext,
 * pngjs and resvg's strict XML parser. The board is Musterstadt's with every
 * hostile text on a card and on a participant's name.
 */
const model = musterstadtExport({ hostile: true });
const options = exportOptions(model);
const work = mkdtempSync(path.join(tmpdir(), 'fokusrunde-export-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function write(
	format: keyof typeof documentWriters
): Promise<ExportFile & { bytes: Buffer }> {
	const writer: ExportWriter = documentWriters[format];
	const file = await writer(model, options);
	const bytes = Buffer.from(file.body);
	return { ...file, bytes };
}

/** Every card text as a reader finds it in a document: wrapped anywhere, so without whitespace. */
function expectEveryCardIn(text: string): void {
	const found = withoutWhitespace(text);
	for (const card of model.cards) expect(found, card.text).toContain(withoutWhitespace(card.text));
}

describe('XLSX: the workbook for analysis', async () => {
	const file = await write('xlsx');
	const sheets = await readXlsxFile(file.bytes);
	const byName = new Map(sheets.map((s) => [s.sheet, s.data]));
	const rowsOf = (name: string) => {
		const data = byName.get(name);
		expect(data, `sheet ${name}`).toBeDefined();
		const [header, ...rows] = data!;
		return { header: header!.map(String), rows };
	};

	it('has a sheet for cards, clusters, connectors, rounds, results, next steps and participants', () => {
		expect(file.contentType).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(sheets.map((s) => s.sheet)).toEqual([
			'Karten',
			'Cluster',
			'Verbindungen',
			'Punktabfragen',
			'Ergebnisse',
			'Ergebnisse nach Gruppen',
			'Nächste Schritte',
			'Teilnehmende',
			'Akteursgruppen'
		]);
	});

	it('has every card with its text, dots as numbers and its creation as a date', () => {
		const { header, rows } = rowsOf('Karten');
		const col = (name: string) => header.indexOf(name);
		expect(rows).toHaveLength(model.cards.length);
		// Empty is not 0: the next steps, outside the round's scope, were not counted.
		const scope = new Set(model.votingRounds[0]!.results!.cards.map((c) => c.cardId));
		expect(model.cards.filter((card) => !scope.has(card.id)).length).toBeGreaterThan(0);
		model.cards.forEach((card, i) => {
			const row = rows[i]!;
			expect(row[col('ID')]).toBe(card.id);
			expect(row[col('Text')]).toBe(neutraliseCell(card.text));
			expect(row[col('Punkte gesamt')] ?? null).toBe(scope.has(card.id) ? totalDots(card) : null);
			expect(row[col('Punkte: Runde 1')] ?? null).toBe(scope.has(card.id) ? card.dots['r1'] : null);
			const created = row[col('Erstellt')];
			expect(created).toBeInstanceOf(Date);
			expect(Math.abs(Number(created) - card.createdAt)).toBeLessThan(1000);
		});
	});

	it('has the results of each round with the dots of each stakeholder group as numbers', () => {
		const { header, rows } = rowsOf('Ergebnisse');
		const results = model.votingRounds[0]!.results!;
		expect(rows).toHaveLength(results.cards.length);
		const politik = header.indexOf('Politik');
		results.cards.forEach((result, i) => {
			const row = rows[i]!;
			expect(row[header.indexOf('Rang')]).toBe(result.rank);
			expect(row[header.indexOf('Punkte')]).toBe(result.dots);
			expect(row[header.indexOf('Karte')]).toBe(neutraliseCell(result.text));
			expect(row[politik]).toBe(result.byGroup['politics'] ?? 0);
		});
		const groups = rowsOf('Ergebnisse nach Gruppen').rows;
		expect(groups.map((r) => [r[2], r[3], r[4]])).toContainEqual(['Politik', 1, 5]);
	});

	it('has next steps with who, with whom and the due date as a date', () => {
		const { header, rows } = rowsOf('Nächste Schritte');
		expect(rows).toHaveLength(model.nextSteps.length);
		const pilot = rows.find((r) => r[header.indexOf('Was')] === model.nextSteps[3]!.what)!;
		expect(pilot[header.indexOf('Verantwortlich')]).toBe('Repair-Café Nord');
		expect(pilot[header.indexOf('Mit wem')]).toBe('Hausverwaltung');
		expect(pilot[header.indexOf('Bis wann')]).toEqual(new Date('2026-04-20T00:00:00Z'));
		// Written after the round and outside its scope: no dots, not 0.
		expect(pilot[header.indexOf('Punkte gesamt')] ?? null).toBeNull();
	});

	it('lists participants by stakeholder group, with names in a named export', () => {
		const { header, rows } = rowsOf('Teilnehmende');
		expect(rows).toHaveLength(model.participants.length);
		const groups = rows.map((r) => r[0]);
		const admin = groups.filter((g) => g === 'Kommunalverwaltung / Vergabestelle');
		expect(groups.slice(0, admin.length)).toEqual(admin);
		expect(rows.map((r) => r[header.indexOf('Name')])).toContain('Leihladen „Dingsda“');
	});

	it('names staff who gave no name by their role on the cards, and lists them without a name, by role', async () => {
		// As in a live session: the facilitator never named themselves and wrote a card, and the
		// projector's observer credential wrote nothing.
		const staffUnnamed = {
			...model,
			participants: model.participants.map((p) =>
				p.role === 'participant' ? p : { ...p, name: '' }
			),
			cards: model.cards.map((c, i) => (i === 0 ? { ...c, authorId: 'f1' } : c))
		};
		const workbook = await readXlsxFile(
			Buffer.from((await documentWriters.xlsx(staffUnnamed, options)).body)
		);
		const rows = (name: string) => {
			const [header, ...data] = workbook.find((s) => s.sheet === name)!.data;
			return data.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i]])));
		};
		const cards = rows('Karten');
		expect(cards[0]).toMatchObject({ 'Verfasst von (ID)': 'f1', 'Verfasst von': 'Moderation' });
		expect(cards.every((c) => c['Verfasst von'])).toBe(true);
		const people = rows('Teilnehmende');
		expect(people).toHaveLength(model.participants.length);
		expect(people.filter((p) => p['Rolle'] !== 'Teilnahme')).toEqual([
			expect.objectContaining({ ID: 'f1', Name: null, Rolle: 'Moderation' }),
			expect.objectContaining({ ID: 'o1', Name: null, Rolle: 'Beobachtung' })
		]);
	});

	it('names a cluster without a title "Neuer Cluster", wherever it names the cluster', async () => {
		// A new cluster stores no title until the facilitator names it; an empty cell would read as
		// "in no cluster" in the cards sheet.
		const [cluster] = model.clusters;
		const untitled = {
			...model,
			clusters: model.clusters.map((c) => (c === cluster ? { ...c, title: '' } : c)),
			connectors: [
				{
					id: 'v-untitled',
					from: cluster!.cardIds[0]!,
					fromKind: 'card' as const,
					to: cluster!.id,
					toKind: 'cluster' as const,
					label: ''
				}
			]
		};
		const workbook = await readXlsxFile(
			Buffer.from((await documentWriters.xlsx(untitled, options)).body)
		);
		const rows = (name: string) => {
			const [header, ...data] = workbook.find((s) => s.sheet === name)!.data;
			return data.map((row) => Object.fromEntries(header!.map((h, i) => [String(h), row[i]])));
		};
		const inCluster = rows('Karten').filter((c) => cluster!.cardIds.includes(String(c['ID'])));
		expect(inCluster.length).toBeGreaterThan(0);
		for (const card of inCluster) expect(card['Cluster']).toBe('Neuer Cluster');
		expect(rows('Cluster').find((c) => c['ID'] === cluster!.id)?.['Titel']).toBe('Neuer Cluster');
		expect(JSON.stringify(rows('Verbindungen'))).toContain('Neuer Cluster');
	});

	it('neutralises every formula in card texts and names, and no text cell starts a formula', () => {
		const texts = sheets.flatMap((s) =>
			s.data.flat().filter((v): v is string => typeof v === 'string')
		);
		for (const text of texts) expect(text, text).not.toMatch(/^[=+\-@\t\r\n]/);
		for (const formula of FORMULA_CORPUS) {
			expect(texts).toContain(`'${formula}`);
			expect(rowsOf('Teilnehmende').rows.flat()).toContain(`'${formula}`);
		}
		for (const text of [...MARKUP_CORPUS, GERMAN_TEXT]) expect(texts).toContain(text);
	});

	it('writes control characters and U+FFFE/U+FFFF as U+FFFD, keeping the workbook readable XML', async () => {
		// Any participant can type these into a card or their name; raw, U+FFFE made the shared
		// strings XML ill-formed (strict readers refused the file) and NUL, BEL, VT, FF vanished.
		const raw = 'A\u0000B\u0007C\u000BD\u000CE\uFFFEF\uFFFFG';
		const written = 'A\uFFFDB\uFFFDC\uFFFDD\uFFFDE\uFFFDF\uFFFDG';
		const hostile = {
			...model,
			participants: model.participants.map((p, i) => (i === 2 ? { ...p, name: raw } : p)),
			cards: model.cards.map((c, i) => (i === 0 ? { ...c, text: raw } : c))
		};
		const bytes = Buffer.from((await documentWriters.xlsx(hostile, options)).body);
		const file = path.join(work, 'controls.xlsx');
		writeFileSync(file, bytes);
		const xml = execFileSync('unzip', ['-p', file, 'xl/sharedStrings.xml']).toString('utf8');
		// eslint-disable-next-line no-control-regex -- finding control characters is the point
		expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/);
		const workbook = await readXlsxFile(bytes);
		const cells = (name: string) => workbook.find((s) => s.sheet === name)!.data.flat();
		expect(cells('Karten')).toContain(written);
		expect(cells('Teilnehmende')).toContain(written);
	});
});

describe('DOCX: the protocol for Word', async () => {
	const file = await write('docx');
	const { value: text } = await mammoth.extractRawText({ buffer: file.bytes });

	it('contains every card text, the German characters intact', () => {
		expect(file.contentType).toBe(
			'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
		);
		expectEveryCardIn(text);
		expect(text).toContain(GERMAN_TEXT);
		expect(text).toContain(model.session.title);
	});

	it('shows markup from cards and names as text', async () => {
		for (const markup of MARKUP_CORPUS) expect(text).toContain(markup);
		const { value: html } = await mammoth.convertToHtml({ buffer: file.bytes });
		expect(html).not.toMatch(/<(script|img)/);
		expect(html).not.toContain('href=');
		expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
	});

	it('has the next steps as a table', async () => {
		const { value: html } = await mammoth.convertToHtml({ buffer: file.bytes });
		const header = ['Was', 'Wer', 'Mit wem', 'Bis wann']
			.map((label) => `<th><p><strong>${label}</strong></p></th>`)
			.join('');
		expect(html).toContain(`<thead><tr>${header}</tr></thead>`);
		expect(html).toContain('<td><p>Hausverwaltung</p></td><td><p>20.04.2026</p></td>');
		// What a step answers, in a paragraph of its own under the step in the same cell.
		expect(html).toMatch(/<td><p>[^<]+<\/p><p>Antwort auf: „[^<]+“<\/p><\/td>/);
	});

	it('names Fokusrunde as its author and last editor in Word’s document properties', () => {
		const docx = path.join(work, 'protocol.docx');
		writeFileSync(docx, file.bytes);
		const core = execFileSync('unzip', ['-p', docx, 'docProps/core.xml'], { encoding: 'utf8' });
		expect(core).toContain('<dc:creator>Fokusrunde</dc:creator>');
		expect(core).toContain('<cp:lastModifiedBy>Fokusrunde</cp:lastModifiedBy>');
		expect(core).not.toContain('Un-named');
	});
});

describe('PDF: the protocol with the board picture', async () => {
	const file = await write('pdf');
	const pdfFile = path.join(work, 'protocol.pdf');
	writeFileSync(pdfFile, file.bytes);

	it('is read by pdftotext, which the test needs (apt-get install poppler-utils)', () => {
		expect(
			existsSync('/usr/bin/pdftotext'),
			'pdftotext is missing: install poppler-utils (apt-get install -y poppler-utils)'
		).toBe(true);
	});

	it('contains every card text and the German characters, with the font embedded', () => {
		expect(file.contentType).toBe('application/pdf');
		const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
		expectEveryCardIn(text);
		expect(text).toContain('Ä Ö Ü ä ö ü ß „Zitat“ – Gedankenstrich');
		for (const markup of MARKUP_CORPUS)
			expect(withoutWhitespace(text)).toContain(withoutWhitespace(markup));
		const fonts = execFileSync('pdffonts', [pdfFile], { encoding: 'utf8' });
		expect(fonts).toMatch(/DejaVuSans\s.*yes/);
		expect(fonts).not.toMatch(/Helvetica/);
	});

	it('is tagged: a screen reader finds its headings, lists, tables with header cells and the picture with a text', () => {
		expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Tagged:\s+yes/);
		const structure = execFileSync('pdfinfo', ['-struct-text', pdfFile], { encoding: 'utf8' });
		const lines = structure.split('\n');
		// The title first, as the document's one H1.
		expect(lines[0]).toBe('Document');
		expect(lines[1]).toMatch(/^\s+H1\b/);
		expect(lines[2]!.trim()).toBe(JSON.stringify(model.session.title));
		const count = (tag: string) => lines.filter((l) => new RegExp(`^\\s+${tag}\\b`).test(l)).length;
		expect(count('H2')).toBeGreaterThan(3);
		expect(count('Table')).toBeGreaterThan(0);
		expect(count('TH')).toBeGreaterThan(0);
		expect(count('LI')).toBeGreaterThan(0);
		expect(count('Figure')).toBe(1);
		// Every card's text is in the structure, not only on the page.
		const plain = model.cards.filter((c) => /^[\p{L}][\p{L}\p{N} .,;:–„“()*%-]*$/u.test(c.text));
		expect(plain.length).toBeGreaterThan(5);
		for (const card of plain)
			expect(withoutWhitespace(structure), card.text).toContain(withoutWhitespace(card.text));
		// What a next step answers is a paragraph of its own in the step's cell, read after its text.
		const answers = lines.findIndex((l) => l.trim().startsWith('"Antwort auf: „'));
		expect(answers).toBeGreaterThan(0);
		expect(lines[answers - 1]).toMatch(/^\s+P\b/);
		expect(lines.slice(0, answers).findLast((l) => /^\s+(TD|TR)\b/.test(l))).toMatch(/^\s+TD\b/);
		// The page numbers are no content: "Seite 1 von …" is on the page, not in the structure.
		expect(structure).not.toContain('Seite 1 von');
	});

	it('ends with the board picture on a page of its own', () => {
		const pages = Number(
			/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' }))![1]
		);
		const last = execFileSync(
			'pdftotext',
			['-f', String(pages), '-l', String(pages), pdfFile, '-'],
			{
				encoding: 'utf8'
			}
		);
		expect(last).toContain('Das Board');
		expect(last).toContain(`Seite ${pages} von ${pages}`);
		const images = execFileSync('pdfimages', ['-list', pdfFile], { encoding: 'utf8' });
		expect(images.trim().split('\n').length).toBe(3);
		expect(images).toMatch(new RegExp(`^\\s*${pages}\\s+\\d+\\s+image`, 'm'));
	});
});

describe('PNG and SVG: the board as participants saw it', async () => {
	const png = await write('png');
	const svg = await write('svg');

	it('renders at twice the board size, with cards in their colours', () => {
		expect(png.contentType).toBe('image/png');
		const image = PNG.sync.read(png.bytes);
		const picture = boardPicture(model);
		expect(pictureScale(picture.width, picture.height)).toBe(2);
		expect(image.width).toBe(picture.width * 2);
		expect(image.height).toBe(picture.height * 2);
		const colours = new Map<number, number>();
		for (let i = 0; i < image.data.length; i += 4) {
			const rgb = (image.data[i]! << 16) | (image.data[i + 1]! << 8) | image.data[i + 2]!;
			colours.set(rgb, (colours.get(rgb) ?? 0) + 1);
		}
		expect(colours.size).toBeGreaterThan(200);
		const most = Math.max(...colours.values());
		expect(most / (image.width * image.height)).toBeLessThan(0.6);
		for (const color of new Set(model.cards.map((c) => c.color)))
			expect(
				colours.get(Number.parseInt(CARD_FILL[color].slice(1), 16)) ?? 0,
				color
			).toBeGreaterThan(10_000);
	});

	it('keeps the picture of a 1,000-card board within the pixel limits, cards still in colour', async () => {
		const big = musterstadtExport({ cards: 1000, rounds: 3 });
		const file = await documentWriters.png(big, exportOptions(big));
		const image = PNG.sync.read(Buffer.from(file.body));
		const size = pictureSize(big);
		const scale = pictureScale(size.width, size.height);
		expect(scale).toBeLessThan(1);
		expect(image.width * image.height).toBeLessThanOrEqual(MAX_PIXELS);
		expect(Math.max(image.width, image.height)).toBeLessThanOrEqual(MAX_SIDE);
		expect(image.width / image.height).toBeCloseTo(size.width / size.height, 2);
		let pink = 0;
		for (let i = 0; i < image.data.length; i += 4)
			if (image.data[i] === 0xff && image.data[i + 1] === 0xcf && image.data[i + 2] === 0xdf)
				pink++;
		expect(pink).toBeGreaterThan(10_000);
	});

	it('is SVG that a strict XML parser reads, with every hostile text as text', () => {
		expect(svg.contentType).toBe('image/svg+xml');
		const source = svg.bytes.toString('utf8');
		const parsed = new Resvg(source, { font: { loadSystemFonts: false } });
		expect(parsed.width).toBe(boardPicture(model).width);
		for (const text of HOSTILE_TEXTS.filter((t) => /[<>&]/.test(t)))
			expect(source).not.toContain(text);
		expect(source).toContain('&lt;img src=x onerror=alert(1)&gt;');
		expect(source).toContain('Ende ]]&gt; danach');
	});
});

describe('Markdown: the protocol as text', async () => {
	const file = await write('md');

	it('is UTF-8 Markdown with every card', () => {
		expect(file.contentType).toBe('text/markdown; charset=utf-8');
		const text = file.bytes.toString('utf8');
		for (const card of model.cards.filter((c) => !/[\\`*_[\]|~#!<>&+\-=.]/.test(c.text)))
			expect(text).toContain(card.text.trim());
		expect(text).toContain(GERMAN_TEXT);
	});

	it('keeps hostile texts inert with backslashes, readable in the file as typed', () => {
		const text = file.bytes.toString('utf8');
		expect(text).toContain('Tom & Jerry');
		expect(text).toContain('\\<script>alert(1)\\</script>');
		expect(text).toContain('\\<img src=x onerror=alert(1)>');
		expect(text).not.toMatch(/&(amp|lt|gt);/);
	});
});
