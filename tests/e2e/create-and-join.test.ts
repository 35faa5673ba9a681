import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
	describeInBrowser,
	expectAccessible,
	person,
	joinInUi,
	PHONE,
	useMeeting,
	createSessionInUi
} from './support';

const meeting = useMeeting();

const createSession = (page: Page, title: string) =>
	createSessionInUi(page, meeting.app.url, title);

describeInBrowser('creating a session and joining it', () => {
	it('lets a facilitator create a session and copy the participant link', async () => {
		const { page } = await person(meeting.browser);
		await page.goto(meeting.app.url + '/');
		await page.getByRole('link', { name: 'Fokusrunde' }).waitFor();
		await expectAccessible(page, 'the start page');
		await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await expect
			.poll(() => page.getByRole('alert').textContent())
			.toBe('Bitte geben Sie einen Titel ein.');
		const link = await createSession(page, 'Faire Beschaffung – Fokusgruppe Musterstadt');
		expect(link).toMatch(new RegExp(`^${meeting.app.url}/j/[\\w-]+#[\\w-]{40,}$`));
		await expect
			.poll(() => page.getByLabel('Ihr Moderationslink').inputValue())
			.toMatch(/\/f\/[\w-]+#/);
		await expect
			.poll(() => page.getByRole('status').filter({ hasText: 'Verbunden' }).count())
			.toBe(1);
		await expectAccessible(page, 'the facilitator view');
		// Before hiding them, a reload keeps the links in view (the facilitator link only in this tab).
		await page.reload();
		await page.getByLabel('Link für Teilnehmende').first().waitFor();
		await page.getByText('Ausgeblendet bleibt er unter „Moderation“ zu finden.').waitFor();
		await page.getByRole('button', { name: 'Ausblenden' }).click();
		// Hidden, they stay hidden on later visits and leave the board the room...
		await page.reload();
		await page.getByRole('heading', { name: 'Herausforderungen' }).waitFor();
		await page.getByRole('status').filter({ hasText: 'Verbunden' }).waitFor();
		expect(await page.getByLabel('Ihr Moderationslink').count()).toBe(0);
		expect(await page.getByLabel('Link für Teilnehmende').count()).toBe(0);
		// ... and the participant link is where the banner said.
		// The panel's button says what its number counts: people online, not facilitators.
		await page.getByRole('button', { name: 'Moderation 1 online' }).click();
		expect(await page.getByLabel('Link für Teilnehmende').inputValue()).toBe(link);
	});

	it('lets a participant join on a phone with a name and an optional stakeholder group', async () => {
		const facilitator = await person(meeting.browser);
		const link = await createSession(facilitator.page, 'Fokusgruppe Beispielstadt');
		const { page } = await person(meeting.browser, PHONE);
		// Nothing goes wrong on the way in, not even out of sight in the browser's console.
		const errors: string[] = [];
		page.on('console', (message) => {
			if (message.type() === 'error') errors.push(message.text());
		});
		await page.goto(link);
		await page.getByText('Sie nehmen an der Sitzung „Fokusgruppe Beispielstadt“ teil.').waitFor();
		await expectAccessible(page, 'the join page');
		// The name at the top leads nowhere: the start page creates sessions, it is not for them.
		await page.getByRole('banner').getByText('Fokusrunde', { exact: true }).waitFor();
		expect(await page.getByRole('link', { name: 'Fokusrunde' }).count()).toBe(0);
		await page.getByRole('button', { name: 'Zum Board' }).click();
		await expect
			.poll(() => page.getByRole('alert').textContent())
			.toBe('Bitte geben Sie einen Namen ein.');
		await page.getByLabel('Ihr Name').fill('Repair-Café Nord');
		await page.getByLabel('Ihre Akteursgruppe (freiwillig)').selectOption('repair');
		await page.getByRole('button', { name: 'Zum Board' }).click();
		for (const area of ['Herausforderungen', 'Potentiale', 'Nächste Schritte'])
			await page.getByRole('heading', { name: area, level: 2 }).waitFor();
		expect(errors).toEqual([]);
		expect(await page.getByRole('link', { name: 'Fokusrunde' }).count()).toBe(0);
		await expectAccessible(page, 'the participant board on a phone');
		await facilitator.page
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		// The roster in the facilitator's panel names them with their group.
		const roster = facilitator.page.getByRole('complementary');
		await roster.getByText('Repair-Café Nord', { exact: true }).waitFor();
		await roster.getByText('Repair- oder Leihnetzwerk', { exact: true }).waitFor();
	});

	it('takes a phone user to the field that is missing, with its message, on creating and on joining', async () => {
		/** The focused field's label, whether it is on screen, and the message it is described by. */
		const focusedField = (page: Page) =>
			page.evaluate(() => {
				const field = document.activeElement as HTMLInputElement;
				const box = field.getBoundingClientRect();
				const described = (field.getAttribute('aria-describedby') ?? '')
					.split(' ')
					.map((id) => document.getElementById(id)?.textContent?.trim())
					.join(' | ');
				return {
					label: field.labels?.[0]?.textContent?.trim() ?? field.tagName,
					inView: box.top >= 0 && box.bottom <= innerHeight,
					invalid: field.getAttribute('aria-invalid'),
					described
				};
			});

		const { page } = await person(meeting.browser, PHONE);
		await page.goto(meeting.app.url + '/');
		await page.getByLabel('Kommune').fill('Musterstadt');
		const create = page.getByRole('button', { name: 'Sitzung anlegen' });
		await create.scrollIntoViewIfNeeded();
		await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
		await create.tap();
		await expect
			.poll(() => focusedField(page))
			.toEqual({
				label: 'Titel der Sitzung',
				inView: true,
				invalid: 'true',
				described:
					'Zum Beispiel: Faire Beschaffung – Fokusgruppe Musterstadt | Bitte geben Sie einen Titel ein.'
			});

		const facilitator = await person(meeting.browser);
		const link = await createSession(facilitator.page, 'Fokusgruppe Pflichtfeld');
		await page.goto(link);
		await page.getByLabel('Ihre Akteursgruppe (freiwillig)').selectOption('repair');
		await page.getByRole('button', { name: 'Zum Board' }).tap();
		await expect
			.poll(() => focusedField(page))
			.toEqual({
				label: 'Ihr Name',
				inView: true,
				invalid: 'true',
				described:
					'So sehen Sie die anderen. Ein Vorname oder ein Pseudonym genügt (höchstens 60 Zeichen). | Bitte geben Sie einen Namen ein.'
			});
	});

	it('tells "nothing chosen" apart from the group "Keine Angabe" when joining', async () => {
		const facilitator = await person(meeting.browser);
		const link = await createSession(facilitator.page, 'Fokusgruppe Gruppenwahl');
		const { page } = await person(meeting.browser, PHONE);
		await page.goto(link);
		const select = page.getByLabel('Ihre Akteursgruppe (freiwillig)');
		await select.waitFor();
		const options = await select.locator('option').allTextContents();
		expect(options[0]).toBe('Bitte wählen …');
		// Of the options, one alone says there is no group.
		expect(options.filter((o) => /^Keine /.test(o))).toEqual(['Keine Angabe']);
		expect(await select.inputValue()).toBe('');

		// Left as it is, no group; "Keine Angabe" is a choice of its own, named as such.
		await joinInUi(meeting.browser, link, 'Ohne Wahl');
		await joinInUi(meeting.browser, link, 'Mit Angabe', { group: 'Keine Angabe' });
		await facilitator.page
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		const roster = facilitator.page.getByRole('complementary');
		const entry = (name: string) => roster.getByRole('listitem').filter({ hasText: name });
		await expect.poll(() => entry('Mit Angabe').textContent()).toContain('Keine Angabe');
		expect(await entry('Ohne Wahl').textContent()).not.toContain('Keine');
	});

	it('waits for the page’s script before sending a form, on a slow connection too', async () => {
		const { page } = await person(meeting.browser, PHONE);
		// The page's script arrives late, as on a slow phone network.
		await page.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await route.continue();
		});
		const addresses: string[] = [];
		page.on('framenavigated', (frame) => {
			if (frame === page.mainFrame()) addresses.push(frame.url());
		});
		await page.goto(meeting.app.url + '/', { waitUntil: 'domcontentloaded' });
		await page.getByLabel('Titel der Sitzung').fill('Fokusgruppe – Langsames Netz');
		await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
		await page.getByRole('heading', { name: 'Fokusgruppe – Langsames Netz' }).waitFor();
		// The browser never sent the form itself: no title in any address.
		expect(addresses.filter((url) => url.includes('title='))).toEqual([]);

		// Joining alike: the name stays out of the address.
		const link = await page.getByLabel('Link für Teilnehmende').first().inputValue();
		const { page: phone } = await person(meeting.browser, PHONE);
		await phone.route(/\/_app\/immutable\/.*\.js$/, async (route) => {
			await new Promise((resolve) => setTimeout(resolve, 1500));
			await route.continue();
		});
		await phone.goto(link, { waitUntil: 'domcontentloaded' });
		await phone.getByLabel('Ihr Name').fill('Jana K.');
		await phone.getByRole('button', { name: 'Zum Board' }).click();
		await phone.getByRole('heading', { name: 'Fokusgruppe – Langsames Netz' }).first().waitFor();
		expect(phone.url()).not.toContain('Jana');
	});

	it('refuses an incomplete or wrong link with an explanation', async () => {
		const facilitator = await person(meeting.browser);
		const link = await createSession(facilitator.page, 'Fokusgruppe Linktest');
		const { page } = await person(meeting.browser);
		await page.goto(link.split('#')[0]!);
		await page
			.getByRole('alert')
			.getByText('Dieser Link ist unvollständig.', { exact: false })
			.waitFor();
		await page.goto(link.replace(/#.*/, '#falsch-falsch-falsch-falsch'));
		await page.reload();
		await page
			.getByRole('alert')
			.getByText('Dieser Link ist unvollständig.', { exact: false })
			.waitFor();

		// A whole link that was replaced by a new one is not called incomplete: it is outdated.
		await facilitator.page
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		await facilitator.page.getByRole('button', { name: 'Neuen Teilnahme-Link erzeugen' }).click();
		await facilitator.page
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Neuen Teilnahme-Link erzeugen' })
			.click();
		await expect
			.poll(() => facilitator.page.getByLabel('Link für Teilnehmende').last().inputValue())
			.not.toBe(link);
		await page.goto(link);
		await page.reload();
		const refused = page.getByRole('alert');
		await refused.getByText('Dieser Link gilt nicht mehr', { exact: false }).waitFor();
		expect(await refused.textContent()).toContain(
			'Bitten Sie die Moderation um den aktuellen Link.'
		);
		expect(await refused.getByText('unvollständig', { exact: false }).count()).toBe(0);
	});
});
