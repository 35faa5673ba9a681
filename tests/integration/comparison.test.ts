import { parse } from 'csv-parse/sync';
import readXlsxFile from 'read-excel-file/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/config';
import { startServer, type RunningServer } from '../../server/index';
import { ExportWorker } from '../../server/exports/export-worker';
import { createCard, readCards } from '../../src/lib/domain/board/cards';
import type { ExportModel } from '../../src/lib/domain/export/model';
import { DEFAULT_STAKEHOLDER_GROUPS } from '../../src/lib/domain/session/stakeholder-groups';
import type { CreateSessionResponse, JoinResponse } from '../../src/lib/protocol/api';
import { musterstadtExport } from '../helpers/export-fixture';
import { api, connectBoard, startTestServer, tempDataDir, until } from '../helpers/server';

/**
 * Comparing sessions over HTTP (POST /api/comparisons/:format): a session
 * held on this server, exported as JSON, and the Musterstadt focus group
 * exported in English, as one CSV and one workbook.
 */
let server: RunningServer;
const data = tempDataDir();
const cleanup: (() => void)[] = [];
let held: ExportModel;
const musterstadt = JSON.parse(JSON.stringify(musterstadtExport({ locale: 'en' }))) as ExportModel;

const WORKER = new URL('../../server/exports/worker.ts', import.meta.url);
const FORMULA = '=HYPERLINK("http://evil.example";"Klick")';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function command(sessionId: string, token: string, payload: object) {
	const res = await api(
		server.url,
		'POST',
		`/api/sessions/${sessionId}/commands`,
		payload,
		bearer(token)
	);
	expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/**
 * The facilitator calls the administration "Verwaltung" (the groups editor keeps its id); two
 * participants write three cards and place five dots; the facilitator exports the JSON.
 */
async function heldSession(): Promise<ExportModel> {
	const s = (
		await api<CreateSessionResponse>(server.url, 'POST', '/api/sessions', {
			title: 'Fokusgruppe Musterdorf',
			municipality: 'Gemeinde Musterdorf',
			template: 'blank',
			language: 'de'
		})
	).body;
	const join = async (name: string, group: string) =>
		(
			await api<JoinResponse>(server.url, 'POST', `/api/sessions/${s.id}/participants`, {
				joinToken: s.joinToken,
				name,
				group
			})
		).body;
	await command(s.id, s.facilitatorToken, {
		type: 'groups.update',
		groups: DEFAULT_STAKEHOLDER_GROUPS.map((id) => ({
			id,
			label: id === 'admin' ? 'Verwaltung' : null
		}))
	});
	const jana = await join('Jana', 'civil');
	const murat = await join('Murat', 'admin');
	for (const [person, group, cards] of [
		[jana, 'civil', [['c1', 'challenges', 'Große Lose schließen Sozialbetriebe aus']]],
		[
			murat,
			'admin',
			[
				['c2', 'challenges', FORMULA],
				['p1', 'potentials', 'Repair-Café als Partner']
			]
		]
	] as const) {
		const board = connectBoard(server.url, s.boardId, person.token);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		for (const [id, area, text] of cards)
			createCard(board.doc, {
				id,
				area,
				text,
				authorId: person.participantId,
				authorGroup: group,
				createdAt: Date.now()
			});
	}
	const reader = connectBoard(server.url, s.boardId, s.facilitatorToken);
	cleanup.push(() => reader.provider.destroy());
	await reader.synced;
	await until(() => readCards(reader.doc).length === 3, 5000, 'the participants’ cards');
	await command(s.id, s.facilitatorToken, {
		type: 'voting.open',
		scope: { areas: ['challenges', 'potentials'] }
	});
	for (const [token, cards] of [
		[jana.token, ['c1', 'c1', 'p1']],
		[murat.token, ['c1', 'c2']]
	] as const)
		for (const cardId of cards) await command(s.id, token, { type: 'vote.add', cardId });
	await command(s.id, s.facilitatorToken, { type: 'voting.close' });
	const exported = await fetch(`${server.url}/api/sessions/${s.id}/export/json`, {
		headers: bearer(s.facilitatorToken)
	});
	expect(exported.status).toBe(200);
	return (await exported.json()) as ExportModel;
}

beforeAll(async () => {
	server = await startTestServer(data.dir);
	held = await heldSession();
});
afterAll(async () => {
	cleanup.forEach((fn) => fn());
	await server?.close();
	data.remove();
});

async function compare(format: string, body: unknown, headers: Record<string, string> = {}) {
	const response = await fetch(`${server.url}/api/comparisons/${format}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: typeof body === 'string' ? body : JSON.stringify(body)
	});
	return { status: response.status, headers: response.headers, bytes: await response.bytes() };
}

const errorOf = (bytes: Uint8Array) =>
	(JSON.parse(new TextDecoder().decode(bytes)) as { error: { code: string; message: string } })
		.error;

describe('comparing sessions over HTTP', () => {
	it('writes one CSV row per card of both sessions, with the same columns and the groups matched', async () => {
		const res = await compare('csv', {
			sessions: [held, musterstadt],
			lang: 'de',
			delimiter: 'semicolon'
		});
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="fokusrunde-vergleich-2-sitzungen-\d{4}-\d{2}-\d{2}\.csv"$/
		);
		expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const [header, ...rows] = parse(Buffer.from(res.bytes).toString('utf8'), {
			bom: true,
			delimiter: ';'
		}) as string[][];
		expect(rows).toHaveLength(3 + musterstadt.cards.length);
		const col = (name: string) => {
			const i = header!.indexOf(name);
			expect(i, name).toBeGreaterThanOrEqual(0);
			return i;
		};
		const row = (session: string, id: string) =>
			rows.find((r) => r[col('Sitzung Nr.')] === session && r[col('Karten-ID')] === id)!;
		const pick = (r: string[], ...names: string[]) => names.map((n) => r[col(n)]);
		// The held session's "Verwaltung" is the default administration group: one column, named so.
		const admin = 'Punkte von: Kommunalverwaltung / Vergabestelle (auch „Verwaltung“)';
		const civil = 'Punkte von: Zivilgesellschaftliche Organisation';
		// The held session: c1 got 3 of 5 dots (2 from civil society, 1 from the administration).
		expect(
			pick(
				row('1', 'c1'),
				'Sitzung',
				'Punkte gesamt',
				'Anteil an den Punkten der Sitzung',
				'Rang im Bereich',
				admin,
				civil
			)
		).toEqual(['Fokusgruppe Musterdorf', '3', '0,6', '1', '1', '2']);
		expect(pick(row('1', 'c2'), 'Text', 'Rang im Bereich')).toEqual([`'${FORMULA}`, '2']);
		expect(pick(row('1', 'p1'), 'Bereich', 'Rang im Bereich')).toEqual(['Potentiale', '1']);
		// The English file's default groups fall in the same columns, read in German.
		expect(pick(row('2', 'c8'), 'Akteursgruppe (Autor·in)', admin, 'Punkte gesamt')).toEqual([
			'Kommunalverwaltung / Vergabestelle',
			'3',
			'3'
		]);
		// Its next steps were not voted on: no dots, not 0.
		expect(pick(row('2', 'c26'), 'Punkte gesamt', 'Rang im Bereich', admin)).toEqual(['', '', '']);
	});

	it('writes a workbook with sessions, cards and next steps, its cells typed', async () => {
		const res = await compare('xlsx', { sessions: [held, musterstadt], lang: 'en' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe(
			'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
		);
		expect(res.headers.get('content-disposition')).toMatch(
			/filename="fokusrunde-comparison-2-sessions-\d{4}-\d{2}-\d{2}\.xlsx"/
		);
		const sheets = await readXlsxFile(Buffer.from(res.bytes));
		expect(sheets.map((s) => s.sheet)).toEqual(['Sessions', 'Cards', 'Next steps']);
		const [sessions, cards, steps] = sheets.map((s) => s.data);
		const cell = (table: unknown[][], row: number, name: string) =>
			table[row]![table[0]!.indexOf(name)];
		expect(sessions!.length).toBe(3);
		expect(cell(sessions!, 1, 'Session')).toBe('Fokusgruppe Musterdorf');
		expect(cell(sessions!, 1, 'Participants in total')).toBe(2);
		expect(cell(sessions!, 1, 'Participants: Civil-society organisation')).toBe(1);
		expect(cell(sessions!, 2, 'Participants: Civil-society organisation')).toBe(1);
		const admin = 'Participants: Municipal administration / procurement office (also “Verwaltung”)';
		expect([cell(sessions!, 1, admin), cell(sessions!, 2, admin)]).toEqual([1, 2]);
		expect(cell(sessions!, 1, 'Default groups with a name of their own')).toBe(
			'Municipal administration / procurement office: “Verwaltung”'
		);
		expect(cell(sessions!, 1, 'Dots given')).toBe(5);
		expect(cell(sessions!, 2, 'Dots given')).toBe(50);
		expect(cell(sessions!, 1, 'Date')).toBeInstanceOf(Date);
		const c1 = cards!.findIndex((r) => r[0] === 1 && r.at(-1) === 'c1');
		expect(cell(cards!, c1, "Share of the session's dots")).toBeCloseTo(0.6);
		expect(cell(cards!, c1, 'Created (UTC)')).toBeInstanceOf(Date);
		expect(cards!.flat()).toContain(`'${FORMULA}`);
		expect(cards!.flat()).not.toContain(FORMULA);
		expect(steps!.length).toBe(1 + musterstadt.nextSteps.length);
	});

	it('compares in the export worker, from the body to the workbook or the refusal', async () => {
		const worker = new ExportWorker(WORKER);
		try {
			const job = (body: string) => ({
				body: Buffer.from(body),
				format: 'xlsx' as const,
				callerLocale: 'de' as const,
				now: Date.now()
			});
			const made = await worker.compare(
				job(JSON.stringify({ sessions: [held, musterstadt], lang: 'de' }))
			);
			if (!made.ok) throw new Error('not compared');
			expect(made.fileName).toMatch(/^fokusrunde-vergleich-2-sitzungen-\d{4}-\d{2}-\d{2}\.xlsx$/);
			const sheets = await readXlsxFile(Buffer.from(made.file.body));
			expect(sheets.map((s) => s.sheet)).toEqual(['Sitzungen', 'Karten', 'Nächste Schritte']);
			expect(await worker.compare(job('{"sessions": ['))).toEqual({
				ok: false,
				error: 'invalid_json',
				detail: null
			});
			const twice = await worker.compare(job(JSON.stringify({ sessions: [held, held] })));
			expect(twice).toMatchObject({ ok: false, error: 'comparison_invalid' });
			expect(!twice.ok && twice.detail).toContain('Datei 2 („Fokusgruppe Musterdorf“)');
		} finally {
			await worker.close();
		}
	});

	it('answers everyone else while it compares twenty large sessions', async () => {
		// As the production server runs: with the export worker. Twenty exports of 1,000 cards
		// take the comparison more than a second (bench/comparison.ts); on the main thread that
		// second held every other request, and every board's sync, of a server anyone can ask.
		const dir = tempDataDir();
		const busy = await startServer(
			parseConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir.dir, LOG_LEVEL: 'silent' }),
			null,
			{ exportWorker: WORKER }
		);
		try {
			const post = (body: string) =>
				fetch(`${busy.url}/api/comparisons/csv`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body
				});
			// The worker starts (and loads its TypeScript) on the first comparison.
			expect((await post(JSON.stringify({ sessions: [held, musterstadt] }))).status).toBe(200);
			const big = JSON.parse(JSON.stringify(musterstadtExport({ cards: 1000, rounds: 3 })));
			const sessions = Array.from({ length: 20 }, (_, i) => ({
				...big,
				session: { ...big.session, id: `sitzung-${i + 1}` }
			}));
			const order: string[] = [];
			const compared = post(JSON.stringify({ sessions })).then(async (response) => {
				order.push('comparison');
				expect(response.status).toBe(200);
				await response.arrayBuffer();
			});
			// Well after the body has arrived (19 MiB over loopback), well before the work is done.
			await new Promise((resolve) => setTimeout(resolve, 400));
			const health = await fetch(`${busy.url}/healthz`);
			order.push(`health ${health.status}`);
			await compared;
			expect(order).toEqual(['health 200', 'comparison']);
		} finally {
			await busy.close();
			dir.remove();
		}
	});

	it('counts refused comparisons against the export limit, so that they cannot keep the worker busy', async () => {
		const dir = tempDataDir();
		const fresh = await startTestServer(dir.dir);
		try {
			const post = () =>
				fetch(`${fresh.url}/api/comparisons/csv`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ sessions: [held, held] })
				});
			for (let i = 0; i < 20; i++) expect((await post()).status).toBe(400);
			const refused = await post();
			expect(refused.status).toBe(429);
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
		} finally {
			await fresh.close();
			dir.remove();
		}
	});

	it('names the file it refuses and why, in the caller’s language', async () => {
		const broken = structuredClone(musterstadt) as unknown as { cards: unknown[] };
		broken.cards.push(broken.cards[0]);
		const refused = await compare('csv', { sessions: [held, broken] }, { 'accept-language': 'en' });
		expect(refused.status).toBe(400);
		expect(errorOf(refused.bytes)).toEqual({
			code: 'comparison_invalid',
			message:
				'The files cannot be compared. File 2 (“Faire Beschaffung – Fokusgruppe Musterstadt”): The file is not a valid Fokusrunde export. cards: the id “c1” appears more than once.'
		});
		const twice = await compare('csv', { sessions: [held, musterstadt, held] });
		expect(errorOf(twice.bytes).message).toBe(
			'Die Dateien lassen sich nicht vergleichen. Datei 3 („Fokusgruppe Musterdorf“) ist dieselbe Sitzung wie Datei 1.'
		);
		const one = await compare('xlsx', { sessions: [held] });
		expect([one.status, errorOf(one.bytes).code]).toEqual([400, 'comparison_invalid']);
		const many = await compare('csv', { sessions: Array.from({ length: 21 }, () => 1) });
		expect(errorOf(many.bytes).message).toContain('Höchstens 20 Exportdateien');
	});

	it.each([
		['JSON that does not parse', 'csv', '{"sessions": [', {}, 400, 'invalid_json'],
		[
			'a body that is not JSON',
			'csv',
			'a;b',
			{ 'content-type': 'text/csv' },
			415,
			'unsupported_media_type'
		],
		['a field it does not have', 'csv', { sessions: [], named: true }, {}, 400, 'bad_request'],
		['sessions that are no list', 'csv', { sessions: {} }, {}, 400, 'bad_request'],
		[
			'a delimiter it does not know',
			'csv',
			{ sessions: [], delimiter: 'tab' },
			{},
			400,
			'bad_request'
		],
		['a format it cannot write', 'pdf', { sessions: [] }, {}, 404, 'export_format_unknown'],
		[
			'a body over 32 MiB',
			'csv',
			JSON.stringify({ sessions: ['x'.repeat(33 * 1024 * 1024)] }),
			{},
			413,
			'payload_too_large'
		]
	] as const)(
		'answers %s with a clear error',
		async (_what, format, body, headers, status, code) => {
			const res = await compare(format, body, headers);
			expect(res.status).toBe(status);
			expect(errorOf(res.bytes).code).toBe(code);
		}
	);
});
