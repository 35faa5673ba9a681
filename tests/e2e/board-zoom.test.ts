import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import {
	addCard,
	createSessionInUi,
	describeInBrowser,
	expectAccessible,
	joinInUi,
	person,
	useMeeting
} from './support';

const meeting = useMeeting();

const scaleOf = (page: Page) =>
	page.locator('.plane').evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
const region = (page: Page) => page.getByRole('region', { name: 'Board', exact: true });

describeInBrowser('zooming the canvas', () => {
	it('zooms with Ctrl + plus, minus and 0 while the focus is on the board, and only then', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Tastaturzoom');
		await addCard(page, 'Potentiale', 'Repair-Café');
		const fit = await scaleOf(page);
		await page.getByRole('article').filter({ hasText: 'Repair-Café' }).focus();
		await page.keyboard.press('Control+=');
		await expect.poll(() => scaleOf(page)).toBeGreaterThan(fit * 1.1);
		await page.getByText(`Zoom: ${Math.round(fit * 120)} %`).waitFor();
		await page.keyboard.press('Control+-');
		await page.keyboard.press('Control+-');
		await expect.poll(() => scaleOf(page)).toBeLessThan(fit * 0.9);
		await page.keyboard.press('Control+0');
		await expect.poll(() => scaleOf(page)).toBeCloseTo(fit, 2);
		// Outside the board (here the toolbar) the keys stay the browser's page zoom.
		await page.getByRole('button', { name: 'Liste' }).focus();
		await page.keyboard.press('Control+=');
		await page.waitForTimeout(200);
		expect(await scaleOf(page)).toBeCloseTo(fit, 2);
	});

	it('zooms with Ctrl + plus and minus on a card of the open voting round without placing dots', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Zoom beim Punkten'
		);
		const jana = await joinInUi(meeting.browser, link, 'Jana K.');
		await addCard(jana, 'Potentiale', 'Leihladen im Quartier');
		await facilitator.getByRole('button', { name: 'Punktabfrage starten' }).click();
		await facilitator.getByRole('button', { name: 'Punkten beginnen' }).click();
		await jana.getByText('Sie haben noch 5 von 5 Punkten.').waitFor();
		const note = jana.getByRole('article').filter({ hasText: 'Leihladen im Quartier' });
		// Plus alone on the focused card places a dot.
		await note.focus();
		await jana.keyboard.press('+');
		await jana.getByText('Sie haben noch 4 von 5 Punkten.').waitFor();
		// With Ctrl (the + key itself, as on a German keyboard) it zooms, and places none.
		const fit = await scaleOf(jana);
		await jana.keyboard.down('Control');
		await jana.keyboard.press('+');
		await jana.keyboard.up('Control');
		await expect.poll(() => scaleOf(jana)).toBeGreaterThan(fit * 1.1);
		await jana.waitForTimeout(500);
		expect(await jana.getByText('Sie haben noch 4 von 5 Punkten.').count()).toBe(1);
		await jana.keyboard.press('Control+-');
		await expect.poll(() => scaleOf(jana)).toBeCloseTo(fit, 2);
		await jana.waitForTimeout(500);
		expect(await jana.getByText('Sie haben noch 4 von 5 Punkten.').count()).toBe(1);
	});

	it('keeps the card under the pointer there with Ctrl + wheel, and zooms to one area', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Bereichszoom');
		await addCard(page, 'Potentiale', 'Runder Tisch im Herbst');
		const fit = await scaleOf(page);
		const note = page.getByRole('article').filter({ hasText: 'Runder Tisch' });
		const before = (await note.boundingBox())!;
		const at = { x: before.x + before.width - 20, y: before.y + 20 };
		await page.mouse.move(at.x, at.y);
		await page.keyboard.down('Control');
		await page.mouse.wheel(0, -150);
		await page.keyboard.up('Control');
		await expect.poll(() => scaleOf(page)).toBeGreaterThan(fit * 1.4);
		const after = (await note.boundingBox())!;
		expect(after.width).toBeGreaterThan(before.width * 1.4);
		expect(at.x).toBeGreaterThan(after.x);
		expect(at.x).toBeLessThan(after.x + after.width);
		expect(at.y).toBeGreaterThan(after.y);
		expect(at.y).toBeLessThan(after.y + after.height);

		await page.getByRole('button', { name: 'Einpassen' }).click();
		await page.getByRole('button', { name: 'Auf „Nächste Schritte“ zoomen' }).click();
		await expect.poll(() => scaleOf(page)).toBeGreaterThan(fit * 1.3);
		const board = (await region(page).boundingBox())!;
		const heading = (await page
			.getByRole('heading', { name: 'Nächste Schritte', level: 2 })
			.boundingBox())!;
		expect(heading.x).toBeGreaterThanOrEqual(board.x);
		expect(heading.x + heading.width).toBeLessThanOrEqual(board.x + board.width);
		const challenges = (await page
			.getByRole('heading', { name: 'Herausforderungen', level: 2 })
			.boundingBox())!;
		expect(challenges.x + challenges.width).toBeLessThan(board.x);
		await expectAccessible(page, 'the canvas zoomed to an area');
	});

	it('keeps the card under the pointer through a long trackpad pinch, in and out again', async () => {
		const { page } = await person(meeting.browser);
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Trackpad');
		await addCard(page, 'Potentiale', 'Tauschbörse');
		const note = page.getByRole('article').filter({ hasText: 'Tauschbörse' });
		const before = (await note.boundingBox())!;
		const at = { x: before.x + 30, y: before.y + 30 };
		await page.mouse.move(at.x, at.y);
		// Chromium reports a trackpad pinch as many Ctrl + wheel steps of a pixel or two.
		await page.keyboard.down('Control');
		for (let i = 0; i < 60; i++) await page.mouse.wheel(0, -3);
		await page.waitForTimeout(100);
		const zoomed = (await note.boundingBox())!;
		for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 3);
		await page.keyboard.up('Control');
		await page.waitForTimeout(100);
		// Zoomed in, the same point of the card is under the pointer…
		const ratio = zoomed.width / before.width;
		expect(ratio).toBeGreaterThan(1.5);
		expect(Math.abs(zoomed.x + 30 * ratio - at.x)).toBeLessThan(3);
		expect(Math.abs(zoomed.y + 30 * ratio - at.y)).toBeLessThan(3);
		// …and back out, the card is where it was.
		const after = (await note.boundingBox())!;
		expect(Math.abs(after.x - before.x)).toBeLessThan(2);
		expect(Math.abs(after.y - before.y)).toBeLessThan(2);
	});

	it('scales the canvas with a two-finger pinch around the fingers’ midpoint', async () => {
		const { page } = await person(meeting.browser, { hasTouch: true });
		await createSessionInUi(page, meeting.app.url, 'Fokusgruppe – Pinch');
		await addCard(page, 'Potentiale', 'Leihladen');
		const fit = await scaleOf(page);
		const heading = page.getByRole('heading', { name: 'Potentiale', level: 2 });
		const before = (await heading.boundingBox())!;
		const mid = { x: before.x + 40, y: before.y + 150 };
		const cdp = await page.context().newCDPSession(page);
		const touch = (
			type: 'touchStart' | 'touchMove' | 'touchEnd',
			spread: number,
			shift = { x: 0, y: 0 }
		) =>
			cdp.send('Input.dispatchTouchEvent', {
				type,
				touchPoints:
					type === 'touchEnd'
						? []
						: [
								{ x: mid.x + shift.x - spread, y: mid.y + shift.y, id: 1 },
								{ x: mid.x + shift.x + spread, y: mid.y + shift.y, id: 2 }
							]
			});
		await touch('touchStart', 50);
		for (let spread = 55; spread <= 100; spread += 5) await touch('touchMove', spread);
		await touch('touchEnd', 100);
		await expect.poll(() => scaleOf(page)).toBeGreaterThan(fit * 1.8);
		// The board point between the fingers stayed there: the heading grew away from it.
		const after = (await heading.boundingBox())!;
		const ratio = (await scaleOf(page)) / fit;
		expect(after.x).toBeCloseTo(mid.x - (mid.x - before.x) * ratio, -1);
		expect(after.y).toBeCloseTo(mid.y - (mid.y - before.y) * ratio, -1);

		// Two fingers that move together take the board along (the zoom stays).
		await touch('touchStart', 100);
		for (let step = 1; step <= 6; step++)
			await touch('touchMove', 100, { x: -10 * step, y: -10 * step });
		await touch('touchEnd', 100);
		const panned = (await heading.boundingBox())!;
		expect(await scaleOf(page)).toBeCloseTo(ratio * fit, 2);
		expect(panned.x).toBeCloseTo(after.x - 60, -1);
		expect(panned.y).toBeCloseTo(after.y - 60, -1);
	});
});
