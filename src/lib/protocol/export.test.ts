import { Ajv2020 } from 'ajv/dist/2020.js';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleExportInput } from '../../../tests/helpers/sample-export';
import { buildExportModel } from '../domain/export/build';
import { writeJson } from '../domain/export/json';
import type { ExportModel } from '../domain/export/model';
import { ExportDocument, IMPORT_LIMITS, exportJsonSchema, parseExportDocument } from './export';
import { type ImportProblem, importProblemText } from '../domain/export/import-check';

const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../../docs/export.schema.json');

describe('the export schema', () => {
	it('is the one documented in docs/export.schema.json (UPDATE_SCHEMA=1 rewrites it, then run prettier)', () => {
		const generated = exportJsonSchema();
		// The file is formatted by Prettier after writing; its content must be the generated one.
		if (process.env.UPDATE_SCHEMA === '1')
			writeFileSync(SCHEMA_FILE, `${JSON.stringify(generated, null, '\t')}\n`);
		expect(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'))).toEqual(generated);
	});

	it.each(['de', 'en'] as const)(
		'describes a real %s export exactly: a JSON Schema validator accepts it, and the runtime schema keeps every field',
		(locale) => {
			for (const named of [false, true]) {
				const model = buildExportModel(sampleExportInput(), { locale, named, delimiter: ',' });
				const json = JSON.parse(writeJson(model).body as string) as unknown;
				const validate = new Ajv2020({ allErrors: true, strict: false }).compile(
					JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object
				);
				expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
				// Parsing drops fields the schema does not know: equal means nothing is undocumented.
				expect(ExportDocument.parse(json)).toEqual(json);
			}
		}
	);

	it('refuses files that are not a version 1 export', () => {
		const model = JSON.parse(
			writeJson(
				buildExportModel(sampleExportInput(), { locale: 'de', named: false, delimiter: ',' })
			).body as string
		) as Record<string, unknown>;
		const validate = new Ajv2020({ strict: false }).compile(exportJsonSchema());
		for (const broken of [
			{ ...model, version: 2 },
			{ ...model, cards: 'none' },
			{ ...model, session: { ...(model.session as object), title: 7 } },
			// Longer than anyone can call themselves: no export holds such a name.
			{ ...model, session: { ...(model.session as object), facilitator: 'F'.repeat(61) } },
			{
				...model,
				participants: (model.participants as object[]).map((p) => ({ ...p, name: 'N'.repeat(61) }))
			}
		]) {
			expect(validate(broken)).toBe(false);
			expect(ExportDocument.safeParse(broken).success).toBe(false);
		}
	});

	it('refuses an export that breaks a rule of the session with that rule’s code, anything else as no export', () => {
		const model = JSON.parse(
			writeJson(
				buildExportModel(sampleExportInput(), { locale: 'de', named: false, delimiter: ',' })
			).body as string
		) as Record<string, unknown> & {
			agenda: Record<string, unknown>[];
			stakeholderGroups: Record<string, unknown>[];
			session: Record<string, unknown>;
		};
		const phase = model.agenda[0]!;
		const errorOf = (file: unknown) => {
			const parsed = parseExportDocument(file);
			return parsed.ok ? 'ok' : parsed.error;
		};
		expect(errorOf(model)).toBe('ok');
		expect(errorOf({ ...model, agenda: [] })).toBe('agenda_empty');
		expect(errorOf({ ...model, agenda: Array.from({ length: 31 }, () => phase) })).toBe(
			'agenda_too_long'
		);
		expect(errorOf({ ...model, stakeholderGroups: [] })).toBe('groups_empty');
		expect(errorOf({ ...model, session: { ...model.session, title: 'T'.repeat(201) } })).toBe(
			'title_too_long'
		);
		expect(errorOf({ ...model, agenda: [{ ...phase, title: 'T'.repeat(121) }] })).toBe(
			'phase_text_too_long'
		);
		expect(errorOf({ ...model, agenda: [{ ...phase, mode: 'dance' }] })).toBe('phase_invalid');
		// A rule of the session alongside something that makes the file no export: no export.
		expect(errorOf({ ...model, agenda: [], cards: 'none' })).toBe('import_invalid');
		expect(errorOf({ ...model, stakeholderGroups: 'none' })).toBe('import_invalid');
		expect(errorOf({ hello: 'world' })).toBe('import_invalid');
		expect(errorOf({ ...model, version: 2 })).toBe('import_version_unsupported');
	});

	it('calls a file with a field of the wrong JSON type no export, a phase value out of the rules phase_invalid', () => {
		const model = JSON.parse(
			writeJson(
				buildExportModel(sampleExportInput(), { locale: 'de', named: false, delimiter: ',' })
			).body as string
		) as Record<string, unknown> & { agenda: Record<string, unknown>[] };
		const phase = model.agenda[0]!;
		const errorOf = (file: unknown) => {
			const parsed = parseExportDocument(file);
			return parsed.ok ? 'ok' : parsed.error;
		};
		for (const version of ['1', null, true, [1]])
			expect(errorOf({ ...model, version }), JSON.stringify(version)).toBe('import_invalid');
		for (const change of [
			{ durationMin: '5' },
			{ mode: null },
			{ mode: 5 },
			{ areas: 'challenges' },
			{ areas: [5] },
			{ id: 'a b' },
			{ id: 'x'.repeat(41) },
			{ id: '' }
		])
			expect(errorOf({ ...model, agenda: [{ ...phase, ...change }] }), JSON.stringify(change)).toBe(
				'import_invalid'
			);
		for (const change of [{ durationMin: 2.5 }, { durationMin: 0 }, { areas: ['ideas'] }])
			expect(errorOf({ ...model, agenda: [{ ...phase, ...change }] }), JSON.stringify(change)).toBe(
				'phase_invalid'
			);
		expect(errorOf({ ...model, agenda: [{ ...phase, id: 'x'.repeat(40) }] })).toBe('ok');
	});

	it('takes no moment later than a date can hold, which no export could write again', () => {
		const model = JSON.parse(
			writeJson(
				buildExportModel(sampleExportInput(), { locale: 'de', named: false, delimiter: ',' })
			).body as string
		) as ExportModel;
		const errorOf = (file: unknown) => {
			const parsed = parseExportDocument(file);
			return parsed.ok ? 'ok' : parsed.error;
		};
		const [person, ...people] = model.participants;
		const [round, ...rounds] = model.votingRounds;
		const at = (ms: number) => [
			{ ...model, exportedAt: ms },
			{ ...model, session: { ...model.session, createdAt: ms } },
			{ ...model, participants: [{ ...person!, joinedAt: ms }, ...people] },
			{ ...model, votingRounds: [{ ...round!, openedAt: ms, closedAt: ms }, ...rounds] }
		];
		for (const file of at(8.64e15)) expect(errorOf(file)).toBe('ok');
		for (const file of at(9e15)) expect(errorOf(file)).toBe('import_invalid');
	});

	it('refuses two cards of one id and a card of an author who is not a participant, saying which', () => {
		const model = JSON.parse(
			writeJson(
				buildExportModel(sampleExportInput(), { locale: 'de', named: false, delimiter: ',' })
			).body as string
		) as Record<string, unknown> & { cards: Record<string, unknown>[] };
		const [first, second, ...rest] = model.cards;
		expect(
			parseExportDocument({ ...model, cards: [first, { ...second, id: first!.id }, ...rest] })
		).toEqual({
			ok: false,
			error: 'import_invalid',
			problem: { kind: 'duplicateId', list: 'cards', id: first!.id }
		});
		expect(
			parseExportDocument({ ...model, cards: [{ ...first, authorId: 'x1' }, second, ...rest] })
		).toMatchObject({ ok: false, error: 'import_invalid', problem: { kind: 'unknownAuthor' } });
	});

	it('says where a file is not of the export’s shape, and which limit it passes', () => {
		const model = JSON.parse(
			writeJson(
				buildExportModel(sampleExportInput(), { locale: 'de', named: false, delimiter: ',' })
			).body as string
		) as ExportModel;
		const rounds = Array.from({ length: IMPORT_LIMITS.rounds + 1 }, () => model.votingRounds[0]!);
		expect(parseExportDocument({ ...model, votingRounds: rounds })).toEqual({
			ok: false,
			error: 'import_invalid',
			problem: { kind: 'tooMany', list: 'votingRounds', max: 200 }
		});
		const cards = model.cards.map((c, i) => (i === 3 ? { ...c, x: 'links' } : c));
		const refused = parseExportDocument({ ...model, cards });
		expect(refused).toEqual({
			ok: false,
			error: 'import_invalid',
			problem: { kind: 'shapeType', path: 'cards.3.x', expected: 'number' }
		});
		// The place, and what belongs there: whoever made the file can mend it.
		const text = (file: unknown, locale: 'de' | 'en' = 'en') =>
			importProblemText(locale, (parseExportDocument(file) as { problem: ImportProblem }).problem);
		expect(text({ ...model, cards })).toBe('cards.3.x: an export has a number here.');
		expect(text({ ...model, cards }, 'de')).toBe(
			'cards.3.x: Hier steht in einem Export eine Zahl.'
		);
		const areas = model.cards.map((c, i) => (i === 0 ? { ...c, area: 'ideas' } : c));
		expect(text({ ...model, cards: areas })).toBe(
			'cards.0.area: an export has one of these values here: "challenges", "potentials", "next-steps".'
		);
		const long = model.cards.map((c, i) => (i === 1 ? { ...c, text: 'x'.repeat(5000) } : c));
		expect(text({ ...model, cards: long })).toBe(
			'cards.1.text: at most 1000 characters in an export.'
		);
		const lists = { ...model, participants: 'Jana, Murat' };
		expect(text(lists, 'de')).toBe(
			'participants: Hier steht in einem Export eine Liste in eckigen Klammern.'
		);
		// The version is a place too.
		const version = {
			ok: false,
			error: 'import_invalid',
			problem: { kind: 'shapeType', path: 'version', expected: 'number' }
		};
		expect(parseExportDocument({ ...model, version: '1' })).toEqual(version);
		// Left out, it is missing, not of the wrong type: a file of another kind says so first.
		expect(parseExportDocument({ foo: 1 })).toEqual({
			...version,
			problem: { kind: 'shapeMissing', path: 'version', expected: 'number' }
		});
		expect(text({ about: 'Musterstadt', cards: [] }, 'de')).toBe(
			'version: fehlt; in einem Export steht hier eine Zahl.'
		);
		const { x: _x, ...unplaced } = model.cards[2]!;
		const without = model.cards.map((c, i) => (i === 2 ? unplaced : c));
		expect(text({ ...model, cards: without })).toBe(
			'cards.2.x: missing; an export has a number here.'
		);
		for (const file of [[model], 'export', null])
			expect(parseExportDocument(file)).toEqual({ ok: false, error: 'import_invalid' });
	});

	it('refuses a round whose card names a group "__proto__", which parsing would drop unnoticed', () => {
		const text = writeJson(
			buildExportModel(sampleExportInput(), { locale: 'de', named: false, delimiter: ',' })
		).body as string;
		const model = JSON.parse(text) as ExportModel;
		const round = model.votingRounds.find((r) => r.results?.cards.some((c) => c.dots > 0))!;
		const card = round.results!.cards.find((c) => c.dots > 0)!;
		const [group, dots] = Object.entries(card.byGroup).find(([, d]) => d > 0)!;
		// The same dots, filed under "__proto__" instead of their group, as a file would say it.
		const byGroup = JSON.stringify({ ...card.byGroup, [group]: 0 }).replace(
			'{',
			`{"__proto__":${dots},`
		);
		(card as { byGroup: unknown }).byGroup = JSON.parse(byGroup);
		const changed = JSON.stringify(model);
		expect(changed).toContain('"__proto__"');
		expect(parseExportDocument(JSON.parse(changed))).toMatchObject({
			ok: false,
			error: 'import_invalid',
			problem: { kind: 'resultCardSum', roundId: round.id, cardId: card.cardId }
		});
	});
});
