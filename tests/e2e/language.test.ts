import { expect, it } from 'vitest';
import {
	createSessionInUi,
	describeInBrowser,
	expectAccessible,
	joinInUi,
	person,
	useMeeting
} from './support';
import { createCard } from '../../src/lib/domain/board/cards';
import { connectBoard, createSession, facilitatorCommand } from '../helpers/server';

const meeting = useMeeting();

describeInBrowser('language', () => {
	it('is German by default and English for an English browser', async () => {
		const german = await person(meeting.browser, { locale: 'fr-FR' });
		await german.page.goto(meeting.app.url + '/');
		await german.page.getByRole('heading', { name: 'Neue Fokusgruppen-Sitzung' }).waitFor();
		expect(await german.page.locator('html').getAttribute('lang')).toBe('de');

		const english = await person(meeting.browser, { locale: 'en-GB' });
		await english.page.goto(meeting.app.url + '/');
		await english.page.getByRole('heading', { name: 'New focus-group session' }).waitFor();
		expect(await english.page.locator('html').getAttribute('lang')).toBe('en');
		await expectAccessible(english.page, 'the English start page');

		// On the English join page a German session's title is marked German: a screen reader
		// pronounces it as German inside the English sentence.
		const session = await createSession(
			meeting.app.url,
			'Faire Beschaffung – Fokusgruppe Müllheim'
		);
		await english.page.goto(session.participantUrl);
		const intro = english.page.getByText(
			'You are joining the session “Faire Beschaffung – Fokusgruppe Müllheim”.'
		);
		await intro.waitFor();
		expect(await intro.locator('span', { hasText: 'Faire Beschaffung' }).getAttribute('lang')).toBe(
			'de'
		);
	});

	it('tells an English screen reader the German session’s title in German when the board has loaded', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe Müllheim – Reparaturnetz');
		const { page: reader } = await person(meeting.browser, { locale: 'en-GB' });
		await reader.goto(session.participantUrl);
		await reader.getByLabel('Your name').fill('Chris');
		await reader.getByRole('button', { name: 'Go to the board' }).click();
		await reader.getByRole('heading', { name: 'Potentials', exact: true }).first().waitFor();
		const live = reader.locator('.visually-hidden[role="status"][aria-live="polite"]');
		await expect
			.poll(() => live.textContent())
			.toBe('Board “Fokusgruppe Müllheim – Reparaturnetz” loaded');
		// Only the title is German: "Board … loaded" stays the reader's language.
		const quoted = live.locator('[lang]');
		expect(await quoted.count()).toBe(1);
		expect(await quoted.getAttribute('lang')).toBe('de');
		expect(await quoted.textContent()).toBe('Fokusgruppe Müllheim – Reparaturnetz');

		// So is a card the facilitator spotlights, and a round's own title.
		const seeder = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
		await seeder.synced;
		createCard(seeder.doc, {
			id: 'c1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Vergabestellen fürchten Rügen'
		});
		const command = facilitatorCommand(meeting.app.url, session);
		await reader.getByText('Vergabestellen fürchten Rügen').first().waitFor();
		expect((await command({ type: 'card.spotlight', cardId: 'c1' })).status).toBe(200);
		await expect
			.poll(() => live.locator('[lang="de"]').textContent())
			.toBe('Vergabestellen fürchten Rügen');
		expect((await command({ type: 'voting.open', title: 'Wichtigste Hürden' })).status).toBe(200);
		await expect.poll(() => live.locator('[lang="de"]').textContent()).toBe('Wichtigste Hürden');
		seeder.provider.destroy();
	});

	it('switches language and keeps the choice', async () => {
		const { page } = await person(meeting.browser);
		await page.goto(meeting.app.url + '/');
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { name: 'New focus-group session' }).waitFor();
		await page.getByLabel('Session title').fill('Fair procurement – focus group');
		await page.getByRole('button', { name: 'Create session' }).click();
		for (const area of ['Challenges', 'Potentials', 'Next steps'])
			await page.getByRole('heading', { name: area, level: 2 }).waitFor();
		await page.reload();
		await page.getByRole('heading', { name: 'Challenges', level: 2 }).waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.getByRole('heading', { name: 'Welcome and introductions' }).waitFor();
		// English in a German browser writes times the European way, not "05:48 PM".
		await page.getByRole('button', { name: 'Start dot-voting' }).click();
		await page.getByLabel('Time in minutes (optional)').fill('5');
		await page.getByRole('button', { name: 'Begin voting' }).click();
		const ends = page.getByText(/^Ends at /).first();
		await ends.waitFor();
		expect(await ends.textContent()).toMatch(/^Ends at [0-2]\d:[0-5]\d$/);
		await page.getByRole('button', { name: 'Deutsch' }).click();
		await page.getByRole('heading', { name: 'Herausforderungen', level: 2 }).waitFor();
		// The agenda came from the study's template in English: its unchanged texts switch too.
		await page.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).waitFor();
		await page.getByText('Wie arbeiten Sie heute mit der Kommune zusammen?').first().waitFor();
	});

	it('shows a German agenda’s template texts in English in the agenda editor, and keeps them German for others', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Agenda auf Englisch',
			'Fokusgruppe der Studie'
		);
		const participant = await joinInUi(meeting.browser, link, 'Chris', {
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		await facilitator.getByRole('button', { name: 'English' }).click();
		await facilitator
			.getByRole('button', { name: /Facilitation/ })
			.last()
			.click();
		const first = facilitator.getByRole('group', { name: 'Phase 1 current' });
		await expect
			.poll(() => first.getByLabel('Title').inputValue())
			.toBe('Welcome and introductions');
		// The facilitator changes only the time box and saves the agenda in English.
		await first.getByLabel('Duration in minutes (empty: none)').fill('20');
		await facilitator.getByRole('button', { name: 'Save agenda' }).click();
		await facilitator.getByText('Agenda saved').waitFor();
		await expect.poll(() => participant.getByRole('timer').textContent()).toBe('20:00');
		// Unchanged, the title is still the template's: German for the German reader.
		await participant.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).waitFor();
	});
});
