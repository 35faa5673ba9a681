import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createCard } from '../../src/lib/domain/board/cards';
import { createCluster } from '../../src/lib/domain/board/clusters';
import {
	api,
	connectBoard,
	createSession,
	joinSession,
	facilitatorCommand
} from '../helpers/server';
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

const join = (link: string, name: string, group: string, options = {}) =>
	joinInUi(meeting.browser, link, name, { ...options, group });

async function dot(page: Page, text: string, times = 1): Promise<void> {
	for (let i = 0; i < times; i++) {
		const before = await page.getByText(/Sie haben noch \d+ von 5 Punkten/).textContent();
		await page.getByRole('button', { name: `Punkt setzen: ${text}` }).click();
		await expect
			.poll(() => page.getByText(/Sie haben noch \d+ von 5 Punkten/).textContent())
			.not.toBe(before);
	}
}

/** The ranking as a reader sees it: rank, card, dots and breakdown of every entry. */
async function ranking(page: Page): Promise<string[][]> {
	const list = page.getByRole('list', { name: /^Rangfolge/ }).first();
	await list.waitFor();
	return list
		.locator(':scope > li')
		.evaluateAll((items) =>
			items.map((item) =>
				[...item.children].map((part) =>
					part.tagName === 'UL'
						? [...part.children].map((li) => li.textContent!.trim()).join(' · ')
						: (part.textContent ?? '').replace(/\s+/g, ' ').trim()
				)
			)
		);
}

const CHALLENGE = 'Vergaberecht ist komplex';
const TIME = 'Zu wenig Zeit in der Vergabestelle';
const REPAIR = 'Repair-Café als Partner';

