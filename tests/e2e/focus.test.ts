import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
	addCard,
	boardOfThirtyCards,
	createSessionInUi,
	describeInBrowser,
	joinInUi,
	person,
	PHONE,
	useMeeting
} from './support';

const meeting = useMeeting();

/** What has the keyboard focus, as a user of a screen reader would hear it: role-ish and name. */
const focused = (page: Page) =>
	page.evaluate(() => {
		const el = document.activeElement as HTMLElement | null;
		if (!el || el === document.body) return 'body';
		const label =
			el.getAttribute('aria-label') ??
			(el as HTMLInputElement).labels?.[0]?.textContent ??
			el.textContent ??
			'';
		return `${el.tagName.toLowerCase()}: ${label.replace(/\s+/g, ' ').trim()}`;
	});

const isFocused = (el: Element) => el === document.activeElement;
const card = (page: Page, text: string) =>
	page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });
/** The text of the card that has the keyboard focus itself (not one of its buttons). */
const focusedCardText = (page: Page) => () =>
	page.evaluate(() =>
		document.activeElement?.matches('[data-card-id]')
			? document.activeElement.querySelector('p.text')?.textContent?.trim()
			: `not a card: ${document.activeElement?.tagName}`
	);

describeInBrowser('the keyboard focus after the facilitator’s actions', () => {
	it('stays on a control for phases, timer, voting form, grouping and renaming', async () => {
		const { page } = await person(meeting.browser);
		const link = await createSessionInUi(
			page,
			meeting.app.url,
			'Fokusgruppe – Fokus',
			'Fokusgruppe der Studie'
		);
		await joinInUi(meeting.browser, link, 'Tom B.', { ready: 'Begrüßung und Vorstellungsrunde' });
		const key = (k: string) => page.keyboard.press(k);
		const heading = () => page.locator('#phase-title').textContent();

		// Next phase from the keyboard: the phase changes, the focus stays on the button.
		await page.getByRole('button', { name: 'Nächste Phase' }).focus();
		await key('Enter');
		await expect.poll(heading).toBe('Herausforderungen');
		await expect.poll(() => focused(page)).toBe('button: Nächste Phase →');
		// And back.
		await page.getByRole('button', { name: 'Vorherige Phase' }).focus();
		await key('Enter');
		await expect.poll(heading).toBe('Begrüßung und Vorstellungsrunde');
		await expect.poll(() => focused(page)).toBe('button: Vorherige Phase');
		// At the first phase there is no previous one: the button says so and keeps the focus.
		expect(
			await page.getByRole('button', { name: 'Vorherige Phase' }).getAttribute('aria-disabled')
		).toBe('true');
		await key('Enter');
		expect(await heading()).toBe('Begrüßung und Vorstellungsrunde');
		expect(await focused(page)).toBe('button: Vorherige Phase');
		await page.getByRole('button', { name: 'Nächste Phase' }).focus();
		await key('Enter');
		await expect.poll(heading).toBe('Herausforderungen');

		// The timer: start becomes pause on the same button, which keeps the focus.
		await page.getByRole('button', { name: 'Timer starten' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Pause');
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Fortsetzen');

		// Starting a round of dots: the form opens and its first field has the focus; cancelling
		// returns to the button that opened it.
		await page.getByRole('button', { name: 'Punktabfrage starten' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('input: Herausforderungen');
		await page.getByRole('button', { name: 'Abbrechen' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Punktabfrage starten');
		// Starting the round replaces the form: the focus goes to the button that ends the round,
		// and from there, once the round is over, back to the one that starts the next.
		await key('Enter');
		// Ending it asks first, with the focus on the answer that changes nothing; Escape keeps the
		// round and returns to the button that asked, as does "Abbrechen".
		await page.getByRole('button', { name: 'Punkten beginnen' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Beenden und Ergebnis zeigen');
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Escape');
		await expect.poll(() => focused(page)).toBe('button: Beenden und Ergebnis zeigen');
		await page.getByRole('button', { name: 'Runde verwerfen' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Runde verwerfen');
		await page.getByRole('button', { name: 'Beenden und Ergebnis zeigen' }).focus();
		await key('Enter');
		await key('Shift+Tab');
		await expect.poll(() => focused(page)).toBe('button: Beenden und Ergebnis zeigen');
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Punktabfrage starten');

		// Renaming a participant: the field that appears has the focus; saving returns to the button.
		await page
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		const rename = page.getByRole('button', { name: 'Umbenennen: Tom B.' });
		await rename.focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('input: Neuer Name für Tom B.');
		await page.keyboard.press('ControlOrMeta+a');
		await page.keyboard.type('Tom Becker');
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Umbenennen: Tom Becker');
	});

	it('takes the focus into each question asked in place and gives it back when it closes', async () => {
		const { page } = await person(meeting.browser);
		const link = await createSessionInUi(
			page,
			meeting.app.url,
			'Fokusgruppe – Rückfragen',
			'Fokusgruppe der Studie'
		);
		const tom = await joinInUi(meeting.browser, link, 'Tom B.', {
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		const key = (k: string) => page.keyboard.press(k);
		const question = page.getByRole('alertdialog');

		// Revealing the drafts of silent writing.
		await page.getByRole('button', { name: 'Nächste Phase' }).click();
		await page.locator('#phase-title').getByText('Herausforderungen').waitFor();
		await addCard(tom, 'Herausforderungen', 'Vergaberecht kompliziert');
		const reveal = page.getByRole('button', { name: /^Entwürfe aufdecken/ }).first();
		await reveal.focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		expect(await question.getByRole('button', { name: 'Abbrechen' }).evaluate(isFocused)).toBe(
			true
		);
		await key('Escape');
		await expect.poll(() => question.count()).toBe(0);
		expect(await reveal.evaluate(isFocused)).toBe(true);
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Shift+Tab');
		await key('Enter');
		await card(page, 'Vergaberecht kompliziert').waitFor();
		// The same button, which now offers to reveal again what is written from here on.
		const again = page.getByRole('button', { name: 'Erneut aufdecken' });
		await expect.poll(() => again.evaluate(isFocused)).toBe(true);

		// A new participant link, in the side panel.
		await page
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		const rotate = page.getByRole('button', { name: 'Neuen Teilnahme-Link erzeugen' });
		await rotate.focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Neuen Teilnahme-Link erzeugen');
		await key('Enter');
		await key('Escape');
		await expect.poll(() => focused(page)).toBe('button: Neuen Teilnahme-Link erzeugen');
		// Escape closed the question only, not the panel around it.
		expect(await page.getByRole('complementary', { name: 'Moderation' }).count()).toBe(1);
		await key('Enter');
		await key('Shift+Tab');
		await key('Enter');
		await expect
			.poll(() => page.getByLabel('Link für Teilnehmende').last().inputValue())
			.not.toBe(link);
		await expect.poll(() => focused(page)).toBe('button: Neuen Teilnahme-Link erzeugen');

		// Removing a participant: cancelled, back to their button; done, on to the list's heading.
		const remove = page.getByRole('button', { name: 'Entfernen: Tom B.' });
		await remove.focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Escape');
		await expect.poll(() => focused(page)).toBe('button: Entfernen: Tom B.');
		await key('Enter');
		await key('Shift+Tab');
		await key('Enter');
		await expect.poll(() => remove.count()).toBe(0);
		await expect.poll(() => focused(page)).toMatch(/^h2: Anwesend/);
		// Screen readers hear that it is done (the row that asked has gone).
		await page
			.getByRole('status')
			.filter({ hasText: 'Tom B. wurde aus der Sitzung entfernt.' })
			.waitFor();
	});

	it('moves the focus on to the next card, or the area’s button, when a card is deleted', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Löschen');
		const texts = ['Vergaberecht kompliziert', 'Angst vor Rügen', 'Große Lose', 'Kleine Betriebe'];
		for (const text of texts) await addCard(page, 'Herausforderungen', text);
		const key = (k: string) => page.keyboard.press(k);
		const deleteButton = (text: string) =>
			page.getByRole('button', { name: `Karte löschen: ${text}` });

		// From the card's button: cancelling returns to it; deleting moves on to the next card.
		await deleteButton('Angst vor Rügen').focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Karte löschen: Angst vor Rügen');
		await key('Enter');
		await key('Shift+Tab');
		await expect.poll(() => focused(page)).toBe('button: Löschen');
		await key('Enter');
		await expect.poll(focusedCardText(page)).toBe('Große Lose');
		expect(await card(page, 'Angst vor Rügen').count()).toBe(0);

		// With the Delete key on a card: Escape returns to the card; the last card's neighbour is
		// the one before it.
		await card(page, 'Kleine Betriebe').focus();
		await key('Delete');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Escape');
		await expect.poll(focusedCardText(page)).toBe('Kleine Betriebe');
		await key('Delete');
		await key('Shift+Tab');
		await key('Enter');
		await expect.poll(focusedCardText(page)).toBe('Große Lose');

		// In the list the same; once the area is empty, its button for a new card has the focus.
		await page.getByRole('button', { name: 'Liste', exact: true }).click();
		for (const text of ['Große Lose', 'Vergaberecht kompliziert']) {
			await card(page, text).focus();
			await key('Delete');
			await key('Shift+Tab');
			await key('Enter');
			await expect.poll(() => card(page, text).count()).toBe(0);
		}
		await expect.poll(() => focused(page)).toBe('button: Karte hinzufügen zu „Herausforderungen“');
	});

	it('keeps the keyboard on the board after cancelling the deletion of a selection and naming a cluster', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Auswahl');
		for (const text of ['Vergaberecht kompliziert', 'Angst vor Rügen'])
			await addCard(page, 'Herausforderungen', text);
		const key = (k: string) => page.keyboard.press(k);
		for (const text of ['Vergaberecht kompliziert', 'Angst vor Rügen']) {
			await card(page, text).focus();
			await key('Space');
		}
		await key('Delete');
		await expect.poll(() => focused(page)).toBe('button: Abbrechen');
		await key('Escape');
		await expect.poll(focusedCardText(page)).toBe('Angst vor Rügen');
		// Escape answered the question; the selection stays.
		const bar = page.getByRole('group', { name: 'Auswahl' });
		expect(await bar.getByText('2 Karten ausgewählt').count()).toBe(1);
		await bar.getByRole('button', { name: 'Löschen' }).click();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Löschen');

		// Naming a cluster on the canvas: Enter keeps the name and goes to the cluster's first card.
		// (G from a card: on the selection bar's buttons, outside the board, single keys do nothing.)
		await card(page, 'Vergaberecht kompliziert').focus();
		await key('g');
		await key('Escape');
		const title = page.getByRole('textbox', { name: /^Titel des Clusters/ });
		await title.focus();
		await page.keyboard.type('Recht');
		await key('Enter');
		await expect.poll(focusedCardText(page)).toBe('Vergaberecht kompliziert');
		await expect.poll(() => title.inputValue()).toBe('Recht');
		await page.getByRole('button', { name: 'Liste', exact: true }).click();
		await page.getByRole('textbox', { name: /^Titel des Clusters „Recht“/ }).waitFor();
	});

	it('puts the keys in the new cluster’s title when G groups the selection, and Escape back on the card G was pressed on, on the canvas and in the list', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Fokus beim Gruppieren');
		for (const text of ['Vergaberecht kompliziert', 'Angst vor Rügen'])
			await addCard(page, 'Herausforderungen', text);
		const key = (k: string) => page.keyboard.press(k);
		const card = (text: string) =>
			page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });
		const focusedCardText = () =>
			page.evaluate(
				() =>
					document.activeElement?.closest('[data-card-id]')?.querySelector('p.text')?.textContent
			);

		for (const view of ['Fläche', 'Liste']) {
			await page.getByRole('button', { name: view, exact: true }).click();
			await card('Vergaberecht').focus();
			await key('Space');
			await card('Angst vor Rügen').focus();
			await key('Space');
			await key('g');
			await page.getByText('Cluster „Neuer Cluster“ mit 2 Karten angelegt').waitFor();
			await expect
				.poll(() => page.evaluate(() => document.activeElement?.getAttribute('placeholder')))
				.toBe('Neuer Cluster');
			await key('Escape');
			await expect.poll(focusedCardText).toBe('Angst vor Rügen');
			await key('Escape');
			await key('Control+z');
			await expect.poll(() => page.getByText(/^Cluster: /).count()).toBe(0);
		}
	});

	it('gives the title fields of two new clusters names of their own, on the canvas and in the list', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Zwei Cluster');
		const texts = ['Vergaberecht kompliziert', 'Angst vor Rügen', 'Große Lose', 'Kleine Betriebe'];
		for (const text of texts) await addCard(page, 'Herausforderungen', text);
		const card = (text: string) =>
			page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });
		for (const pair of [texts.slice(0, 2), texts.slice(2)]) {
			for (const text of pair) {
				await card(text).focus();
				await page.keyboard.press('Space');
			}
			await page.keyboard.press('g');
			// Out of the new cluster's title field, then the selection cleared.
			await page.keyboard.press('Escape');
			await page.keyboard.press('Escape');
		}
		const field = (first: string) =>
			page.getByRole('textbox', {
				name: `Titel des Clusters „Neuer Cluster“ mit „${first}“`,
				exact: true
			});
		for (const view of ['Fläche', 'Liste']) {
			await page.getByRole('button', { name: view, exact: true }).click();
			await expect.poll(() => field('Vergaberecht kompliziert').count()).toBe(1);
			await expect.poll(() => field('Große Lose').count()).toBe(1);
		}
	});

	it('keeps the keyboard on the page when the link banner, a group or a phase goes, and takes it into the side panel', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(
			page,
			meeting.app.url,
			'Fokusgruppe – Seitenleiste',
			'Fokusgruppe der Studie'
		);
		const key = (k: string) => page.keyboard.press(k);
		/** The legend of the agenda's phase that has the focus ("Phase 2"). */
		const focusedPhase = () =>
			page.evaluate(() =>
				document.activeElement?.closest('fieldset')?.querySelector('legend')?.textContent?.trim()
			);

		// Hiding the links banner: its button goes, and the keyboard goes to the button of the panel
		// where the participant link stays.
		await page.getByRole('button', { name: 'Ausblenden' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toMatch(/^button: Moderation/);
		// Opening the panel beside the board takes the keyboard into it: it comes after every card.
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('aside: Moderation');
		await key('Escape');
		await expect.poll(() => focused(page)).toMatch(/^button: Moderation/);
		await key('Enter');

		// A stakeholder group removed: on to the group that takes its place.
		await page.getByRole('button', { name: 'Gruppe entfernen: Politik' }).focus();
		await key('Enter');
		await expect
			.poll(() => focused(page))
			.toBe('button: Gruppe entfernen: Zivilgesellschaftliche Organisation');

		// A phase moved to the top goes with the keyboard, onto its other button (up is disabled there).
		const agenda = page.getByRole('region', { name: 'Agenda' });
		const phase = (n: number) => agenda.getByRole('group', { name: `Phase ${n}`, exact: true });
		await phase(2).getByRole('button', { name: '↑ Nach oben' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: ↓ Nach unten');
		expect(await focusedPhase()).toBe('Phase 1');
		expect(await phase(1).getByRole('textbox', { name: 'Titel' }).inputValue()).toBe(
			'Herausforderungen'
		);
		// A phase removed: on to the phase that takes its place.
		await key('Enter');
		await phase(2).getByRole('button', { name: 'Phase entfernen' }).focus();
		await key('Enter');
		await expect.poll(() => focused(page)).toBe('button: Phase entfernen');
		expect(await focusedPhase()).toBe('Phase 2');
		expect(await phase(2).getByRole('textbox', { name: 'Titel' }).inputValue()).toBe('Potentiale');
	});

	it('opens the side panel in view on a phone, with the focus in it, and returns it on closing', async () => {
		const { page: facilitator } = await person(meeting.browser, PHONE);
		const link = await createSessionInUi(facilitator, meeting.app.url, 'Fokusgruppe – Telefon');
		const participant = await joinInUi(meeting.browser, link, 'Elke S.', PHONE);
		/** Whether the element is within the phone's screen as the page is scrolled now. */
		const inView = (page: Page, selector: string) =>
			page.evaluate((s) => {
				const box = document.querySelector(s)!.getBoundingClientRect();
				return box.top >= 0 && box.top < innerHeight - 100;
			}, selector);

		for (const [page, button, panel] of [
			[participant, 'Anwesend', 'Anwesend'],
			[facilitator, 'Moderation', 'Moderation']
		] as const) {
			const toggle = page.getByRole('button', { name: new RegExp(`^${button}`) });
			await toggle.tap();
			const aside = page.getByRole('complementary', { name: panel });
			await aside.waitFor();
			expect(await inView(page, '#side-panel')).toBe(true);
			await expect.poll(() => focused(page)).toBe(`aside: ${panel}`);
			expect(await aside.getByRole('heading', { name: /Anwesend/ }).isVisible()).toBe(true);
			// Escape closes it and returns to its button.
			await page.keyboard.press('Escape');
			await expect.poll(() => aside.count()).toBe(0);
			await expect.poll(() => focused(page)).toMatch(new RegExp(`^button: ${button}`));
			// So does its own close button, at its top.
			await toggle.tap();
			const close = aside.getByRole('button', { name: `${panel} schließen` });
			expect(await inView(page, '#side-panel button')).toBe(true);
			await close.tap();
			await expect.poll(() => aside.count()).toBe(0);
			await expect.poll(() => focused(page)).toMatch(new RegExp(`^button: ${button}`));
		}
	});

	it('keeps what has the focus on the canvas clear of its tools, the last row too', async () => {
		const { session, seeder } = await boardOfThirtyCards(meeting.app.url, 'Fokusgruppe – Verdeckt');
		const { page } = await person(meeting.browser);
		await page.goto(session.facilitatorUrl);
		await page.getByText('Karte 30:').waitFor();
		await page.getByRole('button', { name: 'Nach Clustern ordnen' }).waitFor();
		seeder.provider.destroy();

		// Through every card, its buttons and the cluster's title, as Tab goes.
		await page.getByRole('region', { name: 'Board', exact: true }).focus();
		const covered: string[] = [];
		const reached = new Set<string>();
		for (let i = 0; i < 200 && !reached.has('Karte 30'); i++) {
			await page.keyboard.press('Tab');
			const stop = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				if (!el.closest('.board')) return null;
				const card = el.closest('[data-card-id]')?.querySelector('p.text')?.textContent ?? '';
				const box = el.getBoundingClientRect();
				const tools = document.querySelector('.canvas-tools')!.getBoundingClientRect();
				const overlap =
					Math.max(0, Math.min(box.right, tools.right) - Math.max(box.left, tools.left)) *
					Math.max(0, Math.min(box.bottom, tools.bottom) - Math.max(box.top, tools.top));
				const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
				return { card: card.split(':')[0]!, covered: overlap > 0 ? name : null };
			});
			if (!stop) continue;
			reached.add(stop.card);
			if (stop.covered) covered.push(stop.covered);
		}
		expect(reached.has('Karte 30')).toBe(true);
		expect(covered).toEqual([]);
	});
});
