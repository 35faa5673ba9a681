import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { musterstadtExport } from '../../../../tests/helpers/export-fixture';
import { parseComparedDocuments } from '../../protocol/comparison';
import {
	buildComparison,
	CARD_COLUMNS,
	comparisonProblemText,
	defaultGroupKey,
	groupKey,
	type ComparisonModel
} from './comparison';
import { writeComparisonCsv } from './comparison-csv';
import { comparisonTables } from './comparison-tables';
import { comparisonFileName } from './file-name';
import type { ExportModel } from './model';

/** Another focus group: the Musterstadt board under another session id, so that it is not the same one. */
function another(
	model: ExportModel,
	id: string,
	title = `${model.session.title} ${id}`
): ExportModel {
	return { ...model, session: { ...model.session, id, title } };
}

function compare(documents: ExportModel[], locale: 'de' | 'en' = 'de'): ComparisonModel {
	const result = buildComparison(documents, { locale, now: Date.UTC(2026, 4, 4, 12) });
	if (!result.ok) throw new Error(comparisonProblemText('en', result.problem));
	return result.value;
}

/** The file with default group `id` given a label of the facilitator's (the groups editor keeps its id). */
function relabel(model: ExportModel, id: string, label: string): ExportModel {
	return {
		...model,
		stakeholderGroups: model.stakeholderGroups.map((g) => (g.id === id ? { ...g, label } : g))
	};
}

/**
 * The file as if the facilitator had removed default group `id` and added one of their own,
 * `label`, in its place: its participants, cards, dots and next steps under the new id.
 */
function asOwnGroup(model: ExportModel, id: string, own: string, label: string): ExportModel {
	const moved = JSON.parse(JSON.stringify(model).replaceAll(`"${id}"`, `"${own}"`)) as ExportModel;
	return relabel(moved, own, label);
}

const de = musterstadtExport({ locale: 'de' });
const en = another(musterstadtExport({ locale: 'en' }), 'springfield');

