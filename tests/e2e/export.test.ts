import { parse } from 'csv-parse/sync';
import { readFile, writeFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, expect, it } from 'vitest';
import { EXPORT_FORMATS, type ExportModel } from '../../src/lib/domain/export/model';
import { api, createSession } from '../helpers/server';
import { addCard, describeInBrowser, expectAccessible, person, PHONE, useMeeting } from './support';

const meeting = useMeeting();

const TITLE = 'Faire Beschaffung – Fokusgruppe Müllheim';
const SLUG = 'faire-beschaffung-fokusgruppe-muellheim';
// Short: the dot buttons name a card by the start of its text.
const CHALLENGE = 'Große Lose: „kleine“ Betriebe außen';
const FORMULA = '=1+1 ist keine Formel';
const POTENTIAL = 'Repair-Café als Partner';

/** The menu's name of each format, as the German catalog says it. */
const NAMES: Record<string, string> = {
	json: 'JSON',
	csv: 'CSV',
	xlsx: 'Excel (XLSX)',
	md: 'Markdown',
	docx: 'Word (DOCX)',
	pdf: 'PDF',
	svg: 'SVG',
	png: 'PNG'
};

/** Places one dot and waits until the ballot shows `left` dots left. */
async function dot(page: Page, text: string, left: number): Promise<void> {
	await page.getByRole('button', { name: `Punkt setzen: ${text}` }).click();
	await page.getByText(`Sie haben noch ${left} von 5 Punkten.`).waitFor();
}

let facilitator: Page;
const saved = new Map<string, string>();

/**
 * Downloads one format from the open export menu; resolves with the saved
 * file's name and path, or fails with the menu's own error message.
 */
async function download(format: string): Promise<{ name: string; path: string }> {
	const downloaded = facilitator.waitForEvent('download', { timeout: 15_000 });
	downloaded.catch(() => undefined);
	await facilitator
		.getByRole('button', { name: `${NAMES[format]} herunterladen`, exact: true })
		.click();
	// Watched only after the click, which replaces an earlier format's message.
	const failed = facilitator
		.getByText(/^Export fehlgeschlagen/)
		.waitFor({ timeout: 15_000 })
		.then(async () => {
			throw new Error(
				`${format}: ${await facilitator.getByText(/^Export fehlgeschlagen/).textContent()}`
			);
		});
	failed.catch(() => undefined);
	const file = await Promise.race([downloaded, failed]);
	const path = await file.path();
	saved.set(format, path);
	return { name: file.suggestedFilename(), path };
}

