import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { api, createSession } from '../helpers/server';
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

const PROJECTOR = { viewport: { width: 1920, height: 1080 } };
const DELETED = 'Diese Sitzung wurde gelöscht.';
const PARTICIPANT_LINK_HINT = 'Öffnen Sie den Teilnahme-Link erneut.';

/** The screen shows that its session was deleted, and nothing of the session any more. */
async function expectDeletedScreen(page: Page, card: string) {
	await page.getByRole('heading', { name: DELETED }).waitFor({ timeout: 5000 });
	expect(await page.getByRole('link', { name: 'Zur Startseite' }).count()).toBe(1);
	expect(await page.getByText(card).count()).toBe(0);
	expect(await page.locator('[data-card-id], .board').count()).toBe(0);
	expect(await page.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).count()).toBe(0);
	expect(await page.getByText(PARTICIPANT_LINK_HINT).count()).toBe(0);
	expect(await page.getByRole('textbox').count()).toBe(0);
	expect(await page.title()).toBe('Sitzung nicht verfügbar – Fokusrunde');
}

describeInBrowser('the end of a session', () => {
	it('the facilitator deletes the session from the panel; every open screen shows it is gone, at once', async () => {
		const base = meeting.app.url;
		const title = 'Faire Beschaffung – Löschprobe';
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(facilitator, base, title);
		const sessionId = new URL(facilitator.url()).pathname.split('/')[2]!;
		const token = new URL(
			await facilitator.getByLabel('Ihr Moderationslink').inputValue()
		).hash.slice(1);
		const read = () =>
			api(base, 'GET', `/api/sessions/${sessionId}`, undefined, {
				authorization: `Bearer ${token}`
			});
		expect((await read()).status).toBe(200);

		const phone = await joinInUi(meeting.browser, link, 'Jana K.', PHONE);
		await addCard(phone, 'Herausforderungen', 'Vergabestellen fürchten Rügen');
		await facilitator.getByRole('button', { name: /^Moderation/ }).click();
		const presenterLink = await facilitator
			.getByLabel('Link für Beamer und Beobachtung')
			.inputValue();
		const { page: projector } = await person(meeting.browser, PROJECTOR);
		await projector.goto(presenterLink);
		await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).waitFor();
		await projector.getByText('Vergabestellen fürchten Rügen').waitFor();

		// Apart in the panel, it says what goes, and one click does not delete.
		const open = facilitator.getByRole('button', { name: 'Sitzung löschen …' });
		expect(await open.getAttribute('aria-describedby')).toBe('delete-session-intro');
		expect(await facilitator.locator('#delete-session-intro').textContent()).toContain(
			'Karten, Entwürfen und Punkten'
		);
		await open.click();
		const dialog = facilitator.getByRole('alertdialog', {
			name: `Sitzung „${title}“ endgültig löschen?`
		});
		await dialog.waitFor();
		const field = dialog.getByLabel('Geben Sie zur Bestätigung den Titel der Sitzung ein');
		expect(await field.evaluate((el) => el === document.activeElement)).toBe(true);
		await expectAccessible(facilitator, 'the confirmation to delete a session');
		// Escape keeps the session and gives the focus back.
		await facilitator.keyboard.press('Escape');
		await expect.poll(() => dialog.count()).toBe(0);
		expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
		await open.click();
		// A wrong title is refused, and says what to type.
		await field.fill('Löschprobe');
		await dialog.getByRole('button', { name: 'Endgültig löschen' }).click();
		await dialog.getByText(`Der Titel stimmt nicht überein. Geben Sie „${title}“ ein.`).waitFor();
		expect((await read()).status).toBe(200);
		await expectDeletedNowhere(phone, projector);

		// The title as anyone types it (a plain hyphen for the dash) deletes the session.
		await field.fill('faire beschaffung - löschprobe');
		await field.press('Enter');
		await facilitator.waitForURL(`${base}/`);
		const note = facilitator.getByRole('status').filter({ hasText: 'wurde gelöscht' });
		expect(await note.textContent()).toContain(`Die Sitzung „${title}“ wurde gelöscht`);
		expect(await note.evaluate((el) => el === document.activeElement)).toBe(true);

		// The phone and the projector, without a reload.
		await expectDeletedScreen(phone, 'Vergabestellen fürchten Rügen');
		await expectDeletedScreen(projector, 'Vergabestellen fürchten Rügen');
		expect(await projector.getByText('/k/').count()).toBe(0);
		await expectAccessible(projector, 'the projector of a deleted session');
		expect((await read()).status).toBe(404);
		// A reload says the same (no longer "invalid link" on the projector).
		await projector.reload();
		await projector.getByRole('heading', { name: 'Diese Sitzung gibt es nicht (mehr).' }).waitFor();
	});

	it('a session deleted through the API: the facilitator is told it was deleted, not to open the participant link', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – API-Löschung');
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		await facilitator.getByLabel('Link für Teilnehmende').first().waitFor();
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Murat Ö.', PHONE);
		await addCard(phone, 'Potentiale', 'Der Weltladen berät gern');
		await facilitator.getByText('Der Weltladen berät gern').waitFor();

		const deleted = await api(base, 'DELETE', `/api/sessions/${session.id}`, undefined, {
			authorization: `Bearer ${session.facilitatorToken}`
		});
		expect(deleted.status).toBe(204);

		await expectDeletedScreen(facilitator, 'Der Weltladen berät gern');
		expect(await facilitator.getByText('nicht (mehr) angemeldet').count()).toBe(0);
		expect(await facilitator.getByLabel('Link für Teilnehmende').count()).toBe(0);
		expect(await facilitator.getByRole('button').filter({ hasText: 'Moderation' }).count()).toBe(0);
		// The heading has the focus: the keyboard does not start over from nowhere.
		expect(
			await facilitator
				.getByRole('heading', { name: DELETED })
				.evaluate((el) => el === document.activeElement)
		).toBe(true);
		await expectDeletedScreen(phone, 'Der Weltladen berät gern');
	});

	it('a session deleted while a browser was elsewhere leaves nothing of it in that browser', async () => {
		const base = meeting.app.url;
		const gone = await createSession(base, 'Fokusgruppe – Wird gelöscht');
		const stays = await createSession(base, 'Fokusgruppe – Bleibt');
		const { context, page } = await person(meeting.browser);
		await page.goto(gone.facilitatorUrl);
		await page.getByRole('button', { name: 'Ausblenden' }).click();
		// What a participant's browser keeps of a session: texts the server never took.
		await page.evaluate(
			([g, s]) => {
				localStorage.setItem(
					`fokusrunde.unsent.${g!.id}.${g!.boardId}.p1`,
					JSON.stringify([{ id: 'u1', text: 'Nur in diesem Browser', area: 'challenges' }])
				);
				localStorage.setItem(`fokusrunde.unsent.${s!.id}.${s!.boardId}.p1`, '[]');
			},
			[gone, stays]
		);
		await page.close();
		const kept = async (p: Page) =>
			(await p.evaluate(() => Object.keys(localStorage))).filter((k) => k.includes('fokusrunde'));
		await api(base, 'DELETE', `/api/sessions/${gone.id}`, undefined, {
			authorization: `Bearer ${gone.facilitatorToken}`
		});

		// Any Fokusrunde page this browser opens later sweeps it away; the other session stays.
		const later = await context.newPage();
		await later.goto(base + '/');
		await expect
			.poll(async () => (await kept(later)).filter((k) => k.includes(gone.id)))
			.toEqual([]);
		expect(await kept(later)).toContain(`fokusrunde.unsent.${stays.id}.${stays.boardId}.p1`);
	});

	it('signed out without a deletion, each role is told the link that brings it back', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Abgemeldet');
		const { context, page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		await facilitator.getByLabel('Link für Teilnehmende').first().waitFor();
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Elke S.', PHONE);
		const participantId = (
			await api<{ me: { participantId: string } }>(
				base,
				'GET',
				`/api/sessions/${session.id}`,
				undefined,
				{ cookie: (await phone.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ') }
			)
		).body.me.participantId;

		// A removed participant is told so (not to open the link again: it would not help).
		await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'participant.remove', participantId },
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		await phone
			.getByRole('heading', { name: 'Die Moderation hat Sie aus dieser Sitzung entfernt.' })
			.waitFor();
		expect(await phone.locator('[data-card-id], .board').count()).toBe(0);
		// And after a reload, too: the server still knows whose credential it was.
		await phone.reload();
		await phone
			.getByRole('heading', { name: 'Die Moderation hat Sie aus dieser Sitzung entfernt.' })
			.waitFor();
		expect(await phone.locator('[data-card-id], .board').count()).toBe(0);

		// The facilitator's browser lost its sign-in (cookies cleared) and the connection
		// came back (a server restart): the facilitator link, never the participant link.
		const { page: projector } = await person(meeting.browser, PROJECTOR);
		await projector.goto(session.presenterUrl);
		await projector.getByRole('heading', { name: 'Fokusgruppe – Abgemeldet' }).waitFor();
		await context.clearCookies();
		meeting.app = await meeting.app.restart();
		// A restart is no end: the projector, still signed in, follows the session again.
		await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'session.update', title: 'Fokusgruppe – Nach dem Neustart' },
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		await projector
			.getByRole('heading', { name: 'Fokusgruppe – Nach dem Neustart' })
			.waitFor({ timeout: 15_000 });
		await facilitator
			.getByRole('heading', {
				name: 'Sie sind in dieser Sitzung nicht (mehr) als Moderation angemeldet. Öffnen Sie Ihren Moderationslink erneut.'
			})
			.waitFor({ timeout: 15_000 });
		expect(await facilitator.getByText(PARTICIPANT_LINK_HINT).count()).toBe(0);
		expect(await facilitator.title()).toBe('Nicht angemeldet – Fokusrunde');
	});
});