describe('stakeholder groups across sessions', () => {
	it('matches the default groups of a German and an English export as one column each', () => {
		const model = compare([de, en], 'en');
		expect(model.groups.map((g) => g.label)).toEqual(en.stakeholderGroups.map((g) => g.label));
		const admin = defaultGroupKey('admin');
		// Each session's admins are counted in the one column.
		expect(model.sessions.map((s) => s.participantsByGroup.get(admin))).toEqual([2, 2]);
		expect(model.cards.find((c) => c.id === 'c1')!.authorGroup).toBe(
			'Municipal administration / procurement office'
		);
	});

	it('matches a default group the facilitator relabelled by its id, as one column', () => {
		const verwaltung = relabel(another(de, 'b'), 'admin', 'Verwaltung');
		const model = compare([de, verwaltung]);
		const admin = defaultGroupKey('admin');
		expect(model.groups).toHaveLength(10);
		expect(model.groups[0]).toEqual({
			key: admin,
			label: 'Kommunalverwaltung / Vergabestelle',
			also: ['Verwaltung']
		});
		// Both sessions' two administrators, and the same dots from them on every card.
		expect(model.sessions.map((s) => s.participantsByGroup.get(admin))).toEqual([2, 2]);
		const dots = (no: number) =>
			model.cards.filter((c) => c.session.no === no).map((c) => c.dotsByGroup?.get(admin) ?? null);
		expect(dots(2)).toEqual(dots(1));
		expect(dots(2).reduce((a: number, b) => a + (b ?? 0), 0)).toBe(10);
		expect(model.cards.filter((c) => c.id === 'c1').map((c) => c.authorGroup)).toEqual([
			'Kommunalverwaltung / Vergabestelle',
			'Kommunalverwaltung / Vergabestelle'
		]);
		expect(model.sessions.map((s) => s.relabelled)).toEqual([
			[],
			[{ key: admin, label: 'Verwaltung' }]
		]);

		// The heading names the other label, so that the CSV (which has no sessions table) says it too.
		const { sessions, cards } = comparisonTables(model);
		const heading = 'Kommunalverwaltung / Vergabestelle (auch „Verwaltung“)';
		expect(sessions.columns.map((c) => c.header)).toContain(`Teilnehmende: ${heading}`);
		expect(sessions.columns.map((c) => c.header)).not.toContain('Teilnehmende: Verwaltung');
		const own = sessions.columns.findIndex((c) => c.header === 'Standardgruppen mit eigenem Namen');
		expect(sessions.rows.map((r) => r[own])).toEqual([
			'',
			'Kommunalverwaltung / Vergabestelle: „Verwaltung“'
		]);
		const csv = parse(String(writeComparisonCsv(model, { delimiter: ';' }).body), {
			bom: true,
			delimiter: ';'
		}) as string[][];
		expect(csv[0]).toContain(`Punkte von: ${heading}`);
		expect(csv[0]!.filter((h) => h.startsWith('Punkte von:'))).toHaveLength(
			cards.columns.length - 14
		);

		const english = comparisonTables(compare([de, verwaltung], 'en'));
		expect(english.cards.columns.map((c) => c.header)).toContain(
			'Dots from: Municipal administration / procurement office (also “Verwaltung”)'
		);
		const renamed = english.sessions.columns.findIndex(
			(c) => c.header === 'Default groups with a name of their own'
		);
		expect(english.sessions.rows[1]![renamed]).toBe(
			'Municipal administration / procurement office: “Verwaltung”'
		);
	});

	it('keeps a default group given another default group’s label apart from that group', () => {
		const model = compare([de, relabel(another(de, 'b'), 'admin', 'Politik')]);
		const count = (id: 'admin' | 'politics') =>
			model.sessions.map((s) => s.participantsByGroup.get(defaultGroupKey(id)));
		expect(count('admin')).toEqual([2, 2]);
		expect(count('politics')).toEqual([1, 1]);
		expect(model.groups.map((g) => g.also)).toEqual([['Politik'], ...Array(9).fill([])]);
	});

	it('matches a group the facilitator added to the default group whose label it has', () => {
		const admin = defaultGroupKey('admin');
		const participants = (model: ComparisonModel) =>
			model.sessions.map((s) => s.participantsByGroup.get(admin));
		// Under the default group's catalog label, in either language: no "also" for it.
		for (const label of [
			'Kommunalverwaltung / Vergabestelle',
			'Municipal administration / procurement office'
		]) {
			const model = compare([de, asOwnGroup(another(de, 'b'), 'admin', 'g-amt', label)]);
			expect(model.groups).toHaveLength(10);
			expect(model.groups[0]).toEqual({
				key: admin,
				label: 'Kommunalverwaltung / Vergabestelle',
				also: []
			});
			expect(participants(model)).toEqual([2, 2]);
		}
		// Under a label another file gave the default group, when only that default group has it.
		const relabelled = relabel(another(de, 'b'), 'admin', 'Verwaltung');
		const own = asOwnGroup(another(de, 'c'), 'admin', 'g-amt', ' verwaltung');
		const joined = compare([de, relabelled, own]);
		expect(joined.groups).toHaveLength(10);
		expect(joined.groups[0]!.also).toEqual(['Verwaltung']);
		expect(participants(joined)).toEqual([2, 2, 2]);
		expect(joined.sessions[2]!.relabelled).toEqual([]);
		// Two default groups of that label: the added group stays a column of its own.
		const both = relabel(another(de, 'd'), 'politics', 'Verwaltung');
		const apart = compare([de, relabelled, own, both]);
		expect(apart.groups.map((g) => g.label)).toContain(' verwaltung');
		expect(participants(apart)).toEqual([2, 2, undefined, 2]);
		expect(apart.sessions[2]!.participantsByGroup.get(groupKey('Verwaltung'))).toBe(2);
	});

	it('matches groups the facilitator added by label, whatever their case and spaces', () => {
		const model = compare([
			asOwnGroup(de, 'repair', 'g-repair', 'Repair-Café Nord'),
			asOwnGroup(another(de, 'b'), 'repair', 'g-rc', ' repair-café  nord ')
		]);
		const repair = model.groups.filter((g) => g.key === groupKey('Repair-Café Nord'));
		expect(repair).toEqual([{ key: 'repair-cafénord', label: 'Repair-Café Nord', also: [] }]);
		expect(model.groups).toHaveLength(10);
		// c17 got 3 dots from the repair group in both sessions.
		expect(
			model.cards.filter((c) => c.id === 'c17').map((c) => c.dotsByGroup!.get(repair[0]!.key))
		).toEqual([3, 3]);
	});

	it('leaves the count of a group a session does not have empty, not 0', () => {
		const own: ExportModel = {
			...another(de, 'b'),
			stakeholderGroups: [
				...de.stakeholderGroups,
				{ id: 'kirche', label: 'Kirchengemeinde', participants: 0 }
			]
		};
		const model = compare([de, own]);
		const { sessions, cards } = comparisonTables(model);
		const column = sessions.columns.findIndex((c) => c.header === 'Teilnehmende: Kirchengemeinde');
		expect(sessions.rows.map((r) => r[column])).toEqual([null, 0]);
		const dots = cards.columns.findIndex((c) => c.header === 'Punkte von: Kirchengemeinde');
		const c1 = cards.rows.filter((r) => r.at(-1) === 'c1');
		expect(c1.map((r) => r[dots])).toEqual([null, 0]);
	});
	it('takes any label as a group, also one that names a property of every object', () => {
		// A label is the facilitator's text: "__proto__" or "Constructor" read Object.prototype's
		// property from a record keyed by label, and the CSV failed on that object.
		for (const label of ['__proto__', 'Constructor']) {
			const own = asOwnGroup(another(de, 'b'), 'repair', 'g-own', label);
			const model = compare([de, own]);
			const { sessions, cards } = comparisonTables(model);
			const column = sessions.columns.findIndex((c) => c.header === `Teilnehmende: ${label}`);
			expect(sessions.rows.map((r) => r[column])).toEqual([null, 2]);
			const dots = cards.columns.findIndex((c) => c.header === `Punkte von: ${label}`);
			expect(cards.rows.filter((r) => r.at(-1) === 'c17').map((r) => r[dots])).toEqual([null, 3]);
			const csv = parse(String(writeComparisonCsv(model, { delimiter: ';' }).body), {
				bom: true,
				delimiter: ';'
			}) as string[][];
			expect(csv[0]).toContain(`Punkte von: ${label}`);
			expect(csv).toHaveLength(1 + cards.rows.length);
		}
	});
	it('heads the column of people without a group apart from a group named so', () => {
		const own = asOwnGroup(another(de, 'b'), 'repair', 'g-own', 'ohne  Gruppe');
		const headers = comparisonTables(compare([de, own])).sessions.columns.map((c) => c.header);
		expect(headers).toContain('Teilnehmende: ohne  Gruppe');
		expect(headers).toContain('Teilnehmende: Keine Gruppe gewählt');
		expect(new Set(headers).size).toBe(headers.length);
	});
});