describeInBrowser('exporting a session', () => {
	beforeAll(async () => {
		// Not the server's default zone: the protocol must tell the time on the facilitator's clock.
		({ page: facilitator } = await person(meeting.browser, { timezoneId: 'America/Sao_Paulo' }));
		await facilitator.goto(meeting.app.url + '/');
		await facilitator.getByLabel('Titel der Sitzung').fill(TITLE);
		await facilitator.getByLabel('Kommune (optional)').fill('Stadt Müllheim');
		await facilitator.getByLabel('Freies Board').check();
		await facilitator.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await facilitator.getByRole('heading', { name: TITLE }).waitFor();
		const link = await facilitator.getByLabel('Link für Teilnehmende').first().inputValue();

		const { page: jana } = await person(meeting.browser);
		await jana.goto(link);
		await jana.getByLabel('Ihr Name').fill('Jana K.');
		await jana
			.getByLabel('Akteursgruppe')
			.selectOption({ label: 'Zivilgesellschaftliche Organisation' });
		await jana.getByRole('button', { name: 'Zum Board' }).click();
		await addCard(jana, 'Herausforderungen', CHALLENGE);
		await addCard(jana, 'Herausforderungen', FORMULA);
		await addCard(jana, 'Potentiale', POTENTIAL);
		for (const text of [CHALLENGE, FORMULA, POTENTIAL])
			await facilitator.getByRole('article').filter({ hasText: text }).waitFor();

		await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click();
		await facilitator.getByRole('button', { name: 'Punkten beginnen' }).click();
		await jana.getByText('Sie haben noch 5 von 5 Punkten.').waitFor();
		await dot(jana, CHALLENGE, 4);
		await dot(jana, CHALLENGE, 3);
		await dot(jana, POTENTIAL, 2);
		await facilitator.getByRole('button', { name: 'Beenden und Ergebnis zeigen' }).click();
		await facilitator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Beenden und Ergebnis zeigen' })
			.click();
		await facilitator.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();

		await facilitator.getByRole('button', { name: 'Exportieren' }).click();
		await facilitator.getByRole('heading', { name: 'Ergebnisse exportieren' }).waitFor();
		await facilitator.getByLabel('Mit Namen der Teilnehmenden').check();
	});

	it('opens an accessible export menu that the keyboard closes', async () => {
		await expectAccessible(facilitator, 'the open export menu');
		for (const format of EXPORT_FORMATS)
			await facilitator
				.getByRole('button', { name: `${NAMES[format]} herunterladen`, exact: true })
				.waitFor();
		await facilitator.keyboard.press('Escape');
		await expect
			.poll(() => facilitator.getByRole('heading', { name: 'Ergebnisse exportieren' }).count())
			.toBe(0);
		const toggle = facilitator.getByRole('button', { name: 'Exportieren' });
		expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
		await facilitator.keyboard.press('Enter');
		await facilitator.getByRole('heading', { name: 'Ergebnisse exportieren' }).waitFor();
		expect(await facilitator.getByLabel('Mit Namen der Teilnehmenden').isChecked()).toBe(true);
	});

	it('keeps the keyboard on a format’s button while it downloads, and closes when Tab leaves it', async () => {
		const isFocused = (el: Element) => el === document.activeElement;
		const json = facilitator.getByRole('button', { name: 'JSON herunterladen', exact: true });
		const downloaded = facilitator.waitForEvent('download', { timeout: 15_000 });
		await json.focus();
		await facilitator.keyboard.press('Enter');
		saved.set('json', await (await downloaded).path());
		await facilitator.getByText(/heruntergeladen\.$/).waitFor();
		// The buttons were busy meanwhile, but stayed where the keyboard was (disabled, it fell to the page).
		expect(await json.evaluate(isFocused)).toBe(true);

		// The menu lies over the page: Tab from its last button closes it, or the focus would go
		// on to controls it covers.
		await facilitator.getByRole('button', { name: 'PNG herunterladen', exact: true }).focus();
		await facilitator.keyboard.press('Tab');
		await expect
			.poll(() => facilitator.getByRole('heading', { name: 'Ergebnisse exportieren' }).count())
			.toBe(0);
		expect(await facilitator.evaluate(() => !!document.activeElement?.closest('.export'))).toBe(
			false
		);
		await facilitator.getByRole('button', { name: 'Exportieren' }).click();
		expect(await facilitator.getByLabel('Mit Namen der Teilnehmenden').isChecked()).toBe(true);
		// What the menu said last, it says in the language chosen since (it stayed German).
		await facilitator.getByText(/heruntergeladen\.$/).waitFor();
		await facilitator.getByRole('button', { name: 'English' }).click();
		if ((await facilitator.getByRole('heading', { name: 'Export results' }).count()) === 0)
			await facilitator.getByRole('button', { name: 'Export', exact: true }).click();
		await facilitator.getByText(/\.json downloaded\.$/).waitFor();
		expect(await facilitator.getByText(/heruntergeladen/).count()).toBe(0);
		await facilitator.getByRole('button', { name: 'Deutsch' }).click();
		if ((await facilitator.getByRole('heading', { name: 'Ergebnisse exportieren' }).count()) === 0)
			await facilitator.getByRole('button', { name: 'Exportieren' }).click();
		await facilitator.getByText(/\.json heruntergeladen\.$/).waitFor();
	});

	it.each(EXPORT_FORMATS)(
		'downloads %s from the menu as a non-empty file named after the title and the date',
		async (format) => {
			const file = await download(format);
			expect(file.name).toMatch(new RegExp(`^${SLUG}-\\d{4}-\\d{2}-\\d{2}\\.${format}$`));
			expect((await readFile(file.path)).length).toBeGreaterThan(0);
		}
	);

	it('tells the protocol’s time on the clock of the facilitator’s browser, and names its zone', async () => {
		const path = saved.get('md') ?? (await download('md')).path;
		const markdown = await readFile(path, 'utf8');
		const asOf =
			/^- \*\*Stand:\*\* (\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2}) Uhr \(America\/Sao\\_Paulo\)$/m.exec(
				markdown
			);
		expect(asOf, 'Stand: … (America/Sao_Paulo)').not.toBeNull();
		const [, day, month, year, hour, minute] = asOf!.map(Number);
		// São Paulo keeps UTC−3 all year: its wall clock, read as UTC, is three hours behind.
		const told = Date.UTC(year!, month! - 1, day!, hour! + 3, minute!);
		expect(Math.abs(Date.now() - told)).toBeLessThan(15 * 60_000);
	});

	it('puts the whole session, with names, into the JSON file', async () => {
		const path = saved.get('json') ?? (await download('json')).path;
		const model = JSON.parse(await readFile(path, 'utf8')) as ExportModel;
		expect(model.session).toMatchObject({ title: TITLE, municipality: 'Stadt Müllheim' });
		expect(model.named).toBe(true);
		expect(model.participants.map((p) => p.name)).toContain('Jana K.');
		expect(model.cards.map((c) => c.text)).toEqual([CHALLENGE, FORMULA, POTENTIAL]);
		const round = model.votingRounds[0]!;
		expect(round.results!.cards.map((c) => [c.text, c.dots])).toEqual([
			[CHALLENGE, 2],
			[POTENTIAL, 1],
			[FORMULA, 0]
		]);
	});

	it('puts one row per card into the CSV file, semicolon-separated for German Excel, formulas neutralised', async () => {
		const path = saved.get('csv') ?? (await download('csv')).path;
		const bytes = await readFile(path);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const [header, ...rows] = parse(bytes.toString('utf8'), {
			bom: true,
			delimiter: ';'
		}) as string[][];
		const col = (name: string) => header!.indexOf(name);
		expect(
			rows.map((r) => [r[col('Text')], r[col('Autor·in')], r[col('Punkte: Runde 1')]])
		).toEqual([
			[CHALLENGE, 'Jana K.', '2'],
			[`'${FORMULA}`, 'Jana K.', '0'],
			[POTENTIAL, 'Jana K.', '1']
		]);
	});

	it('shows the whole menu on a facilitator’s phone, above the time strip', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Telefon', 'study');
		// The welcome phase has a time box: the phone shows its time in a strip at the top.
		await api(
			meeting.app.url,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'timer.start' },
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		const { page } = await person(meeting.browser, PHONE);
		await page.goto(session.facilitatorUrl);
		await page.getByRole('button', { name: 'Ausblenden' }).tap();
		await page.getByRole('timer').first().waitFor();
		await page.getByRole('button', { name: 'Exportieren' }).tap();
		const menu = page
			.locator('section')
			.filter({ has: page.getByRole('heading', { name: 'Ergebnisse exportieren' }) });
		await menu.waitFor();
		// Every point down the middle of the menu belongs to the menu: nothing is drawn over it.
		const covered = await menu.evaluate((section) => {
			const box = section.getBoundingClientRect();
			const bottom = Math.min(box.bottom, window.innerHeight) - 4;
			const over: string[] = [];
			for (let y = box.top + 4; y < bottom; y += 10) {
				const hit = document.elementFromPoint(box.left + box.width / 2, y);
				if (hit && !section.contains(hit))
					over.push(`${Math.round(y)}: ${hit.textContent?.trim()}`);
			}
			return over;
		});
		expect(covered).toEqual([]);
	});

	it('creates a new session from the JSON file on the start page', async () => {
		const path = saved.get('json') ?? (await download('json')).path;
		const { page } = await person(meeting.browser);
		await page.goto(meeting.app.url + '/');

		// A file edited by hand, with one card twice, is refused, and the form says which card.
		const broken = JSON.parse(await readFile(path, 'utf8')) as { cards: { id: string }[] };
		broken.cards.push({ ...broken.cards[0]! });
		const brokenPath = `${path}-broken.json`;
		await writeFile(brokenPath, JSON.stringify(broken));
		await page.getByLabel('Exportdatei (JSON)').setInputFiles(brokenPath);
		await page.getByRole('button', { name: 'Importieren' }).click();
		const error = page.getByRole('alert');
		await error.getByText('Die Datei ist kein gültiger Fokusrunde-Export.').waitFor();
		expect(await error.textContent()).toContain(broken.cards[0]!.id);

		await page.getByLabel('Exportdatei (JSON)').setInputFiles(path);
		await page.getByRole('button', { name: 'Importieren' }).click();
		await page.getByRole('heading', { name: TITLE }).waitFor();
		expect(new URL(page.url()).pathname).not.toBe(new URL(facilitator.url()).pathname);
		for (const text of [CHALLENGE, FORMULA, POTENTIAL])
			await page.getByRole('article').filter({ hasText: text }).waitFor();
	});
});
