import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import type { StateResponse } from '../../src/lib/protocol/api';
import { api, createSession } from '../helpers/server';
import {
	createSessionInUi,
	describeInBrowser,
	expectAccessible,
	joinInUi,
	person,
	PHONE,
	useMeeting
} from './support';

const meeting = useMeeting();

const join = (link: string, name: string, options = {}) =>
	joinInUi(meeting.browser, link, name, { ...options, ready: 'Begrüßung und Vorstellungsrunde' });

const card = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });
const question =
	'Welche Herausforderungen sehen Sie für eine faire und nachhaltige Beschaffung hier vor Ort?';

describeInBrowser('leading a focus group through the study agenda', () => {
	it('moves everyone through welcome, silent writing with reveal, lock and spotlight, with a presenter view', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe Musterstadt – Ablauf',
			'Fokusgruppe der Studie'
		);
		const jana = await join(link, 'Jana K.');
		const murat = await join(link, 'Murat Ö.');
		const elke = await join(link, 'Elke S.', PHONE);

		// Welcome: a reading phase, nobody but the facilitator can add cards.
		expect(await jana.getByRole('button', { name: /Karte hinzufügen zu/ }).count()).toBe(0);

		// The presenter view: QR code, phase and question for the projector.
		await facilitator
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		const presenterLink = await facilitator
			.getByLabel('Link für Beamer und Beobachtung')
			.inputValue();
		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(presenterLink);
		await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).waitFor();
		await projector.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).waitFor();
		await expectAccessible(projector, 'the presenter view');
		// Someone in the room types the short link from the projector on their phone.
		const shortLink = (await projector.locator('.url').textContent())!.trim();
		const { page: typist } = await person(meeting.browser, PHONE);
		await typist.goto(`http://${shortLink}`);
		await typist.getByLabel('Ihr Name').fill('Repair-Café Nord');
		await typist.getByRole('button', { name: 'Zum Board' }).click();
		await typist.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).waitFor();

		// Silent writing on challenges, with the timer running on every screen.
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await facilitator.getByRole('button', { name: 'Timer starten' }).click();
		for (const page of [jana, murat, elke, projector]) {
			await page.getByText(question, { exact: true }).first().waitFor();
			await expect
				.poll(() => page.getByRole('timer').first().textContent())
				.toMatch(/^(10:00|9:\d\d)$/);
		}
		await jana.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		await jana.getByLabel('Text der Karte').fill('Vergabestellen fürchten Rügen');
		await jana.getByRole('button', { name: 'Fertig' }).click();
		await card(jana, 'Vergabestellen fürchten Rügen')
			.getByText('Entwurf – nur für Sie sichtbar')
			.waitFor();
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		await elke.getByLabel('Text der Karte').fill('Große Lose schließen Sozialbetriebe aus');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await jana.reload();
		await card(jana, 'Vergabestellen fürchten Rügen').waitFor();
		await new Promise((resolve) => setTimeout(resolve, 500));
		for (const page of [murat, facilitator, projector])
			expect(await card(page, 'Vergabestellen fürchten Rügen').count()).toBe(0);
		// The facilitator and the room see how far the writing has come: counts, no texts.
		for (const page of [facilitator, projector])
			await page.getByText('Entwürfe: 2 · Schreibende: 2').waitFor();

		// While people write silently, nobody's pointer shows where they write.
		const draftBox = (await card(jana, 'Vergabestellen fürchten Rügen').boundingBox())!;
		await jana.mouse.move(draftBox.x + 10, draftBox.y + draftBox.height + 40, { steps: 5 });
		await jana.mouse.move(draftBox.x + 40, draftBox.y + draftBox.height + 60, { steps: 5 });
		await new Promise((resolve) => setTimeout(resolve, 600));
		for (const page of [facilitator, murat])
			expect(await page.locator('.cursors .cursor').count()).toBe(0);

		// The reveal moves each draft from its writer's drafts onto the board: no page breaks on it.
		const pageErrors: string[] = [];
		for (const page of [jana, murat, elke, facilitator, projector])
			page.on('pageerror', (error) => pageErrors.push(error.message));
		await facilitator.getByRole('button', { name: 'Entwürfe aufdecken' }).click();
		await facilitator
			.getByRole('alertdialog')
			.getByText('Entwürfe dieser Phase: 2 (Schreibende: 2).', { exact: false })
			.waitFor();
		await facilitator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Entwürfe aufdecken' })
			.click();
		for (const page of [murat, facilitator, projector, elke, jana]) {
			await card(page, 'Vergabestellen fürchten Rügen').waitFor({ timeout: 3000 });
			await card(page, 'Große Lose schließen Sozialbetriebe aus').waitFor({ timeout: 3000 });
		}
		// Each writer sees their revealed card once, as a board card, no longer as a draft.
		await expect
			.poll(() => card(jana, 'Vergabestellen fürchten Rügen').getByText('Entwurf').count())
			.toBe(0);
		expect(await card(jana, 'Vergabestellen fürchten Rügen').count()).toBe(1);
		expect(await card(elke, 'Große Lose schließen Sozialbetriebe aus').count()).toBe(1);
		expect(pageErrors).toEqual([]);
		// A screen reader hears of the revealed cards in one sentence, not card by card.
		expect(await murat.locator('.visually-hidden[role="status"]').textContent()).toBe(
			'2 neue Karten in Herausforderungen'
		);
		// A writer hears of the others' cards only: their own is no news to them.
		expect(await jana.locator('.visually-hidden[role="status"]').textContent()).toBe(
			'Neue Karte in Herausforderungen'
		);
		// The hints say what is true now: everyone sees the cards (no longer that nobody does).
		await jana
			.getByText('Die Entwürfe sind aufgedeckt: Alle sehen die Karten.', { exact: false })
			.waitFor();
		expect(await jana.getByText('Ihre Karten sieht niemand', { exact: false }).count()).toBe(0);
		await facilitator.getByText('Die Entwürfe sind aufgedeckt.', { exact: false }).waitFor();

		// Pointers show on the people's boards, not on the projector, where they would cover card text.
		const box = (await card(jana, 'Vergabestellen fürchten Rügen').boundingBox())!;
		await jana.mouse.move(box.x + box.width / 2, box.y + box.height + 40, { steps: 5 });
		await jana.mouse.move(box.x + box.width / 2 + 30, box.y + box.height + 60, { steps: 5 });
		await expect.poll(() => facilitator.locator('.cursors .cursor').count()).toBeGreaterThan(0);
		expect(await projector.locator('.cursors .cursor').count()).toBe(0);

		// Potentials, then clustering: the board is open for moving cards; lock and spotlight.
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await murat.getByRole('heading', { name: 'Clustern' }).waitFor();
		// Clustering arranges the cards there are: no "+ Karte" for participants, only for the facilitator.
		expect(await murat.getByRole('button', { name: /^Karte hinzufügen zu „/ }).count()).toBe(0);
		expect(await facilitator.getByRole('button', { name: /^Karte hinzufügen zu „/ }).count()).toBe(
			3
		);
		await facilitator.getByRole('button', { name: 'Board sperren' }).click();
		await murat.getByText('Board gesperrt', { exact: true }).waitFor();
		// The facilitator's hint follows the lock, also into the next phase the lock carries into.
		const locked =
			'Das Board ist gesperrt: Die Teilnehmenden können nur lesen; Sie können schreiben.';
		await facilitator.getByText(locked).waitFor();
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await murat.getByRole('heading', { name: 'Punkten' }).waitFor();
		await facilitator.getByText(locked).waitFor();
		await facilitator.getByRole('button', { name: 'Vorherige Phase' }).click();
		await murat.getByRole('heading', { name: 'Clustern' }).waitFor();
		await card(facilitator, 'Große Lose').hover();
		await card(facilitator, 'Große Lose')
			.getByRole('button', { name: 'Hervorheben: Große Lose' })
			.click();
		for (const page of [murat, elke, projector])
			await card(page, 'Große Lose').getByText('Hervorgehoben').waitFor({ timeout: 3000 });
		await expectAccessible(murat, 'a participant’s board in the clustering phase');
	});
});

