import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
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

const card = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });
/** The card whose editor is open: its text is in the field then, not the card's text. */
const editing = (page: Page) =>
	page.getByRole('article').filter({ has: page.getByLabel('Text der Karte') });

async function openEditor(page: Page, text: string): Promise<void> {
	await card(page, text).hover();
	await card(page, text)
		.getByRole('button', { name: /Karte bearbeiten/ })
		.click();
	await page.getByLabel('Text der Karte').waitFor();
}

describeInBrowser('writing in one card together', () => {
	it('shows who else writes in a card, to the others and to each other, until they are done', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(facilitator, meeting.app.url, 'Fokusgruppe – gemeinsam');
		const jana = await joinInUi(meeting.browser, link, 'Jana K.');
		const murat = await joinInUi(meeting.browser, link, 'Murat Ö.', PHONE);
		const text = 'Vergabestelle kennt die Repair-Cafés nicht';
		await addCard(jana, 'Herausforderungen', text);
		await card(murat, text).waitFor();

		await openEditor(jana, text);
		await card(murat, text).getByText('Jana K. schreibt gerade in dieser Karte').waitFor();
		await card(facilitator, text).getByText('Jana K. schreibt gerade in dieser Karte').waitFor();
		const writing = /schreiben? gerade in dieser Karte/;
		// Nobody is told about themselves.
		expect(await editing(jana).count()).toBe(1);
		expect(await editing(jana).getByText(writing).count()).toBe(0);

		// The facilitator (who may change any card) opens the same one: each sees the other.
		await openEditor(facilitator, text);
		await editing(jana).getByText('Moderation schreibt gerade in dieser Karte').waitFor();
		await editing(facilitator).getByText('Jana K. schreibt gerade in dieser Karte').waitFor();
		await card(murat, text)
			.getByText('Jana K., Moderation schreiben gerade in dieser Karte')
			.waitFor();
		await expectAccessible(murat, 'a card two people write in, on a phone');

		await jana.getByRole('button', { name: 'Fertig' }).click();
		await card(murat, text).getByText('Moderation schreibt gerade in dieser Karte').waitFor();
		await facilitator.getByRole('button', { name: 'Fertig' }).click();
		await expect.poll(() => card(murat, text).getByText(writing).count()).toBe(0);
		await expect.poll(() => card(jana, text).getByText(writing).count()).toBe(0);
	});

	it('says it in English to an English reader', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(facilitator, meeting.app.url, 'Fokusgruppe – English');
		const jana = await joinInUi(meeting.browser, link, 'Jana K.');
		const { page: reader } = await person(meeting.browser, { locale: 'en-GB' });
		await reader.goto(link);
		await reader.getByLabel('Your name').fill('Sam');
		await reader.getByRole('button', { name: 'Go to the board' }).click();
		const text = 'Kleine Lose für Sozialbetriebe';
		await addCard(jana, 'Herausforderungen', text);
		await openEditor(jana, text);
		await card(reader, text).getByText('Jana K. is writing in this card').waitFor();
	});
});
