import { expect, it } from 'vitest';
import { controlClient } from '../helpers/control';
import { api, createSession } from '../helpers/server';
import {
	addCard,
	createSessionInUi,
	describeInBrowser,
	expectAccessible,
	joinInUi,
	person,
	useMeeting
} from './support';

const meeting = useMeeting();

describeInBrowser('the keyboard alone', () => {
	it('joins, adds and edits a card, takes it out of a cluster and places a dot without a mouse', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(facilitator, meeting.app.url, 'Fokusgruppe – Tastatur');
		const { page } = await person(meeting.browser);
		const key = (k: string) => page.keyboard.press(k);

		// Joining: type the name, Tab past the group to the button, Enter.
		await page.goto(link);
		await page.getByLabel('Ihr Name').focus();
		await page.keyboard.type('Kai T.');
		await key('Tab');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('group');
		await key('Tab');
		await key('Enter');
		await page.getByRole('heading', { name: 'Potentiale', level: 2 }).waitFor();

		// N adds a card and opens it for writing; Ctrl+Enter ends editing.
		// (Once the board has arrived: until then there is nowhere to put a new card.)
		const add = page.getByRole('button', { name: 'Karte hinzufügen zu „Potentiale“' });
		await expect.poll(() => add.isEnabled()).toBe(true);
		await page.locator('body').press('n');
		await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
		await page.keyboard.type('Mehrwegbecher im Rathaus');
		await key('Control+Enter');
		const card = page.getByRole('article').filter({ hasText: 'Mehrwegbecher im Rathaus' });
		await card.waitFor();
		// Enter on the focused card edits it again.
		await card.focus();
		// The card shows the focus as every control does: the light outline and a dark ring around
		// it (the outline alone has too little contrast beside a white area or a yellow card).
		const ring = await card.evaluate((e) => {
			const style = getComputedStyle(e);
			return { outline: `${style.outlineStyle} ${style.outlineWidth}`, shadow: style.boxShadow };
		});
		expect(ring.outline).toBe('solid 3px');
		expect(ring.shadow).toMatch(/^rgb\([^)]*\) 0px 0px 0px 5px/);
		await key('Enter');
		await page.keyboard.type(' und in Schulen');
		await key('Escape');
		await page.getByText('Mehrwegbecher im Rathaus und in Schulen').waitFor();

		// The facilitator puts the card into a new cluster; the participant takes it out again.
		await facilitator.getByRole('button', { name: 'Liste' }).click();
		const onFacilitator = facilitator
			.getByRole('article')
			.filter({ has: facilitator.locator('p.text', { hasText: 'Mehrwegbecher' }) });
		await onFacilitator.hover();
		await onFacilitator
			.getByLabel('Cluster')
			.selectOption({ label: 'Neuer Cluster mit dieser Karte' });
		await page.getByRole('button', { name: 'Liste' }).focus();
		await key('Enter');
		const inList = page
			.getByRole('article')
			.filter({ has: page.locator('p.text', { hasText: 'Mehrwegbecher' }) });
		await page.getByRole('region', { name: 'Karten im Cluster „Neuer Cluster“' }).waitFor();
		// The choice itself is the browser's own select (keyboard-operable by the platform).
		await inList.getByLabel('Cluster').focus();
		await inList.getByLabel('Cluster').selectOption('');
		await expect
			.poll(() => page.getByRole('region', { name: 'Karten im Cluster „Neuer Cluster“' }).count())
			.toBe(0);
		// The card moved to the cards in no cluster; the keyboard went with it.
		await expect.poll(() => inList.evaluate((el) => el === document.activeElement)).toBe(true);

		// Dots with + and − on the focused card.
		await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click();
		await facilitator.getByRole('button', { name: 'Punkten beginnen' }).click();
		await page.getByText('Sie haben noch 5 von 5 Punkten.').waitFor();
		await inList.focus();
		await key('+');
		await key('+');
		await page.getByText('Sie haben noch 3 von 5 Punkten.').waitFor();
		// What a screen reader hears of a dot: the dots left (and the card its own), not the hint again.
		const left = page.getByRole('status').filter({ hasText: /^\s*Sie haben noch/ });
		expect((await left.textContent())?.trim()).toBe('Sie haben noch 3 von 5 Punkten.');
		await key('-');
		await page.getByText('Sie haben noch 4 von 5 Punkten.').waitFor();

		// ? shows the shortcuts in a dialog that Esc closes.
		await page.locator('body').press('?');
		const help = page.getByRole('dialog', { name: 'Tastenkürzel' });
		await help.waitFor();
		// It opens at its top, on its title (it opened scrolled to the Close button at its foot).
		const opened = await help.evaluate((dialog) => {
			const title = dialog.querySelector('h2')!.getBoundingClientRect();
			const frame = dialog.getBoundingClientRect();
			return {
				scrollTop: dialog.scrollTop,
				focused: document.activeElement?.textContent,
				titleInView: title.top >= frame.top && title.bottom <= Math.min(frame.bottom, innerHeight)
			};
		});
		expect(opened).toEqual({ scrollTop: 0, focused: 'Tastenkürzel', titleInView: true });
		await key('Tab');
		expect(await help.evaluate((dialog) => dialog.contains(document.activeElement))).toBe(true);
		await expectAccessible(page, 'the shortcuts overlay');
		await key('Escape');
		await expect.poll(() => help.isVisible()).toBe(false);
	});

	it('moves the meeting to a phase chosen in the list with the arrow keys only on Enter', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Phasenliste', 'study');
		const { page } = await person(meeting.browser);
		await page.goto(session.facilitatorUrl);
		await page.getByRole('heading', { name: 'Fokusgruppe – Phasenliste' }).waitFor();
		const key = (k: string) => page.keyboard.press(k);
		const heading = () => page.locator('#phase-title').textContent();
		const list = page.getByLabel('Zu Phase springen');
		const shown = () => list.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent);
		const go = page.getByRole('button', { name: 'Springen', exact: true });

		// On a closed list every arrow key changes its value: each must not move everyone on (3.2.2).
		await list.focus();
		await key('ArrowDown');
		await key('ArrowDown');
		await key('ArrowDown');
		await go.waitFor();
		expect(await shown()).toBe('4. Clustern');
		expect(await heading()).toBe('Begrüßung und Vorstellungsrunde');
		// A change from another screen that keeps the phase (the timer starting) keeps the choice.
		const other = controlClient(meeting.app.url, session.id, session.facilitatorToken);
		await other.connected;
		expect(await other.command({ type: 'timer.start' })).toMatchObject({ ok: true });
		await page.getByRole('button', { name: 'Pause', exact: true }).waitFor();
		expect(await shown()).toBe('4. Clustern');
		expect(await go.count()).toBe(1);
		other.socket.close();
		// Escape takes the choice back.
		await key('Escape');
		await expect.poll(shown).toBe('1. Begrüßung und Vorstellungsrunde');
		expect(await go.count()).toBe(0);
		// Enter goes there; the list keeps the focus.
		await key('ArrowDown');
		await key('ArrowDown');
		await key('Enter');
		await expect.poll(heading).toBe('Potentiale');
		expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);
		// So does the button beside the list, and the focus goes back to the list.
		await key('ArrowUp');
		await key('Tab');
		await key('Enter');
		await expect.poll(heading).toBe('Herausforderungen');
		expect(await list.evaluate((el) => el === document.activeElement)).toBe(true);
		// Leaving the list without going: it shows the current phase again.
		await key('ArrowDown');
		await key('Shift+Tab');
		await expect.poll(shown).toBe('2. Herausforderungen');
		expect(await heading()).toBe('Herausforderungen');
		// A phase picked from the opened list (or with the mouse) is gone to at once.
		await list.selectOption({ label: '5. Punkten' });
		await expect.poll(heading).toBe('Punkten');
	});

	it('ends editing with Escape from the colours and a next step’s fields, keeping what was typed', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Escape');
		const key = (k: string) => page.keyboard.press(k);
		/** A card by its text, found as it shows when not edited; then by its id, also while edited. */
		const card = async (text: string) => {
			const shown = page
				.getByRole('article')
				.filter({ has: page.locator('p.text', { hasText: text }) });
			const id = (await shown.getAttribute('data-card-id'))!;
			return { id, element: page.locator(`[data-card-id="${id}"]`) };
		};
		const focusedCard = () =>
			page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cardId ?? null);
		const editing = () => page.getByLabel('Text der Karte').count();

		// A colour chosen from the keyboard, then Escape on its swatch: editing ends, the card has the
		// focus and stays selected (Escape as such clears the selection, but this one ends editing).
		await addCard(page, 'Herausforderungen', 'Farbe per Tastatur');
		const coloured = await card('Farbe per Tastatur');
		await coloured.element.focus();
		await key('Space');
		await key('Enter');
		await page.getByRole('button', { name: 'Blau' }).focus();
		// The colours are one stop of the Tab order (six were), the arrow keys go between them.
		const label = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
		await key('ArrowRight');
		expect(await label()).not.toBe('Blau');
		await key('ArrowLeft');
		expect(await label()).toBe('Blau');
		const swatches = coloured.element.getByRole('toolbar', { name: 'Farbe' }).getByRole('button');
		expect(await swatches.count()).toBe(6);
		expect(
			await swatches.evaluateAll((all) =>
				all.filter((b) => b.tabIndex === 0).map((b) => b.ariaLabel)
			)
		).toEqual(['Blau']);
		await key('Enter');
		await expect.poll(() => coloured.element.getAttribute('class')).toContain('card-blue');
		await key('Escape');
		await expect.poll(editing).toBe(0);
		expect(await focusedCard()).toBe(coloured.id);
		expect(await coloured.element.getByText('Ausgewählt').count()).toBe(1);
		await key('Escape');
		await expect.poll(() => coloured.element.getByText('Ausgewählt').count()).toBe(0);

		// In a next step's field: what was typed there stays, as when the field is left by Tab.
		await addCard(page, 'Nächste Schritte', 'Runder Tisch Beschaffung');
		const step = await card('Runder Tisch Beschaffung');
		await step.element.focus();
		await key('Enter');
		await page.getByLabel('Wer ist verantwortlich? (Organisation oder Person)').focus();
		await page.keyboard.type('Vergabestelle');
		await key('Escape');
		await expect.poll(editing).toBe(0);
		await step.element.getByText('Vergabestelle', { exact: true }).waitFor({ timeout: 2000 });
		expect(await focusedCard()).toBe(step.id);

		// And from the group's list (closed: the open list is the browser's own and takes Escape itself).
		await key('Enter');
		await page.getByLabel('Akteursgruppe').focus();
		await key('Escape');
		await expect.poll(editing).toBe(0);
		expect(await focusedCard()).toBe(step.id);
	});

	it('lets the facilitator select, cluster and connect cards without a mouse', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Tastatur, Moderation');
		const key = (k: string) => page.keyboard.press(k);
		for (const text of ['Vergaberecht kompliziert', 'Angst vor Rügen', 'Repair-Café Nord']) {
			await addCard(page, text === 'Repair-Café Nord' ? 'Potentiale' : 'Herausforderungen', text);
		}
		const card = (text: string) =>
			page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });
		const announced = () => page.locator('[aria-live="polite"]').last().textContent();

		// Space selects the focused card; G groups the selection into a cluster.
		await card('Vergaberecht').focus();
		await key('Space');
		await card('Angst vor Rügen').focus();
		await key('Space');
		await expect.poll(announced).toBe('2 Karten ausgewählt');
		await key('g');
		await expect.poll(announced).toBe('Cluster „Neuer Cluster“ mit 2 Karten angelegt');
		// The first Escape leaves the new cluster's title field, the second clears the selection.
		await key('Escape');
		await key('Escape');

		// C connects two selected cards, from the one selected first.
		await card('Repair-Café Nord').focus();
		await key('Space');
		await card('Angst vor Rügen').focus();
		await key('Space');
		await key('c');
		await expect
			.poll(announced)
			.toBe('Verbindung von „Repair-Café Nord“ zu „Angst vor Rügen“ angelegt');
		await expect.poll(() => page.locator('svg.lines line').count()).toBe(1);
		await page.getByRole('button', { name: 'Liste' }).click();
		await page.getByRole('region', { name: 'Karten im Cluster „Neuer Cluster“' }).waitFor();
		await card('Angst vor Rügen')
			.getByLabel('Beschriftung der Verbindung zu „Repair-Café Nord“')
			.waitFor();

		// Ctrl+Z takes the connector back, then the grouping as a whole.
		await page.getByRole('button', { name: 'Liste' }).focus();
		await key('Control+z');
		await expect
			.poll(() =>
				card('Angst vor Rügen')
					.getByLabel('Beschriftung der Verbindung zu „Repair-Café Nord“')
					.count()
			)
			.toBe(0);
		const cluster = page.getByRole('region', { name: 'Karten im Cluster „Neuer Cluster“' });
		expect(await cluster.getByRole('article').count()).toBe(2);
		await key('Control+z');
		await expect
			.poll(() => page.getByRole('region', { name: /^Karten im Cluster/ }).count())
			.toBe(0);
		// Redo brings the cluster back, with both cards.
		await key('Control+Shift+Z');
		await cluster.waitFor();
		expect(await cluster.getByRole('article').count()).toBe(2);
	});

	it('tells in its help what Tab does on the board, goes through the list with ↑ ↓, and acts on its choices once settled', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Tab');
		for (const text of ['Vergaberecht kompliziert', 'Angst vor Rügen'])
			await addCard(page, 'Herausforderungen', text);
		const card = (text: string) =>
			page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });

		// What Tab visits from one card to the next: the words each stop shows.
		await card('Vergaberecht').focus();
		const stops: string[] = [];
		for (let i = 0; i < 20; i++) {
			await page.keyboard.press('Tab');
			const stop = await page.evaluate(() => {
				const el = document.activeElement as HTMLElement;
				if (el.matches('[data-card-id]')) return null;
				return (el.closest('label') ?? el).textContent!.replace(/\s+/g, ' ').trim();
			});
			if (stop === null) break;
			stops.push(stop);
		}
		// The card's buttons are one stop: Tab passes them by, the arrow keys go between them.
		expect(stops).toEqual(['Auswählen']);
		const actions = card('Vergaberecht').getByRole('toolbar', {
			name: 'Aktionen: Vergaberecht kompliziert'
		});
		const current = () =>
			page.evaluate(() =>
				(document.activeElement!.closest('label') ?? document.activeElement!)
					.textContent!.replace(/\s+/g, ' ')
					.trim()
			);
		const placed = await card('Vergaberecht').getAttribute('style');
		await actions.getByRole('checkbox').focus();
		const walked: string[] = [];
		// On the canvas the buttons stand in a column: ↑ and ↓ go along it.
		for (const key of ['ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown']) {
			await page.keyboard.press(key);
			walked.push(await current());
		}
		expect(walked).toEqual(['Hervorheben', 'Duplizieren', 'Bearbeiten', 'Löschen', 'Auswählen']);
		await page.keyboard.press('End');
		expect(await current()).toBe('Löschen');
		await page.keyboard.press('ArrowUp');
		expect(await current()).toBe('Bearbeiten');
		// The arrows did not move the card, and Tab from the card comes back to the button used last.
		expect(await card('Vergaberecht').getAttribute('style')).toBe(placed);
		await card('Vergaberecht').focus();
		await page.keyboard.press('Tab');
		expect(await current()).toBe('Bearbeiten');
		// Also once the row was drawn anew: on the canvas, editing takes it away.
		await page.keyboard.press('Enter');
		await page.getByLabel('Text der Karte').waitFor();
		await page.keyboard.press('Escape');
		await expect
			.poll(() => page.evaluate(() => document.activeElement!.matches('[data-card-id]')))
			.toBe(true);
		await page.keyboard.press('Tab');
		expect(await current()).toBe('Bearbeiten');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement!.matches('[data-card-id]'))).toBe(true);
		expect(await page.evaluate(() => document.activeElement!.textContent)).toContain(
			'Angst vor Rügen'
		);

		await page.locator('body').press('?');
		const help = page.getByRole('dialog', { name: 'Tastenkürzel' });
		await help.waitFor();
		const tab = await help.evaluate((dialog) => {
			const key = [...dialog.querySelectorAll('dt')].find((dt) =>
				dt.textContent!.startsWith('Tab')
			)!;
			return `${key.textContent}: ${key.nextElementSibling!.textContent}`;
		});
		expect(tab).toMatch(/^Tab \/ Umschalt \+ Tab: .*Karte, dann ihre Schaltflächen/);
		for (const word of ['Auswählen', 'Bearbeiten', 'Löschen']) expect(tab).toContain(word);
		await help.getByText('Zur vorigen oder nächsten Karte (Liste)').waitFor();
		await expectAccessible(page, 'the keyboard help');
		await page.keyboard.press('Escape');

		// In the list, ↑ and ↓ go from card to card, on into the next area and back.
		await addCard(page, 'Potentiale', 'Weltladen berät');
		await page.getByRole('button', { name: 'Liste' }).click();
		const focusedText = () =>
			page.evaluate(() => document.activeElement!.querySelector('p.text')?.textContent?.trim());
		await card('Vergaberecht').focus();
		await page.keyboard.press('ArrowDown');
		expect(await focusedText()).toBe('Angst vor Rügen');
		await page.keyboard.press('ArrowDown');
		expect(await focusedText()).toBe('Weltladen berät');
		// The last card stays the last.
		await page.keyboard.press('ArrowDown');
		expect(await focusedText()).toBe('Weltladen berät');
		await page.keyboard.press('ArrowUp');
		expect(await focusedText()).toBe('Angst vor Rügen');
		// A card sent to another area from its list of areas takes the keyboard along.
		const moveTo = card('Angst vor Rügen').getByLabel('Verschieben nach');
		await moveTo.focus();
		await moveTo.selectOption({ label: 'Potentiale' });
		await expect.poll(focusedText).toBe('Angst vor Rügen');
		const areaOf = (text: string) =>
			card(text).evaluate((el) => el.closest('[data-area]')?.getAttribute('data-area'));
		expect(await areaOf('Angst vor Rügen')).toBe('potentials');

		// By keyboard, a choice acts once settled: the first ↓ only looks (it moved the card at once),
		// Escape takes it back, Enter settles it, and screen readers hear where the card went.
		const announced = () => page.locator('[aria-live="polite"]').last().textContent();
		const moveAgain = card('Angst vor Rügen').getByLabel('Verschieben nach');
		await moveAgain.focus();
		await page.keyboard.press('ArrowDown');
		expect(await moveAgain.inputValue()).toBe('next-steps');
		await page.waitForTimeout(300);
		expect(await areaOf('Angst vor Rügen')).toBe('potentials');
		await page.keyboard.press('Escape');
		expect(await moveAgain.inputValue()).toBe('potentials');
		await page.keyboard.press('ArrowDown');
		await page.keyboard.press('Enter');
		await expect.poll(() => areaOf('Angst vor Rügen')).toBe('next-steps');
		await expect.poll(announced).toBe('Die Karte ist jetzt in „Nächste Schritte“.');

		// "Verbinden mit …" alike: ↓ looks, Enter connects, and the keyboard stays with the card.
		const weltladen = card('Weltladen berät');
		await weltladen.getByRole('button', { name: 'Verbinden mit …' }).focus();
		await page.keyboard.press('Enter');
		const target = weltladen.getByLabel('Verbinden mit …');
		await expect.poll(() => target.evaluate((el) => el === document.activeElement)).toBe(true);
		await page.keyboard.press('ArrowDown');
		await page.waitForTimeout(300);
		const removers = weltladen.getByRole('button', { name: /^Verbindung zu .* löschen$/ });
		expect(await removers.count()).toBe(0);
		await page.keyboard.press('Enter');
		await expect.poll(() => removers.count()).toBe(1);
		const chosen = (await removers.first().getAttribute('aria-label'))!.match(/„(.*)“/)![1];
		await expect.poll(announced).toBe(`Verbunden mit „${chosen}“`);
		const addButton = weltladen.getByRole('button', { name: 'Verbinden mit …' });
		await expect.poll(() => addButton.evaluate((el) => el === document.activeElement)).toBe(true);
		// Deleting it says so and keeps the keyboard there too (it fell to the page).
		await removers.first().focus();
		await page.keyboard.press('Enter');
		await expect.poll(() => removers.count()).toBe(0);
		await expect.poll(announced).toBe(`Verbindung zu „${chosen}“ gelöscht`);
		await expect.poll(() => addButton.evaluate((el) => el === document.activeElement)).toBe(true);
	});

	it('names a new cluster right after grouping: G or the bar’s button puts the keys in its title', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Cluster benennen');
		const key = (k: string) => page.keyboard.press(k);
		const texts = ['Vergaberecht kompliziert', 'Angst vor Rügen', 'Fehlende Marktkenntnis'];
		for (const text of [...texts, 'Zu wenig Personal', 'Kaum Zeit', 'Hohe Preise', 'Lange Wege'])
			await addCard(page, 'Herausforderungen', text);
		const card = (text: string) =>
			page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });
		const announced = () => page.locator('[aria-live="polite"]').last().textContent();
		/** The cluster whose title field has the focus, and what of its text is selected. */
		const naming = () =>
			page.evaluate(() => {
				const field = document.activeElement;
				if (!(field instanceof HTMLInputElement) || !field.dataset.clusterTitle) return null;
				return { all: field.selectionStart === 0 && field.selectionEnd === field.value.length };
			});
		const focusedCard = () =>
			page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.cardId ?? null);

		for (const text of texts) {
			await card(text).focus();
			await key('Space');
		}
		await expect.poll(announced).toBe('3 Karten ausgewählt');
		await key('g');
		await expect.poll(announced).toBe('Cluster „Neuer Cluster“ mit 3 Karten angelegt');
		await expect.poll(naming).toEqual({ all: true });
		await page.screenshot({ path: 'test-results/cluster-naming.png' });
		// Typing names it; Enter saves, says so, and goes back to the card G was pressed on.
		await page.keyboard.type('Recht und Verfahren');
		await key('Enter');
		await expect.poll(announced).toBe('Cluster heißt jetzt „Recht und Verfahren“');
		expect(await focusedCard()).toBe(
			await card('Fehlende Marktkenntnis').getAttribute('data-card-id')
		);
		await card('Vergaberecht')
			.getByText('Cluster: Recht und Verfahren')
			.waitFor({ state: 'attached' });
		await key('Escape');
		await expect.poll(announced).toBe('Auswahl aufgehoben');

		// The bar's button does the same for a mouse; Escape leaves the field for the card.
		await card('Zu wenig Personal').click({ modifiers: ['Shift'], position: { x: 20, y: 12 } });
		await card('Kaum Zeit').click({ modifiers: ['Shift'], position: { x: 20, y: 12 } });
		await page
			.getByRole('group', { name: 'Auswahl' })
			.getByRole('button', { name: 'Gruppieren' })
			.click();
		await expect.poll(naming).toEqual({ all: true });
		await page.keyboard.type('Personal');
		await key('Escape');
		await expect.poll(announced).toBe('Cluster heißt jetzt „Personal“');
		expect(await focusedCard()).toBe(await card('Zu wenig Personal').getAttribute('data-card-id'));

		await key('Escape');
		await expect.poll(announced).toBe('Auswahl aufgehoben');
		// In the list alike: Enter saves the title and goes back to the card G was pressed on.
		await page
			.getByRole('group', { name: 'Ansicht' })
			.getByRole('button', { name: 'Liste' })
			.click();
		for (const text of ['Hohe Preise', 'Lange Wege']) {
			await card(text).focus();
			await key('Space');
		}
		await expect.poll(announced).toBe('2 Karten ausgewählt');
		await key('g');
		await expect.poll(naming).toEqual({ all: true });
		await page.keyboard.type('Markt');
		await key('Enter');
		await expect.poll(announced).toBe('Cluster heißt jetzt „Markt“');
		await expect.poll(focusedCard).toBe(await card('Lange Wege').getAttribute('data-card-id'));
	});

	it('folds a card’s actions after “Fertig” and after naming its cluster, until Tab or the pointer asks', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Aktionen zu');
		const key = (k: string) => page.keyboard.press(k);
		const texts = ['Vergaberecht kompliziert', 'Angst vor Rügen', 'Fehlende Marktkenntnis'];
		for (const text of texts) await addCard(page, 'Herausforderungen', text);
		const card = (text: string) =>
			page.getByRole('article').filter({ has: page.locator('p.text', { hasText: text }) });
		/** Whether the card's row of actions is drawn (over the card below it). */
		const actionsShown = (text: string) =>
			card(text)
				.locator('.actions')
				.evaluate((el) => getComputedStyle(el).clip === 'auto');
		// The pointer away from every card: only the keyboard's focus decides.
		await page.mouse.move(1430, 890);

		// Writing a card and leaving it with "Fertig" (Tab, Enter): the focus is back on the card.
		await card('Vergaberecht').focus();
		await key('Enter');
		await page.keyboard.type(' im Alltag');
		await key('Tab');
		await key('Enter');
		await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('ARTICLE');
		await card('im Alltag').getByText('Vergaberecht kompliziert im Alltag').waitFor();
		await page.screenshot({ path: 'test-results/actions-after-done.png' });
		expect(await actionsShown('Vergaberecht')).toBe(false);
		// Tab goes into them, and they show.
		await key('Tab');
		await expect.poll(() => actionsShown('Vergaberecht')).toBe(true);
		await key('Shift+Tab');

		// G, a name and Escape: back on the card, its actions still folded.
		for (const text of texts) {
			await card(text).focus();
			await key('Space');
		}
		await key('g');
		await page.keyboard.type('Markt');
		await key('Escape');
		await expect
			.poll(() =>
				page.evaluate(() => document.activeElement?.querySelector('p.text')?.textContent?.trim())
			)
			.toBe('Fehlende Marktkenntnis');
		await page.screenshot({ path: 'test-results/actions-after-group.png' });
		expect(await actionsShown('Fehlende Marktkenntnis')).toBe(false);
		// The pointer over the card shows them, as on any card.
		const box = (await card('Fehlende Marktkenntnis').boundingBox())!;
		await page.mouse.move(box.x + 30, box.y + 20);
		await expect.poll(() => actionsShown('Fehlende Marktkenntnis')).toBe(true);
	});

	it('keeps the keyboard on the card when the board locks under a button of its actions', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Sperre unter dem Finger');
		const elke = await joinInUi(meeting.browser, session.participantUrl, 'Elke S.');
		await addCard(elke, 'Herausforderungen', 'Eigene Karte');
		const own = elke.getByRole('article').filter({ hasText: 'Eigene Karte' });
		const edit = own.getByRole('button', { name: 'Bearbeiten: Eigene Karte' });
		await own.getByRole('checkbox').focus();
		await elke.keyboard.press('End');
		await elke.keyboard.press('ArrowUp');
		expect(await edit.evaluate((b) => b === document.activeElement)).toBe(true);

		const locked = await api(
			meeting.app.url,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'board.lock' },
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		expect(locked.status).toBe(200);
		await edit.waitFor({ state: 'detached' });
		await expect.poll(() => own.evaluate((card) => card === document.activeElement)).toBe(true);
	});
});