describeInBrowser('the reveal while someone is still writing', () => {
	it('keeps what she types after the reveal: it lands on her revealed card', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Aufdecken beim Schreiben',
			'Fokusgruppe der Studie'
		);
		const elke = await join(link, 'Elke S.', PHONE);
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		const field = elke.getByLabel('Text der Karte');
		await field.pressSequentially('Kurze Fristen');
		await facilitator.getByText('Entwürfe: 1 · Schreibende: 1').first().waitFor();

		await facilitator.getByRole('button', { name: 'Entwürfe aufdecken' }).click();
		await facilitator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Entwürfe aufdecken' })
			.click();
		await card(facilitator, 'Kurze Fristen').waitFor();

		// Elke is still typing: her editor stays open and the rest reaches everyone.
		await field.pressSequentially(' für Angebote');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await card(facilitator, 'Kurze Fristen für Angebote').waitFor();
		await elke.reload();
		await card(elke, 'Kurze Fristen für Angebote').waitFor();
	});
});

describeInBrowser('leaving a silent phase with drafts nobody revealed', () => {
	it('asks first, and reveals and goes on, goes on without, or stays', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Entwürfe beim Weitergehen',
			'Fokusgruppe der Studie'
		);
		const elke = await join(link, 'Elke S.', PHONE);
		const next = facilitator.getByRole('button', { name: 'Nächste Phase' });
		await next.click();
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		await elke.getByLabel('Text der Karte').fill('Späte Idee kurz vor Ablauf');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await facilitator.getByText('Entwürfe: 1 · Schreibende: 1').first().waitFor();

		// Escape stays in the phase, with the keyboard back on "Nächste Phase".
		await next.click();
		const question = facilitator.getByRole('alertdialog');
		await question
			.getByText('Noch nicht aufgedeckt: 1 Entwurf. Ohne Aufdecken sieht ihn', { exact: false })
			.waitFor();
		expect(
			await question
				.getByRole('button', { name: 'Abbrechen' })
				.evaluate((b) => b === document.activeElement)
		).toBe(true);
		await facilitator.keyboard.press('Escape');
		await question.waitFor({ state: 'detached' });
		expect(await next.evaluate((b) => b === document.activeElement)).toBe(true);
		await facilitator.getByText('Phase 2 von 7').first().waitFor();

		await next.click();
		await question.getByRole('button', { name: 'Aufdecken und weiter' }).click();
		await facilitator.getByText('Phase 3 von 7').first().waitFor();
		await card(facilitator, 'Späte Idee kurz vor Ablauf').waitFor();
		await card(elke, 'Späte Idee kurz vor Ablauf')
			.getByText('Entwurf')
			.waitFor({ state: 'detached' });

		// Going on without revealing leaves the draft with its writer, as the question said.
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Potentiale“' }).click();
		await elke.getByLabel('Text der Karte').fill('Reparaturbonus der Stadt');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await facilitator.getByText('Entwürfe: 1 · Schreibende: 1').first().waitFor();
		await next.click();
		await question.getByRole('button', { name: 'Ohne Aufdecken weiter' }).click();
		await facilitator.getByText('Phase 4 von 7').first().waitFor();
		expect(await card(facilitator, 'Reparaturbonus der Stadt').count()).toBe(0);
		await card(elke, 'Reparaturbonus der Stadt').getByText('Entwurf').waitFor();

		// Without drafts there is nothing to ask.
		await next.click();
		await facilitator.getByText('Phase 5 von 7').first().waitFor();
		expect(await question.count()).toBe(0);
	});
});