/** Before the deletion is confirmed, nothing has ended anywhere. */
async function expectDeletedNowhere(...pages: Page[]) {
	for (const page of pages) expect(await page.getByText(DELETED).count()).toBe(0);
}

describeInBrowser('a presenter link that got out', () => {
	it('is replaced from the panel: the projector on the old one is signed out, the new one works', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Neuer Beamer-Link');
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		await facilitator.getByRole('button', { name: /^Moderation/ }).click();
		const field = facilitator.getByLabel('Link für Beamer und Beobachtung');
		const old = await field.inputValue();
		// A second facilitator screen (a co-facilitator's laptop) shows the link too.
		const { page: colleague } = await person(meeting.browser);
		await colleague.goto(session.facilitatorUrl);
		await colleague.getByRole('button', { name: /^Moderation/ }).click();
		const colleagueField = colleague.getByLabel('Link für Beamer und Beobachtung');
		expect(await colleagueField.inputValue()).toBe(old);
		const { page: projector } = await person(meeting.browser, PROJECTOR);
		await projector.goto(old);
		await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).waitFor();

		// It asks first, with the keyboard on "Abbrechen".
		await facilitator.getByRole('button', { name: 'Neuen Beamer-Link erzeugen' }).click();
		const question = facilitator.getByRole('alertdialog');
		await question.getByText('Bildschirme, die ihn geöffnet haben').waitFor();
		await expect
			.poll(() => facilitator.evaluate(() => document.activeElement?.textContent))
			.toBe('Abbrechen');
		await question.getByRole('button', { name: 'Neuen Beamer-Link erzeugen' }).click();
		await expect.poll(() => field.inputValue()).not.toBe(old);
		// The other screen hands out the new link at once, without a reload.
		await expect.poll(() => colleagueField.inputValue()).toBe(await field.inputValue());
		await facilitator
			.getByRole('status')
			.filter({ hasText: 'Neuer Link für Beamer und Beobachtung erzeugt.' })
			.waitFor();

		// The projector on the old link is asked to open the link again, and shows nothing more.
		await projector
			.getByText('Öffnen Sie den Link für Beamer und Beobachtung erneut.')
			.waitFor({ timeout: 5000 });
		expect(
			await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).count()
		).toBe(0);
		const { page: fresh } = await person(meeting.browser, PROJECTOR);
		await fresh.goto(await field.inputValue());
		await fresh.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).waitFor();
		await expectAccessible(facilitator, 'the panel with the presenter link replaced');
	});
});
