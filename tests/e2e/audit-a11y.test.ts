import type { Locator, Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createCard } from '../../src/lib/domain/board/cards';
import { createCluster } from '../../src/lib/domain/board/clusters';
import type { Phase } from '../../src/lib/domain/session/agenda';
import type { JoinResponse } from '../../src/lib/protocol/api';
import { api, connectBoard, createSession, facilitatorCommand } from '../helpers/server';
import { describeInBrowser, joinInUi, person, PHONE, useMeeting } from './support';

/** What the accessibility audit of WCAG 2.1 AA / BITV 2.0 found, each proved fixed. */
const meeting = useMeeting();

/** A German study session in its voting phase, with cards in it, and a way to send commands. */
async function votingSession(texts: readonly string[]) {
	const base = meeting.app.url;
	const session = await createSession(base, 'Faire Beschaffung – Barrierefreiheit', 'study');
	const as = (token: string) => (body: object) =>
		api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
			authorization: `Bearer ${token}`
		});
	const command = as(session.facilitatorToken);
	const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
	await seeder.synced;
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
	const join = async (name: string, group: string) => {
		const res = await api<JoinResponse>(base, 'POST', `/api/sessions/${session.id}/participants`, {
			joinToken: session.joinToken,
			name,
			group
		});
		expect(res.status).toBe(201);
		return res.body;
	};
	return { session, command, as, join, doc: seeder.doc };
}

const LONG_CARD = 'Zivilgesellschaftliche Beschaffungsverantwortlichkeiten sind unklar';

/** A closed round in which five people of five stakeholder groups gave the long card a dot each. */
async function closedRound() {
	const made = await votingSession([LONG_CARD, 'Kurze Karte']);
	const { command, as, join } = made;
	expect((await command({ type: 'voting.open', dotsPerParticipant: 3 })).status).toBe(200);
	for (const group of ['civil', 'social', 'repair', 'admin', 'circular']) {
		const voter = await join(`Person ${group}`, group);
		expect((await as(voter.token)({ type: 'vote.add', cardId: 'c0' })).status).toBe(200);
	}
	expect((await command({ type: 'voting.close' })).status).toBe(200);
	return made;
}

/** What the page's live region says now (LiveAnnouncer): what screen readers heard last. */
const said = (page: Page) =>
	page.locator('.visually-hidden[role="status"][aria-live="polite"]').textContent();

/** An open board with one card, a participant on a phone and a second facilitator screen. */
async function boardWithPeople() {
	const base = meeting.app.url;
	const session = await createSession(base, 'Faire Beschaffung – Ansagen');
	const command = facilitatorCommand(base, session);
	const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
	await seeder.synced;
	createCard(seeder.doc, {
		id: 'c0',
		area: 'potentials',
		x: 24,
		y: 80,
		text: 'Repair-Café im Rathaus als Partner der Vergabestelle',
		authorId: session.facilitatorId,
		createdAt: 0
	});
	const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', PHONE);
	const { page: facilitator } = await person(meeting.browser);
	await facilitator.goto(session.facilitatorUrl);
	for (const page of [phone, facilitator])
		await page.getByRole('article').filter({ hasText: 'Repair-Café' }).waitFor();
	return { session, command, phone, facilitator };
}

/** How far the page or anything in the ranking reaches past the right edge of the screen. */
const sideways = (page: Page) =>
	page.evaluate(() => {
		const rows = [...document.querySelectorAll('ol.ranking > li, ol.ranking .groups li')];
		const past = Math.max(0, ...rows.map((row) => row.getBoundingClientRect().right - innerWidth));
		return {
			page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
			rows: Math.round(past),
			sections: [...document.querySelectorAll('section.voting, section.results')]
				.filter((s) => s.scrollWidth > s.clientWidth + 1)
				.map((s) => `${s.className} ${s.scrollWidth}/${s.clientWidth}`)
		};
	});