describeInBrowser('two facilitator screens moving the meeting on', () => {
	it('goes one phase on when the other screen went on while this one asked about drafts, and reveals the drafts it asked about', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – zwei Bildschirme', 'study');
		const command = async (body: object) =>
			(
				await api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
					authorization: `Bearer ${session.facilitatorToken}`
				})
			).status;
		const control = async () =>
			(
				await api<StateResponse>(base, 'GET', `/api/sessions/${session.id}/state`, undefined, {
					authorization: `Bearer ${session.facilitatorToken}`
				})
			).body.control;
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		const elke = await joinInUi(meeting.browser, session.participantUrl, 'Elke S.', {
			...PHONE,
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		const next = facilitator.getByRole('button', { name: 'Nächste Phase' });
		await next.click();
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		await elke.getByLabel('Text der Karte').fill('Kurze Fristen');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await facilitator.getByText('Entwürfe: 1 · Schreibende: 1').first().waitFor();

		// This screen asks about the draft; meanwhile the co-facilitator's screen goes on.
		await next.click();
		const question = facilitator.getByRole('alertdialog');
		await question.getByRole('button', { name: 'Ohne Aufdecken weiter' }).waitFor();
		expect(await command({ type: 'phase.next' })).toBe(200);
		await facilitator.getByText('Phase 3 von 7').first().waitFor();
		await question.getByRole('button', { name: 'Ohne Aufdecken weiter' }).click();
		await question.waitFor({ state: 'detached' });
		// The move from the challenges is done already: nothing answers it with a move past the
		// silent writing on potentials (it came within milliseconds when it did).
		await facilitator.waitForTimeout(1000);
		expect((await control()).phaseId).toBe('potentials');
		await facilitator.getByText('Phase 3 von 7').first().waitFor();
		expect(await facilitator.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);

		// Asked about the drafts on potentials, "reveal and go on" reveals those, though the
		// co-facilitator has gone on to the clustering meanwhile (which has no drafts to reveal).
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Potentiale“' }).click();
		await elke.getByLabel('Text der Karte').fill('Reparaturbonus');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await facilitator.getByText('Entwürfe: 1 · Schreibende: 1').first().waitFor();
		await next.click();
		await question.getByRole('button', { name: 'Aufdecken und weiter' }).waitFor();
		expect(await command({ type: 'phase.next' })).toBe(200);
		await facilitator.getByText('Phase 4 von 7').first().waitFor();
		await question.getByRole('button', { name: 'Aufdecken und weiter' }).click();
		await card(facilitator, 'Reparaturbonus').waitFor();
		await card(elke, 'Reparaturbonus').getByText('Entwurf').waitFor({ state: 'detached' });
		await facilitator.waitForTimeout(1000);
		const after = await control();
		expect(after.phaseId).toBe('clustering');
		expect(after.revealed).toEqual(['potentials']);
		expect(await card(facilitator, 'Kurze Fristen').count()).toBe(0);
		expect(await facilitator.getByRole('alert').filter({ hasText: /\S/ }).count()).toBe(0);
	});
});

