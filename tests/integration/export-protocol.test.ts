import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import mammoth from 'mammoth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { createCard, readCards } from '../../src/lib/domain/board/cards';
import type { CreateSessionResponse, JoinResponse } from '../../src/lib/protocol/api';
import { controlClient } from '../helpers/control';
import { api, connectBoard, startTestServer, tempDataDir, until } from '../helpers/server';

/**
 * Who the protocol says was in the meeting, over HTTP as a facilitator downloads
 * it: a session whose facilitator never gave a name, whose presenter link is open
 * on the projector, with two participants. A server of its own, so that the
 * download limit is this file's alone.
 */
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

async function download(sessionId: string, token: string, format: string, query = '') {
	const response = await fetch(`${server.url}/api/sessions/${sessionId}/export/${format}${query}`, {
		headers: bearer(token)
	});
	expect(response.status, `${format}${query}`).toBe(200);
	return Buffer.from(await response.arrayBuffer());
}

async function join(s: CreateSessionResponse, name: string, group: string) {
	const res = await api<JoinResponse>(server.url, 'POST', `/api/sessions/${s.id}/participants`, {
		joinToken: s.joinToken,
		name,
		group
	});
	expect(res.status).toBe(201);
	return res.body;
}

/** The rows of the Markdown table whose header row is `header`, cells unescaped and trimmed. */
function markdownTable(markdown: string, header: string): string[][] {
	const lines = markdown.split('\n');
	const start = lines.indexOf(header);
	expect(start, header).toBeGreaterThanOrEqual(0);
	const rows: string[][] = [];
	for (const line of lines.slice(start + 2)) {
		if (!line.startsWith('|')) break;
		rows.push(
			line
				.slice(1, -1)
				.split(/(?<!\\)\|/)
				.map((cell) => cell.trim().replace(/\\(.)/g, '$1'))
		);
	}
	return rows;
}

async function meeting() {
	const created = await api<CreateSessionResponse>(server.url, 'POST', '/api/sessions', {
		title: 'Faire Beschaffung – Fokusgruppe Lörrach',
		template: 'blank',
		language: 'de'
	});
	expect(created.status).toBe(201);
	const s = created.body;

	// The projector opens the presenter link as the presenter view does: it signs in, reads the
	// session and keeps the board and the control plane open.
	const observer = s.presenterUrl.split('#')[1]!;
	const signIn = await api(server.url, 'POST', `/api/sessions/${s.id}/sign-in`, {
		token: observer
	});
	expect(signIn.status).toBe(204);
	const view = await api<{ me: { role: string } }>(
		server.url,
		'GET',
		`/api/sessions/${s.id}`,
		undefined,
		bearer(observer)
	);
	expect(view.body.me.role).toBe('observer');
	const projector = connectBoard(server.url, s.boardId, observer);
	cleanup.push(() => projector.provider.destroy());
	const projectorControl = controlClient(server.url, s.id, observer);
	cleanup.push(() => projectorControl.socket.disconnect());
	await Promise.all([projector.synced, projectorControl.connected]);

	const jana = await join(s, 'Jana K.', 'civil');
	const kai = await join(s, 'Kai Nguyen', 'admin');
	for (const [person, group, text] of [
		[jana, 'civil', 'Große Lose schließen kleine Betriebe aus'],
		[kai, 'admin', 'Vergaberecht erlaubt Sozialkriterien']
	] as const) {
		const board = connectBoard(server.url, s.boardId, person.token);
		cleanup.push(() => board.provider.destroy());
		await board.synced;
		createCard(board.doc, {
			id: `card-${person.participantId}`,
			area: 'challenges',
			text,
			authorId: person.participantId,
			authorGroup: group,
			createdAt: Date.now()
		});
	}
	await until(() => readCards(projector.doc).length === 2, 5000, 'both cards on the projector');
	return { s, observer };
}

