import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { createCard, setNextStep } from '../../src/lib/domain/board/cards';
import { CARD_WIDTH } from '../../src/lib/domain/board/schema';
import { PRESENTER_SCALE } from '../../src/lib/domain/board/presenter-view';
import { api, connectBoard, createSession, facilitatorCommand } from '../helpers/server';
import { describeInBrowser, expectAccessible, joinInUi, person, useMeeting } from './support';

const meeting = useMeeting();

/**
 * Every "·" the projector's header shows without words on both sides of it on its line, as
 * "Titel ·" at a line's end: each character's box, seen if nothing covers or cuts it there.
 */
const strayDots = (page: Page) =>
	page.evaluate(() => {
		const stray: string[] = [];
		let seen = 0;
		for (const line of document.querySelectorAll('.phase .progress-line, .phase .join-line')) {
			const chars: { text: string; rect: DOMRect }[] = [];
			const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent ?? '';
				for (let i = 0; i < text.length; i++) {
					if (!text[i]!.trim()) continue;
					const range = document.createRange();
					range.setStart(node, i);
					range.setEnd(node, i + 1);
					const rect = range.getBoundingClientRect();
					if (rect.width === 0) continue;
					const hit = document.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2);
					if (hit && node.parentElement!.contains(hit)) chars.push({ text: text[i]!, rect });
				}
			}
			const words = chars.filter((c) => c.text !== '·');
			for (const dot of chars.filter((c) => c.text === '·')) {
				seen++;
				const middle = dot.rect.y + dot.rect.height / 2;
				const onLine = words.filter((w) => w.rect.top <= middle && middle <= w.rect.bottom);
				const before = onLine.some((w) => w.rect.right <= dot.rect.left);
				const after = onLine.some((w) => w.rect.left >= dot.rect.right);
				if (!before || !after) stray.push(`${line.textContent!.replace(/\s+/g, ' ').trim()}`);
			}
		}
		return { seen, stray };
	});