describeInBrowser('the phase moving on while someone writes', () => {
	it('keeps her on her card and tells her where her text is', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Schreiben beim Phasenwechsel',
			'Fokusgruppe der Studie'
		);
		const emil = await join(link, 'Emil B.', PHONE);
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await facilitator.getByText('Phase 2 von 7').first().waitFor();
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await facilitator.getByText('Phase 3 von 7').first().waitFor();
		await emil.getByRole('button', { name: 'Karte hinzufügen zu „Potentiale“' }).click();
		await emil.getByLabel('Text der Karte').pressSequentially('Leihladen für');
		await facilitator.getByText('Entwürfe: 1 · Schreibende: 1').first().waitFor();

		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await facilitator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Ohne Aufdecken weiter' })
			.click();
		await emil
			.getByRole('alert')
			.filter({ hasText: 'Die Schreibphase ist vorbei. Ihr Text bleibt als Entwurf erhalten' })
			.waitFor();
		await expect
			.poll(() =>
				emil.evaluate(() => document.activeElement?.closest('[data-card-id]')?.textContent ?? null)
			)
			.toContain('Leihladen für');
		await emil.screenshot({ path: '/tmp/emil-phase-moved.png' });
	});
});

describeInBrowser('undo around the reveal', () => {
	it('has nothing to take back in the drafts once they are revealed', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Rückgängig nach dem Aufdecken',
			'Fokusgruppe der Studie'
		);
		const elke = await join(link, 'Elke S.');
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		await elke.getByLabel('Text der Karte').fill('Kurze Fristen');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		const undo = elke.getByRole('button', { name: 'Rückgängig' });
		expect(await undo.isEnabled()).toBe(true);

		await facilitator.getByText('Entwürfe: 1').first().waitFor();
		await facilitator.getByRole('button', { name: 'Entwürfe aufdecken' }).click();
		await facilitator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Entwürfe aufdecken' })
			.click();
		await card(elke, 'Kurze Fristen').getByText('Entwurf').waitFor({ state: 'detached' });
		await expect.poll(() => undo.isDisabled()).toBe(true);
		// Her card is on everyone's board, and stays there.
		await card(facilitator, 'Kurze Fristen').waitFor();
	});
});