describeInBrowser('accessibility audit', () => {
	it('shows the voting results at 320 CSS pixels without scrolling sideways, in German and English', async () => {
		const { session } = await closedRound();
		for (const [locale, heading] of [
			['de-DE', 'Ergebnis: Runde 1'],
			['en-GB', 'Results: Round 1']
		] as const) {
			const { page } = await person(meeting.browser, {
				locale,
				viewport: { width: 320, height: 640 }
			});
			await page.goto(session.facilitatorUrl);
			const box = page.locator('details.result-box');
			await box.getByText(heading).waitFor();
			// Open in the voting phase; folded once the meeting moves on.
			if (!(await box.evaluate((d: HTMLDetailsElement) => d.open)))
				await box.getByText(heading).click();
			await page.locator('ol.ranking > li').first().waitFor();
			expect(await sideways(page), locale).toEqual({ page: 0, rows: 0, sections: [] });
		}
	});

	it('keeps each area’s card count inside its header at 320 CSS pixels, in German and English', async () => {
		const { session } = await votingSession(['Rügen', 'Große Lose', 'Zu wenig Zeit']);
		for (const [locale, count] of [
			['de-DE', '3 Karten'],
			['en-GB', '3 cards']
		] as const) {
			const { page } = await person(meeting.browser, {
				locale,
				viewport: { width: 320, height: 640 }
			});
			await page.goto(session.facilitatorUrl);
			await page.locator('[data-card-list] .count').getByText(count).waitFor();
			// "Herausforderungen" and "3 Karten" side by side are wider than the area at 320 px.
			const past = await page
				.locator('[data-card-list] .area header')
				.evaluateAll((headers) =>
					headers.flatMap((header) =>
						[...header.children]
							.filter(
								(part) =>
									part.getBoundingClientRect().right > header.getBoundingClientRect().right + 0.5
							)
							.map((part) => `${header.querySelector('h2')!.textContent}: ${part.textContent}`)
					)
				);
			expect(past, locale).toEqual([]);
		}
	});

	it('does not read the group breakdown’s separator aloud', async () => {
		const { session } = await closedRound();
		const { page } = await person(meeting.browser);
		await page.goto(session.facilitatorUrl);
		const breakdown = page.locator('ol.ranking .groups').first();
		await breakdown.getByText('Zivilgesellschaftliche Organisation: 1').waitFor();
		// Seen between the groups, but not part of what a screen reader reads of each.
		const read = await breakdown.ariaSnapshot();
		expect(read).toContain('Sozial- oder Inklusionsbetrieb: 1');
		expect(read).not.toContain('·');
	});

	it('keeps the presenter’s headings in order: the results under the session title are a level 2 heading', async () => {
		const { session } = await closedRound();
		const { page } = await person(meeting.browser, { viewport: { width: 1920, height: 1080 } });
		await page.goto(session.presenterUrl);
		await page.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
		const levels = await page
			.locator('h1, h2, h3, h4, h5, h6')
			.evaluateAll((headings) => headings.map((h) => Number(h.tagName[1])));
		expect(levels[0]).toBe(1);
		const jumps = levels.filter((level, i) => i > 0 && level > levels[i - 1]! + 1);
		expect(jumps, levels.join(' ')).toEqual([]);
	});

	it('tells screen readers on every screen when the board is locked and unlocked', async () => {
		const { command, phone, facilitator } = await boardWithPeople();
		expect((await command({ type: 'board.lock' })).status).toBe(200);
		await expect
			.poll(() => said(phone))
			.toBe('Die Moderation hat das Board gesperrt – Sie können es nur lesen.');
		await expect
			.poll(() => said(facilitator))
			.toBe('Das Board ist gesperrt: Die Teilnehmenden können es nur lesen.');
		expect((await command({ type: 'board.unlock' })).status).toBe(200);
		for (const page of [phone, facilitator])
			await expect.poll(() => said(page)).toBe('Das Board ist wieder freigegeben.');
	});

	it('tells screen readers which card the facilitator spotlights, leaving their focus where it is', async () => {
		const { command, phone } = await boardWithPeople();
		const help = phone.getByRole('button', { name: 'Liste', exact: true });
		await help.focus();
		expect((await command({ type: 'card.spotlight', cardId: 'c0' })).status).toBe(200);
		await expect
			.poll(() => said(phone))
			.toBe(
				'Die Moderation hebt eine Karte hervor: Repair-Café im Rathaus als Partner der Vergabestelle'
			);
		expect(await help.evaluate((button) => button === document.activeElement)).toBe(true);
	});

	it('marks what the session wrote with the session’s language on a screen in another language', async () => {
		const { session, command, doc } = await closedRound();
		createCluster(
			doc,
			{ id: 'k1', area: 'challenges', title: 'Vergaberecht und Verfahren', createdAt: 2 },
			['c0']
		);
		// The facilitator rewrote the voting phase's question (in German, the session's language).
		const read = await api<{ control: { agenda: Phase[] } }>(
			meeting.app.url,
			'GET',
			`/api/sessions/${session.id}`,
			undefined,
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		const agenda = read.body.control.agenda.map((p) =>
			p.id === 'voting' ? { ...p, question: 'Was ist in Musterstadt am dringendsten?' } : p
		);
		expect((await command({ type: 'agenda.update', agenda })).status).toBe(200);

		const { page } = await person(meeting.browser, { locale: 'en-GB' });
		await page.goto(session.facilitatorUrl);
		await page.getByRole('heading', { name: 'Challenges', level: 2 }).waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		const langOf = async (locator: Locator) => {
			await locator.first().waitFor();
			return locator.first().evaluate((e) => e.closest('[lang]')?.getAttribute('lang'));
		};
		expect(await langOf(page.getByRole('heading', { level: 1 }))).toBe('de');
		expect(await langOf(page.locator('p.text', { hasText: LONG_CARD }))).toBe('de');
		expect(await langOf(page.locator('[data-cluster-title="k1"]'))).toBe('de');
		// The phase's title is the template's, shown in English; the question is the facilitator's.
		expect(await langOf(page.locator('#phase-title'))).toBe('en');
		expect(await langOf(page.getByText('Was ist in Musterstadt am dringendsten?'))).toBe('de');
		expect(await langOf(page.locator('ol.ranking .words', { hasText: LONG_CARD }))).toBe('de');
		// The presenter marked its cards already; now the session's title and the question too.
		const { page: projector } = await person(meeting.browser, {
			locale: 'en-GB',
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		expect(await langOf(projector.getByRole('heading', { level: 1 }))).toBe('de');
		expect(await langOf(projector.getByText('Was ist in Musterstadt am dringendsten?'))).toBe('de');
	});

	it('acts on single-key shortcuts (N, ?) only on the board or with nothing focused, not on a toolbar button', async () => {
		const { facilitator: page } = await boardWithPeople();
		const editor = page.getByLabel('Text der Karte');
		const help = page.getByRole('dialog', { name: 'Tastenkürzel' });
		await page.getByRole('button', { name: 'Exportieren' }).focus();
		await page.keyboard.press('n');
		await page.keyboard.press('?');
		// Pressed the other way round, a stray N would have opened the editor before the ? came.
		await page.waitForTimeout(300);
		expect(await editor.count()).toBe(0);
		expect(await help.isVisible()).toBe(false);
		expect(await page.getByRole('article').count()).toBe(1);
		// On a card the keys work, and the help says where.
		await page.getByRole('article').first().focus();
		await page.keyboard.press('?');
		await help
			.getByText(/^Die Tasten N, G, C und \? wirken, wenn der Fokus auf dem Board/)
			.waitFor();
		await page.keyboard.press('Escape');
		await page.keyboard.press('n');
		await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
	});

	it('gives the keyboard back to where it was when an empty card started with N is left with Escape', async () => {
		const { facilitator: page } = await boardWithPeople();
		const card = page.getByRole('article').filter({ hasText: 'Repair-Café' });
		await card.focus();
		await page.keyboard.press('n');
		const editor = page.getByLabel('Text der Karte');
		await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
		await page.keyboard.press('Escape');
		await editor.waitFor({ state: 'detached' });
		await expect.poll(() => page.getByRole('article').count()).toBe(1);
		await expect.poll(() => card.evaluate((e) => e === document.activeElement)).toBe(true);
		// Started with nothing focused, the board takes the keyboard, not the page's top.
		await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
		await page.keyboard.press('n');
		await expect.poll(() => editor.evaluate((e) => e === document.activeElement)).toBe(true);
		await page.keyboard.press('Escape');
		await editor.waitFor({ state: 'detached' });
		await expect
			.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')))
			.toBe('Board');
	});

	it('keeps the time strip at the top of a phone, but not on a screen too short for it (320 × 256)', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Faire Beschaffung – Zeit oben', 'study');
		const res = await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'timer.start' },
			{
				authorization: `Bearer ${session.facilitatorToken}`
			}
		);
		expect(res.status).toBe(200);
		const position = async (viewport: { width: number; height: number }) => {
			const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
				...PHONE,
				viewport,
				ready: 'Begrüßung und Vorstellungsrunde'
			});
			const strip = phone.locator('.strip');
			await strip.getByRole('timer').waitFor();
			return strip.evaluate((e) => getComputedStyle(e).position);
		};
		expect(await position({ width: 390, height: 844 })).toBe('sticky');
		expect(await position({ width: 320, height: 256 })).toBe('static');
	});

	it('scrolls a card the keyboard moves to on a phone into view below the time strip, not under it', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Faire Beschaffung – Unter der Zeit', 'study');
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		const count = 12;
		for (let i = 0; i < count; i++)
			createCard(seeder.doc, {
				id: `c${i}`,
				area: 'challenges',
				x: 24,
				y: 80 + i * 200,
				text: `Karte ${i + 1}: Vergabestellen kennen die Betriebe vor Ort kaum, und die Betriebe die Vergabe nicht`,
				authorId: session.facilitatorId,
				createdAt: i
			});
		const started = await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'timer.start' },
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		expect(started.status).toBe(200);
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			...PHONE,
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		await phone.locator('.strip').getByRole('timer').waitFor();
		await phone.getByText(`Karte ${count}:`).waitFor();
		seeder.provider.destroy();
		/** The focused card's top edge and the strip's bottom edge, on the screen. */
		const edges = () =>
			phone.evaluate(() => {
				const card = document.activeElement!.closest('[data-card-id]')!;
				return {
					card: card.getAttribute('data-card-id'),
					top: card.getBoundingClientRect().top,
					strip: document.querySelector('.strip')!.getBoundingClientRect().bottom
				};
			});
		const covered: string[] = [];
		const step = async (key: string) => {
			await phone.keyboard.press(key);
			const { card, top, strip } = await edges();
			if (top < strip) covered.push(`${key} ${card}: ${top} < ${strip}`);
		};
		// ↓ through the list to the cards below the fold, then ↑ back to those scrolled out at the top.
		await phone.locator('[data-card-id="c0"]').focus();
		for (let i = 1; i < count; i++) await step('ArrowDown');
		expect((await edges()).card).toBe(`c${count - 1}`);
		for (let i = 1; i < count; i++) await step('ArrowUp');
		expect((await edges()).card).toBe('c0');
		expect(covered).toEqual([]);
	});
});
