import { parse } from 'csv-parse/sync';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { musterstadtExport } from '../helpers/export-fixture';
import { createCard, readCards } from '../../src/lib/domain/board/cards';
import { connectBoard, createSession, until } from '../helpers/server';
import { describeInBrowser, expectAccessible, person, useMeeting } from './support';

const meeting = useMeeting();

/** Files as a researcher has them after the meetings: one from this server, one from another. */
async function exportFiles(): Promise<{ held: string; other: string; broken: string }> {
	const dir = await mkdtemp(path.join(tmpdir(), 'fokusrunde-compare-'));
	const session = await createSession(meeting.app.url, 'Fokusgruppe Musterdorf');
	const board = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
	await board.synced;
	createCard(board.doc, {
		id: 'm1',
		area: 'challenges',
		text: 'Vergabestelle kennt die Sozialbetriebe nicht',
		authorId: session.facilitatorId,
		createdAt: Date.now()
	});
	const reader = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
	await reader.synced;
	await until(() => readCards(reader.doc).length === 1, 5000, 'the card on the server');
	board.provider.destroy();
	reader.provider.destroy();
	const exported = await fetch(`${meeting.app.url}/api/sessions/${session.id}/export/json`, {
		headers: { authorization: `Bearer ${session.facilitatorToken}` }
	});
	expect(exported.status).toBe(200);
	const held = path.join(dir, 'musterdorf.json');
	await writeFile(held, await exported.text());
	const model = musterstadtExport();
	const other = path.join(dir, 'musterstadt.json');
	await writeFile(other, JSON.stringify(model));
	const broken = path.join(dir, 'kaputt.json');
	await writeFile(broken, JSON.stringify({ ...model, cards: [...model.cards, model.cards[0]] }));
	return { held, other, broken };
}

describeInBrowser('comparing sessions on the start page', () => {
	it('downloads one CSV of two exports, and says in German which file it refuses', async () => {
		const files = await exportFiles();
		const { page } = await person(meeting.browser);
		await page.goto(meeting.app.url + '/');
		const section = page.getByRole('region', { name: 'Sitzungen vergleichen' });
		const input = section.getByLabel('Exportdateien (JSON, mehrere)');
		const submit = section.getByRole('button', { name: 'Vergleich herunterladen' });
		// As the export menu: semicolons for German Excel, unless the researcher chooses otherwise.
		await expect
			.poll(() => section.getByLabel('Semikolon (;) – für deutsches Excel').isChecked())
			.toBe(true);
		await expectAccessible(page, 'the start page with the comparison form');

		await input.setInputFiles([files.held]);
		await submit.click();
		await section
			.getByRole('alert')
			.getByText('Bitte wählen Sie mindestens zwei Exportdateien aus.')
			.waitFor();

		await input.setInputFiles([files.held, files.broken]);
		await submit.click();
		await section
			.getByRole('alert')
			.getByText(
				'Die Dateien lassen sich nicht vergleichen. Datei 2 („Faire Beschaffung – Fokusgruppe Musterstadt“): Die Datei ist kein gültiger Fokusrunde-Export. cards: Die ID „c1“ kommt mehrfach vor.'
			)
			.waitFor();
		await expectAccessible(page, 'the comparison form with an error');

		await input.setInputFiles([files.held, files.other]);
		const downloaded = page.waitForEvent('download');
		// From the keyboard: while the file is made, and after, the focus stays on the button.
		await submit.focus();
		await page.keyboard.press('Enter');
		const file = await downloaded;
		expect(file.suggestedFilename()).toMatch(
			/^fokusrunde-vergleich-2-sitzungen-\d{4}-\d{2}-\d{2}\.csv$/
		);
		await section
			.getByRole('status')
			.getByText(`${file.suggestedFilename()} heruntergeladen.`)
			.waitFor();
		expect(await section.getByRole('alert').count()).toBe(0);
		expect(await submit.evaluate((button) => button === document.activeElement)).toBe(true);
		expect(await submit.getAttribute('aria-disabled')).toBe(null);
		const [header, ...rows] = parse(await readFile(await file.path()), {
			bom: true,
			delimiter: ';'
		}) as string[][];
		expect(header!.slice(0, 4)).toEqual(['Sitzung Nr.', 'Sitzung', 'Kommune', 'Datum']);
		expect(rows).toHaveLength(1 + 30);
		expect(rows[0]!.slice(0, 2)).toEqual(['1', 'Fokusgruppe Musterdorf']);
		expect(rows[0]).toContain('Vergabestelle kennt die Sozialbetriebe nicht');
		expect(rows.slice(1).every((r) => r[1] === 'Faire Beschaffung – Fokusgruppe Musterstadt')).toBe(
			true
		);
	});
});