describeInBrowser('editing the agenda', () => {
	it('changes the current phase’s question and time box for everyone, and adds a phase', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Agenda',
			'Fokusgruppe der Studie'
		);
		const participant = await join(link, 'Chris', PHONE);
		await facilitator
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		const first = facilitator.getByRole('group', { name: 'Phase 1 aktuell' });
		await first
			.getByLabel('Leitfrage')
			.fill('Wer sind Sie, und was verbindet Sie mit fairer Beschaffung?');
		await first.getByLabel('Dauer in Minuten (leer: ohne)').fill('20');
		await facilitator.getByRole('button', { name: '+ Phase hinzufügen' }).click();
		await facilitator.getByRole('button', { name: 'Agenda speichern' }).click();
		await facilitator.getByText('Agenda gespeichert').waitFor();
		await participant
			.getByText('Wer sind Sie, und was verbindet Sie mit fairer Beschaffung?')
			.first()
			.waitFor();
		await participant.getByText('Phase 1 von 8').waitFor();
		await expect.poll(() => participant.getByRole('timer').textContent()).toBe('20:00');
		await expectAccessible(facilitator, 'the facilitator panel with the agenda editor');

		// Making a silent phase an open one would leave its drafts unrevealable: saving publishes
		// them, and the editor says so before.
		const publishes = facilitator.getByText(
			'Ihre Entwürfe werden beim Speichern für alle aufgedeckt',
			{
				exact: false
			}
		);
		expect(await publishes.count()).toBe(0);
		const second = facilitator.getByRole('group', { name: /^Phase 2/ });
		await second.getByLabel('Modus').selectOption({ label: 'Offenes Schreiben' });
		await publishes.waitFor();
		await second.getByLabel('Modus').selectOption({ label: 'Stilles Schreiben' });
		await publishes.waitFor({ state: 'detached' });

		// Escape, even from one of its fields, closes the panel and returns to its button.
		await first.getByLabel('Leitfrage').focus();
		await facilitator.keyboard.press('Escape');
		await expect.poll(() => facilitator.locator('#side-panel').count()).toBe(0);
		const toggle = facilitator.getByRole('button', { name: /Moderation/ }).last();
		expect(await toggle.getAttribute('aria-expanded')).toBe('false');
		expect(await toggle.evaluate((el) => el === document.activeElement)).toBe(true);
	});
});

