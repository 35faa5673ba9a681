import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { createCard, readCards, setNextStep } from '../../src/lib/domain/board/cards';
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
	boardOfThirtyCards,
	describeInBrowser,
	DESKTOP,
	expectAccessible,
	joinInUi,
	person,
	PHONE,
	useMeeting
} from './support';

const meeting = useMeeting();

/**
 * Whether a card's actions are drawn, rather than only reachable by keyboard and screen
 * reader (then their box is a clipped pixel).
 */
const shown = async (card: Locator) =>
	((await card.locator('.actions').boundingBox())?.width ?? 0) > 1;

describeInBrowser('room on the screen', () => {
	it('gives the facilitator’s board most of a laptop screen: one row of tools, the timer’s buttons by the timer', async () => {
		const base = meeting.app.url;
		const session = await createSession(
			base,
			'Faire Beschaffung – Fokusgruppe Musterstadt',
			'study'
		);
		await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'phase.goto', phaseId: 'challenges' },
			{
				authorization: `Bearer ${session.facilitatorToken}`
			}
		);
		const { page } = await person(meeting.browser);
		await page.goto(session.facilitatorUrl);
		await page.getByRole('button', { name: 'Timer starten' }).waitFor();
		await page.getByRole('button', { name: 'Ausblenden' }).click();
		// Someone writes a draft: its count joins the row of controls.
		const writer = await joinSession(base, session, 'Jana K.');
		const drafts = connectBoard(base, `${session.boardId}/drafts`, writer.token);
		await drafts.synced;
		createCard(drafts.doc, {
			id: 'd1',
			area: 'challenges',
			authorId: writer.participantId,
			createdAt: 1,
			text: 'Entwurf',
			phaseId: 'challenges'
		});
		await page.getByText('Entwürfe: 1 · Schreibende: 1').waitFor();
		// A cluster on the board brings the facilitator one more tool.
		const board = connectBoard(base, session.boardId, session.facilitatorToken);
		await board.synced;
		createCard(board.doc, {
			id: 'b1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Eins'
		});
		createCluster(board.doc, { id: 'k1', area: 'challenges', title: 'Recht', createdAt: 2 }, [
			'b1'
		]);
		await page.getByRole('button', { name: 'Nach Clustern ordnen' }).waitFor();
		// A two-digit count beside the longest area name and its buttons shows whole.
		board.doc.transact(() => {
			for (let i = 2; i <= 12; i++)
				createCard(board.doc, {
					id: `b${i}`,
					area: 'challenges',
					authorId: session.facilitatorId,
					createdAt: i,
					text: `Karte ${i}`,
					x: 24 + (i % 2) * 216,
					y: 400 + i * 140
				});
		});
		const area = page.getByRole('region', { name: 'Herausforderungen' });
		const count = area.locator('header .count');
		await expect.poll(() => count.getAttribute('title')).toBe('12 Karten');
		expect(await count.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
		expect(await count.locator('[aria-hidden="true"]').textContent()).toBe('12');
		const badge = (await count.boundingBox())!;
		const add = (await area.getByRole('button', { name: /^Karte hinzufügen zu/ }).boundingBox())!;
		expect(badge.x + badge.width).toBeLessThan(add.x);

		// Every tool of the toolbar in one row, with room for the session's title (arranging by
		// cluster is over the board's corner, by the zoom).
		const toolbar = ['Tastenkürzel (?)', 'Rückgängig', 'Fläche', 'Exportieren', /^Moderation/];
		const rows = new Set<number>();
		for (const name of toolbar) {
			const box = (await page.getByRole('button', { name }).first().boundingBox())!;
			rows.add(Math.round(box.y + box.height / 2));
		}
		expect(rows.size).toBe(1);
		const heading = page.getByRole('heading', { level: 1 });
		expect(await heading.evaluate((h) => h.scrollWidth <= h.clientWidth)).toBe(true);
		// The timer's buttons sit in the phase bar, beside the time; starting a round is in the row of controls.
		const clock = (await page.getByRole('timer').boundingBox())!;
		const start = (await page.getByRole('button', { name: 'Timer starten' }).boundingBox())!;
		expect(start.y - (clock.y + clock.height)).toBeLessThan(24);
		expect(clock.x + clock.width - (start.x + start.width)).toBeLessThan(400);
		const controls = page.getByRole('region', { name: 'Ablauf steuern' });
		const next = (await controls.getByRole('button', { name: 'Nächste Phase' }).boundingBox())!;
		const vote = (await controls
			.getByRole('button', { name: 'Punktabfrage starten' })
			.boundingBox())!;
		expect(Math.abs(vote.y - next.y)).toBeLessThan(4);
		// So it stays with two-digit counts, and once the drafts are revealed.
		drafts.doc.transact(() => {
			for (let i = 2; i <= 12; i++)
				createCard(drafts.doc, {
					id: `d${i}`,
					area: 'challenges',
					authorId: writer.participantId,
					createdAt: i,
					text: `Entwurf ${i}`,
					phaseId: 'challenges'
				});
		});
		await page.getByText('Entwürfe: 12 · Schreibende: 1').waitFor();
		const oneRow = async () => {
			const at = (await controls.getByRole('button', { name: 'Nächste Phase' }).boundingBox())!;
			const last = (await controls
				.getByRole('button', { name: 'Punktabfrage starten' })
				.boundingBox())!;
			return Math.abs(last.y - at.y) < 4;
		};
		expect(await oneRow()).toBe(true);
		await controls.getByRole('button', { name: 'Entwürfe aufdecken' }).click();
		await page.getByRole('alertdialog').getByRole('button', { name: 'Entwürfe aufdecken' }).click();
		await controls.getByRole('button', { name: 'Erneut aufdecken' }).waitFor();
		expect(await oneRow()).toBe(true);
		// What is left is the board's: more than 60 % of the screen's height.
		const region = (await page.getByRole('region', { name: 'Board', exact: true }).boundingBox())!;
		expect(region.height).toBeGreaterThan(0.6 * 900);
		await expectAccessible(page, 'the facilitator’s board in a silent phase');
		drafts.provider.destroy();
		board.provider.destroy();
	});

	it('keeps a long phase title readable in the list of phases, on a laptop in one row and on a phone', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Lange Phasen', 'study');
		const auth = { authorization: `Bearer ${session.facilitatorToken}` };
		const command = (payload: object) =>
			api(base, 'POST', `/api/sessions/${session.id}/commands`, payload, auth);
		const state = await api<{ control: { agenda: { id: string; title: string }[] } }>(
			base,
			'GET',
			`/api/sessions/${session.id}/state`,
			undefined,
			auth
		);
		const long =
			'Herausforderungen bei der Vergabe sozialer und ökologischer Kriterien in kleinen Losen sammeln';
		const agenda = state.body.control.agenda.map((p) =>
			p.id === 'challenges' ? { ...p, title: long } : p
		);
		const position = agenda.findIndex((p) => p.id === 'challenges') + 1;
		expect((await command({ type: 'agenda.update', agenda })).status).toBe(200);
		expect((await command({ type: 'phase.goto', phaseId: 'challenges' })).status).toBe(200);

		for (const screen of [DESKTOP, PHONE]) {
			const { page } = await person(meeting.browser, screen);
			await page.goto(session.facilitatorUrl);
			const phases = page.getByLabel('Zu Phase springen');
			await phases.waitFor();
			// Cut to fit, it says so with an ellipsis, and the mouse shows the whole title; a screen
			// reader reads the chosen phase's whole title, and the list that opens shows all whole.
			expect(await phases.getAttribute('title')).toBe(`${position}. ${long}`);
			expect(await phases.evaluate((e) => getComputedStyle(e).textOverflow)).toBe('ellipsis');
			const box = (await phases.boundingBox())!;
			const width = screen.viewport!.width;
			expect(box.x + box.width).toBeLessThanOrEqual(width);
			if (screen === PHONE) {
				// A phone's row wraps anyway: the list takes the screen's width, beside the back arrow.
				expect(box.width).toBeGreaterThan(0.75 * width);
			} else {
				// The laptop's row of controls stays one row.
				const controls = page.getByRole('region', { name: 'Ablauf steuern' });
				const next = (await controls.getByRole('button', { name: 'Nächste Phase' }).boundingBox())!;
				const vote = (await controls
					.getByRole('button', { name: 'Punktabfrage starten' })
					.boundingBox())!;
				expect(Math.abs(vote.y - next.y)).toBeLessThan(4);
				expect(Math.abs(box.y - next.y)).toBeLessThan(4);
			}
			await page.context().close();
		}
	});

	it('shows a phone more cards at a time: a card’s actions once it is tapped, the dots left always in view', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Telefon');
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		for (let i = 0; i < 12; i++)
			createCard(seeder.doc, {
				id: `c${i}`,
				area: 'challenges',
				authorId: session.facilitatorId,
				createdAt: i,
				text: `Herausforderung ${i + 1}: Vergabestellen kennen die Betriebe vor Ort kaum`
			});
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', PHONE);
		const card = (i: number) => phone.locator(`[data-card-id="c${i}"]`);
		await card(11).waitFor();
		const duplicate = (i: number) => card(i).getByRole('button', { name: /^Karte duplizieren/ });

		// Before a tap, a card is its text; its actions stay reachable for a screen reader.
		expect(await duplicate(3).count()).toBe(1);
		expect(await shown(card(3))).toBe(false);
		await card(3).locator('p.text').tap();
		await expect.poll(() => shown(card(3))).toBe(true);
		expect(await shown(card(4))).toBe(false);
		// Tapping "+ Karte" below an open card lands on it although the open card folds.
		await phone.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).tap();
		await phone.getByLabel('Text der Karte').fill('Kurze Fristen');
		await phone.getByRole('button', { name: 'Fertig' }).tap();
		await expect.poll(() => shown(card(3))).toBe(false);

		// A voting round: far down the board, the dots left are still at the top of the screen.
		await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'voting.open', scope: { areas: ['challenges'] } },
			{
				authorization: `Bearer ${session.facilitatorToken}`
			}
		);
		await phone.getByText('Sie haben noch 5 von 5 Punkten.').waitFor();
		await card(11)
			.getByRole('button', { name: /^Punkt setzen/ })
			.tap();
		await phone.getByText('Sie haben noch 4 von 5 Punkten.').waitFor();
		await card(11).scrollIntoViewIfNeeded();
		const reminder = phone.getByText(/^● noch 4 von 5 Punkten$/);
		const box = (await reminder.boundingBox())!;
		expect(box.y).toBeGreaterThanOrEqual(0);
		expect(box.y + box.height).toBeLessThan(80);
		expect(await phone.evaluate(() => window.scrollY)).toBeGreaterThan(400);
		// Giving dots does not unfold the cards, so the next card's buttons stay where they were.
		expect(await shown(card(11))).toBe(false);

		// Locked, far down the board: the lock is at the top of the screen too.
		await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{ type: 'board.lock' },
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		const locked = phone.getByText('Gesperrt', { exact: true });
		await locked.waitFor();
		const lockBox = (await locked.boundingBox())!;
		expect(lockBox.y).toBeGreaterThanOrEqual(0);
		expect(lockBox.y + lockBox.height).toBeLessThan(80);
		expect(await phone.evaluate(() => window.scrollY)).toBeGreaterThan(400);
		seeder.provider.destroy();
	});

	it('reflows to 320 CSS pixels (a 1280 pixel screen at 400 %) without scrolling sideways', async () => {
		const narrow = { viewport: { width: 320, height: 640 } };
		const session = await createSession(meeting.app.url, 'Fokusgruppe – 400 Prozent', 'study');
		const { page } = await person(meeting.browser, narrow);
		const sideways = () =>
			page.evaluate(
				() => document.documentElement.scrollWidth - document.documentElement.clientWidth
			);
		await page.goto(meeting.app.url + '/');
		await page.getByLabel('Titel der Sitzung').waitFor();
		expect(await sideways()).toBe(0);
		// Every radio button and checkbox of the start page is one size, large enough for a finger.
		const sizes = await page
			.locator('input[type=radio], input[type=checkbox]')
			.evaluateAll((inputs) => inputs.map((i) => Math.round(i.getBoundingClientRect().width)));
		expect(sizes.length).toBeGreaterThanOrEqual(6);
		expect(new Set(sizes).size, JSON.stringify(sizes)).toBe(1);
		expect(sizes[0]).toBeGreaterThanOrEqual(19);
		const joined = await joinInUi(meeting.browser, session.participantUrl, 'Murat Ö.', {
			...narrow,
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		expect(await joined.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			320
		);
		await page.goto(session.facilitatorUrl);
		await page.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).waitFor();
		expect(await sideways()).toBe(0);
	});

	it('wraps the toolbar rather than pushing its buttons off a laptop’s screen with text set to 200 % in the browser', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Große Schrift', 'study');
		const { page } = await person(meeting.browser);
		// The browser's own text size (Chromium's settings), not its zoom: 32 px instead of 16.
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
		await page.goto(session.facilitatorUrl);
		await page.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).waitFor();
		const width = page.viewportSize()!.width;
		for (const name of ['Exportieren', /^Moderation/]) {
			const box = (await page.getByRole('button', { name }).first().boundingBox())!;
			expect(box.x + box.width).toBeLessThanOrEqual(width);
		}
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			width
		);
		// The board keeps room to work in: the controls above it filled the screen, the board got
		// almost no height, and its zoom tools lay over the phase controls. Now the page scrolls.
		const height = page.viewportSize()!.height;
		const board = (await page.locator('.board').boundingBox())!;
		expect(board.height).toBeGreaterThanOrEqual(height * 0.4);
	});

	it('wraps a web address or a long word inside its card on a phone, so that no card is cut off', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Lange Wörter');
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Murat Ö.', PHONE);
		const url =
			'https://www.musterstadt.de/vergabe/leitfaden-sozial-oekologische-beschaffung-2025.pdf';
		await addCard(phone, 'Herausforderungen', `Siehe ${url}`);
		await addCard(
			phone,
			'Herausforderungen',
			'Rahmenvertragsausschreibungsunterlagenverwaltungsvorschrift'
		);
		await addCard(phone, 'Herausforderungen', 'Kurze Fristen');
		await phone.getByRole('article').filter({ hasText: 'Kurze Fristen' }).waitFor();
		// Nothing reaches past the screen's right edge: the page does not scroll sideways.
		const width = phone.viewportSize()!.width;
		expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
			width
		);
		for (const card of await phone.getByRole('article').all()) {
			const box = (await card.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(width);
		}
		// The address is there whole, to read and to copy.
		await phone.getByText(url).waitFor();
	});

	it('keeps a next step’s labels whole beside long answers, on a phone', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Nächste Schritte');
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		createCard(seeder.doc, {
			id: 'n1',
			area: 'next-steps',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Reparaturtag im Rathaus'
		});
		setNextStep(seeder.doc, 'n1', {
			owner: 'Repair-Café Musterstadt e. V.',
			partners: 'Schulverwaltungsamt, IT-Dienstleister der Stadt',
			due: '2027-03-01'
		});
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Ben L.', PHONE);
		const card = phone.getByRole('article').filter({ hasText: 'Reparaturtag im Rathaus' });
		await card.getByText('Schulverwaltungsamt', { exact: false }).waitFor();
		for (const label of await card.locator('dt').all()) {
			const lineHeight = await label.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
			expect((await label.boundingBox())!.height, await label.innerText()).toBeLessThan(
				1.5 * lineHeight
			);
		}
		seeder.provider.destroy();
	});

	it('lets a participant on a phone put her own card into the facilitator’s cluster in the clustering phase', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Clustern am Telefon', 'study');
		const command = facilitatorCommand(base, session);
		await command({ type: 'phase.goto', phaseId: 'challenges' });
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			...PHONE,
			ready: 'Herausforderungen'
		});
		await addCard(phone, 'Herausforderungen', 'Angst vor Rügen');
		await phone.getByText('Entwurf – nur für Sie sichtbar').waitFor();
		// A draft of a phase that asks for challenges cannot be sent to another area.
		const draft = phone.getByRole('article').filter({ hasText: 'Angst vor Rügen' });
		expect(await draft.getByLabel('Verschieben nach').count()).toBe(0);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		createCard(seeder.doc, {
			id: 'f1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Vergaberecht kompliziert'
		});
		const title = 'Kapazität & Wissen in der Vergabestelle';
		createCluster(seeder.doc, { id: 'k1', area: 'challenges', title, createdAt: 2 }, ['f1']);
		await command({ type: 'drafts.reveal', phaseId: 'challenges' });
		await command({ type: 'phase.goto', phaseId: 'clustering' });
		await phone.getByText('Welche Karten gehören zusammen?').first().waitFor();

		// Her card, tapped, offers the cluster; chosen, the card is in it for everyone.
		const mine = phone.getByRole('article').filter({ hasText: 'Angst vor Rügen' });
		await expect.poll(() => mine.getByText('Entwurf').count()).toBe(0);
		await mine.locator('p.text').tap();
		// A long cluster title stays inside the card, and the card inside the screen.
		const width = phone.viewportSize()!.width;
		const cardBox = (await mine.boundingBox())!;
		expect(cardBox.x + cardBox.width).toBeLessThanOrEqual(width);
		const label = mine.locator('label.move span').first();
		const lineHeight = await label.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
		expect((await label.boundingBox())!.height).toBeLessThan(1.5 * lineHeight);
		await mine.getByLabel('Cluster').selectOption({ label: title });
		await expect
			.poll(
				() => readCards(seeder.doc).find((c) => c.text === 'Angst vor Rügen')?.clusterId ?? null
			)
			.toBe('k1');
		await phone
			.getByRole('region', { name: `Karten im Cluster „${title}“` })
			.getByText('Angst vor Rügen')
			.waitFor();
		seeder.provider.destroy();
	});

	it('keeps the time at the top of a phone only while it runs or stands paused, and ticks only while it runs', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Zeit oben', 'study');
		const command = facilitatorCommand(base, session);
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			...PHONE,
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		// Repeating timers of under a second the page has running: what keeps a phone awake.
		await phone.addInitScript(() => {
			const active = new Set<unknown>();
			const set = window.setInterval.bind(window);
			const clear = window.clearInterval.bind(window);
			Object.assign(window, {
				fastTimers: () => active.size,
				setInterval: (handler: TimerHandler, ms?: number, ...rest: unknown[]) => {
					const id = set(handler, ms, ...rest);
					if ((ms ?? 0) < 1000) active.add(id);
					return id;
				},
				clearInterval: (id?: number) => {
					active.delete(id);
					clear(id);
				}
			});
		});
		await phone.reload();
		const fastTimers = () =>
			phone.evaluate(() => (window as unknown as { fastTimers(): number }).fastTimers());
		// The welcome phase has a time box nobody started: the phase bar shows it, the top does not.
		const planned = phone.locator('section.phase .countdown');
		await planned.getByRole('timer').waitFor();
		// Standing still, it says why: it has not begun; and nothing ticks.
		expect(await planned.textContent()).toContain('geplant');
		expect(await fastTimers()).toBe(0);
		const top = phone.locator('.strip [role="timer"]');
		expect(await top.count()).toBe(0);
		expect((await command({ type: 'timer.start' })).status).toBe(200);
		await top.waitFor();
		await expect.poll(fastTimers).toBeGreaterThan(0);
		expect((await command({ type: 'timer.pause' })).status).toBe(200);
		await phone.locator('.strip').getByText('pausiert', { exact: true }).waitFor();
		await expect.poll(fastTimers).toBe(0);
		// Run out, it stands at 0:00 until the facilitator acts: nothing ticks then either.
		expect((await command({ type: 'timer.start', durationMin: 0.02 })).status).toBe(200);
		await phone.getByRole('alert').filter({ hasText: 'Zeit ist um' }).first().waitFor();
		await expect.poll(fastTimers).toBe(0);
		// Set back, it stands still again: nothing at the top.
		expect((await command({ type: 'timer.reset' })).status).toBe(200);
		await top.waitFor({ state: 'detached' });
	});

	it('shows a phone the same time in its phase bar and in the strip above it, second by second', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – eine Zeit', 'study');
		const phone = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			...PHONE,
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		await phone.locator('section.phase .countdown [role="timer"]').waitFor();
		// The strip's countdown appears only now, out of step with the phase bar's, as in a meeting.
		const started = await api(
			base,
			'POST',
			`/api/sessions/${session.id}/commands`,
			{
				type: 'timer.start'
			},
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		expect(started.status).toBe(200);
		await phone.locator('.strip [role="timer"]').waitFor();
		// Both read at once in every frame for three seconds: three turns of the second.
		const seen = await phone.evaluate(
			() =>
				new Promise<{ frames: number; apart: string[] }>((resolve) => {
					const text = (selector: string) => document.querySelector(selector)?.textContent ?? '';
					const apart: string[] = [];
					let frames = 0;
					const end = performance.now() + 3000;
					const frame = () => {
						frames++;
						const top = text('.strip [role="timer"]');
						const bar = text('section.phase .countdown [role="timer"]');
						if (top !== bar) apart.push(`${top} / ${bar}`);
						if (performance.now() < end) requestAnimationFrame(frame);
						else resolve({ frames, apart });
					};
					requestAnimationFrame(frame);
				})
		);
		expect(seen.frames).toBeGreaterThan(30);
		expect(seen.apart).toEqual([]);
	});

	it('keeps the canvas’s zoom and “Nach Clustern ordnen” off its cards, below the board, with the selection bar above them', async () => {
		const { session, seeder } = await boardOfThirtyCards(
			meeting.app.url,
			'Fokusgruppe – Ecke des Boards'
		);
		const { page } = await person(meeting.browser, { viewport: { width: 1366, height: 768 } });
		await page.goto(session.facilitatorUrl);
		await page.getByText('Karte 30:').waitFor();
		await page.getByRole('button', { name: 'Ausblenden' }).click();
		const arrange = page.getByRole('button', { name: 'Nach Clustern ordnen' });
		await arrange.waitFor();
		seeder.provider.destroy();
		const tools = [page.getByRole('group', { name: 'Zoom' }), arrange];
		const board = page.getByRole('region', { name: 'Board', exact: true });

		for (const viewport of [
			{ width: 1366, height: 768 },
			{ width: 1440, height: 900 }
		]) {
			await page.setViewportSize(viewport);
			// Over the board's lower left corner they hid a fifth of its height there at 1366 × 768,
			// and the cards in it, wherever the board was scrolled.
			await expect
				.poll(async () => {
					const edge = (await board.boundingBox())!;
					const tops = await Promise.all(tools.map(async (t) => (await t.boundingBox())!.y));
					return Math.min(...tops) >= edge.y + edge.height - 1;
				})
				.toBe(true);
			const corner = await board.evaluate((b) => {
				const box = b.getBoundingClientRect();
				const hit = document.elementFromPoint(box.left + 60, box.bottom - 20);
				return !!hit && b.contains(hit);
			});
			expect(corner, `the board's lower left corner at ${viewport.width} px`).toBe(true);
			// The canvas keeps most of the screen: the strip is one row of buttons.
			const strip = (await page.locator('.canvas-tools').boundingBox())!;
			expect(strip.height).toBeLessThan(56);
		}

		// The selection bar floats over the board's foot, above the tools, not over them.
		await page.locator('[data-card-id="c0"] p.text').click({ modifiers: ['Shift'] });
		const bar = page.getByRole('group', { name: 'Auswahl' });
		await bar.waitFor();
		const above = (await bar.boundingBox())!;
		await page.screenshot({ path: 'test-results/canvas-tools-selection.png' });
		for (const tool of tools)
			expect(above.y + above.height).toBeLessThanOrEqual((await tool.boundingBox())!.y);
	});

	it('keeps the toolbar in one row on a 1366 × 768 office laptop, with others present', async () => {
		const title = 'Bürolaptop – Faire Beschaffung in Musterstadt';
		const session = await createSession(meeting.app.url, title, 'study');
		const laptop = {
			viewport: { width: 1366, height: 768 },
			ready: 'Begrüßung und Vorstellungsrunde'
		};
		const jana = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', laptop);
		for (const name of ['Murat Ö.', 'Elke S.', 'Tom L.', 'Kai B.'])
			await joinInUi(meeting.browser, session.participantUrl, name, laptop);
		const people = jana.getByRole('list', { name: /^Gerade auf dem Board/ });
		await expect.poll(() => people.getByRole('listitem').count()).toBeGreaterThanOrEqual(4);
		const rows = async (page: typeof jana, names: (string | RegExp)[]) => {
			const centres = new Set<number>();
			for (const name of names) {
				const box = (await page.getByRole('button', { name }).first().boundingBox())!;
				centres.add(Math.round(box.y + box.height / 2));
			}
			return centres.size;
		};
		expect(await rows(jana, ['Tastenkürzel (?)', 'Rückgängig', 'Fläche', /^Anwesend/])).toBe(1);
		// Beside them, a title too long for one line takes a second one instead of being cut.
		const heading = jana.getByRole('heading', { name: title, level: 1 });
		expect(
			await heading.evaluate((h) => ({
				lines: Math.round(h.clientHeight / parseFloat(getComputedStyle(h).lineHeight)),
				cut: h.scrollWidth > h.clientWidth || h.scrollHeight > h.clientHeight + 1
			}))
		).toEqual({ lines: 2, cut: false });
		// The facilitator's, with more tools, on a 1280 × 800 one.
		const { page: facilitator } = await person(meeting.browser, {
			viewport: { width: 1280, height: 800 }
		});
		await facilitator.goto(session.facilitatorUrl);
		await facilitator.getByRole('list', { name: /^Gerade auf dem Board/ }).waitFor();
		expect(
			await rows(facilitator, [
				'Tastenkürzel (?)',
				'Rückgängig',
				'Fläche',
				'Exportieren',
				/^Moderation/
			])
		).toBe(1);
		// On a 1366 × 768 one the facilitation panel scrolls within itself: the page does not (the
		// hidden labels of its stakeholder groups made it over twice as tall, scrolling into blank).
		await facilitator.setViewportSize(laptop.viewport);
		await facilitator
			.getByRole('button', { name: /^Moderation/ })
			.first()
			.click();
		await facilitator.getByRole('heading', { name: 'Akteursgruppen' }).waitFor();
		const extent = await facilitator.evaluate(() => {
			const root = document.scrollingElement!;
			return { height: root.scrollHeight, width: root.scrollWidth };
		});
		expect(extent).toEqual({ height: 768, width: 1366 });
	});
});
