import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import mammoth from 'mammoth';
import { PNG } from 'pngjs';
import readXlsxFile from 'read-excel-file/node';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import {
	createCard,
	estimateCardHeight,
	LAYOUT,
	readCards,
	setCardText,
	setNextStep
} from '../../src/lib/domain/board/cards';
import { createCluster } from '../../src/lib/domain/board/clusters';
import { connect } from '../../src/lib/domain/board/connectors';
import type { ExportModel } from '../../src/lib/domain/export/model';
import { escapeMarkdownInline } from '../../src/lib/domain/export/markdown';
import { formatDateTime } from '../../src/lib/domain/export/protocol';
import type {
	CreateSessionResponse,
	JoinResponse,
	SessionResponse,
	StateResponse
} from '../../src/lib/protocol/api';
import { controlClient } from '../helpers/control';
import { api, connectBoard, startTestServer, tempDataDir, until } from '../helpers/server';
import { withoutIds } from '../helpers/without-ids';

let server: RunningServer;
const data = tempDataDir();
const cleanup: (() => void)[] = [];

beforeAll(async () => {
	server = await startTestServer(data.dir);
});
afterAll(async () => {
	cleanup.forEach((fn) => fn());
	await server?.close();
	data.remove();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const SCHEMA = JSON.parse(
	readFileSync(path.resolve(import.meta.dirname, '../../docs/export.schema.json'), 'utf8')
) as object;

/** Texts a spreadsheet would run as formulas, used as card texts and as a participant's name. */
const FORMULA = '=HYPERLINK("http://evil.example";"Klick")';
const AT = '@SUMME(A1:A9)';

async function download(
	sessionId: string,
	format: string,
	query = '',
	headers = {},
	base = server.url
) {
	const response = await fetch(`${base}/api/sessions/${sessionId}/export/${format}${query}`, {
		headers
	});
	return {
		status: response.status,
		headers: response.headers,
		bytes: new Uint8Array(await response.arrayBuffer())
	};
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

async function join(s: CreateSessionResponse, name: string, group: string) {
	const res = await api<JoinResponse>(server.url, 'POST', `/api/sessions/${s.id}/participants`, {
		joinToken: s.joinToken,
		name,
		group
	});
	expect(res.status).toBe(201);
	return res.body;
}

async function command(sessionId: string, token: string, payload: object) {
	const res = await api<{ ok: boolean }>(
		server.url,
		'POST',
		`/api/sessions/${sessionId}/commands`,
		payload,
		bearer(token)
	);
	expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/**
 * A short focus group: two participants write cards on their own stock
 * y-websocket clients, the facilitator clusters, connects and adds a next
 * step, a first round is cancelled and a second one closed after dots over socket.io.
 */
async function shortSession() {
	const created = await api<CreateSessionResponse>(server.url, 'POST', '/api/sessions', {
		title: 'Faire Beschaffung – Fokusgruppe Müllheim',
		municipality: 'Stadt Müllheim',
		template: 'blank',
		language: 'de'
	});
	const s = created.body;
	const jana = await join(s, 'Jana K.', 'civil');
	const murat = await join(s, FORMULA, 'admin');

	const write = async (
		token: string,
		authorId: string,
		group: string,
		cards: [string, 'challenges' | 'potentials' | 'next-steps', string][]
	) => {
		const board = connectBoard(server.url, s.boardId, token);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		for (const [id, area, cardText] of cards)
			createCard(board.doc, {
				id,
				area,
				text: cardText,
				authorId,
				authorGroup: group,
				createdAt: Date.now()
			});
		return board;
	};
	const janaBoard = await write(jana.token, jana.participantId, 'civil', [
		['c1', 'challenges', 'Große Lose schließen „kleine“ Sozialbetriebe aus – schade!'],
		['p1', 'potentials', 'Repair-Café als Partner']
	]);
	const muratBoard = await write(murat.token, murat.participantId, 'admin', [
		['c2', 'challenges', FORMULA],
		['c3', 'challenges', `${AT}\nzweite Zeile; mit Semikolon, und Komma`]
	]);
	const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
	cleanup.push(() => facilitator.provider.destroy());
	await facilitator.synced;
	await until(() => readCards(facilitator.doc).length === 4, 5000, 'participants’ cards');
	createCluster(
		facilitator.doc,
		{ id: 'k1', area: 'challenges', title: 'Vergabe', createdAt: Date.now() },
		['c1', 'c2']
	);
	const me = await api<SessionResponse>(
		server.url,
		'GET',
		`/api/sessions/${s.id}`,
		undefined,
		bearer(s.facilitatorToken)
	);
	createCard(facilitator.doc, {
		id: 'n1',
		area: 'next-steps',
		text: 'Runder Tisch im Frühjahr',
		authorId: me.body.me.participantId,
		createdAt: Date.now()
	});
	setNextStep(facilitator.doc, 'n1', {
		owner: 'Vergabestelle',
		ownerGroup: 'admin',
		partners: 'Weltladen',
		due: '2026-06-30',
		answers: ['c1']
	});
	connect(facilitator.doc, {
		id: 'v1',
		from: 'p1',
		to: 'k1',
		label: 'könnte unterstützen',
		createdAt: Date.now()
	});
	// Stored once a fresh reader sees it all.
	const reader = connectBoard(server.url, s.boardId, s.facilitatorToken);
	cleanup.push(() => reader.provider.destroy());
	await reader.synced;
	await until(
		() => readCards(reader.doc).length === 5 && reader.doc.getMap('connectors').size === 1,
		5000,
		'the facilitator’s changes'
	);

	await command(s.id, s.facilitatorToken, { type: 'voting.open' });
	await command(s.id, s.facilitatorToken, { type: 'voting.cancel' });
	await command(s.id, s.facilitatorToken, {
		type: 'voting.open',
		scope: { areas: ['challenges', 'potentials'] }
	});
	for (const [token, dots] of [
		[jana.token, ['c1', 'c1', 'p1']],
		[murat.token, ['c1', 'c2', 'c2']]
	] as const) {
		const socket = controlClient(server.url, s.id, token);
		cleanup.push(() => socket.socket.disconnect());
		await socket.connected;
		for (const cardId of dots)
			expect(await socket.command({ type: 'vote.add', cardId })).toMatchObject({ ok: true });
	}
	await command(s.id, s.facilitatorToken, { type: 'voting.close' });
	return { s, jana, murat, boards: [janaBoard, muratBoard, facilitator, reader] };
}

describe('exports over HTTP', () => {
	let session: Awaited<ReturnType<typeof shortSession>>;
	beforeAll(async () => {
		session = await shortSession();
	});

	it('are the facilitator’s only: 401 without a token, 403 for a participant, 404 for an unknown format', async () => {
		const { s, jana } = session;
		expect((await download(s.id, 'json')).status).toBe(401);
		expect((await download(s.id, 'csv', '', bearer('x'.repeat(43)))).status).toBe(401);
		expect((await download(s.id, 'json', '', bearer(jana.token))).status).toBe(403);
		const unknown = await download(s.id, 'exe', '', bearer(s.facilitatorToken));
		expect(unknown.status).toBe(404);
		expect(JSON.parse(text(unknown.bytes))).toMatchObject({
			error: { code: 'export_format_unknown' }
		});
		for (const query of ['?named=yes', '?name=true', '?named=true&named=false', '?foo=bar']) {
			const bad = await download(s.id, 'json', query, bearer(s.facilitatorToken));
			expect(bad.status, query).toBe(400);
		}
		// An option the export does not have is named (a typo of `named` is easily made).
		const typo = await download(s.id, 'json', '?name=true', bearer(s.facilitatorToken));
		expect(JSON.parse(text(typo.bytes)).error.message).toContain('„name“');
	});

	it('tells the protocol’s time in the time zone asked for, Berlin’s without one, and refuses a zone Intl does not know', async () => {
		const { s } = session;
		const asOf = async (format: 'md' | 'pdf', query: string) => {
			const before = Date.now();
			const res = await download(s.id, format, query, bearer(s.facilitatorToken));
			const after = Date.now();
			expect(res.status, query).toBe(200);
			let body = text(res.bytes);
			if (format === 'pdf') {
				const file = path.join(data.dir, 'time-zone.pdf');
				writeFileSync(file, res.bytes);
				body = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
			}
			return { body, moments: [before, after] };
		};
		const expectAsOf = (
			{ body, moments }: { body: string; moments: number[] },
			timeZone: string,
			label: string,
			escape = (told: string) => told
		) => {
			// The minute may turn while the file is made: either end of the request is right.
			const told = moments.map((ms) => escape(formatDateTime('de', ms, timeZone)));
			expect(
				told.some((t) => body.includes(`${label}${t}`)),
				`${told[0]} in ${timeZone}`
			).toBe(true);
		};
		expectAsOf(await asOf('md', ''), 'Europe/Berlin', '- **Stand:** ', escapeMarkdownInline);
		expectAsOf(
			await asOf('md', '?timeZone=America/New_York'),
			'America/New_York',
			'- **Stand:** ',
			escapeMarkdownInline
		);
		// The PDF is written by the export worker, which gets the zone with the other options.
		expectAsOf(await asOf('pdf', '?timeZone=Asia/Tokyo'), 'Asia/Tokyo', 'Stand: ');
		// The JSON's moments stay UTC, whatever zone the protocol is told in.
		const json = await download(s.id, 'json', '?timeZone=Asia/Tokyo', bearer(s.facilitatorToken));
		expect(typeof (JSON.parse(text(json.bytes)) as ExportModel).exportedAt).toBe('number');
		for (const query of [
			'?timeZone=Mars/Olympus',
			'?timeZone=',
			'?timeZone=Berlin',
			'?timeZone=Europe/Berlin&timeZone=UTC',
			'?timezone=Europe/Berlin'
		]) {
			const bad = await download(s.id, 'md', query, bearer(s.facilitatorToken));
			expect(bad.status, query).toBe(400);
			expect(JSON.parse(text(bad.bytes)), query).toMatchObject({ error: { code: 'bad_request' } });
		}
	});

	it('gives the whole session as JSON that the documented schema accepts, pseudonymous by default', async () => {
		const { s, jana, murat } = session;
		const res = await download(s.id, 'json', '', bearer(s.facilitatorToken));
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(
			/^attachment; filename="faire-beschaffung-fokusgruppe-muellheim-\d{4}-\d{2}-\d{2}\.json"$/
		);
		const model = JSON.parse(text(res.bytes)) as ExportModel;
		const validate = new Ajv2020({ allErrors: true, strict: false }).compile(SCHEMA);
		expect(validate(model), JSON.stringify(validate.errors)).toBe(true);

		expect(model.session).toMatchObject({
			title: 'Faire Beschaffung – Fokusgruppe Müllheim',
			municipality: 'Stadt Müllheim',
			facilitator: 'Moderation'
		});
		expect(model.participants.map((p) => [p.id, p.name, p.group, p.role])).toEqual([
			[expect.any(String), null, null, 'facilitator'],
			[expect.any(String), null, null, 'observer'],
			[jana.participantId, null, 'civil', 'participant'],
			[murat.participantId, null, 'admin', 'participant']
		]);
		expect(text(res.bytes)).not.toContain('Jana K.');
		expect(model.cards.map((c) => [c.id, c.area, c.clusterId, c.authorGroup])).toEqual([
			['c1', 'challenges', 'k1', 'civil'],
			['c2', 'challenges', 'k1', 'admin'],
			['c3', 'challenges', null, 'admin'],
			['p1', 'potentials', null, 'civil'],
			['n1', 'next-steps', null, null]
		]);
		expect(model.cards[0]!.text).toBe('Große Lose schließen „kleine“ Sozialbetriebe aus – schade!');
		const [cancelled, closed] = model.votingRounds;
		expect([cancelled!.status, cancelled!.results]).toEqual(['cancelled', null]);
		expect(closed!.status).toBe('closed');
		expect(closed!.results!.cards.slice(0, 3).map((c) => [c.cardId, c.dots, c.rank])).toEqual([
			['c1', 3, 1],
			['c2', 2, 2],
			['p1', 1, 3]
		]);
		const c1 = model.cards[0]!;
		expect(c1.dots).toEqual({ [closed!.id]: 3 });
		expect(c1.dotsByGroup).toMatchObject({ civil: 2, admin: 1 });
		expect(model.connectors).toEqual([
			{
				id: 'v1',
				from: 'p1',
				fromKind: 'card',
				to: 'k1',
				toKind: 'cluster',
				label: 'könnte unterstützen'
			}
		]);
		expect(model.nextSteps).toEqual([
			expect.objectContaining({ cardId: 'n1', owner: 'Vergabestelle', answers: ['c1'], dots: 0 })
		]);
		expect(model.stakeholderGroups.find((g) => g.id === 'civil')).toEqual({
			id: 'civil',
			label: 'Zivilgesellschaftliche Organisation',
			participants: 1
		});

		const named = JSON.parse(
			text((await download(s.id, 'json', '?named=true&lang=en', bearer(s.facilitatorToken))).bytes)
		) as ExportModel;
		expect(named.named).toBe(true);
		expect(named.participants.slice(2).map((p) => p.name)).toEqual(['Jana K.', FORMULA]);
		expect(named.areas[0]!.title).toBe('Challenges');
		expect(named.votingRounds[1]!.title).toBe('Round 2');
	});

	it('gives one CSV row per card that an independent CSV reader reads back as the board, formulas neutralised', async () => {
		const { s } = session;
		const json = JSON.parse(
			text((await download(s.id, 'json', '', bearer(s.facilitatorToken))).bytes)
		) as ExportModel;
		for (const [query, delimiter] of [
			['?named=true', ','],
			['?named=true&delimiter=semicolon', ';']
		] as const) {
			const res = await download(s.id, 'csv', query, bearer(s.facilitatorToken));
			expect(res.status).toBe(200);
			expect(res.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
			expect(res.headers.get('content-disposition')).toMatch(/muellheim-\d{4}-\d{2}-\d{2}\.csv"$/);
			expect([...res.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
			const [header, ...rows] = parse(text(res.bytes), { bom: true, delimiter }) as string[][];
			expect(header!.slice(0, 9)).toEqual([
				'Sitzung',
				'Bereich',
				'Cluster',
				'Text',
				'Akteursgruppe (Autor·in)',
				'Autor·in',
				'Erstellt (UTC)',
				'Punkte gesamt',
				'Punkte: Runde 2'
			]);
			const col = (name: string) => header!.indexOf(name);
			expect(
				rows.map((r) => [
					r[col('Karten-ID')],
					r[col('Bereich')],
					r[col('Cluster')],
					r[col('Text')],
					r[col('Autor·in')],
					r[col('Punkte: Runde 2')],
					r[col('Punkte von: Zivilgesellschaftliche Organisation')],
					r[col('Punkte von: Kommunalverwaltung / Vergabestelle')]
				])
			).toEqual([
				['c1', 'Herausforderungen', 'Vergabe', json.cards[0]!.text, 'Jana K.', '3', '2', '1'],
				['c2', 'Herausforderungen', 'Vergabe', `'${FORMULA}`, `'${FORMULA}`, '2', '0', '2'],
				[
					'c3',
					'Herausforderungen',
					'',
					`'${AT}\nzweite Zeile; mit Semikolon, und Komma`,
					`'${FORMULA}`,
					'0',
					'0',
					'0'
				],
				['p1', 'Potentiale', '', 'Repair-Café als Partner', 'Jana K.', '1', '1', '0'],
				// A next step no round counted: no dots at all, not 0 (c3 was counted and got none).
				['n1', 'Nächste Schritte', '', 'Runder Tisch im Frühjahr', 'Moderation', '', '', '']
			]);
			expect(rows.every((r) => r[0] === 'Faire Beschaffung – Fokusgruppe Müllheim')).toBe(true);
		}
	});

	it('gives the protocol and the board picture of the live session in every document format, with every card text', async () => {
		const { s } = session;
		const cardTexts = [
			'Große Lose schließen „kleine“ Sozialbetriebe aus – schade!',
			'Repair-Café als Partner',
			'Runder Tisch im Frühjahr'
		];
		const get = async (format: string) => {
			const res = await download(s.id, format, '', bearer(s.facilitatorToken));
			expect(res.status, format).toBe(200);
			expect(res.headers.get('content-disposition'), format).toMatch(
				new RegExp(
					`attachment; filename="faire-beschaffung-fokusgruppe-muellheim-\\d{4}-\\d{2}-\\d{2}\\.${format}"`
				)
			);
			return res.bytes;
		};
		const flat = (value: string) => value.replace(/\s+/g, '');
		const markdown = text(await get('md'));
		const svg = text(await get('svg'));
		const { value: docx } = await mammoth.extractRawText({
			buffer: Buffer.from(await get('docx'))
		});
		const pdfFile = path.join(data.dir, 'protocol.pdf');
		writeFileSync(pdfFile, await get('pdf'));
		const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', pdfFile, '-'], { encoding: 'utf8' });
		for (const card of cardTexts) {
			expect(markdown.replace(/\\(.)/g, '$1')).toContain(card);
			expect(docx).toContain(card);
			expect(flat(pdf)).toContain(flat(card));
			expect(svg).toContain(card.replace(/&/g, '&amp;').replace(/</g, '&lt;'));
		}
		for (const protocol of [markdown, docx, pdf]) {
			expect(protocol).toContain('Stadt Müllheim');
			expect(protocol).toContain('Vergabestelle');
		}
		const sheets = await readXlsxFile(Buffer.from(await get('xlsx')));
		const cells = sheets.flatMap((sheet) => sheet.data.flat());
		for (const card of cardTexts) expect(cells).toContain(card);
		expect(cells).toContain(`'${FORMULA}`);
		expect(cells).not.toContain(FORMULA);
		const png = PNG.sync.read(Buffer.from(await get('png')));
		expect(png.width).toBeGreaterThan(500);
		const colours = new Set<number>();
		for (let i = 0; i < png.data.length; i += 4 * 97) colours.add(png.data.readUInt32BE(i));
		expect(colours.size).toBeGreaterThan(20);
	});

	it('titles a card’s dot badge with the dots of the round the picture shows, while the protocol gives the total', async () => {
		// A server of its own: the exports of this file's other tests use up the download limit.
		const ownData = tempDataDir();
		const own = await startTestServer(ownData.dir);
		cleanup.push(() => ownData.remove());
		try {
			const s = (
				await api<CreateSessionResponse>(own.url, 'POST', '/api/sessions', {
					title: 'Zwei Runden',
					template: 'blank',
					language: 'de'
				})
			).body;
			const eva = (
				await api<JoinResponse>(own.url, 'POST', `/api/sessions/${s.id}/participants`, {
					joinToken: s.joinToken,
					name: 'Eva'
				})
			).body;
			const board = connectBoard(own.url, s.boardId, eva.token);
			cleanup.push(() => board.provider.destroy());
			await board.synced;
			createCard(board.doc, {
				id: 'c1',
				area: 'challenges',
				text: 'Eine Karte',
				authorId: eva.participantId,
				createdAt: Date.now()
			});
			const reader = connectBoard(own.url, s.boardId, s.facilitatorToken);
			cleanup.push(() => reader.provider.destroy());
			await reader.synced;
			await until(() => readCards(reader.doc).length === 1, 5000, 'the card on the server');
			const facilitator = async (payload: object) => {
				const res = await api(
					own.url,
					'POST',
					`/api/sessions/${s.id}/commands`,
					payload,
					bearer(s.facilitatorToken)
				);
				expect(res.status, JSON.stringify(res.body)).toBe(200);
			};
			const voter = controlClient(own.url, s.id, eva.token);
			cleanup.push(() => voter.socket.disconnect());
			await voter.connected;
			for (const dots of [2, 1]) {
				await facilitator({ type: 'voting.open' });
				for (let i = 0; i < dots; i++)
					expect(await voter.command({ type: 'vote.add', cardId: 'c1' })).toMatchObject({
						ok: true
					});
				await facilitator({ type: 'voting.close' });
			}
			const get = async (format: string, query = '') => {
				const res = await download(s.id, format, query, bearer(s.facilitatorToken), own.url);
				expect(res.status, format).toBe(200);
				return text(res.bytes);
			};
			const svg = await get('svg');
			expect(svg).toContain('<g class="dots"><title>1 Punkt in „Runde 2“</title>');
			expect(svg).toContain('>● 1</text>');
			expect(svg).not.toContain('insgesamt');
			expect(await get('svg', '?lang=en')).toContain(
				'<g class="dots"><title>1 dot in “Round 2”</title>'
			);
			expect(await get('md')).toContain('Eine Karte — **3 Punkte**');
		} finally {
			await own.close();
		}
	});

	it('draws the board picture where the board draws it: a card that grew pushes the card below it down, while JSON keeps where it was put', async () => {
		// A server of its own: the exports of this file's other tests use up the download limit.
		const ownData = tempDataDir();
		const own = await startTestServer(ownData.dir);
		cleanup.push(() => ownData.remove());
		const created = await api<CreateSessionResponse>(own.url, 'POST', '/api/sessions', {
			title: 'Eine Spalte',
			municipality: '',
			template: 'blank',
			language: 'de'
		});
		const s = created.body;
		const me = await api<SessionResponse>(
			own.url,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		const board = connectBoard(own.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		// B is put just below A; then A's text grows, so that as put A would cover most of B.
		const authorId = me.body.me.participantId;
		const put = { a: 80, b: 80 + estimateCardHeight('Kurz') + LAYOUT.gap };
		createCard(board.doc, {
			id: 'a',
			area: 'challenges',
			text: 'Kurz',
			authorId,
			createdAt: Date.now(),
			x: 24,
			y: put.a
		});
		createCard(board.doc, {
			id: 'b',
			area: 'challenges',
			text: 'Darunter',
			authorId,
			createdAt: Date.now(),
			x: 24,
			y: put.b
		});
		const long =
			'Die Vergabestelle kennt die kleinen Betriebe aus der Nachbarschaft nicht, ' +
			'und die Betriebe finden die Ausschreibungen nicht, weil sie auf einem Portal stehen, ' +
			'das niemand von ihnen benutzt';
		setCardText(board.doc, 'a', long);
		const reader = connectBoard(own.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => reader.provider.destroy());
		await reader.synced;
		await until(
			() => readCards(reader.doc).find((c) => c.id === 'a')?.text === long,
			5000,
			'the grown card'
		);

		const json = JSON.parse(
			text((await download(s.id, 'json', '', bearer(s.facilitatorToken), own.url)).bytes)
		) as ExportModel;
		const [a, b] = ['a', 'b'].map((id) => json.cards.find((c) => c.id === id)!);
		expect([a!.y, b!.y]).toEqual([put.a, put.b]);
		expect(a!.y + a!.height).toBeGreaterThan(b!.y);

		const svg = text((await download(s.id, 'svg', '', bearer(s.facilitatorToken), own.url)).bytes);
		const drawn = (cardText: string) => {
			const at = new RegExp(
				`<title>${cardText}</title>\n<rect [^>]*/>\n<rect x="([-\\d.]+)" y="([-\\d.]+)" width="[-\\d.]+" height="([-\\d.]+)"`
			).exec(svg);
			expect(at, cardText).not.toBeNull();
			return { x: Number(at![1]), y: Number(at![2]), height: Number(at![3]) };
		};
		const drawnA = drawn(long);
		const drawnB = drawn('Darunter');
		expect([drawnA.x, drawnA.y, drawnA.height]).toEqual([24, put.a, a!.height]);
		expect(drawnB.x).toBe(24);
		expect(drawnB.y).toBeGreaterThanOrEqual(drawnA.y + drawnA.height);
		await own.close();
	});

	it('draws the board picture with cluster frames clear of each other and of other cards after a card in the upper cluster grew', async () => {
		const ownData = tempDataDir();
		const own = await startTestServer(ownData.dir);
		cleanup.push(() => ownData.remove());
		const s = (
			await api<CreateSessionResponse>(own.url, 'POST', '/api/sessions', {
				title: 'Zwei Cluster',
				template: 'blank',
				language: 'de'
			})
		).body;
		const me = await api<SessionResponse>(
			own.url,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		const board = connectBoard(own.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		// Two clusters one above the other over both columns, and a card in none below them, as
		// "arrange by clusters" puts short cards; then a card of the upper cluster grows.
		const authorId = me.body.me.participantId;
		const short = estimateCardHeight('Kurz');
		const [left, right] = [24, 24 + 200 + LAYOUT.gap];
		const lower = 120 + short + LAYOUT.gap + 28 + 40;
		const put = [
			{ id: 'a', text: 'Oben', x: left, y: 120 },
			{ id: 'b', text: 'Daneben', x: right, y: 120 },
			{ id: 'c', text: 'Unten', x: left, y: lower },
			{ id: 'd', text: 'Unten rechts', x: right, y: lower },
			{ id: 'e', text: 'Lose', x: right, y: lower + short + LAYOUT.gap + 28 }
		];
		for (const card of put)
			createCard(board.doc, { ...card, area: 'challenges', authorId, createdAt: 1 });
		createCluster(board.doc, { id: 'k1', title: 'Erster', area: 'challenges', createdAt: 1 }, [
			'a',
			'b'
		]);
		createCluster(board.doc, { id: 'k2', title: 'Zweiter', area: 'challenges', createdAt: 2 }, [
			'c',
			'd'
		]);
		const long =
			'Die Vergabestelle kennt die kleinen Betriebe aus der Nachbarschaft nicht, ' +
			'und die Betriebe finden die Ausschreibungen nicht';
		setCardText(board.doc, 'a', long);
		const reader = connectBoard(own.url, s.boardId, s.facilitatorToken);
		cleanup.push(() => reader.provider.destroy());
		await reader.synced;
		await until(
			() => readCards(reader.doc).find((c) => c.id === 'a')?.text === long,
			5000,
			'the grown card'
		);

		const json = JSON.parse(
			text((await download(s.id, 'json', '', bearer(s.facilitatorToken), own.url)).bytes)
		) as ExportModel;
		// As put, the upper frame reaches over the lower one's title; JSON keeps the places.
		const [k1, k2] = ['k1', 'k2'].map((id) => json.clusters.find((c) => c.id === id)!.frame);
		expect(k1!.y + k1!.height).toBeGreaterThan(k2!.y);
		expect(put.map((c) => json.cards.find((j) => j.id === c.id)?.y)).toEqual(put.map((c) => c.y));

		const svg = text((await download(s.id, 'svg', '', bearer(s.facilitatorToken), own.url)).bytes);
		type Box = { x: number; y: number; width: number; height: number };
		const num = '([-\\d.]+)';
		const rect = `<rect x="${num}" y="${num}" width="${num}" height="${num}"`;
		const boxAt = (m: RegExpMatchArray, first: number): Box => {
			const [x, y, width, height] = m.slice(first, first + 4).map(Number);
			return { x: x!, y: y!, width: width!, height: height! };
		};
		const frames = new Map(
			[
				...svg.matchAll(new RegExp(`<g class="cluster">${rect}[^>]*/>\\n<text [^>]*>([^<]*)<`, 'g'))
			].map((m) => [m[5]!, boxAt(m, 1)])
		);
		const cards = new Map(
			[
				...svg.matchAll(
					new RegExp(`<g class="card"><title>([^<]*)</title>\\n<rect [^>]*/>\\n${rect}`, 'g')
				)
			].map((m) => [m[1]!, boxAt(m, 2)])
		);
		expect([...frames.keys()]).toEqual(['Erster', 'Zweiter']);
		expect(cards.size).toBe(put.length);
		const apart = (a: Box, b: Box) =>
			a.x + a.width <= b.x ||
			b.x + b.width <= a.x ||
			a.y + a.height <= b.y ||
			b.y + b.height <= a.y;
		const [upper, below] = [frames.get('Erster')!, frames.get('Zweiter')!];
		expect(below.y).toBeGreaterThanOrEqual(upper.y + upper.height);
		const members: Record<string, string[]> = {
			Erster: [long, 'Daneben'],
			Zweiter: ['Unten', 'Unten rechts']
		};
		for (const [title, frame] of frames)
			for (const [cardText, card] of cards)
				if (!members[title]!.includes(cardText))
					expect(apart(frame, card), `${title} over ${cardText}`).toBe(true);
		// The lower cluster moved as a whole.
		expect(cards.get('Unten')!.y).toBe(cards.get('Unten rechts')!.y);
		await own.close();
	});

	it('limits the files one address makes (20 at once, then one every 2 s), and a refused request uses up nothing', async () => {
		const ownData = tempDataDir();
		const own = await startTestServer(ownData.dir);
		cleanup.push(() => ownData.remove());
		const s = (
			await api<CreateSessionResponse>(own.url, 'POST', '/api/sessions', {
				title: 'Viele Downloads',
				template: 'blank'
			})
		).body;
		const get = (format: string, query = '') =>
			download(s.id, format, query, bearer(s.facilitatorToken), own.url);
		// Typos in a script's loop: refused, and they cost no file.
		for (let i = 0; i < 25; i++) {
			expect((await get('json', '?named=ja')).status).toBe(400);
			expect((await get('jsn')).status).toBe(404);
		}
		for (let i = 0; i < 20; i++) expect((await get('json')).status, `file ${i + 1}`).toBe(200);
		const refused = await get('csv');
		expect(refused.status).toBe(429);
		expect(JSON.parse(text(refused.bytes))).toMatchObject({ error: { code: 'rate_limited' } });
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		await own.close();
	});

	it('reads the board from storage when nobody has it open, with the same content', async () => {
		const { s, boards } = session;
		const live = await download(s.id, 'csv', '', bearer(s.facilitatorToken));
		boards.forEach((b) => b.provider.destroy());
		// BOARD_UNLOAD_DELAY_MS is 0 in tests: the board leaves memory once its clients are gone.
		await new Promise((resolve) => setTimeout(resolve, 100));
		const stored = await download(s.id, 'csv', '', bearer(s.facilitatorToken));
		expect(text(stored.bytes)).toBe(text(live.bytes));
	});

	it('imports its JSON as a new session whose export is the same apart from ids and the export time', async () => {
		const { s } = session;
		const original = JSON.parse(
			text((await download(s.id, 'json', '', bearer(s.facilitatorToken))).bytes)
		) as ExportModel;
		const imported = await api<CreateSessionResponse>(
			server.url,
			'POST',
			'/api/sessions/import',
			original
		);
		expect(imported.status, JSON.stringify(imported.body)).toBe(201);
		const copy = imported.body;
		expect(copy.id).not.toBe(s.id);
		expect(copy.facilitatorToken).not.toBe(s.facilitatorToken);
		expect(imported.headers.get('set-cookie')).toMatch(/HttpOnly/);
		const again = JSON.parse(
			text((await download(copy.id, 'json', '', bearer(copy.facilitatorToken))).bytes)
		) as ExportModel;
		expect(again.session.id).toBe(copy.id);
		expect(again.cards.every((c) => !['c1', 'c2', 'c3', 'p1', 'n1'].includes(c.id))).toBe(true);
		expect(withoutIds(again)).toEqual(withoutIds(original));

		// Its rounds show the progress of the original's, though no votes came with the file.
		const rounds = async (id: string, token: string) =>
			(
				await api<StateResponse>(
					server.url,
					'GET',
					`/api/sessions/${id}/state`,
					undefined,
					bearer(token)
				)
			).body.voting.rounds;
		const [, closed] = await rounds(s.id, s.facilitatorToken);
		expect(closed!.progress).toEqual({ voters: 2, dots: 6 });
		const copied = await rounds(copy.id, copy.facilitatorToken);
		expect(copied.map((r) => [r.status, r.imported, r.progress])).toEqual([
			['cancelled', true, { voters: 0, dots: 0 }],
			['closed', true, closed!.progress]
		]);

		// The board of the new session is a real board: a stock client reads its cards.
		const board = connectBoard(server.url, copy.boardId, copy.facilitatorToken);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		await until(() => readCards(board.doc).length === 5, 5000, 'the imported board');
		// The original's tokens open nothing in the copy.
		expect((await download(copy.id, 'json', '', bearer(s.facilitatorToken))).status).toBe(403);
	});

	it('refuses an import of another version or of a file that is no export, with a typed error', async () => {
		const { s } = session;
		const original = JSON.parse(
			text((await download(s.id, 'json', '', bearer(s.facilitatorToken))).bytes)
		) as Record<string, unknown>;
		const post = (body: unknown) =>
			api<{ error: { code: string } }>(server.url, 'POST', '/api/sessions/import', body);
		const newer = await post({ ...original, version: 2 });
		expect([newer.status, newer.body.error.code]).toEqual([400, 'import_version_unsupported']);
		for (const broken of [
			{ hello: 'world' },
			[1, 2, 3],
			{ ...original, cards: [{ id: 'x' }] },
			{ ...original, session: { ...(original.session as object), title: '' } }
		]) {
			const res = await post(broken);
			expect(res.status).toBe(400);
			expect(['import_invalid', 'title_required']).toContain(res.body.error.code);
		}
		// An export that breaks one of the session's rules gets that rule's code, as documented.
		for (const [broken, code] of [
			[{ ...original, agenda: [] }, 'agenda_empty'],
			[{ ...original, stakeholderGroups: [] }, 'groups_empty']
		] as const) {
			const res = await post(broken);
			expect([res.status, res.body.error.code]).toEqual([400, code]);
		}
		// Two cards of one id would become one: refused, and the message says which id.
		const cards = original.cards as { id: string; authorId: string }[];
		const twice = await api<{ error: { code: string; message: string } }>(
			server.url,
			'POST',
			'/api/sessions/import',
			{ ...original, cards: [...cards, { ...cards[1]!, id: cards[0]!.id }] },
			{ 'accept-language': 'en' }
		);
		expect([twice.status, twice.body.error.code]).toEqual([400, 'import_invalid']);
		expect(twice.body.error.message).toBe(
			`The file is not a valid Fokusrunde export. cards: the id “${cards[0]!.id}” appears more than once.`
		);
		// A card of someone the file does not list: no session's export has one.
		const stranger = await post({ ...original, cards: [{ ...cards[0]!, authorId: 'x9' }] });
		expect([stranger.status, stranger.body.error.code]).toEqual([400, 'import_invalid']);
		// What the board would not keep as the file says is refused, not stored and rewritten.
		const refusal = async (body: object) => {
			const res = await api<{ error: { code: string; message: string } }>(
				server.url,
				'POST',
				'/api/sessions/import',
				body,
				{ 'accept-language': 'en' }
			);
			return [res.status, res.body.error.code, res.body.error.message];
		};
		const invalid = 'The file is not a valid Fokusrunde export.';
		expect(
			await refusal({ ...original, cards: [{ ...cards[0]!, x: 1e9 }, ...cards.slice(1)] })
		).toEqual([
			400,
			'import_invalid',
			`${invalid} cards: the card “${cards[0]!.id}” has x = 1000000000, outside -100000 to 100000.`
		]);
		const connectors = original.connectors as { id: string }[];
		expect(
			await refusal({ ...original, connectors: [{ ...connectors[0]!, from: 'unknownid' }] })
		).toEqual([
			400,
			'import_invalid',
			`${invalid} connectors: “${connectors[0]!.id}” names the card “unknownid”, which is not in cards.`
		]);
		// A version that is no number is no export; a number other than 1 another version.
		const versionText = await post({ ...original, version: '1' });
		expect([versionText.status, versionText.body.error.code]).toEqual([400, 'import_invalid']);
		// The message says what belongs in the place it names.
		expect(await refusal({ ...original, version: '1' })).toEqual([
			400,
			'import_invalid',
			`${invalid} version: an export has a number here.`
		]);
		const notJson = await api<{ error: { code: string } }>(
			server.url,
			'POST',
			'/api/sessions/import',
			'{"version": 1,'
		);
		expect(notJson.body.error.code).toBe('invalid_json');
	});
});