describeInBrowser('bringing everyone to one place on the board', () => {
	it('moves a participant’s canvas to the facilitator’s view', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(facilitator, meeting.app.url, 'Fokusgruppe – Hierher');
		const { page: participant } = await person(meeting.browser);
		await participant.goto(link);
		await participant.getByLabel('Ihr Name').fill('Dana');
		await participant.getByRole('button', { name: 'Zum Board' }).click();
		await participant.getByRole('heading', { name: 'Nächste Schritte', level: 2 }).waitFor();

		// The facilitator zooms in and looks at the lower right of the board.
		for (let i = 0; i < 3; i++)
			await facilitator.getByRole('button', { name: 'Vergrößern' }).click();
		const board = (page: typeof facilitator) =>
			page.getByRole('region', { name: 'Board', exact: true });
		await board(facilitator).evaluate((el) => el.scrollTo(el.scrollWidth, 600));
		// Where the middle of a viewport is, in the board's scrolled coordinates.
		const centre = (page: typeof facilitator) =>
			board(page).evaluate((el) => [
				el.scrollLeft + el.clientWidth / 2,
				el.scrollTop + el.clientHeight / 2
			]);
		const target = await centre(facilitator);
		expect(target[0]).toBeGreaterThan(1000);
		expect(await board(participant).evaluate((el) => el.scrollLeft)).toBe(0);

		// A phone reads the board as a list.
		const phone = await joinInUi(meeting.browser, link, 'Eda', {
			...PHONE,
			ready: 'Nächste Schritte'
		});
		const listShown = (page: typeof facilitator) =>
			page
				.getByRole('group', { name: 'Ansicht' })
				.getByRole('button', { name: 'Liste' })
				.getAttribute('aria-pressed');
		expect(await listShown(phone)).toBe('true');

		await facilitator.getByRole('button', { name: 'Alle hierher holen' }).click();
		await expect
			.poll(async () => {
				const [x, y] = await centre(participant);
				return Math.abs(x! - target[0]!) <= 4 && Math.abs(y! - target[1]!) <= 4;
			})
			.toBe(true);
		await expect
			.poll(() => facilitator.getByText('Alle sehen jetzt Ihren Ausschnitt.').count())
			.toBe(1);

		// The phone shows the canvas, told why, smaller than the facilitator's 173 % so that it
		// sees what the room sees rather than a corner of it, around the same point of the board.
		const notice = phone.getByRole('alert').filter({ hasText: 'Die Moderation hat alle' });
		await notice.waitFor();
		const zoomOf = async (page: typeof facilitator) =>
			Number((await page.locator('.zoom-level').textContent())!.replace(/\D/g, '')) / 100;
		// The part of the board a screen shows, in board units.
		const shown = async (page: typeof facilitator) => {
			const zoom = await zoomOf(page);
			return board(page).evaluate((el, zoom) => {
				const style = getComputedStyle(el);
				const left = (el.scrollLeft - parseFloat(style.paddingLeft)) / zoom;
				const top = (el.scrollTop - parseFloat(style.paddingTop)) / zoom;
				return {
					left,
					top,
					right: left + el.clientWidth / zoom,
					bottom: top + el.clientHeight / zoom
				};
			}, zoom);
		};
		const facilitatorZoom = await zoomOf(facilitator);
		const seen = await shown(facilitator);
		const middle = { x: (seen.left + seen.right) / 2, y: (seen.top + seen.bottom) / 2 };
		await expect.poll(() => zoomOf(phone)).toBeLessThan(facilitatorZoom / 2);
		const onPhone = await shown(phone);
		expect(middle.x).toBeGreaterThan(onPhone.left);
		expect(middle.x).toBeLessThan(onPhone.right);
		expect(middle.y).toBeGreaterThan(onPhone.top);
		expect(middle.y).toBeLessThan(onPhone.bottom);

		await notice.getByRole('button', { name: 'Zurück zur Liste' }).click();
		await expect.poll(() => listShown(phone)).toBe('true');
		await phone.getByRole('heading', { name: 'Nächste Schritte', level: 2 }).waitFor();
	});
});