describeInBrowser('dot-voting', () => {
	it('lets three participants (one on a phone) vote in secret, and shows everyone the same ranking and breakdown', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe Musterstadt – Punkten'
		);
		const jana = await join(link, 'Jana K.', 'Zivilgesellschaftliche Organisation');
		const murat = await join(link, 'Murat Ö.', 'Kommunalverwaltung / Vergabestelle');
		const elke = await join(link, 'Elke S.', 'Repair- oder Leihnetzwerk', PHONE);

		await addCard(jana, 'Herausforderungen', CHALLENGE);
		await addCard(murat, 'Herausforderungen', TIME);
		await addCard(elke, 'Potentiale', REPAIR);
		for (const page of [jana, murat, elke, facilitator])
			for (const text of [CHALLENGE, TIME, REPAIR])
				await page.getByRole('article').filter({ hasText: text }).waitFor();
		// In the list (the phone's default) each card names its author's stakeholder group.
		await elke
			.getByRole('article')
			.filter({ hasText: CHALLENGE })
			.getByText('Zivilgesellschaftliche Organisation', { exact: true })
			.waitFor();

		await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click();
		await expectAccessible(facilitator, 'the facilitator view with the voting form');
		// "Anonymous" says what stays visible: the dots per stakeholder group, which give away
		// someone who is the only one of their group.
		const anonymous = facilitator.getByRole('checkbox', {
			name: 'Anonym: keine Namen zu den Punkten'
		});
		expect(await anonymous.isChecked()).toBe(true);
		expect(
			await anonymous.evaluate(
				(box) => document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent
			)
		).toMatch(/Punkte je Akteursgruppe sehen alle/);
		await facilitator.getByRole('button', { name: 'Punkten beginnen' }).click();
		await facilitator.getByText(/„Runde 1“ läuft/).waitFor();

		for (const page of [jana, murat, elke]) {
			await page.getByText('Sie haben noch 5 von 5 Punkten.').waitFor();
			// The phase bar says what to do now.
			await page.getByText(/^Die Abstimmung läuft: Verteilen Sie Ihre Punkte/).waitFor();
		}
		await dot(jana, CHALLENGE, 2);
		await dot(jana, REPAIR, 1);
		// Murat votes from the keyboard. A fourth dot on one card is not offered (the cap is 3), and
		// the button keeps his focus when it stops offering it, so he does not start over at the top.
		const addTime = murat.getByRole('button', { name: `Punkt setzen: ${TIME}` });
		await addTime.focus();
		for (const left of [4, 3, 2]) {
			await murat.keyboard.press('Enter');
			await murat.getByText(`Sie haben noch ${left} von 5 Punkten.`).waitFor();
		}
		await expect.poll(() => addTime.getAttribute('aria-disabled')).toBe('true');
		const focused = () =>
			murat.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? null);
		expect(await focused()).toBe(`Punkt setzen: ${TIME}`);
		// Pressed anyway, it places nothing and says why, where he is (it said nothing); the other
		// button of the card is one step back.
		await murat.keyboard.press('Enter');
		await murat
			.getByRole('alert')
			.filter({ hasText: 'Mehr Punkte sind auf dieser Karte nicht möglich.' })
			.waitFor();
		expect(await focused()).toBe(`Punkt setzen: ${TIME}`);
		await murat.keyboard.press('Shift+Tab');
		expect(await focused()).toBe(`Punkt entfernen: ${TIME}`);
		const timeCard = murat.getByRole('article').filter({ hasText: TIME });
		expect(await timeCard.getByText('Ihre Punkte auf dieser Karte: 3').count()).toBe(1);
		await murat.getByText('Sie haben noch 2 von 5 Punkten.').waitFor();
		await dot(elke, CHALLENGE, 2);
		await dot(elke, REPAIR, 1);
		await elke.getByRole('button', { name: `Punkt entfernen: ${REPAIR}` }).click();
		await elke.getByText('Sie haben noch 3 von 5 Punkten.').waitFor();
		await dot(elke, REPAIR, 1);
		await expectAccessible(elke, 'the phone view while voting');

		// Hidden until the end: nobody sees totals, the facilitator sees progress only.
		await facilitator
			.getByText('„Runde 1“ läuft. Punktende Personen: 3, vergebene Punkte: 9.')
			.waitFor();
		for (const page of [jana, murat, elke, facilitator])
			expect(await page.getByText(/Punkte? in „Runde 1“/).count()).toBe(0);
		// On the facilitator's laptop the round's progress and its buttons take one row, not two.
		const progress = (await facilitator.getByText(/^„Runde 1“ läuft\./).boundingBox())!;
		const closeButton = (await facilitator
			.getByRole('button', { name: 'Beenden und Ergebnis zeigen' })
			.boundingBox())!;
		expect(
			Math.abs(progress.y + progress.height / 2 - (closeButton.y + closeButton.height / 2))
		).toBeLessThan(8);

		await facilitator.getByRole('button', { name: 'Beenden und Ergebnis zeigen' }).click();
		await facilitator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Beenden und Ergebnis zeigen' })
			.click();

		const expected = [
			[
				'1.',
				`${CHALLENGE} Herausforderungen`,
				'4 Punkte',
				'Zivilgesellschaftliche Organisation: 2 · Repair- oder Leihnetzwerk: 2'
			],
			['2.', `${TIME} Herausforderungen`, '3 Punkte', 'Kommunalverwaltung / Vergabestelle: 3'],
			[
				'3.',
				`${REPAIR} Potentiale`,
				'2 Punkte',
				'Zivilgesellschaftliche Organisation: 1 · Repair- oder Leihnetzwerk: 1'
			]
		];
		// Murat's notice was about the round: it goes with it, not standing over the results.
		await expect
			.poll(() =>
				murat
					.getByRole('alert')
					.filter({ hasText: 'Mehr Punkte sind auf dieser Karte nicht möglich.' })
					.count()
			)
			.toBe(0);
		for (const page of [facilitator, jana, murat, elke]) {
			await page.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
			expect(await ranking(page)).toEqual(expected);
			// The breakdown's groups stand side by side or wrap, never drawn over each other.
			const parts = await page
				.getByRole('list', { name: /^Rangfolge/ })
				.first()
				.locator(':scope > li')
				.last()
				.locator('ul > li')
				.evaluateAll((items) =>
					// Where the text is drawn, which may lie outside the item's own box.
					items.map((li) => {
						const range = document.createRange();
						range.selectNodeContents(li);
						return range.getBoundingClientRect().toJSON() as DOMRect;
					})
				);
			expect(parts).toHaveLength(2);
			const [first, second] = [parts[0]!, parts[1]!];
			const apart =
				second.left >= first.right - 1 ||
				second.top >= first.bottom - 1 ||
				second.right <= first.left;
			expect(apart, JSON.stringify(parts)).toBe(true);
			const groups = page.getByRole('table', { name: 'Beteiligung nach Akteursgruppe' });
			expect(
				await groups
					.locator('tbody tr')
					.evaluateAll((rows) => rows.map((r) => [...r.children].map((c) => c.textContent?.trim())))
			).toEqual([
				['Kommunalverwaltung / Vergabestelle', '1', '3'],
				['Zivilgesellschaftliche Organisation', '1', '3'],
				['Repair- oder Leihnetzwerk', '1', '3']
			]);
		}
		// Dot badges on the board.
		await jana
			.getByRole('article')
			.filter({ hasText: CHALLENGE })
			.getByText('4 Punkte in „Runde 1“')
			.waitFor();
		await expectAccessible(elke, 'the phone view with results');

		// Each group weighs equally: every group gave 3 dots, so the order holds and shares show.
		await murat.getByLabel('Jede Akteursgruppe gleich gewichten').check();
		const weighted = await ranking(murat);
		expect(weighted.map((row) => row[2])).toEqual(['44,4 %', '33,3 %', '22,2 %']);
	});

	it('tells screen readers when a round starts, ends and is discarded, and never that an ended one runs', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(facilitator, meeting.app.url, 'Fokusgruppe – Ansagen');
		await addCard(facilitator, 'Herausforderungen', CHALLENGE);
		const jana = await join(link, 'Jana K.', 'Politik', PHONE);
		await jana.getByText(CHALLENGE).waitFor();
		/** What the page's announcer (the last polite live region) says now. */
		const announced = (page: Page) => page.locator('[aria-live="polite"]').last().textContent();
		const finish = async (button: string) => {
			await facilitator.getByRole('button', { name: button }).click();
			await facilitator.getByRole('alertdialog').getByRole('button', { name: button }).click();
		};

		await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click();
		await facilitator.getByRole('button', { name: 'Punkten beginnen' }).click();
		for (const page of [jana, facilitator])
			await expect
				.poll(() => announced(page))
				.toBe('„Runde 1“ hat begonnen: 5 Punkte pro Person, höchstens 3 pro Karte.');
		await dot(jana, CHALLENGE);
		// Everything the participant's voting panel says from here on, as a screen reader hears it.
		await jana.evaluate(() => {
			const said: string[] = [];
			(window as unknown as { said: string[] }).said = said;
			new MutationObserver(() => {
				for (const status of document.querySelectorAll('.voting [role="status"]'))
					said.push(status.textContent ?? '');
			}).observe(document.body, { subtree: true, childList: true, characterData: true });
		});
		await finish('Beenden und Ergebnis zeigen');
		for (const page of [jana, facilitator])
			await expect
				.poll(() => announced(page))
				.toBe('„Runde 1“ ist beendet; das Ergebnis wird angezeigt.');
		const said = await jana.evaluate(() => (window as unknown as { said: string[] }).said);
		expect(said.filter((text) => text.includes('läuft'))).toEqual([]);

		await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click();
		await facilitator.getByRole('button', { name: 'Punkten beginnen' }).click();
		await expect.poll(() => announced(jana)).toMatch(/^„Runde 2“ hat begonnen/);
		await finish('Runde verwerfen');
		await expect.poll(() => announced(jana)).toBe('„Runde 2“ wurde verworfen.');
	});

	it('folds the results to one line once the meeting moves on from the voting phase, to open again', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Nach dem Punkten', 'study');
		const command = facilitatorCommand(base, session);
		await command({ type: 'phase.goto', phaseId: 'voting' });
		expect((await command({ type: 'voting.open', scope: { areas: ['challenges'] } })).status).toBe(
			200
		);
		expect((await command({ type: 'voting.close' })).status).toBe(200);
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		const jana = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			ready: 'Punkten'
		});
		const results = (page: Page) => page.locator('details.result-box');
		for (const page of [facilitator, jana])
			await expect.poll(() => results(page).getAttribute('open')).not.toBeNull();

		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		for (const page of [facilitator, jana]) {
			await expect.poll(() => results(page).getAttribute('open')).toBeNull();
			await page.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
		}
		await jana.getByRole('heading', { name: 'Ergebnis: Runde 1' }).click();
		await expect.poll(() => results(jana).getAttribute('open')).not.toBeNull();

		// A screen loaded after the voting phase shows them folded too, also once everything arrived.
		const { page: late } = await person(meeting.browser, PHONE);
		await late.goto(session.facilitatorUrl);
		await late.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
		await late.waitForTimeout(500);
		expect(await results(late).getAttribute('open')).toBeNull();
		// Opened on a phone's canvas, the zoom buttons keep off the results (they stay with the board).
		await late.getByRole('button', { name: 'Fläche' }).click();
		await late.getByRole('heading', { name: 'Ergebnis: Runde 1' }).click();
		const zoom = late.getByRole('group', { name: 'Zoom' });
		const overlaps = async () => {
			const z = (await zoom.boundingBox())!;
			const r = (await results(late).boundingBox())!;
			return z.y < r.y + r.height && r.y < z.y + z.height;
		};
		for (const y of [0, 300, 600]) {
			await late.evaluate((top) => scrollTo(0, top), y);
			expect(await overlaps()).toBe(false);
		}
	});

	it('folds the last round’s results when a new round opens, keeping the keyboard on them, and opens the new round’s when it ends', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Zweite Runde', 'study');
		const as = (token: string) => (payload: object) =>
			api(base, 'POST', `/api/sessions/${session.id}/commands`, payload, {
				authorization: `Bearer ${token}`
			});
		const command = as(session.facilitatorToken);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		createCard(seeder.doc, {
			id: 'c0',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 0,
			text: CHALLENGE
		});
		await command({ type: 'phase.goto', phaseId: 'voting' });
		expect((await command({ type: 'voting.open', dotsPerParticipant: 3 })).status).toBe(200);
		const murat = await joinSession(base, session, 'Murat Ö.');
		expect((await as(murat.token)({ type: 'vote.add', cardId: 'c0' })).status).toBe(200);
		expect((await command({ type: 'voting.close' })).status).toBe(200);

		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		const jana = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			...PHONE,
			ready: 'Punkten'
		});
		const results = (page: Page) => page.locator('details.result-box');
		for (const page of [facilitator, jana])
			await expect.poll(() => results(page).getAttribute('open')).not.toBeNull();
		// Jana is in the results with the keyboard when the second round opens.
		await jana.getByLabel('Jede Akteursgruppe gleich gewichten').focus();

		expect((await command({ type: 'voting.open', dotsPerParticipant: 3 })).status).toBe(200);
		await jana.getByText('Sie haben noch 3 von 3 Punkten.').waitFor();
		// Round 1's ranking no longer stands over the round that runs: one line, to open when wanted.
		for (const page of [facilitator, jana]) {
			await expect.poll(() => results(page).getAttribute('open')).toBeNull();
			await page.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
		}
		// The keyboard stayed on the line that opens them, which opens them again.
		expect(await jana.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY');
		await jana.keyboard.press('Enter');
		await expect.poll(() => results(jana).getAttribute('open')).not.toBeNull();
		// A screen opened during the round shows them folded too.
		const { page: late } = await person(meeting.browser, PHONE);
		await late.goto(session.facilitatorUrl);
		await late.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
		await late.waitForTimeout(500);
		expect(await results(late).getAttribute('open')).toBeNull();

		// Round 2's results open on every screen as it ends.
		expect((await command({ type: 'voting.close' })).status).toBe(200);
		for (const page of [facilitator, jana, late]) {
			await page.getByRole('heading', { name: 'Ergebnis: Runde 2' }).waitFor();
			await expect.poll(() => results(page).getAttribute('open')).not.toBeNull();
		}
	});

	it('starts a live round’s interim ranking empty and keeps the facilitator’s board in sight', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Live-Zwischenstand');
		const seeder = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
		await seeder.synced;
		for (let i = 0; i < 14; i++)
			createCard(seeder.doc, {
				id: `c${i}`,
				area: 'challenges',
				authorId: session.facilitatorId,
				createdAt: i,
				text: `Herausforderung ${i + 1}`
			});
		const { page } = await person(meeting.browser);
		await page.goto(session.facilitatorUrl);
		await page.getByRole('article').filter({ hasText: 'Herausforderung 14' }).waitFor();
		await page.getByRole('button', { name: 'Ausblenden' }).click();
		await page.getByRole('button', { name: 'Punktabfrage starten' }).click();
		await page.getByLabel('Live für alle sichtbar').check();
		await page.getByRole('button', { name: 'Punkten beginnen' }).click();
		await page.getByText('Noch keine Punkte vergeben.').waitFor();
		expect(await page.locator('.result-box .ranking > li').count()).toBe(0);
		expect(await page.getByText('Jede Akteursgruppe gleich gewichten').count()).toBe(0);
		// Most of a laptop's screen still shows the board (it began about 150 pixels from the bottom).
		const board = (await page.locator('.board').first().boundingBox())!;
		expect(board.y).toBeLessThan(900 / 2);
		// Dots placed elsewhere show up in the interim ranking as they come.
		const voter = await joinSession(meeting.app.url, session, 'Ole');
		for (const cardId of ['c3', 'c3', 'c0'])
			expect(
				(
					await api(
						meeting.app.url,
						'POST',
						`/api/sessions/${session.id}/commands`,
						{ type: 'vote.add', cardId },
						{ authorization: `Bearer ${voter.token}` }
					)
				).status
			).toBe(200);
		await expect
			.poll(() => page.locator('.result-box .ranking > li').allInnerTexts())
			.toEqual([
				expect.stringMatching(/Herausforderung 4[\s\S]*2 Punkte/),
				expect.stringMatching(/Herausforderung 1[\s\S]*1 Punkt/)
			]);
		seeder.provider.destroy();
	});

	it('shows the whole voting form on a laptop, its button in sight, and lets a phone scroll through it', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(
			page,
			meeting.app.url,
			'Fokusgruppe – Formular',
			'Fokusgruppe der Studie'
		);
		await page.getByRole('button', { name: 'Punktabfrage starten' }).click();
		const submit = page.getByRole('button', { name: 'Punkten beginnen' });
		await submit.waitFor();
		// Not hidden under the form's scrolling: the point at its middle is the button itself.
		const onTop = await submit.evaluate((button) => {
			const box = button.getBoundingClientRect();
			const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
			return box.bottom <= innerHeight && (hit === button || button.contains(hit));
		});
		expect(onTop).toBe(true);
		// The whole form shows on a laptop, down to its last field, not under the fold of a box
		// without a scrollbar (the anonymity warning and who sees the results were there); on a
		// phone the page scrolls through it, not a box inside the page.
		const form = page.getByRole('form', { name: 'Neue Punktabfrage' });
		const inSight = () =>
			form.evaluate((element) =>
				['#voting-anonymous-hint', 'input[type="radio"][value="live"]', 'input[type="text"]'].map(
					(selector) => {
						const target = element.querySelector(selector)!;
						const box = target.getBoundingClientRect();
						const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
						return box.bottom <= innerHeight && (hit === target || target.contains(hit));
					}
				)
			);
		const boxed = () =>
			page.evaluate(() =>
				[...document.querySelectorAll('section.voting, section.voting form')].some(
					(box) => box.scrollHeight > box.clientHeight + 1
				)
			);
		expect(await inSight()).toEqual([true, true, true]);
		await page.setViewportSize({ width: 1366, height: 768 });
		expect(await inSight()).toEqual([true, true, true]);
		expect(await boxed()).toBe(false);
		await page.setViewportSize({ width: 390, height: 844 });
		expect(await boxed()).toBe(false);
		await form.getByLabel('Name der Runde (optional)').focus();
		expect((await inSight())[2]).toBe(true);
		await page.setViewportSize({ width: 1440, height: 900 });
		await expectAccessible(page, 'the voting form');
		// Who sees the results is one choice: the arrow keys move between its two answers.
		await form.getByLabel('Verborgen, bis die Runde endet').focus();
		await page.keyboard.press('ArrowDown');
		expect(await form.getByLabel('Live für alle sichtbar').isChecked()).toBe(true);
		// Rules out of range are refused in the page's language, not in a bubble of the browser's.
		await form.getByLabel('Punkte pro Person').fill('60');
		await submit.click();
		await page
			.getByRole('alert')
			.getByText(
				'Die Regeln der Punktabfrage sind ungültig (1 bis 50 Punkte, Zeit bis 240 Minuten).'
			)
			.waitFor();
		expect(await form.isVisible()).toBe(true);
		await form.getByLabel('Punkte pro Person').fill('6');
		await submit.click();
		await page.getByRole('button', { name: 'Beenden und Ergebnis zeigen' }).waitFor();
	});

	it('shows a phone the first card whole, its dots to give, in a timed round, the dots left and the time above it', async () => {
		const base = meeting.app.url;
		// The study's agenda, a title of two lines, its question of three, and a cluster's title
		// above the first card, as in the review's meeting.
		const session = await createSession(
			base,
			'Faire Beschaffung – Fokusgruppe Musterstadt',
			'study'
		);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		createCard(seeder.doc, {
			id: 'c1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Vergabestellen fürchten Rügen, wenn soziale Kriterien in der Leistungsbeschreibung stehen.'
		});
		createCard(seeder.doc, {
			id: 'c2',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 2,
			text: 'Große Lose schließen kleine Sozialbetriebe faktisch aus.'
		});
		createCluster(
			seeder.doc,
			{ id: 'k1', area: 'challenges', title: 'Vergaberecht und Verfahren', createdAt: 3 },
			['c1', 'c2']
		);
		const command = facilitatorCommand(base, session);
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		expect((await command({ type: 'voting.open', durationMin: 5 })).status).toBe(200);
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			...PHONE,
			ready: 'Punkten'
		});
		const first = phone.locator('[data-card-id="c1"]');
		const give = first.getByRole('button', { name: /^Punkt setzen/ });
		await give.waitFor();
		seeder.provider.destroy();
		await phone.screenshot({ path: 'test-results/phone-voting-first-card.png' });

		// The phase bar ends with its question: an empty row for the clock the strip shows stood below.
		const phaseBar = (await phone.locator('section.phase').boundingBox())!;
		const question = (await phone.locator('section.phase .question').boundingBox())!;
		expect(phaseBar.y + phaseBar.height - (question.y + question.height)).toBeLessThan(16);
		// Header, phase and the voting panel pushed it down to the screen's edge: its buttons below it.
		expect(await phone.evaluate(() => window.scrollY)).toBe(0);
		const card = (await first.boundingBox())!;
		expect(card.y + card.height).toBeLessThanOrEqual(844);
		const button = (await give.boundingBox())!;
		expect(button.y + button.height).toBeLessThanOrEqual(844);
		// What the participant needs stays in sight above it: how to vote, the dots left, the time.
		const inSight = async (text: string | RegExp) => {
			const box = (await phone.getByText(text).first().boundingBox())!;
			return box.height > 2 && box.y >= 0 && box.y + box.height <= card.y;
		};
		expect(
			await inSight(/^Setzen Sie mit \+ bei einer Karte einen Punkt \(höchstens 3 pro Karte\)/)
		).toBe(true);
		expect(await inSight(/^● noch 5 von 5 Punkten$/)).toBe(true);
		expect(await inSight('Punktabfrage endet in')).toBe(true);
		expect(await phone.getByRole('timer').first().isVisible()).toBe(true);
		// Screen readers still hear the count when a dot changes it.
		await give.tap();
		await expect
			.poll(() =>
				phone.getByRole('status').filter({ hasText: 'Sie haben noch 4 von 5 Punkten.' }).count()
			)
			.toBe(1);
		await phone.getByText(/^● noch 4 von 5 Punkten$/).waitFor();

		// On a laptop's canvas the buttons to give dots covered each card's first line, and the
		// title of the cluster above the first card: nobody could read what they voted on.
		const laptop = await joinInUi(meeting.browser, session.participantUrl, 'Murat Ö.', {
			ready: 'Punkten'
		});
		expect(await laptop.getByRole('button', { name: 'Fläche' }).getAttribute('aria-pressed')).toBe(
			'true'
		);
		const overlap = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
			a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
		const title = (await laptop
			.locator('.cluster-name')
			.filter({ hasText: 'Vergaberecht und Verfahren' })
			.boundingBox())!;
		for (const id of ['c1', 'c2']) {
			const note = laptop.locator(`[data-card-id="${id}"]`);
			const buttons = (await note.getByRole('group', { name: /^Ihre Punkte:/ }).boundingBox())!;
			const text = (await note.locator('.text').boundingBox())!;
			expect(overlap(buttons, text), `${id}: its dot buttons on its text`).toBe(false);
			expect(overlap(buttons, title), `${id}: its dot buttons on the cluster's title`).toBe(false);
			expect(buttons.y, `${id}: below its text`).toBeGreaterThanOrEqual(text.y + text.height);
		}
	});

	it('lets the facilitator add a stakeholder group that participants then pick when they join', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Akteursgruppen'
		);
		await facilitator
			.getByRole('button', { name: /Moderation/ })
			.last()
			.click();
		await facilitator.getByLabel('Neue Akteursgruppe').fill('Weltladen Musterstadt');
		await facilitator.getByRole('button', { name: 'Hinzufügen', exact: true }).click();
		await facilitator.getByRole('button', { name: 'Gruppen speichern' }).click();
		await facilitator.getByRole('status').filter({ hasText: 'Gespeichert' }).first().waitFor();
		await expectAccessible(facilitator, 'the facilitator panel with the group editor');

		const ines = await join(link, 'Ines W.', 'Weltladen Musterstadt', PHONE);
		await ines.getByRole('heading', { name: 'Potentiale', level: 2 }).waitFor();
		await facilitator.getByText('Weltladen Musterstadt', { exact: true }).waitFor();
		// A group someone chose cannot be removed any more.
		await expect
			.poll(() =>
				facilitator
					.getByRole('button', { name: 'Gruppe entfernen: Weltladen Musterstadt' })
					.isDisabled()
			)
			.toBe(true);
	});
});
