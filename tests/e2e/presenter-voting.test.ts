import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { createCard } from '../../src/lib/domain/board/cards';
import { PRESENTER_SCALE } from '../../src/lib/domain/board/presenter-view';
import { CARD_WIDTH } from '../../src/lib/domain/board/schema';
import type { JoinResponse } from '../../src/lib/protocol/api';
import { loadSampleBoard } from '../helpers/sample-board';
import { api, connectBoard, createSession, joinSession } from '../helpers/server';
import {
	describeInBrowser,
	expectAccessible,
	joinInUi,
	person,
	PHONE,
	useMeeting
} from './support';

const meeting = useMeeting();

/** "m:ss" as seconds. */
const seconds = (text: string | null) => {
	const [m, s] = (text ?? '').trim().split(':').map(Number);
	return m! * 60 + s!;
};

describeInBrowser('the projector in a voting round and at the end of the time', () => {
	it('shows the round’s time box large and labelled, the whole tie in its ranking, a drawn lock, and a one-line “Zeit ist um”', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Punkten am Beamer', 'study');
		const as = (token: string) => (body: object) =>
			api<{ error?: { code: string } }>(
				base,
				'POST',
				`/api/sessions/${session.id}/commands`,
				body,
				{ authorization: `Bearer ${token}` }
			);
		const command = as(session.facilitatorToken);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		const texts = ['Eins', 'Zwei', 'Drei', 'Vier', 'Fünf', 'Sechs', 'Sieben'];
		texts.forEach((text, i) =>
			createCard(seeder.doc, {
				id: `c${i}`,
				area: 'challenges',
				x: 24 + (i % 2) * 232,
				y: 80 + Math.floor(i / 2) * 180,
				text,
				authorId: session.facilitatorId,
				createdAt: i
			})
		);
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		expect((await command({ type: 'timer.start' })).status).toBe(200);
		expect((await command({ type: 'board.lock' })).status).toBe(200);

		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Elke S.', {
			...PHONE,
			ready: 'Punkten'
		});

		// The board is locked: a drawn padlock says so, not an emoji a projector may lack.
		const progress = projector.locator('.progress');
		await progress.getByText('Board gesperrt').waitFor();
		expect(await progress.locator('svg').count()).toBe(1);
		expect(await progress.textContent()).not.toContain('🔒');

		// A round of three minutes in a phase of ten: the room sees the round's time, labelled.
		expect(
			(await command({ type: 'voting.open', durationMin: 3, dotsPerParticipant: 5 })).status
		).toBe(200);
		const label = projector.getByText('Punktabfrage endet in', { exact: true });
		await label.waitFor();
		const big = projector.locator('.countdown.large [role="timer"]');
		// About three minutes (each screen estimates the server's clock), not the phase's ten.
		const left = seconds(await big.textContent());
		expect(left).toBeLessThanOrEqual(185);
		expect(left).toBeGreaterThan(150);
		// The phase timer stays in view, small.
		const phaseTime = projector.locator('.phase-time');
		await phaseTime.getByText('Zeit der Phase').waitFor();
		expect(seconds(await phaseTime.locator('[role="timer"]').textContent())).toBeGreaterThan(500);
		// On the phone the sticky bar shows the round's time, not the phase's.
		const strip = phone.locator('.strip');
		await strip.getByText('Punktabfrage endet in').waitFor();
		expect(seconds(await strip.locator('[role="timer"]').textContent())).toBeLessThanOrEqual(185);
		// On a laptop the phase bar shows the round's time too, with the phase's small beside it.
		const laptop = await joinInUi(meeting.browser, session.participantUrl, 'Tom L.', {
			ready: 'Punkten'
		});
		const bar = laptop.locator('section.phase');
		await bar.getByText('Punktabfrage endet in', { exact: true }).waitFor();
		const [round, phaseLeft] = await bar.locator('[role="timer"]').allTextContents();
		expect(seconds(round!)).toBeLessThanOrEqual(185);
		expect(seconds(phaseLeft!)).toBeGreaterThan(500);
		await bar.getByText('Zeit der Phase').waitFor();
		await expectAccessible(projector, 'the projector during a timed voting round');

		// Four people vote: one card gets 3 dots, five cards 2 each, one card 1.
		const people: JoinResponse[] = [];
		for (const name of ['Jana', 'Murat', 'Tom', 'Kai'])
			people.push(await joinSession(base, session, name));
		const plan: [number, string[]][] = [
			[0, ['c0', 'c0', 'c0', 'c1', 'c1']],
			[1, ['c2', 'c2', 'c3', 'c3']],
			[2, ['c4', 'c4', 'c5', 'c5']],
			[3, ['c6']]
		];
		for (const [who, cards] of plan)
			for (const cardId of cards) {
				const res = await as(people[who]!.token)({ type: 'vote.add', cardId });
				expect(res.status, JSON.stringify(res.body)).toBe(200);
			}
		// On a projector of 1280 × 720 the round's status is on the screen, not below the QR code.
		const HD = { width: 1280, height: 720 };
		const onScreen = async (locator: Locator) => {
			const box = (await locator.boundingBox())!;
			return box.y >= 0 && box.y + box.height <= HD.height && box.x + box.width <= HD.width;
		};
		await projector.setViewportSize(HD);
		const status = projector.getByRole('status').filter({ hasText: '„Runde 1“ läuft' });
		await status.getByText('vergebene Punkte: 14').waitFor();
		expect(await onScreen(status)).toBe(true);

		expect((await command({ type: 'voting.close' })).status).toBe(200);
		await label.waitFor({ state: 'detached' });
		// The results take the stage: at 1280 × 720 every rank is on the screen (three were).
		const stage = projector.locator('.stage').getByRole('list', { name: /^Rangfolge/ });
		await stage.waitFor();
		const last = stage.locator(':scope > li').last();
		await expect.poll(() => stage.locator(':scope > li').count()).toBe(7);
		await expect.poll(() => onScreen(last)).toBe(true);
		expect(await last.locator('.rank').textContent()).toBe('7.');
		await projector.setViewportSize({ width: 1920, height: 1080 });
		// The round is over: the large clock is the phase's again.
		expect(seconds(await big.textContent())).toBeGreaterThan(500);

		// In the next phase the top of the ranking is beside the board: the tie at rank 2 is whole.
		expect((await command({ type: 'phase.next' })).status).toBe(200);
		const ranking = projector.locator('.side').getByRole('list', { name: /^Rangfolge/ });
		await ranking.waitFor();
		const ranks = await ranking
			.locator(':scope > li .rank')
			.evaluateAll((items) => items.map((i) => i.textContent!.trim()));
		expect(ranks).toEqual(['1.', '2.', '2.', '2.', '2.', '2.']);
		// Beside the board at 1280 × 720 too, the join code with it.
		await projector.setViewportSize(HD);
		await expect.poll(() => onScreen(ranking.locator(':scope > li').last())).toBe(true);
		await expect.poll(() => onScreen(projector.locator('.join .code'))).toBe(true);
		await projector.setViewportSize({ width: 1920, height: 1080 });

		// Time is up: one line, no taller than the time was, and the facilitator is offered to
		// run the time again instead of a pause that would freeze 0:00.
		const headerBefore = (await projector.locator('section.phase').boundingBox())!.height;
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		await facilitator.getByRole('button', { name: 'Timer starten' }).waitFor();
		expect((await command({ type: 'timer.start', durationMin: 0.05 })).status).toBe(200);
		const expired = projector.locator('.countdown.large').getByText('Zeit ist um');
		await expired.waitFor();
		const box = (await expired.boundingBox())!;
		const lineHeight = await expired.evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
		expect(box.height).toBeLessThan(lineHeight * 1.6);
		expect((await projector.locator('section.phase').boundingBox())!.height).toBeLessThanOrEqual(
			headerBefore
		);
		const restart = facilitator.getByRole('button', { name: 'Neu starten' });
		await restart.waitFor();
		expect(await facilitator.getByRole('button', { name: 'Pause' }).count()).toBe(0);
		await restart.click();
		await facilitator.getByRole('button', { name: 'Pause' }).waitFor();
		await expired.waitFor({ state: 'detached' });
		seeder.provider.destroy();
	});

	it('cuts a long ranking after the places that fit at 1280 × 720 and says how many more, with the join code on the screen and no switch to press', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Lange Rangliste', 'study');
		const as = (token: string) => (body: object) =>
			api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
				authorization: `Bearer ${token}`
			});
		const command = as(session.facilitatorToken);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		// Sixteen cards with the long texts of a real session, dotted 9, 8, 8, 7, … 1, 1; the first
		// place as long as a card gets (its one place took the side column's whole room).
		const sample = loadSampleBoard().cards.filter((c) => c.area !== 'next-steps');
		sample[0] = {
			...sample[0]!,
			text:
				'Reparatur statt Neukauf ist im Haushalt nicht vorgesehen (Investition vs. Sachkosten). ' +
				'Außerdem: Die Inventarisierungsregeln der Kämmerei sehen Leihen statt Kaufen überhaupt ' +
				'nicht vor, und wer ein Gerät reparieren lässt statt es auszusondern, muss das in drei ' +
				'verschiedenen Formularen begründen – das macht niemand freiwillig.'
		};
		const dots = [9, 8, 8, 7, 6, 6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 1];
		dots.forEach((_, i) =>
			createCard(seeder.doc, {
				id: `r${i}`,
				area: sample[i]!.area,
				text: sample[i]!.text,
				authorId: session.facilitatorId,
				createdAt: i
			})
		);
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		expect(
			(await command({ type: 'voting.open', dotsPerParticipant: 20, maxPerCard: 5 })).status
		).toBe(200);
		const voters: JoinResponse[] = [];
		for (const name of ['Jana', 'Murat', 'Tom', 'Kai'])
			voters.push(await joinSession(base, session, name));
		const left = voters.map(() => 20);
		for (const [i, count] of dots.entries())
			for (let dot = 0, who = 0; dot < count; dot++, who = (who + 1) % voters.length) {
				while (left[who] === 0) who = (who + 1) % voters.length;
				left[who]!--;
				const res = await as(voters[who]!.token)({ type: 'vote.add', cardId: `r${i}` });
				expect(res.status, JSON.stringify(res.body)).toBe(200);
			}
		expect((await command({ type: 'voting.close' })).status).toBe(200);

		const HD = { width: 1280, height: 720 };
		const { page: projector } = await person(meeting.browser, { viewport: HD });
		await projector.goto(session.presenterUrl);
		const onScreen = async (locator: Locator) => {
			const box = (await locator.boundingBox())!;
			return box.y >= 0 && box.y + box.height <= HD.height && box.x + box.width <= HD.width;
		};
		/** The text's size as the room sees it, the content's zoom included. */
		const shownPx = (locator: Locator) =>
			locator.evaluate((e) => {
				const zoom = Number((e.closest('[style*="zoom"]') as HTMLElement | null)?.style.zoom || 1);
				return parseFloat(getComputedStyle(e).fontSize) * zoom;
			});

		// On the stage: the top places at a readable size, then one line for the rest — not a
		// ranking that scrolls on a screen nobody scrolls.
		const stage = projector.locator('.stage');
		const list = stage.getByRole('list', { name: /^Rangfolge/ });
		const more = stage.getByText(/^… und \d+ weitere Karten mit Punkten/);
		await more.waitFor();
		const places = await list.locator(':scope > li').count();
		expect(places).toBeGreaterThanOrEqual(3);
		expect(places).toBeLessThan(dots.length);
		expect(await more.textContent()).toContain(`… und ${dots.length - places} weitere Karten`);
		expect(await onScreen(more)).toBe(true);
		expect(await stage.evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
		expect(await shownPx(list.locator(':scope > li .text').first())).toBeGreaterThanOrEqual(14);
		// Nothing on the projector to operate: the equal-weight switch is not there, not even hidden.
		const switches = projector.locator('.stage input, .side input');
		expect(await switches.count()).toBe(0);
		await expectAccessible(projector, 'the projector with a cut ranking');

		// Beside the next steps: the QR picture goes first, then places of the ranking; the join
		// address and the code stay whole on the screen, and the column does not scroll.
		expect((await command({ type: 'phase.goto', phaseId: 'next-steps' })).status).toBe(200);
		const side = projector.locator('.side');
		const sideList = side.getByRole('list', { name: /^Rangfolge/ });
		await sideList.waitFor();
		await expect.poll(() => side.evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
		for (const part of ['.join .url', '.join .code'])
			await expect.poll(() => onScreen(side.locator(part))).toBe(true);
		expect(await shownPx(sideList.locator(':scope > li .text').first())).toBeGreaterThanOrEqual(14);
		const sidePlaces = await sideList.locator(':scope > li').count();
		// The long first place shows its first lines rather than leave no place on the screen.
		expect(sidePlaces).toBeGreaterThanOrEqual(1);
		const first = sideList.locator(':scope > li .words').first();
		expect(await first.evaluate((e) => e.scrollHeight > e.clientHeight)).toBe(true);
		expect(await first.textContent()).toContain('das macht niemand freiwillig.');
		await side
			.getByText(`… und ${dots.length - sidePlaces} weitere Karten mit Punkten`, { exact: false })
			.waitFor();
		expect(await switches.count()).toBe(0);

		// Wide enough, everything: all sixteen places on the stage, no line for the rest.
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		await projector.setViewportSize({ width: 1920, height: 1080 });
		await expect.poll(() => list.locator(':scope > li').count()).toBe(dots.length);
		expect(await stage.getByText(/weitere Karten mit Punkten/).count()).toBe(0);
		expect(await switches.count()).toBe(0);
		seeder.provider.destroy();
	});

	it('shows the round the facilitator picks on the projector and the participants’ screens', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Zwei Runden', 'study');
		const as = (token: string) => (body: object) =>
			api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
				authorization: `Bearer ${token}`
			});
		const command = as(session.facilitatorToken);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		for (const [i, text] of ['Vergaberecht', 'Repair-Café'].entries())
			createCard(seeder.doc, {
				id: `k${i}`,
				area: 'challenges',
				x: 24 + i * 232,
				y: 80,
				text,
				authorId: session.facilitatorId,
				createdAt: i
			});
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		const voter = await joinSession(base, session, 'Jana');
		for (const [title, cardId] of [
			['Erste Runde', 'k0'],
			['Zweite Runde', 'k1']
		] as const) {
			expect((await command({ type: 'voting.open', title })).status).toBe(200);
			expect((await as(voter.token)({ type: 'vote.add', cardId })).status).toBe(200);
			expect((await command({ type: 'voting.close' })).status).toBe(200);
		}

		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Elke S.', {
			...PHONE,
			ready: 'Punkten'
		});
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		await projector.getByRole('heading', { name: 'Ergebnis: Zweite Runde' }).waitFor();

		// The facilitator takes the room back to the first round: every screen follows.
		await facilitator
			.getByLabel('Runde auf allen Bildschirmen zeigen')
			.selectOption({ label: 'Erste Runde' });
		await projector.getByRole('heading', { name: 'Ergebnis: Erste Runde' }).waitFor();
		await phone.getByRole('heading', { name: 'Ergebnis: Erste Runde' }).waitFor();
		// Participants follow; they have no choice of their own to make for the room.
		expect(await phone.getByLabel('Runde auf allen Bildschirmen zeigen').count()).toBe(0);
		seeder.provider.destroy();
	});

	it('keeps the whole board readable on a 1024- or 1280-pixel projector in the wrap-up, with the ranking a press away', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Abschluss am alten Beamer', 'study');
		const as = (token: string) => (body: object) =>
			api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
				authorization: `Bearer ${token}`
			});
		const command = as(session.facilitatorToken);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		for (const [i, area] of (['challenges', 'potentials', 'next-steps'] as const).entries())
			createCard(seeder.doc, {
				id: `w${i}`,
				area,
				x: 24,
				y: 80,
				text: ['Kurze Fristen', 'Repair-Café', 'Runder Tisch im März'][i]!,
				authorId: session.facilitatorId,
				createdAt: i
			});
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		const voter = await joinSession(base, session, 'Jana');
		expect((await command({ type: 'voting.open' })).status).toBe(200);
		expect((await as(voter.token)({ type: 'vote.add', cardId: 'w0' })).status).toBe(200);
		expect((await command({ type: 'voting.close' })).status).toBe(200);
		expect((await command({ type: 'phase.goto', phaseId: 'wrap-up' })).status).toBe(200);

		const XGA = { width: 1024, height: 768 };
		const { page: projector } = await person(meeting.browser, { viewport: XGA });
		await projector.goto(session.presenterUrl);
		await projector.getByRole('heading', { name: 'Abschluss', exact: true }).waitFor();
		const nextSteps = projector.locator('section.area[data-area="next-steps"]');
		await nextSteps.getByText('Runder Tisch im März').waitFor();
		// Beside the ranking the board's next steps were cut off on the right: the board is whole.
		await expect
			.poll(async () => {
				const box = (await nextSteps.boundingBox())!;
				return box.x + box.width <= XGA.width;
			})
			.toBe(true);
		// The side column stepped aside; the address and the code stay in the phase's lines.
		await expect.poll(() => projector.locator('.side').count()).toBe(0);
		await projector.locator('.join-line .code').waitFor();
		// Without the column the session's title still heads the page for screen readers.
		await projector
			.getByRole('heading', { level: 1, name: 'Fokusgruppe – Abschluss am alten Beamer' })
			.waitFor();
		expect(
			await projector.getByRole('button', { name: 'QR-Code zeigen' }).getAttribute('aria-pressed')
		).toBe('false');
		const ranking = projector.locator('.side').getByRole('list', { name: /^Rangfolge/ });
		const toggle = projector.getByRole('button', { name: 'Rangliste zeigen' });
		expect(await toggle.getAttribute('aria-pressed')).toBe('false');
		// The room can still have it: one press, and this screen keeps the choice.
		await toggle.click();
		await ranking.getByText('Kurze Fristen').waitFor();
		expect(await toggle.getAttribute('aria-pressed')).toBe('true');
		await projector.reload();
		await ranking.getByText('Kurze Fristen').waitFor();
		// At 1280 × 720 the ranking beside the whole board left its cards at 9-pixel text: the side
		// column steps aside, the board keeps a readable size, the address and the code are on the screen.
		const HD = { width: 1280, height: 720 };
		const { page: hd } = await person(meeting.browser, { viewport: HD });
		await hd.goto(session.presenterUrl);
		const hdCard = hd.locator('[data-card-id="w2"]');
		await hdCard.waitFor();
		await expect.poll(() => hd.locator('.side').count()).toBe(0);
		const hdCode = (await hd.locator('.join-line .code').boundingBox())!;
		expect(hdCode.y + hdCode.height).toBeLessThanOrEqual(HD.height);
		expect(hdCode.x + hdCode.width).toBeLessThanOrEqual(HD.width);
		await expect
			.poll(async () => (await hdCard.boundingBox())!.width)
			.toBeGreaterThanOrEqual(CARD_WIDTH * PRESENTER_SCALE.beside);
		// A screen wide enough shows the ranking and the QR code beside the whole board by itself.
		const { page: wide } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await wide.goto(session.presenterUrl);
		await wide
			.locator('.side')
			.getByRole('list', { name: /^Rangfolge/ })
			.getByText('Kurze Fristen')
			.waitFor();
		const wideNextSteps = wide.locator('section.area[data-area="next-steps"]');
		await wideNextSteps.getByText('Runder Tisch im März').waitFor();
		const box = (await wideNextSteps.boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(1920);
		// Between the two, the ranking's column would leave the board too small but the narrower QR
		// column does not: the ranking steps aside by itself, the QR code stays beside the board.
		const MIDDLE = { width: 1500, height: 900 };
		const { page: middle } = await person(meeting.browser, { viewport: MIDDLE });
		await middle.goto(session.presenterUrl);
		const middleRanking = middle.locator('.side').getByRole('list', { name: /^Rangfolge/ });
		// Until the board's cards have come, nothing is beside them to step aside for.
		await middle.locator('[data-card-id="w2"]').waitFor();
		await expect.poll(() => middleRanking.count()).toBe(0);
		await middle.locator('.side').getByRole('img', { name: /QR/ }).waitFor();
		const middleToggle = middle.getByRole('button', { name: 'Rangliste zeigen' });
		expect(await middleToggle.getAttribute('aria-pressed')).toBe('false');
		await middleToggle.click();
		await middleRanking.waitFor();
		await middleToggle.click();
		expect(await middleToggle.getAttribute('aria-pressed')).toBe('false');
		await middle.locator('.side').getByRole('img', { name: /QR/ }).waitFor();
		expect(await middleRanking.count()).toBe(0);
		const middleNextSteps = middle.locator('section.area[data-area="next-steps"]');
		const middleBox = (await middleNextSteps.boundingBox())!;
		expect(middleBox.x + middleBox.width).toBeLessThanOrEqual(MIDDLE.width);
		seeder.provider.destroy();
	});
});
