import { expect, it } from 'vitest';
import {
	createSessionInUi,
	describeInBrowser,
	expectAccessible,
	joinInUi,
	person,
	useMeeting
} from './support';

const meeting = useMeeting();

describeInBrowser('controls named by the words they show', () => {
	it('lets a voice-control user press the timer and new-card buttons by what they read', async () => {
		const { page } = await person(meeting.browser);
		const link = await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Sprachsteuerung');
		const jana = await joinInUi(meeting.browser, link, 'Jana K.');
		await page.getByRole('status').filter({ hasText: 'Verbunden' }).waitFor();

		// "Klicke +5 Min", "Klicke +1 Min": the time box grows by what the buttons say.
		await page.getByRole('button', { name: '+5 Min' }).click();
		await page.getByRole('button', { name: '+1 Min' }).click();
		await expect.poll(() => page.getByRole('timer').textContent()).toBe('6:00');

		// "Klicke Karte hinzufügen" in the list, where the button says so.
		for (const who of [page, jana]) {
			await who.getByRole('button', { name: 'Liste', exact: true }).click();
			const add = who.getByRole('button', { name: 'Karte hinzufügen' });
			expect(await add.count()).toBeGreaterThan(0);
			await expectAccessible(who, 'the board as a list');
		}
		await page.getByRole('button', { name: 'Fläche', exact: true }).click();
		await expectAccessible(page, 'the facilitator’s canvas');
	});

	it('names the phase bar apart from the board’s area of the same name', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(
			page,
			meeting.app.url,
			'Fokusgruppe – Bereiche',
			'Fokusgruppe der Studie'
		);
		await page.getByRole('button', { name: 'Nächste Phase' }).click();
		await page.getByRole('region', { name: 'Aktuelle Phase: Herausforderungen' }).waitFor();
		// Landmarks are listed by name: one "Herausforderungen", the area of the board.
		expect(await page.getByRole('region', { name: 'Herausforderungen', exact: true }).count()).toBe(
			1
		);
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('region', { name: 'Current phase: Challenges' }).waitFor();
	});
});