describe('dots, shares and ranks', () => {
	it('gives each card its share of all dots placed in its session', () => {
		const model = compare([de, en]);
		const c2 = model.cards.find((c) => c.id === 'c2')!;
		expect(c2.dots).toBe(3);
		expect(c2.share).toBeCloseTo(3 / 50);
		expect(model.sessions[0]!.dots).toBe(50);
		const shares = model.cards.filter((c) => c.session.no === 1).map((c) => c.share ?? 0);
		expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
	});

	it('ranks cards within their session and area, equal dots sharing a rank', () => {
		const model = compare([de, en]);
		const rank = (id: string) => model.cards.find((c) => c.id === id && c.session.no === 1)!.rank;
		// Challenges: six cards with 3 dots, four with 2, one with 1, three with none.
		expect(['c2', 'c6', 'c12'].map(rank)).toEqual([1, 1, 1]);
		expect(['c5', 'c10', 'c13'].map(rank)).toEqual([7, 7, 7]);
		expect(rank('c1')).toBe(11);
		expect(rank('c3')).toBe(12);
		// Potentials are ranked on their own: three with 3 dots share the first rank.
		expect(['c15', 'c17', 'c24'].map(rank)).toEqual([1, 1, 1]);
		expect(rank('c16')).toBe(4);
	});

	it('adds the dots of every round with results and ignores rounds without', () => {
		const two = musterstadtExport({ rounds: 2 });
		const cancelled = {
			...two.votingRounds[1]!,
			id: 'r3',
			seq: 3,
			status: 'cancelled' as const,
			results: null
		};
		const model = compare([{ ...two, votingRounds: [...two.votingRounds, cancelled] }, en]);
		const c2 = model.cards.find((c) => c.id === 'c2')!;
		const [r1, r2] = two.votingRounds;
		const dotsOf = (round: typeof r1) => round!.results!.cards.find((c) => c.cardId === 'c2')!.dots;
		expect(c2.dots).toBe(dotsOf(r1) + dotsOf(r2));
		expect(model.sessions[0]!.roundsWithResults).toBe(2);
		expect(model.sessions[0]!.dots).toBe(r1!.results!.totalDots + r2!.results!.totalDots);
	});

	it('leaves dots empty, not 0, for a session without voting and for cards no round counted', () => {
		const model = compare([{ ...de, votingRounds: [] }, en]);
		const silent = model.cards.filter((c) => c.session.no === 1);
		expect(silent.every((c) => c.dots === null && c.share === null && c.rank === null)).toBe(true);
		expect(silent.every((c) => c.dotsByGroup === null)).toBe(true);
		expect(model.sessions[0]!.dots).toBeNull();
		// The next steps were outside the round's scope: no dots, though the round had results.
		const step = model.cards.find((c) => c.id === 'c26' && c.session.no === 2)!;
		expect([step.dots, step.share, step.rank]).toEqual([null, null, null]);
		expect(model.cards.find((c) => c.id === 'c3' && c.session.no === 2)!.dots).toBe(0);

		const rows = parse(String(writeComparisonCsv(model, { delimiter: ';' }).body), {
			bom: true,
			delimiter: ';'
		}) as string[][];
		const [header, ...cells] = rows;
		const col = (name: string) => header!.indexOf(name);
		const c3 = cells.filter((r) => r[col('Karten-ID')] === 'c3');
		expect(c3.map((r) => r[col('Punkte gesamt')])).toEqual(['', '0']);
		expect(c3.map((r) => r[col('Punkte von: Sozial- oder Inklusionsbetrieb')])).toEqual(['', '0']);
	});
});

