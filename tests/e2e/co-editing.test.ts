import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createSession, facilitatorCommand } from '../helpers/server';
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
const writing = /schreiben? gerade in dieser Karte/;

/** Every frame a page receives on its board sockets, as text, to find what presence carried. */
function boardFrames(page: Page): string[] {
	const frames: string[] = [];
	page.on('websocket', (socket) => {
		if (!socket.url().includes('/yjs/')) return;
		socket.on('framereceived', ({ payload }) =>
			frames.push(typeof payload === 'string' ? payload : Buffer.from(payload).toString('latin1'))
		);
	});
	return frames;
}

async function openEditor(page: Page, text: string): Promise<void> {
	await card(page, text).hover();
	await card(page, text)
		.getByRole('button', { name: /Karte bearbeiten/ })
		.click();
	await page.getByLabel('Text der Karte').waitFor();
}

/** A blank session, its facilitator's screen, and a command as the facilitator. */
async function meetingOf(title: string) {
	const base = meeting.app.url;
	const session = await createSession(base, title);
	const { page: facilitator } = await person(meeting.browser);
	await facilitator.goto(session.facilitatorUrl);
	const command = facilitatorCommand(base, session);
	return { session, facilitator, command };
}

describeInBrowser('writing in one card together', () => {
	it('shows who else writes in a card, to the others and to each other, until they are done', async () => {
		const { session, facilitator, command } = await meetingOf('Fokusgruppe – gemeinsam');
		expect(
			(await command({ type: 'session.update', settings: { showAuthorNames: true } })).status
		).toBe(200);
		const jana = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.');
		const murat = await joinInUi(meeting.browser, session.participantUrl, 'Murat Ö.', PHONE);
		const text = 'Vergabestelle kennt die Repair-Cafés nicht';
		await addCard(jana, 'Herausforderungen', text);
		await card(murat, text).waitFor();

		await openEditor(jana, text);
		await card(murat, text).getByText('Jana K. schreibt gerade in dieser Karte').waitFor();
		await card(facilitator, text).getByText('Jana K. schreibt gerade in dieser Karte').waitFor();
		// Nobody is told about themselves.
		expect(await editing(jana).count()).toBe(1);
		expect(await editing(jana).getByText(writing).count()).toBe(0);

		// The facilitator (who may change any card) opens the same one: each sees the other, and
		// the one writing hears it.
		await openEditor(facilitator, text);
		await editing(jana).getByText('Moderation schreibt gerade in dieser Karte').waitFor();
		await jana
			.getByRole('status')
			.filter({ hasText: 'Moderation schreibt gerade in dieser Karte' })
			.waitFor({ state: 'attached' });
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

	it('does not name a card’s author through it while author names are hidden', async () => {
		const { session, facilitator } = await meetingOf('Fokusgruppe – ohne Namen');
		const jana = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.');
		const murat = await joinInUi(meeting.browser, session.participantUrl, 'Murat Ö.');
		const text = 'Kleine Lose für Sozialbetriebe';
		await addCard(jana, 'Herausforderungen', text);
		await openEditor(jana, text);
		for (const page of [murat, facilitator])
			await card(page, text).getByText('Jemand schreibt gerade in dieser Karte').waitFor();
		expect(await card(murat, text).getByText('Jana K.').count()).toBe(0);
		// The facilitator's role is no secret.
		await openEditor(facilitator, text);
		await card(murat, text)
			.getByText('Jemand, Moderation schreiben gerade in dieser Karte')
			.waitFor();
	});

	it('says it in English to an English reader', async () => {
		const { session } = await meetingOf('Fokusgruppe – English');
		const jana = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.');
		const { page: reader } = await person(meeting.browser, { locale: 'en-GB' });
		await reader.goto(session.participantUrl);
		await reader.getByLabel('Your name').fill('Sam');
		await reader.getByRole('button', { name: 'Go to the board' }).click();
		const text = 'Kleine Lose für Sozialbetriebe';
		await addCard(jana, 'Herausforderungen', text);
		await openEditor(jana, text);
		await card(reader, text).getByText('Someone is writing in this card').waitFor();
	});

	it('never tells anyone the id of a draft being written, also when the draft goes while its editor is open', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Entwürfe',
			'Fokusgruppe der Studie'
		);
		const ready = 'Begrüßung und Vorstellungsrunde';
		const tom = await joinInUi(meeting.browser, link, 'Tom B.', { ready });
		const { page: murat } = await person(meeting.browser);
		const frames = boardFrames(murat);
		await murat.goto(link);
		await murat.getByLabel('Ihr Name').fill('Murat Ö.');
		await murat.getByRole('button', { name: 'Zum Board' }).click();
		await murat.getByRole('heading', { name: ready, exact: true }).first().waitFor();
		// Silent writing: Tom's new card is a draft only he sees.
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await tom.locator('#phase-title').getByText('Herausforderungen').waitFor();
		await tom.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		const field = tom.getByLabel('Text der Karte');
		await field.pressSequentially('geheim');
		const id = (await editing(tom).getAttribute('data-card-id'))!;
		// Taken back with the editor still open: the text, then the draft itself.
		await tom.getByRole('button', { name: 'Fertig' }).focus();
		await tom.keyboard.press('Control+z');
		await tom.keyboard.press('Control+z');
		await expect.poll(() => tom.locator(`article[data-card-id="${id}"]`).count()).toBe(0);
		// Presence goes out at once; a moment is enough for a frame that would carry the id.
		await murat.waitForTimeout(1500);
		expect(frames.length).toBeGreaterThan(0);
		expect(frames.filter((frame) => frame.includes(id))).toEqual([]);
	});
});