describeInBrowser('ending the meeting', () => {
	it('ends in the last phase after asking, closes the board and the invitation on every screen, and opens again', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Abschluss', 'study');
		const command = async (body: object) =>
			(
				await api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
					authorization: `Bearer ${session.facilitatorToken}`
				})
			).status;
		// An agenda that ends with silent writing: ending it can leave drafts nobody revealed.
		const { body } = await api<StateResponse>(
			base,
			'GET',
			`/api/sessions/${session.id}/state`,
			undefined,
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		const agenda = body.control.agenda.filter((p) => ['welcome', 'challenges'].includes(p.id));
		expect(await command({ type: 'agenda.update', agenda })).toBe(200);

		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		const elke = await joinInUi(meeting.browser, session.participantUrl, 'Elke S.', {
			...PHONE,
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		const qr = projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' });
		await qr.waitFor();

		// Someone is typing their name on the join page as the meeting ends.
		const { page: late } = await person(meeting.browser, PHONE);
		await late.goto(session.participantUrl);
		await late.getByLabel('Ihr Name').fill('Zu spät');

		// The last phase's next step is the end of the meeting.
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
		await elke.getByLabel('Text der Karte').fill('Letzter Gedanke vor Schluss');
		await elke.getByRole('button', { name: 'Fertig' }).click();
		await facilitator.getByText('Entwürfe: 1 · Schreibende: 1').first().waitFor();
		expect(await facilitator.getByRole('button', { name: 'Nächste Phase' }).count()).toBe(0);

		// The question says what ending does, and offers to reveal the draft nobody revealed.
		const finish = facilitator.getByRole('button', { name: 'Sitzung beenden' });
		await finish.click();
		const question = facilitator.getByRole('alertdialog');
		await question.getByText('Danach kann niemand mehr beitreten', { exact: false }).waitFor();
		await question.getByText('Noch nicht aufgedeckt: 1 Entwurf.', { exact: false }).waitFor();
		await facilitator.keyboard.press('Escape');
		await question.waitFor({ state: 'detached' });
		expect(await finish.evaluate((b) => b === document.activeElement)).toBe(true);
		await finish.click();
		await question.getByRole('button', { name: 'Aufdecken und beenden' }).click();

		const reopen = facilitator.getByRole('button', { name: 'Sitzung wieder öffnen' });
		await reopen.waitFor();
		// The same button, so the keyboard stays where it was.
		expect(await reopen.evaluate((b) => b === document.activeElement)).toBe(true);
		// Said in the phase bar, and to screen readers, which do not read a bar that changes in place.
		const ended = 'Die Sitzung ist beendet: Niemand kann mehr beitreten';
		await facilitator
			.getByRole('region', { name: /Aktuelle Phase/ })
			.getByText(ended)
			.waitFor();
		await facilitator.getByRole('status').filter({ hasText: ended }).waitFor();
		await card(facilitator, 'Letzter Gedanke vor Schluss').waitFor();
		const startVoting = facilitator.getByRole('button', { name: 'Punktabfrage starten' });
		expect(await startVoting.count()).toBe(0);
		await facilitator.screenshot({ path: 'test-results/finished-facilitator.png' });

		// The participant reads the board, revealed card included, and can add nothing.
		const thanks = 'Die Sitzung ist beendet. Danke fürs Mitmachen!';
		await elke
			.getByRole('region', { name: /Aktuelle Phase/ })
			.getByText(thanks)
			.waitFor();
		await elke.getByRole('status').filter({ hasText: thanks }).waitFor();
		await card(elke, 'Letzter Gedanke vor Schluss')
			.getByText('Entwurf')
			.waitFor({ state: 'detached' });
		expect(await elke.getByRole('button', { name: /Karte hinzufügen zu/ }).count()).toBe(0);
		// Once on the screen (the strip at the top), not also in the phase bar right below it.
		const badges = await elke
			.getByText('Sitzung beendet', { exact: true })
			.evaluateAll((all) => all.filter((e) => e.getBoundingClientRect().width > 1).length);
		expect(badges).toBe(1);
		await elke.screenshot({ path: 'test-results/finished-phone.png' });

		// The projector thanks the room instead of inviting it.
		await projector.getByText(thanks).waitFor();
		await qr.waitFor({ state: 'detached' });
		expect(await projector.getByText('Mitmachen:').count()).toBe(0);
		expect(await projector.getByRole('button', { name: 'QR-Code zeigen' }).count()).toBe(0);
		expect(await projector.getByRole('timer').count()).toBe(0);
		await expectAccessible(projector, 'the projector after the session ended');
		await projector.screenshot({ path: 'test-results/finished-projector.png' });

		// Who sends the form now, or opens the link now, is told why they cannot join; no form to retry.
		const refused = late.getByText('Diese Sitzung ist beendet: Niemand kann mehr beitreten', {
			exact: false
		});
		await late.getByRole('button', { name: 'Zum Board' }).click();
		await refused.waitFor();
		expect(await refused.evaluate((el) => el === document.activeElement)).toBe(true);
		expect(await late.getByLabel('Ihr Name').count()).toBe(0);
		await late.reload();
		await refused.waitFor();
		expect(await late.getByLabel('Ihr Name').count()).toBe(0);

		// Reopening asks too: the button keeps the focus, and a second Enter would invite everyone back.
		await reopen.click();
		await question.getByText('Sitzung wieder öffnen?', { exact: false }).waitFor();
		await facilitator.keyboard.press('Escape');
		await question.waitFor({ state: 'detached' });
		expect(await reopen.evaluate((b) => b === document.activeElement)).toBe(true);
		await reopen.click();
		await question.getByRole('button', { name: 'Sitzung wieder öffnen' }).click();
		await finish.waitFor();
		await startVoting.waitFor();
		await qr.waitFor();
		await elke
			.getByRole('status')
			.filter({ hasText: 'Die Sitzung ist wieder geöffnet.' })
			.waitFor();
		await elke.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).waitFor();
		await late.reload();
		await late.getByLabel('Ihr Name').waitFor();
	});
});