describe('refusals', () => {
	it('refuses one file, more than twenty, and one session given twice', () => {
		const refusal = (documents: ExportModel[]) => {
			const result = buildComparison(documents, { locale: 'de', now: 0 });
			return result.ok ? null : comparisonProblemText('de', result.problem);
		};
		expect(refusal([de])).toBe('Zum Vergleichen braucht es mindestens 2 Exportdateien.');
		const many = Array.from({ length: 21 }, (_, i) => another(de, `s${i}`));
		expect(refusal(many)).toBe(
			'Höchstens 20 Exportdateien lassen sich vergleichen; gewählt sind 21.'
		);
		expect(refusal(many.slice(0, 20))).toBeNull();
		expect(refusal([de, en, musterstadtExport({ locale: 'en' })])).toBe(
			'Datei 3 („Faire Beschaffung – Fokusgruppe Musterstadt“) ist dieselbe Sitzung wie Datei 1.'
		);
		// Named on one line and short, as a file the import refuses is.
		const long = another(de, 'long', `Fokusgruppe\nMusterstadt ${'x'.repeat(150)}`);
		expect(refusal([long, en, long])).toBe(
			`Datei 3 („Fokusgruppe Musterstadt ${'x'.repeat(55)}…“) ist dieselbe Sitzung wie Datei 1.`
		);
	});

	it('refuses a comparison whose cards table would pass the cells a workbook can be written in', () => {
		// Every group of every file is a column: twenty files of 5,000 cards and 30 groups of their
		// own made 61 million cells, and writing the workbook ran the server out of memory.
		const wide = (id: string, cards: number): ExportModel => ({
			...another(de, id),
			stakeholderGroups: Array.from({ length: 30 }, (_, j) => ({
				id: `g${j}`,
				label: `${id} ${j}`,
				participants: 0
			})),
			participants: de.participants.map((p) => ({ ...p, group: null })),
			cards: Array.from({ length: cards }, (_, k) => ({
				...de.cards[0]!,
				id: `c${k}`,
				clusterId: null,
				authorGroup: null
			})),
			clusters: [],
			votingRounds: [],
			nextSteps: []
		});
		const result = buildComparison([wide('a', 4000), wide('b', 4001)], { locale: 'en', now: 0 });
		expect(result.ok ? null : comparisonProblemText('en', result.problem)).toBe(
			'The comparison would be too large: 8,001 cards times 75 columns (one per stakeholder group of all files); at most 600,000 cells. Please compare fewer sessions at a time.'
		);
		expect(buildComparison([wide('a', 4000), wide('b', 4000)], { locale: 'en', now: 0 }).ok).toBe(
			true
		);
		// The cards table has the columns the limit counts: 14, one per group, "no group" if any.
		const model = compare([wide('a', 1), wide('b', 1)]);
		expect(comparisonTables(model).cards.columns).toHaveLength(CARD_COLUMNS + 60);
	});

	it('names the file an import would refuse, and why, in the reader’s language', () => {
		const broken = JSON.parse(JSON.stringify(en)) as { cards: unknown[] };
		broken.cards.push(broken.cards[0]);
		const result = parseComparedDocuments([de, broken]);
		expect(result.ok).toBe(false);
		if (result.ok) return;
		expect(result.detail('en')).toBe(
			'File 2 (“Faire Beschaffung – Fokusgruppe Musterstadt springfield”): The file is not a valid Fokusrunde export. cards: the id “c1” appears more than once.'
		);
		// A file made by hand whose round names fewer dots than its cards got: a share above 1.
		const inflated = JSON.parse(JSON.stringify(en)) as {
			votingRounds: { id: string; results: { totalDots: number } | null }[];
		};
		const round = inflated.votingRounds.find((r) => r.results && r.results.totalDots > 1)!;
		round.results!.totalDots = 1;
		const shares = parseComparedDocuments([de, inflated]);
		expect(!shares.ok && shares.detail('de')).toMatch(
			new RegExp(`^Datei 2 .*Die Runde „${round.id}“ hat totalDots = 1, `)
		);
		const notAnExport = parseComparedDocuments([de, 'hello']);
		expect(!notAnExport.ok && notAnExport.detail('de')).toBe(
			'Datei 2: Die Datei ist kein gültiger Fokusrunde-Export.'
		);
		const one = parseComparedDocuments([de]);
		expect(!one.ok && one.detail('en')).toBe('Comparing takes at least 2 export files.');
	});
});