describeInBrowser('the projector', () => {
	it('shows the phase’s areas as large as fits, scrolls a tall board to the spotlight, and hides the QR code on request', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Beamer', 'study');
		const command = facilitatorCommand(base, session);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		const put = (id: string, area: 'challenges' | 'potentials', y: number, text: string) =>
			createCard(seeder.doc, {
				id,
				area,
				x: area === 'challenges' ? 24 : 536,
				y,
				text,
				authorId: session.facilitatorId,
				createdAt: y
			});
		put('a1', 'challenges', 80, 'Vergabestellen fürchten Rügen');
		put('a2', 'challenges', 260, 'Große Lose schließen Sozialbetriebe aus');
		put('p1', 'potentials', 80, 'Der Weltladen berät gern');
		expect((await command({ type: 'phase.goto', phaseId: 'challenges' })).status).toBe(200);

		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		const board = projector.locator('.board');
		const card = (id: string) => projector.locator(`[data-card-id="${id}"]`);
		const viewport = { width: 1920, height: 1080 };

		// A silent phase on challenges: only that area, its cards whole on the screen and larger than life.
		await card('a2').waitFor();
		expect(await projector.locator('#area-challenges').count()).toBe(1);
		expect(await projector.locator('#area-potentials').count()).toBe(0);
		expect(await card('p1').count()).toBe(0);
		const big = (await card('a2').boundingBox())!;
		expect(big.width).toBeGreaterThan(CARD_WIDTH * 1.2);
		expect(big.y + big.height).toBeLessThanOrEqual(viewport.height);
		expect(await board.evaluate((b) => b.scrollHeight <= b.clientHeight)).toBe(true);

		// The welcome names no area: all three, side by side.
		await command({ type: 'phase.goto', phaseId: 'welcome' });
		await projector.locator('#area-potentials').waitFor();
		expect(await projector.locator('#area-next-steps').count()).toBe(1);
		await card('p1').waitFor();

		// Forty more challenges make the board too tall to show whole at a readable size:
		// it stays readable and scrolls, and the spotlight brings its card into view.
		for (let i = 0; i < 40; i++)
			put(`m${i}`, 'challenges', 440 + i * 170, `Herausforderung Nummer ${i + 1}`);
		await card('m39').waitFor();
		await expect.poll(() => board.evaluate((b) => b.scrollHeight > b.clientHeight)).toBe(true);
		expect((await card('m39').boundingBox())!.width).toBeGreaterThanOrEqual(
			CARD_WIDTH * PRESENTER_SCALE.min
		);
		expect((await card('m39').boundingBox())!.y).toBeGreaterThan(viewport.height);
		await command({ type: 'card.spotlight', cardId: 'm39' });
		await card('m39').getByText('Hervorgehoben').waitFor();
		await expect
			.poll(
				async () => {
					const box = (await card('m39').boundingBox())!;
					return box.y >= 0 && box.y + box.height <= viewport.height;
				},
				{ timeout: 5000 }
			)
			.toBe(true);

		// A card in the middle of the board comes to the middle of the room's view, not its edge.
		await command({ type: 'card.spotlight', cardId: 'm20' });
		await expect
			.poll(
				async () => {
					const box = (await card('m20').boundingBox())!;
					const view = (await board.boundingBox())!;
					return Math.abs(box.y + box.height / 2 - (view.y + view.height / 2));
				},
				{ timeout: 5000 }
			)
			.toBeLessThan(40);

		// Once the spotlight goes out, the board goes back to its top, where the areas' headings are.
		expect(await board.evaluate((b) => b.scrollTop)).toBeGreaterThan(0);
		await command({ type: 'card.spotlight', cardId: null });
		await expect.poll(() => board.evaluate((b) => b.scrollTop), { timeout: 5000 }).toBe(0);

		// The QR code can make room for the board; the address and code stay in the header.
		const wideBefore = (await card('a1').boundingBox())!.width;
		await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).waitFor();
		// The switch looks switched on while the QR code shows (filled), and off once not.
		const qrSwitch = projector.getByRole('button', { name: 'QR-Code zeigen' });
		const fill = () => qrSwitch.evaluate((b) => getComputedStyle(b).backgroundColor);
		const on = await fill();
		await qrSwitch.click();
		await projector.getByText('Mitmachen:').waitFor();
		await projector.mouse.move(0, 0);
		expect(await fill()).toBe('rgb(255, 255, 255)');
		expect(on).not.toBe('rgb(255, 255, 255)');
		expect(
			await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).count()
		).toBe(0);
		const code = (
			await api<{ joinCode: string }>(base, 'GET', `/api/sessions/${session.id}`, undefined, {
				authorization: `Bearer ${session.facilitatorToken}`
			})
		).body.joinCode;
		await projector.getByText(code, { exact: true }).waitFor();
		await expect
			.poll(async () => (await card('a1').boundingBox())!.width)
			.toBeGreaterThan(wideBefore);
		await expectAccessible(projector, 'the presenter view without the QR code');
		// The projector keeps that choice over a reload.
		await projector.reload();
		await projector.getByText('Mitmachen:').waitFor();
		expect(
			await projector.getByRole('button', { name: 'QR-Code zeigen' }).getAttribute('aria-pressed')
		).toBe('false');

		// The projector is nobody in the meeting: the people on the board do not include it.
		const jana = await joinInUi(meeting.browser, session.participantUrl, 'Jana K.', {
			ready: 'Begrüßung und Vorstellungsrunde'
		});
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		const people = facilitator.getByRole('list', { name: /^Gerade auf dem Board/ });
		await people.getByText('Jana K.').waitFor();
		await jana
			.getByRole('list', { name: /^Gerade auf dem Board/ })
			.getByText('Moderation')
			.waitFor();
		for (const page of [facilitator, jana])
			expect(
				await page
					.getByRole('list', { name: /^Gerade auf dem Board/ })
					.getByText('Beobachtung')
					.count()
			).toBe(0);
		// The roster of who is in the session lists its screen, for what it is: it cannot tell a
		// projector from an observer's screen, which open the same link, and says both.
		await jana.getByRole('button', { name: /^Anwesend/ }).click();
		await jana
			.getByRole('region', { name: /^Anwesend/ })
			.getByText('Beamer oder Beobachtung', { exact: true })
			.waitFor();
		// Once the projector is gone, its entry says so to screen readers, right after its name.
		await projector.close();
		const wall = jana
			.getByRole('region', { name: /^Anwesend/ })
			.getByRole('listitem')
			.filter({ hasText: 'Beamer oder Beobachtung' });
		await expect.poll(() => wall.textContent()).toMatch(/nicht verbunden/);
		expect((await wall.textContent())!.replace(/\s+/g, ' ')).toMatch(
			/Beobachtung, nicht verbunden/
		);
		seeder.provider.destroy();
	});

	it('shows two areas whole down to 12-pixel text, and says how many cards a taller board has out of sight', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Beamer voll', 'study');
		const command = facilitatorCommand(base, session);
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		// Two columns of cards in each area, as a clustered board has them.
		const put = (id: string, area: 'challenges' | 'potentials', index: number, top = 80) =>
			createCard(seeder.doc, {
				id,
				area,
				x: (area === 'challenges' ? 24 : 536) + (index % 2) * 232,
				y: top + Math.floor(index / 2) * 150,
				text: `Karte ${id}`,
				authorId: session.facilitatorId,
				createdAt: index
			});
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		const board = projector.locator('.board');
		await board.waitFor();
		const card = (id: string) => projector.locator(`[data-card-id="${id}"]`);
		const line = projector.locator('.out-of-sight');

		// Rows down to where the board shows whole at about 0.77 (a card is about 120 units high):
		// below the 0.85 that used to make it scroll.
		const room = await board.evaluate((b) => b.clientHeight - 16);
		const lowest = room / 0.77 - 32 - 120;
		const rows = Math.floor((lowest - 80) / 150) + 1;
		const top = lowest - (rows - 1) * 150;
		for (let i = 0; i < 2 * rows; i++) put(`c${i}`, 'challenges', i, top);
		for (let i = 0; i < 6; i++) put(`p${i}`, 'potentials', i);
		const last = card(`c${2 * rows - 1}`);
		await last.waitFor();
		const scale = async () => (await last.boundingBox())!.width / CARD_WIDTH;
		await expect.poll(scale).toBeLessThan(PRESENTER_SCALE.scrolling);
		expect(await scale()).toBeLessThan(0.85);
		expect(await scale()).toBeGreaterThanOrEqual(PRESENTER_SCALE.beside - 0.005);
		expect(await board.evaluate((b) => b.scrollHeight <= b.clientHeight)).toBe(true);
		const box = (await last.boundingBox())!;
		expect(box.y + box.height).toBeLessThanOrEqual(1080);
		expect(await line.count()).toBe(0);

		// The review's board, 22 challenges and 6 potentials in rows too many for that: it scrolls,
		// and a line at the bottom edge tells the room how many cards are below it.
		for (let i = 2 * rows; i < 2 * rows + 12; i++) put(`c${i}`, 'challenges', i, top);
		await card(`c${2 * rows + 11}`).waitFor();
		await expect.poll(() => board.evaluate((b) => b.scrollHeight > b.clientHeight)).toBe(true);
		// A card counts when less than half of it shows: cut at its middle, it is not readable.
		const below = async () => {
			const edge = (await board.boundingBox())!;
			let count = 0;
			for (const c of await projector.locator('[data-card-id]').all()) {
				const box = (await c.boundingBox())!;
				const seen = Math.min(box.y + box.height, edge.y + edge.height) - Math.max(box.y, edge.y);
				if (seen * 2 < box.height) count++;
			}
			return count;
		};
		const hidden = await below();
		expect(hidden).toBeGreaterThan(1);
		await expect.poll(() => line.textContent()).toContain(`${hidden} weitere Karten weiter unten`);
		// In its own strip below the board: the board's last visible row is not covered.
		expect((await line.boundingBox())!.y).toBeGreaterThanOrEqual(
			(await board.boundingBox())!.y + (await board.boundingBox())!.height - 1
		);
		expect((await line.boundingBox())!.y + (await line.boundingBox())!.height).toBeLessThanOrEqual(
			1080
		);
		// Plain text, not a live region that would speak at every card.
		expect(await line.getAttribute('role')).toBeNull();
		expect(await line.getAttribute('aria-live')).toBeNull();

		// The spotlight scrolls the lowest card into view: the line now counts the cards above.
		await command({ type: 'card.spotlight', cardId: `c${2 * rows + 11}` });
		await expect.poll(() => line.textContent(), { timeout: 5000 }).toMatch(/Karten weiter oben/);
		await expectAccessible(projector, 'the projector with cards out of sight');
		seeder.provider.destroy();
	});

	it('shows the join address and code whole and on the screen of a 1280 × 720 projector', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Kleiner Beamer', 'study');
		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1280, height: 720 }
		});
		await projector.goto(session.presenterUrl);
		await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).waitFor();
		const code = projector.locator('.join .code');
		expect((await code.boundingBox())!.y + (await code.boundingBox())!.height).toBeLessThanOrEqual(
			720
		);
		// The address wraps after a slash if it must, never inside the code people type.
		const typed = projector.locator('.join .url .whole');
		const lineHeight = await typed.evaluate((e) => parseFloat(getComputedStyle(e).lineHeight));
		expect((await typed.boundingBox())!.height).toBeLessThan(1.5 * lineHeight);

		// In a timed round the phase's lines (title, question, the round's status, the time) leave
		// the board most of the screen: they took more than half of it.
		const command = facilitatorCommand(meeting.app.url, session);
		expect((await command({ type: 'phase.goto', phaseId: 'voting' })).status).toBe(200);
		expect((await command({ type: 'voting.open', durationMin: 5 })).status).toBe(200);
		await projector.getByText('Punktabfrage endet in').waitFor();
		const header = (await projector.locator('section.phase').boundingBox())!;
		await projector.screenshot({ path: 'test-results/projector-720-voting.png' });
		expect(header.height).toBeLessThanOrEqual(0.4 * 720);
	});

	it('shows what a next step answers whole, with no button that nobody in the room could press', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Antworten am Beamer');
		const seeder = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
		await seeder.synced;
		const long =
			'Große Lose schließen kleine Sozialbetriebe und Inklusionsbetriebe aus, weil sie die geforderten Mengen nicht liefern und die Nachweise nicht erbringen können';
		createCard(seeder.doc, {
			id: 'c1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: long
		});
		createCard(seeder.doc, {
			id: 'n1',
			area: 'next-steps',
			authorId: session.facilitatorId,
			createdAt: 2,
			text: 'Kleinere Lose prüfen'
		});
		setNextStep(seeder.doc, 'n1', { answers: ['c1'] });
		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		const answer = projector.locator('[data-card-id="n1"] .answer');
		await answer.waitFor();
		expect(await answer.evaluate((e) => e.scrollHeight <= e.clientHeight + 1)).toBe(true);
		expect(await projector.getByRole('button', { name: /^Ganzen Text zeigen/ }).count()).toBe(0);
		seeder.provider.destroy();
	});

	it('shows next steps’ who, with whom and by when large on a 1920 × 1080 projector, as before on 1280 × 720', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Nächste Schritte am Beamer', 'study');
		const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
		await seeder.synced;
		createCard(seeder.doc, {
			id: 'c1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Die Verwaltung kennt die lokalen Akteur*innen kaum – und umgekehrt.'
		});
		// The sample board's five next steps, each with who, with whom, by when and what it answers.
		const steps = [
			'Runder Tisch „Faire Beschaffung“ zweimal im Jahr',
			'Kleinere Lose für Catering und Grünpflege prüfen',
			'Beschlussvorlage für den Rat vorbereiten',
			'Pilot: Reparaturtag für Büromöbel im Rathaus',
			'Gebrauchte IT über den Inklusionsbetrieb beschaffen'
		];
		steps.forEach((text, i) => {
			createCard(seeder.doc, {
				id: `n${i}`,
				area: 'next-steps',
				authorId: session.facilitatorId,
				createdAt: 2 + i,
				text
			});
			setNextStep(seeder.doc, `n${i}`, {
				owner: 'Vergabestelle',
				partners: 'Weltladen, Inklusionsbetrieb',
				due: '2026-06-30',
				answers: ['c1']
			});
		});
		const command = facilitatorCommand(base, session);
		expect((await command({ type: 'phase.goto', phaseId: 'next-steps' })).status).toBe(200);
		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		const first = projector.locator('[data-card-id="n0"]');
		const who = first.locator('dd').first();
		await who.waitFor();
		await expect.poll(() => projector.locator('.out-of-sight').count()).toBe(1);
		/** The size the room sees: the text's own, as large as the board is shown. */
		const seen = async () =>
			(await who.evaluate((e) => parseFloat(getComputedStyle(e).fontSize))) *
			((await first.boundingBox())!.width / CARD_WIDTH);
		// The board scrolls either way; the narrow area used to stay at its own size (14 pixels)
		// with 900 pixels of the screen's width empty beside it.
		await expect.poll(seen).toBeGreaterThanOrEqual(19);
		const box = (await first.boundingBox())!;
		const board = (await projector.locator('.board').boundingBox())!;
		expect(box.x + box.width).toBeLessThanOrEqual(board.x + board.width);
		expect(box.y).toBeGreaterThanOrEqual(board.y);
		await projector.screenshot({ path: 'test-results/projector-1920-next-steps.png' });

		// A 1280 × 720 projector has no height to spare: its own size, the first step's start in sight.
		await projector.setViewportSize({ width: 1280, height: 720 });
		await expect.poll(seen).toBeCloseTo(17 * 0.85, 1);
		const small = (await first.boundingBox())!;
		const smallBoard = (await projector.locator('.board').boundingBox())!;
		expect(small.y).toBeGreaterThanOrEqual(smallBoard.y);
		expect(small.y + 150).toBeLessThanOrEqual(smallBoard.y + smallBoard.height);
		seeder.provider.destroy();
	});

	it('shows a “·” in its header only between two parts of a line, however the line wraps', async () => {
		const base = meeting.app.url;
		// A long title and no municipality: the reviewer saw "Titel ·" end a line.
		const session = await createSession(
			base,
			'Faire Beschaffung – Fokusgruppe Musterstadt',
			'study'
		);
		const command = facilitatorCommand(base, session);
		expect((await command({ type: 'board.lock' })).status).toBe(200);
		const { page: projector } = await person(meeting.browser, {
			viewport: { width: 1920, height: 1080 }
		});
		await projector.goto(session.presenterUrl);
		// Without the QR code beside it, the title opens the line: "Titel · Phase 1 von 7 · …".
		const qrSwitch = projector.getByRole('button', { name: 'QR-Code zeigen' });
		if ((await qrSwitch.getAttribute('aria-pressed')) === 'true') await qrSwitch.click();
		await projector.getByRole('heading', { level: 1, name: /^Faire Beschaffung/ }).waitFor();
		await projector.locator('.phase').getByText('Board gesperrt').waitFor();
		for (const width of [1920, 1280, 1024, 800]) {
			await projector.setViewportSize({ width, height: 768 });
			await expect
				.poll(async () => (await strayDots(projector)).stray, { message: `at ${width} px` })
				.toEqual([]);
			// The separators between parts are there: three in "Titel · Phase 1 von 7 · … · Board gesperrt".
			expect((await strayDots(projector)).seen, `at ${width} px`).toBeGreaterThanOrEqual(3);
		}
		// A screen reader hears a pause between the parts, not "Phase 1 von 7 Ankommen Board gesperrt".
		const heard = await projector.locator('.phase .progress').ariaSnapshot();
		expect(heard).toMatch(/: Phase 1 von 7\s*,\s*\S[^,]*,\s*Board gesperrt/);
	});
});
