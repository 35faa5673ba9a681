import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { AREA_IDS } from '../../src/lib/domain/board/areas';
import { CARDS_PER_PARTICIPANT_MAX } from '../../src/lib/domain/board/card-limit';
import { createCard } from '../../src/lib/domain/board/cards';
import { createCluster } from '../../src/lib/domain/board/clusters';
import { connect } from '../../src/lib/domain/board/connectors';
import { connectBoard, createSession } from '../helpers/server';
import {
	addCard,
	createSessionInUi,
	describeInBrowser,
	expectAccessible,
	joinInUi,
	person,
	PHONE,
	useMeeting
} from './support';

const meeting = useMeeting();

async function newSession(title: string): Promise<{ facilitator: Page; link: string }> {
	const { page } = await person(meeting.browser);
	return { facilitator: page, link: await createSessionInUi(page, meeting.app.url, title) };
}

const join = (link: string, name: string, options = {}) =>
	joinInUi(meeting.browser, link, name, options);

const card = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });

describeInBrowser('working on the board together', () => {
	it('shows a card one participant adds to the other at once, and keeps it after a reload', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe Musterstadt – Board');
		const jana = await join(link, 'Jana K.');
		const murat = await join(link, 'Murat Ö.', PHONE);

		await addCard(jana, 'Herausforderungen', 'Große Lose schließen kleine Sozialbetriebe aus.');
		await card(murat, 'Große Lose schließen kleine Sozialbetriebe aus.').waitFor({ timeout: 2000 });
		await card(facilitator, 'Große Lose schließen kleine Sozialbetriebe aus.').waitFor({
			timeout: 2000
		});
		// A screen reader hears of a card someone else adds, but not of the board as it loads.
		const said = (page: Page) => page.locator('.visually-hidden[role="status"]').textContent();
		expect(await said(murat)).toBe('Neue Karte in Herausforderungen');
		expect(await said(jana)).not.toContain('Neue Karte');

		await murat.reload();
		await card(murat, 'Große Lose schließen kleine Sozialbetriebe aus.').waitFor();
		await murat.waitForTimeout(300);
		expect(await said(murat)).toBe('Board „Fokusgruppe Musterstadt – Board“ geladen');
		await jana.reload();
		await card(jana, 'Große Lose schließen kleine Sozialbetriebe aus.').waitFor();
		expect(await card(jana, 'Große Lose').getByText('Sie', { exact: true }).count()).toBe(1);
		await expectAccessible(jana, 'the board in canvas view');

		meeting.app = await meeting.app.restart();
		await murat.reload();
		await card(murat, 'Große Lose schließen kleine Sozialbetriebe aus.').waitFor();
		await addCard(murat, 'Potentiale', 'Nach dem Neustart geht es weiter.');
		await card(jana, 'Nach dem Neustart geht es weiter.').waitFor({ timeout: 5000 });
	});

	it('tells a participant at their card limit so, instead of adding a card', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe – Kartenlimit');
		// On a phone, where "+ Karte" may be far down the page, below everything at its top.
		const jana = await join(link, 'Jana K.', PHONE);
		// Her browser's credential, as a stock client of hers would use it: 199 cards, then the UI.
		const sessionId = new URL(link).pathname.split('/')[2]!;
		const cookie = (await jana.context().cookies()).find((c) => c.name.endsWith(sessionId))!;
		const { boardId, me } = await fetch(`${meeting.app.url}/api/sessions/${sessionId}`, {
			headers: { authorization: `Bearer ${cookie.value}` }
		}).then((r) => r.json() as Promise<{ boardId: string; me: { participantId: string } }>);
		const seeder = connectBoard(meeting.app.url, boardId, cookie.value);
		try {
			await seeder.synced;
			seeder.doc.transact(() => {
				for (let i = 0; i < CARDS_PER_PARTICIPANT_MAX - 1; i++)
					createCard(seeder.doc, {
						id: `seed${i}`,
						area: AREA_IDS[i % 3]!,
						authorId: me.participantId,
						createdAt: 1,
						text: `Karte ${i}`,
						x: 24 + (i % 6) * 216,
						y: 80 + Math.floor(i / 18) * 140
					});
			});
			const cards = (page: Page) => page.locator('[data-card-id]');
			await expect.poll(() => cards(jana).count(), { timeout: 10_000 }).toBe(199);

			await addCard(jana, 'Potentiale', 'Die zweihundertste Karte');
			await card(facilitator, 'Die zweihundertste Karte').waitFor();
			await jana.getByRole('button', { name: 'Karte hinzufügen zu „Potentiale“' }).click();
			const alert = jana.getByRole('alert').filter({ hasText: 'Sie haben 200 Karten geschrieben' });
			await alert.waitFor();
			// Shown where she is, not at the top of the page she scrolled away from.
			const box = (await alert.boundingBox())!;
			expect(box.y).toBeGreaterThanOrEqual(0);
			expect(box.y + box.height).toBeLessThanOrEqual(jana.viewportSize()!.height);
			expect(await jana.getByLabel('Text der Karte').count()).toBe(0);
			await jana.waitForTimeout(300);
			expect(await cards(facilitator).count()).toBe(200);
			await alert.getByRole('button', { name: 'Schließen' }).click();
			await alert.waitFor({ state: 'detached' });
		} finally {
			seeder.provider.destroy();
		}
	});

	it('takes a new card away again when it is left without a word', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe – Leere Karten');
		const jana = await join(link, 'Jana K.');
		const add = jana.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' });
		const count = (page: Page) =>
			page.getByRole('region', { name: 'Herausforderungen' }).getByText(/\d+ Karten?$/);

		// Opened and left with Escape, or by starting the next card: nothing stays behind.
		await add.click();
		await jana.getByLabel('Text der Karte').waitFor();
		await expect.poll(() => count(facilitator).textContent()).toBe('1 Karte');
		await jana.keyboard.press('Escape');
		await expect.poll(() => count(facilitator).textContent()).toBe('0 Karten');
		await add.click();
		await add.click();
		await jana.getByLabel('Text der Karte').fill('Zu wenig Personal');
		await jana.getByRole('button', { name: 'Fertig' }).click();
		await card(facilitator, 'Zu wenig Personal').waitFor();
		await expect.poll(() => count(facilitator).textContent()).toBe('1 Karte');
		// Emptying a card written earlier keeps it: only a card never written goes.
		// (A card's actions on the canvas show while the pointer is on the card.)
		await card(jana, 'Zu wenig Personal').hover();
		await card(jana, 'Zu wenig Personal')
			.getByRole('button', { name: /^Karte bearbeiten/ })
			.click();
		await jana.getByLabel('Text der Karte').fill('');
		await jana.keyboard.press('Escape');
		await jana.waitForTimeout(300);
		expect(await count(facilitator).textContent()).toBe('1 Karte');
		expect(await facilitator.getByText('(leer)').count()).toBe(1);
	});

	it('lets the author edit and delete a card, everyone sees it, and others cannot', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe Musterstadt – Bearbeiten');
		const elke = await join(link, 'Elke S.');
		const chris = await join(link, 'Chris');
		await addCard(elke, 'Potentiale', 'Repair-Café repariert Büromöbel');
		await card(chris, 'Repair-Café repariert Büromöbel').waitFor();
		// Chris may copy Elke's card as his own, but not change or delete hers.
		const others = card(chris, 'Repair-Café repariert Büromöbel');
		expect(await others.getByRole('button', { name: /bearbeiten|löschen/i }).count()).toBe(0);

		await card(elke, 'Repair-Café').hover();
		await card(elke, 'Repair-Café')
			.getByRole('button', { name: /Karte bearbeiten/ })
			.click();
		const editor = elke.getByLabel('Text der Karte');
		await editor.press('End');
		await editor.pressSequentially(' der Verwaltung');
		await elke.getByText('46 von 1.000 Zeichen').waitFor();
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await card(chris, 'Repair-Café repariert Büromöbel der Verwaltung').waitFor();

		await card(facilitator, 'Repair-Café').hover();
		await card(facilitator, 'Repair-Café').hover();
		await card(facilitator, 'Repair-Café')
			.getByRole('button', { name: /Karte löschen/ })
			.click();
		await facilitator.getByRole('alertdialog').getByRole('button', { name: 'Löschen' }).click();
		await expect.poll(() => card(chris, 'Repair-Café').count()).toBe(0);
		await expect.poll(() => card(elke, 'Repair-Café').count()).toBe(0);
	});

	it('moves a card by keyboard and by dragging, for everyone', async () => {
		const { link } = await newSession('Fokusgruppe Musterstadt – Verschieben');
		const a = await join(link, 'Sabine W.');
		const b = await join(link, 'Thomas B.');
		await addCard(a, 'Nächste Schritte', 'Runder Tisch zweimal im Jahr');
		const mine = card(a, 'Runder Tisch');
		const theirs = card(b, 'Runder Tisch');
		await theirs.waitFor();
		const before = await theirs.boundingBox();
		await mine.focus();
		await mine.press('Shift+ArrowDown');
		await mine.press('Shift+ArrowDown');
		await expect.poll(async () => (await theirs.boundingBox())!.y).toBeGreaterThan(before!.y + 40);

		const box = (await mine.boundingBox())!;
		await a.mouse.move(box.x + box.width / 2, box.y + 10);
		await a.mouse.down();
		await a.mouse.move(box.x - 500, box.y + 10, { steps: 10 });
		await a.mouse.up();
		await expect
			.poll(() => b.getByRole('region', { name: 'Potentiale' }).getByText('Runder Tisch').count())
			.toBe(1);
	});

	it('keeps a card that grows from covering the card below it, on every screen', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe Musterstadt – Platz');
		const jana = await join(link, 'Jana K.');
		const murat = await join(link, 'Murat Ö.');
		// Two columns: the third card goes below the first.
		await addCard(jana, 'Herausforderungen', 'Kurz');
		await addCard(jana, 'Herausforderungen', 'Daneben');
		await addCard(jana, 'Herausforderungen', 'Darunter');
		const box = async (page: Page, text: string) => (await card(page, text).boundingBox())!;
		/** How far the lower card's top is below the upper card's bottom (negative: it is covered). */
		const clearance = async (page: Page, upper: string, lower: string) => {
			const [a, b] = [await box(page, upper), await box(page, lower)];
			return b.y - (a.y + a.height);
		};
		await card(murat, 'Darunter').waitFor();
		const column = async (page: Page) =>
			Math.abs((await box(page, 'Kurz')).x - (await box(page, 'Darunter')).x);
		expect(await column(murat)).toBeLessThan(2);
		const firstTop = (await box(murat, 'Darunter')).y;

		// The first card grows by a long text: the one below moves down for everyone.
		const long = 'Vergabestellen kennen die Angebote lokaler Sozialbetriebe nicht. '.repeat(5);
		await card(jana, 'Kurz').hover();
		await card(jana, 'Kurz')
			.getByRole('button', { name: /Karte bearbeiten/ })
			.click();
		await jana.getByLabel('Text der Karte').fill(long);
		await jana.getByRole('button', { name: 'Fertig' }).click();
		await card(murat, 'Vergabestellen kennen').waitFor();
		for (const page of [murat, facilitator, jana])
			await expect
				.poll(() => clearance(page, 'Vergabestellen kennen', 'Darunter'))
				.toBeGreaterThan(0);
		expect((await box(murat, 'Darunter')).y).toBeGreaterThan(firstTop + 100);
		// The card beside it stays where it was.
		expect((await box(murat, 'Daneben')).y).toBeCloseTo((await box(murat, 'Vergabestellen')).y, 0);

		// Shorter again, the card below goes back up to where it was put.
		await card(jana, 'Vergabestellen kennen').hover();
		await card(jana, 'Vergabestellen kennen')
			.getByRole('button', { name: /Karte bearbeiten/ })
			.click();
		await jana.getByLabel('Text der Karte').fill('Kurz');
		await jana.getByRole('button', { name: 'Fertig' }).click();
		await expect
			.poll(async () => Math.abs((await box(murat, 'Darunter')).y - firstTop))
			.toBeLessThan(2);

		// Arrow keys up move the lower card past the one above it instead of against it.
		await card(jana, 'Darunter').focus();
		for (let i = 0; i < 3; i++) await card(jana, 'Darunter').press('ArrowUp');
		await expect.poll(() => clearance(murat, 'Darunter', 'Kurz')).toBeGreaterThan(0);
	});

	it('keeps cluster frames apart when a card in the upper cluster grows, on every screen', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe Musterstadt – Cluster wachsen');
		const jana = await join(link, 'Jana K.');
		// Two columns: two rows of two cards, each row becomes a cluster.
		for (const text of ['Recht', 'Fristen', 'Personal', 'Markt'])
			await addCard(jana, 'Herausforderungen', text);
		await card(facilitator, 'Markt').waitFor();
		const group = async (texts: string[], count: number) => {
			await facilitator.locator('body').press('Escape');
			for (const text of texts)
				await card(facilitator, text).click({ modifiers: ['Shift'], position: { x: 20, y: 12 } });
			await facilitator.locator('body').press('g');
			await expect.poll(() => facilitator.locator('.cluster').count()).toBe(count);
			// G put the keys in the new cluster's title: Escape gives them back to the board.
			await facilitator.keyboard.press('Escape');
		};
		await group(['Recht', 'Fristen'], 1);
		await group(['Personal', 'Markt'], 2);
		await facilitator.getByRole('button', { name: 'Nach Clustern ordnen' }).click();

		type Box = { x: number; y: number; width: number; height: number };
		const overlap = (a: Box, b: Box) =>
			Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)) *
			Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x));
		/** What is drawn wrong on a page: the frames (with their titles) or the lower cluster's cards. */
		const wrong = async (page: Page) => {
			const [upper, lower] = (
				(await page
					.locator('.cluster')
					.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().toJSON()))) as Box[]
			).sort((a, b) => a.y - b.y);
			const [personal, markt] = [
				(await card(page, 'Personal').boundingBox())!,
				(await card(page, 'Markt').boundingBox())!
			];
			return [
				lower!.y <= upper!.y + upper!.height && 'the lower frame starts within the upper one',
				overlap(upper!, personal) > 0 && 'the upper frame covers “Personal”',
				overlap(upper!, markt) > 0 && 'the upper frame covers “Markt”',
				// The lower cluster moves as a whole: its cards stay side by side.
				Math.abs(personal.y - markt.y) > 2 && 'the lower cluster’s cards are apart'
			].filter(Boolean);
		};
		for (const page of [facilitator, jana]) await expect.poll(() => wrong(page)).toEqual([]);

		// A long title is drawn whole in lines above its cards, on every screen (a frame cut it
		// after one line: "Knowledge and bud…"); the frames still keep apart.
		const named = 'Wissen und Budget der Vergabestellen für eine faire und nachhaltige Beschaffung';
		const field = facilitator.getByRole('textbox', { name: /^Titel des Clusters .* mit „Recht“$/ });
		await field.fill(named);
		await field.press('Enter');
		for (const page of [facilitator, jana]) {
			const title = page.locator('.cluster-name').first();
			const lines = () =>
				title.evaluate((el) =>
					[...el.children].map((line) => ({
						text: line.textContent,
						cut: line.scrollWidth > line.clientWidth
					}))
				);
			await expect.poll(async () => (await lines()).map((l) => l.text).join(' ')).toBe(named);
			expect((await lines()).length).toBeGreaterThan(1);
			expect((await lines()).filter((l) => l.cut)).toEqual([]);
			await expect
				.poll(async () => {
					const [name, recht] = [
						(await title.boundingBox())!,
						(await card(page, 'Recht').boundingBox())!
					];
					return name.y + name.height <= recht.y;
				})
				.toBe(true);
			await expect.poll(() => wrong(page)).toEqual([]);
			// Each line is as wide as clusterTitleLines measured it: the frame less 10 on either side
			// (with 10 less the border as padding, it was 4 narrower and could cut a line off).
			expect(
				await title.evaluate((el) => {
					const frame = el.closest<HTMLElement>('.cluster')!;
					return [...el.children].map((line) => frame.offsetWidth - line.clientWidth);
				})
			).toEqual((await lines()).map(() => 20));
		}

		// Moved by the arrow keys as a whole, the cluster of the long title goes by the step, on
		// every screen: its cards were put where they are drawn, then drawn lower by the title's
		// further lines again, down instead of up.
		await facilitator.locator('body').press('Escape');
		for (const text of ['Recht', 'Fristen'])
			await card(facilitator, text).click({ modifiers: ['Shift'], position: { x: 20, y: 12 } });
		const scale = async (page: Page) => (await card(page, 'Recht').boundingBox())!.width / 200;
		const steps = async (page: Page, from: number) =>
			((await card(page, 'Recht').boundingBox())!.y - from) / (await scale(page));
		const [upFacilitator, upJana] = [
			(await card(facilitator, 'Recht').boundingBox())!.y,
			(await card(jana, 'Recht').boundingBox())!.y
		];
		await card(facilitator, 'Recht').focus();
		await card(facilitator, 'Recht').press('Shift+ArrowDown');
		await expect.poll(() => steps(jana, upJana)).toBeCloseTo(48, 0);
		await expect.poll(() => steps(facilitator, upFacilitator)).toBeCloseTo(48, 0);
		await card(facilitator, 'Recht').press('Shift+ArrowUp');
		await expect.poll(() => steps(jana, upJana)).toBeCloseTo(0, 0);
		await expect.poll(() => steps(facilitator, upFacilitator)).toBeCloseTo(0, 0);
		await facilitator.locator('body').press('Escape');

		// The upper cluster's first card grows by a long text, far over the lower cluster's title.
		const long = 'Vergabestellen kennen die Angebote lokaler Sozialbetriebe nicht. '.repeat(4);
		await card(jana, 'Recht').hover();
		await card(jana, 'Recht')
			.getByRole('button', { name: /Karte bearbeiten/ })
			.click();
		await jana.getByLabel('Text der Karte').fill(long);
		await jana.getByRole('button', { name: 'Fertig' }).click();
		await card(facilitator, 'Vergabestellen kennen').waitFor();
		for (const page of [facilitator, jana]) {
			// Grown: the upper cluster's frame now ends below where the lower one was put.
			await expect
				.poll(async () => (await card(page, 'Vergabestellen kennen').boundingBox())!.height)
				.toBeGreaterThan(300);
			await expect.poll(() => wrong(page)).toEqual([]);
		}

		// Dragged a little within the pushed cluster, a card lands where it is let go, for everyone.
		const settled = async (page: Page, text: string) => {
			let last = '';
			for (;;) {
				const box = (await card(page, text).boundingBox())!;
				if (JSON.stringify(box) === last) return box;
				last = JSON.stringify(box);
				await page.waitForTimeout(300);
			}
		};
		await facilitator.locator('body').press('Escape');
		await card(facilitator, 'Markt').scrollIntoViewIfNeeded();
		await card(jana, 'Markt').scrollIntoViewIfNeeded();
		const from = await settled(facilitator, 'Markt');
		const seen = await settled(jana, 'Markt');
		await facilitator.mouse.move(from.x + 30, from.y + 15);
		await facilitator.mouse.down();
		await facilitator.mouse.move(from.x + 30, from.y + 45, { steps: 6 });
		await facilitator.mouse.up();
		await expect
			.poll(async () => (await settled(facilitator, 'Markt')).y - from.y)
			.toBeCloseTo(30, -1);
		await expect.poll(async () => (await settled(jana, 'Markt')).y - seen.y).toBeCloseTo(30, -1);
		for (const page of [facilitator, jana])
			await expect
				.poll(() => wrong(page))
				.not.toContain('the lower frame starts within the upper one');
	});

	it('records a next step with who, with whom, by when and what it answers', async () => {
		const { link } = await newSession('Fokusgruppe Musterstadt – Nächste Schritte');
		const jana = await join(link, 'Jana K.', PHONE);
		const murat = await join(link, 'Murat Ö.');
		await addCard(jana, 'Herausforderungen', 'Große Lose schließen Sozialbetriebe aus');
		const add = jana.getByRole('button', { name: 'Karte hinzufügen zu „Nächste Schritte“' });
		await add.click();
		await jana.getByLabel('Text der Karte').fill('Kleinere Lose für Catering prüfen');
		// Typed as a person types: leaving a field saves it, which must not pull the caret back
		// into the card's text.
		await jana.getByLabel('Wer ist verantwortlich? (Organisation oder Person)').click();
		await jana.keyboard.type('Vergabestelle');
		await jana.getByLabel('Mit wem?').click();
		await jana.keyboard.type('Inklusionsbetrieb Werkstatt Nord');
		// No group chosen yet reads as such, apart from the group "Keine Angabe" one may choose.
		const ownerGroup = jana.getByLabel('Akteursgruppe');
		expect(await ownerGroup.locator('option:checked').textContent()).toBe('Noch offen');
		expect(await ownerGroup.locator('option').allTextContents()).toContain('Keine Angabe');
		await ownerGroup.selectOption('admin');
		// The year digit by digit, as a person types it (this Chromium's field reads mm/dd/yyyy): on
		// the way the field holds 0002, 0020 and 0202, which the server refused, closing the editor.
		const due = jana.getByLabel('Bis wann?');
		await due.focus();
		await jana.keyboard.type('06302026');
		await expect.poll(() => due.inputValue()).toBe('2026-06-30');
		await jana.keyboard.press('Tab');
		expect(await jana.getByText('vom Server nicht angenommen').count()).toBe(0);
		// A year typed wrong stays in the field, is said to be unsaved, and reaches nobody.
		await due.focus();
		await jana.keyboard.press('ArrowRight');
		await jana.keyboard.press('ArrowRight');
		await jana.keyboard.type('202');
		await jana.getByLabel('Mit wem?').click();
		await jana
			.getByText('Bitte ein Datum ab dem Jahr 1900 wählen; gespeichert ist: 30.06.2026')
			.waitFor();
		expect(await due.getAttribute('aria-invalid')).toBe('true');
		await due.focus();
		await jana.keyboard.press('ArrowRight');
		await jana.keyboard.press('ArrowRight');
		await jana.keyboard.type('2026');
		await jana.getByLabel('Mit wem?').click();
		expect(await jana.getByText('Bitte ein Datum ab dem Jahr 1900').count()).toBe(0);
		// A day taken out leaves the date incomplete, which is what she is told, not "from 1900".
		await due.focus();
		await jana.keyboard.press('ArrowRight');
		await jana.keyboard.press('Backspace');
		await jana.getByLabel('Mit wem?').click();
		await jana
			.getByText(
				'Das Datum ist unvollständig: Tag, Monat und Jahr angeben; gespeichert ist: 30.06.2026'
			)
			.waitFor();
		expect(await jana.getByText('Bitte ein Datum ab dem Jahr 1900').count()).toBe(0);
		await due.fill('2026-06-30');
		await jana.getByLabel('Mit wem?').click();
		expect(await jana.getByText('Das Datum ist unvollständig').count()).toBe(0);
		await jana.getByText('Antwort auf (0)').click();
		await jana
			.getByRole('checkbox', { name: 'Große Lose schließen Sozialbetriebe aus', exact: true })
			.check();
		await jana.getByRole('button', { name: 'Fertig' }).click();
		const step = card(murat, 'Kleinere Lose für Catering prüfen');
		await step.getByText('Vergabestelle · Kommunalverwaltung / Vergabestelle').waitFor();
		await step.getByText('Inklusionsbetrieb Werkstatt Nord').waitFor();
		await step.getByText('30.06.2026').waitFor();
		await step.getByText('„Große Lose schließen Sozialbetriebe aus“').waitFor();
		// In English, with English quotation marks.
		await murat.getByRole('button', { name: 'English' }).click();
		await step.getByText('“Große Lose schließen Sozialbetriebe aus”').waitFor();
		await murat.getByRole('button', { name: 'Deutsch' }).click();
		expect(await step.locator('p.text').textContent()).toBe('Kleinere Lose für Catering prüfen');
		// Below "who" and "by when", the writer's line says it is the writer, not who is responsible.
		await card(jana, 'Kleinere Lose für Catering prüfen')
			.locator('p.author')
			.getByText('Geschrieben von:')
			.waitFor();
		await expectAccessible(jana, 'the list view with a next step');

		// Murat's next step: what he types in "Mit wem?" reaches the others while he types (an
		// export taken now has it), and Ctrl+Enter ends editing from there, as in the card's text.
		await murat.getByRole('button', { name: 'Karte hinzufügen zu „Nächste Schritte“' }).click();
		await murat.getByLabel('Text der Karte').fill('Runder Tisch im Frühjahr');
		await murat.getByLabel('Mit wem?').click();
		await murat.keyboard.type('Weltladen');
		await card(jana, 'Runder Tisch im Frühjahr').getByText('Weltladen').waitFor();
		await murat.keyboard.press('Control+Enter');
		await expect
			.poll(() =>
				murat.evaluate(
					() =>
						document.activeElement?.getAttribute('data-card-id') !== null &&
						document.activeElement?.tagName
				)
			)
			.toBe('ARTICLE');
		expect(await murat.getByLabel('Mit wem?').count()).toBe(0);
	});

	it('shows the whole text of what a next step answers, cut on a narrow card only with a button for the rest', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe Musterstadt – Antwort auf');
		const murat = await join(link, 'Murat Ö.');
		const long =
			'Große Lose schließen kleine Sozialbetriebe und Inklusionsbetriebe aus, weil sie die geforderten Mengen nicht liefern und die Nachweise nicht erbringen können';
		await addCard(facilitator, 'Herausforderungen', long);
		await addCard(facilitator, 'Herausforderungen', 'Kurze Fristen');
		await facilitator
			.getByRole('button', { name: 'Karte hinzufügen zu „Nächste Schritte“' })
			.click();
		await facilitator.getByLabel('Text der Karte').fill('Kleinere Lose für Catering prüfen');
		// Choosing what the step answers, the whole text of each card is there to read.
		await facilitator.getByText('Antwort auf (0)').click();
		await facilitator.getByRole('checkbox', { name: long, exact: true }).check();
		await facilitator.getByRole('checkbox', { name: 'Kurze Fristen', exact: true }).check();
		await facilitator.getByRole('button', { name: 'Fertig' }).click();

		// On the narrow card on the board the long text is cut after a few lines, but all of it is
		// in the page (a screen reader reads it whole), and a button shows the rest.
		const step = card(murat, 'Kleinere Lose für Catering prüfen');
		const answer = step.locator('.answer', { hasText: 'Große Lose' });
		await answer.waitFor();
		expect(await answer.textContent()).toBe(`„${long}“`);
		const cut = () => answer.evaluate((e) => e.scrollHeight > e.clientHeight + 1);
		expect(await cut()).toBe(true);
		expect(await step.getByText('„Kurze Fristen“').isVisible()).toBe(true);
		const more = step.getByRole('button', { name: /^Ganzen Text zeigen: Große Lose/ });
		expect(await step.getByRole('button', { name: /^Ganzen Text zeigen/ }).count()).toBe(1);
		expect(await more.getAttribute('aria-expanded')).toBe('false');
		await more.click();
		await expect.poll(cut).toBe(false);
		const less = step.getByRole('button', { name: /^Weniger zeigen: Große Lose/ });
		expect(await less.getAttribute('aria-expanded')).toBe('true');
		await expectAccessible(murat, 'a next step with what it answers shown whole');
	});

	it('keeps the same identity in a new tab of the same browser', async () => {
		const { link } = await newSession('Fokusgruppe Musterstadt – Tabs');
		const { context, page } = await person(meeting.browser);
		await page.goto(link);
		await page.getByLabel('Ihr Name').fill('Leihladen „Dingsda“');
		await page.getByRole('button', { name: 'Zum Board' }).click();
		await addCard(page, 'Potentiale', 'Werkzeug leihen statt kaufen');
		const second = await context.newPage();
		await second.goto(link);
		await card(second, 'Werkzeug leihen statt kaufen').waitFor();
		expect(await card(second, 'Werkzeug leihen').getByText('Sie', { exact: true }).count()).toBe(1);
	});

	it("undoes and redoes one's own changes only, with the buttons and the keyboard", async () => {
		const { link } = await newSession('Fokusgruppe Musterstadt – Rückgängig');
		const jana = await join(link, 'Jana K.');
		const murat = await join(link, 'Murat Ö.');
		const undo = jana.getByRole('button', { name: 'Rückgängig' });
		expect(await undo.isDisabled()).toBe(true);

		await addCard(jana, 'Herausforderungen', 'Eigene Karte von Jana');
		await card(murat, 'Eigene Karte von Jana').waitFor();
		await addCard(murat, 'Potentiale', 'Karte von Murat');
		await card(jana, 'Karte von Murat').waitFor();

		// Jana takes back her own card: adding it and writing on it are two steps, so first
		// its text goes, then the card itself; Murat's card stays.
		const cardsOf = (page: Page) => page.locator('[data-card-id]').count();
		await undo.click();
		await expect.poll(() => card(murat, 'Eigene Karte').count()).toBe(0);
		expect(await cardsOf(murat)).toBe(2);
		await undo.click();
		await expect.poll(() => cardsOf(murat)).toBe(1);
		expect(await card(jana, 'Karte von Murat').count()).toBe(1);
		expect(await card(murat, 'Karte von Murat').count()).toBe(1);
		expect(await undo.isDisabled()).toBe(true);

		// Redo from the keyboard, away from any text field.
		await jana.locator('body').click({ position: { x: 5, y: 5 } });
		for (let i = 0; i < 3; i++) {
			await jana.keyboard.press('Control+Shift+Z');
			await jana.waitForTimeout(200);
		}
		await card(murat, 'Eigene Karte von Jana').waitFor();
		expect(await card(murat, 'Karte von Murat').count()).toBe(1);
		await expectAccessible(jana, 'the board with undo and redo');
	});

	it('shows who is on the board and where they point', async () => {
		const { link } = await newSession('Fokusgruppe Musterstadt – Anwesenheit');
		const jana = await join(link, 'Jana K.');
		const murat = await join(link, 'Murat Ö.');
		const present = murat.getByRole('list', { name: /^Gerade auf dem Board/ });
		await present.getByText('Jana K.').waitFor();
		expect(await present.getByText('Murat Ö.').count()).toBe(0);

		const area = jana.getByRole('heading', { name: 'Potentiale', level: 2 });
		const box = (await area.boundingBox())!;
		await jana.mouse.move(box.x + 20, box.y + 120);
		await jana.mouse.move(box.x + 40, box.y + 160, { steps: 5 });
		const pointer = murat.locator('.cursor').filter({ hasText: 'Jana K.' });
		await pointer.waitFor();
		// Jana's pointer is over the potentials area on Murat's screen too.
		const murasArea = (await murat
			.getByRole('heading', { name: 'Potentiale', level: 2 })
			.boundingBox())!;
		const at = (await pointer.boundingBox())!;
		expect(Math.abs(at.x - (murasArea.x + 40))).toBeLessThan(12);
		expect(Math.abs(at.y - (murasArea.y + 160))).toBeLessThan(12);

		await jana.close();
		await expect.poll(() => present.getByText('Jana K.').count(), { timeout: 40_000 }).toBe(0);
	});

	it('lets the facilitator cluster cards and participants put their own cards in a cluster', async () => {
		const { facilitator, link } = await newSession('Fokusgruppe Musterstadt – Clustern');
		const jana = await join(link, 'Jana K.', PHONE);
		await addCard(jana, 'Herausforderungen', 'Vergaberecht ist kompliziert');
		await addCard(jana, 'Herausforderungen', 'Angst vor Rügen');
		await facilitator.getByRole('button', { name: 'Liste' }).click();
		const first = card(facilitator, 'Vergaberecht ist kompliziert');
		await first.waitFor();
		await first.getByLabel('Cluster').selectOption({ label: 'Neuer Cluster mit dieser Karte' });
		const title = facilitator.getByLabel('Titel des Clusters');
		await title.fill('Rechtliche Unsicherheit');
		await title.press('Enter');

		const cluster = jana.getByRole('region', {
			name: 'Karten im Cluster „Rechtliche Unsicherheit“'
		});
		await cluster.getByText('Vergaberecht ist kompliziert').waitFor();
		await card(jana, 'Angst vor Rügen')
			.getByLabel('Cluster')
			.selectOption({ label: 'Rechtliche Unsicherheit' });
		await cluster.getByText('Angst vor Rügen').waitFor();
		const onFacilitator = facilitator.getByRole('region', {
			name: 'Karten im Cluster „Rechtliche Unsicherheit“'
		});
		await expect.poll(() => onFacilitator.getByRole('article').count()).toBe(2);
		await expectAccessible(jana, 'the list view with a cluster');

		await facilitator
			.getByRole('button', { name: 'Cluster „Rechtliche Unsicherheit“ auflösen' })
			.click();
		await expect.poll(() => cluster.count()).toBe(0);
		expect(await card(jana, 'Angst vor Rügen').count()).toBe(1);
		expect(await card(jana, 'Vergaberecht ist kompliziert').count()).toBe(1);
	});

	it('draws the facilitator’s connectors for everyone, and removes them with their card', async () => {
		// Other cards list this one as a target to connect to: find a card by its own text.
		const card = (page: Page, text: string) =>
			page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });
		const { facilitator, link } = await newSession('Fokusgruppe Musterstadt – Verbindungen');
		const jana = await join(link, 'Jana K.');
		const elke = await join(link, 'Elke S.', PHONE);
		await addCard(jana, 'Potentiale', 'Repair-Café Nord');
		// Cards often start alike: the list of targets names them far enough to tell them apart.
		const furniture =
			'Defekte Büromöbel werden entsorgt, obwohl Sozialbetriebe sie aufarbeiten könnten';
		await addCard(elke, 'Herausforderungen', furniture);
		await addCard(
			elke,
			'Herausforderungen',
			'Defekte Büromöbel werden entsorgt, weil niemand fragt'
		);
		await facilitator.getByRole('button', { name: 'Liste' }).click();
		const repair = card(facilitator, 'Repair-Café Nord');
		await repair.waitFor();
		await repair.getByRole('button', { name: 'Verbinden mit …' }).click();
		await repair.getByLabel('Verbinden mit …').selectOption({ label: furniture });
		const label = repair.getByLabel(
			'Beschriftung der Verbindung zu „Defekte Büromöbel werden entsorgt,…“'
		);
		await label.fill('könnte unterstützen');
		await label.press('Enter');

		// On the canvas as a line with its label, in the list as text.
		await expect.poll(() => jana.locator('svg.lines line').count()).toBe(1);
		await jana.locator('svg.lines text', { hasText: 'könnte unterstützen' }).waitFor();
		await card(elke, 'obwohl Sozialbetriebe')
			.getByText('könnte unterstützen: „Repair-Café Nord“')
			.waitFor();
		await expectAccessible(elke, 'the list view with a connector');

		await card(jana, 'Repair-Café Nord').focus();
		await jana.keyboard.press('Delete');
		await jana.getByRole('alertdialog').getByRole('button', { name: 'Löschen' }).click();
		await expect.poll(() => jana.locator('svg.lines line').count()).toBe(0);
		await expect
			.poll(() =>
				card(elke, 'obwohl Sozialbetriebe')
					.getByText(/könnte unterstützen/)
					.count()
			)
			.toBe(0);
	});

	it('keeps a connector’s label off the title of a cluster its line crosses', async () => {
		// A card of one cluster joined to the card below it in the next cluster: the middle of the
		// line lay in the lower cluster's title row, and its label over the title.
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Beschriftungen');
		const seeder = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
		await seeder.synced;
		const put = (id: string, y: number, text: string) =>
			createCard(seeder.doc, {
				id,
				area: 'challenges',
				x: 24,
				y,
				text,
				authorId: session.facilitatorId,
				createdAt: y
			});
		put('c1', 80, 'Vergabestellen fürchten Rügen');
		put('c2', 200, 'Große Lose schließen Sozialbetriebe aus');
		createCluster(seeder.doc, { id: 'k1', area: 'challenges', title: 'Recht', createdAt: 1 }, [
			'c1'
		]);
		createCluster(
			seeder.doc,
			{ id: 'k2', area: 'challenges', title: 'Lose und Mengen', createdAt: 2 },
			['c2']
		);
		connect(seeder.doc, { id: 'v1', from: 'c1', to: 'c2', label: 'verschärft', createdAt: 3 });
		const jana = await join(session.participantUrl, 'Jana K.');
		const label = jana.locator('svg.lines.labels text', { hasText: 'verschärft' });
		await label.waitFor();
		// Where the board has settled: cards are pushed apart once measured.
		const covers = async () => {
			const title = (await jana
				.locator('.cluster-name')
				.filter({ hasText: 'Lose und Mengen' })
				.boundingBox())!;
			const box = (await label.boundingBox())!;
			return (
				box.x < title.x + title.width &&
				title.x < box.x + box.width &&
				box.y < title.y + title.height &&
				title.y < box.y + box.height
			);
		};
		await expect.poll(covers).toBe(false);
		await jana.waitForTimeout(300);
		expect(await covers()).toBe(false);
		seeder.provider.destroy();
	});

	it('zooms the canvas with Ctrl + wheel (and trackpad pinch) and fits it again', async () => {
		const { facilitator } = await newSession('Fokusgruppe Musterstadt – Zoom');
		const plane = facilitator.locator('.plane');
		const scale = () => plane.evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
		const fit = await scale();
		const board = (await facilitator
			.getByRole('region', { name: 'Board', exact: true })
			.boundingBox())!;
		await facilitator.mouse.move(board.x + 200, board.y + 200);
		await facilitator.keyboard.down('Control');
		await facilitator.mouse.wheel(0, -300);
		await facilitator.keyboard.up('Control');
		await expect.poll(scale).toBeGreaterThan(fit * 1.5);
		await facilitator.getByRole('button', { name: 'Einpassen' }).click();
		await expect.poll(scale).toBeCloseTo(fit, 2);
	});
});