describe('the comparison CSV', () => {
	it('writes the session CSV’s dialect with the same columns for every session', () => {
		const hostile = another(musterstadtExport({ hostile: true }), 'hostile');
		const file = writeComparisonCsv(compare([de, hostile]), { delimiter: ';' });
		const body = String(file.body);
		expect(body.startsWith('\uFEFF')).toBe(true);
		expect(body.replace(/\r\n/g, '').includes('\n')).toBe(true); // line breaks only inside quoted texts
		expect(body.endsWith('\r\n')).toBe(true);
		const [header, ...rows] = parse(body, { bom: true, delimiter: ';' }) as string[][];
		expect(header!.slice(0, 14)).toEqual([
			'Sitzung Nr.',
			'Sitzung',
			'Kommune',
			'Datum',
			'Bereich',
			'Bereichs-ID',
			'Cluster',
			'Text',
			'Akteursgruppe (Autor·in)',
			'Erstellt (UTC)',
			'Punkte gesamt',
			'Anteil an den Punkten der Sitzung',
			'Rang im Bereich',
			'Punkte von: Kommunalverwaltung / Vergabestelle'
		]);
		expect(rows.every((r) => r.length === header!.length)).toBe(true);
		const col = (name: string) => header!.indexOf(name);
		const c2 = rows.find((r) => r[col('Karten-ID')] === 'c2')!;
		expect([c2[col('Punkte gesamt')], c2[col('Anteil an den Punkten der Sitzung')]]).toEqual([
			'3',
			'0,06'
		]);
		expect(c2[col('Erstellt (UTC)')]).toMatch(/^2026-03-12 \d\d:\d\d:00$/);
		// No text cell of the hostile session starts like a formula, and no control character is left.
		for (const row of rows.filter((r) => r[0] === '2'))
			for (const cell of row) {
				expect(cell).not.toMatch(/^[=+\-@\t\r\n]/);
				// eslint-disable-next-line no-control-regex -- looking for control characters
				expect(cell).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
			}
		const comma = String(writeComparisonCsv(compare([de, en]), { delimiter: ',' }).body);
		expect(comma).toContain(',0.06,');
	});

	it('is named after the number of sessions and the day, in ASCII', () => {
		const day = Date.UTC(2026, 4, 4, 12);
		expect(comparisonFileName('de', 3, day, 'csv')).toBe(
			'fokusrunde-vergleich-3-sitzungen-2026-05-04.csv'
		);
		expect(comparisonFileName('en', 10, day, 'xlsx')).toBe(
			'fokusrunde-comparison-10-sessions-2026-05-04.xlsx'
		);
	});
});