describe('the protocol’s list of people', () => {
	let session: Awaited<ReturnType<typeof meeting>>;
	beforeAll(async () => {
		session = await meeting();
	});

	it('lists the two participants and the facilitator by role, with no nameless and no observer row', async () => {
		const { s } = session;
		const markdown = (await download(s.id, s.facilitatorToken, 'md', '?named=true')).toString();
		expect(markdownTable(markdown, '| Name | Akteursgruppe | Rolle |')).toEqual([
			['Moderation', '', 'Moderation'],
			['Jana K.', 'Zivilgesellschaftliche Organisation', 'Teilnahme'],
			['Kai Nguyen', 'Kommunalverwaltung / Vergabestelle', 'Teilnahme']
		]);
		expect(markdown).not.toContain('Beobachtung');
		expect(markdownTable(markdown, '| Akteursgruppe | Anzahl |').at(-1)).toEqual(['Gesamt', '2']);

		const english = (
			await download(s.id, s.facilitatorToken, 'md', '?named=true&lang=en')
		).toString();
		expect(markdownTable(english, '| Name | Stakeholder group | Role |')).toEqual([
			['Facilitator', '', 'Facilitator'],
			['Jana K.', 'Civil-society organisation', 'Participant'],
			['Kai Nguyen', 'Municipal administration / procurement office', 'Participant']
		]);
		expect(english).not.toContain('Observer');
	});

	it('says the same in DOCX and PDF', async () => {
		const { s } = session;
		const { value: docx } = await mammoth.extractRawText({
			buffer: await download(s.id, s.facilitatorToken, 'docx', '?named=true')
		});
		const pdfFile = path.join(data.dir, 'protocol.pdf');
		writeFileSync(pdfFile, await download(s.id, s.facilitatorToken, 'pdf', '?named=true'));
		const pdf = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', pdfFile, '-'], {
			encoding: 'utf8'
		});
		for (const protocol of [docx, pdf]) {
			// Row by row, whitespace between cells (the facilitator's group is empty).
			expect(protocol).toMatch(
				/Name\s+Akteursgruppe\s+Rolle\s+Moderation\s+Moderation\s+Jana K\.\s+Zivilgesellschaftliche Organisation\s+Teilnahme\s+Kai Nguyen\s+Kommunalverwaltung \/ Vergabestelle\s+Teilnahme\s+Ablauf/
			);
			expect(protocol).not.toContain('Beobachtung');
		}
	});

	it('does not name the facilitator, who gave no name, “Moderation” in the facts or as the PDF’s author', async () => {
		const { s } = session;
		const markdown = (await download(s.id, s.facilitatorToken, 'md')).toString();
		expect(markdown).toContain('- **Datum:**');
		expect(markdown).not.toContain('- **Moderation:**');
		const pdfFile = path.join(data.dir, 'unnamed.pdf');
		writeFileSync(pdfFile, await download(s.id, s.facilitatorToken, 'pdf'));
		const info = execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' });
		expect(info).toMatch(/^Creator:\s+Fokusrunde$/m);
		expect(info).not.toMatch(/^Author:/m);
	});

	it('names nobody and has no list of people in an export without names', async () => {
		const { s } = session;
		const markdown = (await download(s.id, s.facilitatorToken, 'md')).toString();
		expect(markdown).not.toContain('Jana K.');
		expect(markdown).not.toContain('Kai Nguyen');
		expect(markdown).not.toContain('| Rolle |');
		expect(markdownTable(markdown, '| Akteursgruppe | Anzahl |')).toEqual([
			['Kommunalverwaltung / Vergabestelle', '1'],
			['Zivilgesellschaftliche Organisation', '1'],
			['Gesamt', '2']
		]);
	});

	it('lists an observer who named themselves, as a co-researcher at the table', async () => {
		const { s, observer } = session;
		const renamed = await api<{ ok: boolean }>(
			server.url,
			'POST',
			`/api/sessions/${s.id}/commands`,
			{ type: 'me.rename', name: 'Dr. Lena Roth' },
			bearer(observer)
		);
		expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
		const markdown = (await download(s.id, s.facilitatorToken, 'md', '?named=true')).toString();
		expect(markdownTable(markdown, '| Name | Akteursgruppe | Rolle |')).toEqual([
			['Moderation', '', 'Moderation'],
			['Dr. Lena Roth', '', 'Beobachtung'],
			['Jana K.', 'Zivilgesellschaftliche Organisation', 'Teilnahme'],
			['Kai Nguyen', 'Kommunalverwaltung / Vergabestelle', 'Teilnahme']
		]);
	});
});
