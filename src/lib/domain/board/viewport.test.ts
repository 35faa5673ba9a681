import { describe, expect, it } from 'vitest';
import {
	clampZoom,
	fitRect,
	fitWidth,
	gatheredView,
	GATHER_ZOOM_MIN,
	pinchOf,
	shownView,
	zoomAround,
	ZOOM_MAX,
	ZOOM_MIN
} from './viewport';

describe('the canvas viewport', () => {
	it('keeps the board point under the focus where it was when zooming', () => {
		const view = { scale: 1, scrollX: 100, scrollY: 50 };
		const focus = { x: 300, y: 200 };
		const next = zoomAround(view, 2, focus);
		expect(next.scale).toBe(2);
		// Board point (400, 250) was under the focus; it still is.
		expect((next.scrollX + focus.x) / next.scale).toBe(400);
		expect((next.scrollY + focus.y) / next.scale).toBe(250);
	});

	it('takes the board along with fingers that move while they pinch', () => {
		const view = { scale: 1, scrollX: 100, scrollY: 50 };
		// The fingers' midpoint moved 40 px left and 30 px up while they spread to twice the distance.
		const next = zoomAround(view, 2, { x: 300, y: 200 }, { x: 260, y: 170 });
		// Board point (400, 250) was between the fingers; it is between them again.
		expect((next.scrollX + 260) / next.scale).toBe(400);
		expect((next.scrollY + 170) / next.scale).toBe(250);
		// Without spreading, they only pan.
		const pan = zoomAround(view, 1, { x: 300, y: 200 }, { x: 260, y: 170 });
		expect(pan).toEqual({ scale: 1, scrollX: 140, scrollY: 80 });
	});

	it('stays between the smallest and the largest zoom', () => {
		expect(clampZoom(10)).toBe(ZOOM_MAX);
		expect(clampZoom(0.01)).toBe(ZOOM_MIN);
		expect(zoomAround({ scale: 1.9, scrollX: 0, scrollY: 0 }, 2, { x: 0, y: 0 }).scale).toBe(
			ZOOM_MAX
		);
	});

	it('follows a slow trackpad pinch: each small Ctrl + wheel step zooms a little', () => {
		// Chromium reports a trackpad pinch as Ctrl + wheel with deltas of a pixel or two.
		let view = { scale: 0.6, scrollX: 0, scrollY: 0 };
		for (let i = 0; i < 20; i++) view = zoomAround(view, Math.exp(-2 / 300), { x: 0, y: 0 });
		expect(view.scale).toBeCloseTo(0.6 * Math.exp(-40 / 300), 3);
		view = { scale: 0.6, scrollX: 0, scrollY: 0 };
		for (let i = 0; i < 20; i++) view = zoomAround(view, Math.exp(2 / 300), { x: 0, y: 0 });
		expect(view.scale).toBeCloseTo(0.6 * Math.exp(40 / 300), 3);
	});

	it('fits an area into the screen, centred horizontally, its top at the margin', () => {
		const view = fitRect({ x: 512, y: 0, width: 480, height: 600 }, { width: 1000, height: 800 });
		expect(view.scale).toBeCloseTo(1.28, 2);
		expect(view.scrollX).toBeCloseTo((512 + 240) * view.scale - 500, 0);
		expect(view.scrollY).toBe(0);
	});

	it('fits an area’s width whatever its height, never beyond the largest zoom', () => {
		const area = { x: 1024, y: 0, width: 480, height: 5000 };
		expect(fitWidth(area, { width: 800, height: 400 }).scale).toBeCloseTo((800 - 32) / 480, 2);
		expect(fitWidth(area, { width: 3000, height: 400 }).scale).toBe(ZOOM_MAX);
	});

	it('measures a pinch by the fingers’ distance around their midpoint', () => {
		expect(pinchOf({ x: 0, y: 0 }, { x: 30, y: 40 })).toEqual({
			distance: 50,
			mid: { x: 15, y: 20 }
		});
	});
});

describe('bringing everyone to the facilitator’s view', () => {
	// A laptop at 200 % showing 720 × 400 board units around (1000, 1600).
	const gather = { x: 1000, y: 1600, zoom: 2, width: 720, height: 400 };

	it('gives a screen as large as the facilitator’s the same zoom and centre', () => {
		const view = gatheredView(gather, { width: 1440, height: 800 });
		expect(view.scale).toBe(2);
		expect(view.scrollX + 720).toBe(2000);
		expect(view.scrollY + 400).toBe(3200);
	});

	it('lets a phone see the facilitator’s whole view instead of a corner of it', () => {
		const view = gatheredView(gather, { width: 390, height: 700 });
		expect(view.scale).toBeCloseTo(390 / 720);
		// The facilitator's centre is the phone's centre.
		expect((view.scrollX + 195) / view.scale).toBeCloseTo(1000);
		expect((view.scrollY + 350) / view.scale).toBeCloseTo(1600);
	});

	it('stops shrinking where cards could not be read any more', () => {
		const wide = { ...gather, zoom: 1, width: 1440, height: 800 };
		expect(gatheredView(wide, { width: 390, height: 700 }).scale).toBe(GATHER_ZOOM_MIN);
	});

	it('never zooms in further than the facilitator, also on a larger screen', () => {
		expect(gatheredView(gather, { width: 3840, height: 2160 }).scale).toBe(2);
		const overview = { ...gather, zoom: 0.3, width: 4800, height: 2600 };
		expect(gatheredView(overview, { width: 390, height: 700 }).scale).toBe(0.3);
	});

	it('keeps the facilitator’s zoom and centre on a screen not laid out yet, not the smallest zoom', () => {
		const hidden = { width: 0, height: 0 };
		expect(gatheredView(gather, hidden)).toEqual({ scale: 2, scrollX: 2000, scrollY: 3200 });
		expect(gatheredView(gather, { width: 390, height: 0 }).scale).toBe(2);
	});

	it('keeps the facilitator’s zoom when the gather does not say how much they saw', () => {
		expect(gatheredView({ x: 10, y: 10, zoom: 1.5 }, { width: 390, height: 700 })).toEqual({
			scale: 1.5,
			scrollX: 15 - 195,
			scrollY: 15 - 350
		});
	});
});

describe('what the facilitator’s screen shows, as "Bring everyone here" sends it', () => {
	it('is the centre and size of the screen in board units', () => {
		const view = { scale: 2, scrollX: 1280, scrollY: 2800 };
		expect(shownView(view, { width: 1440, height: 800 })).toEqual({
			x: 1000,
			y: 1600,
			zoom: 2,
			width: 720,
			height: 400
		});
	});

	it('says no size for a screen not laid out yet, which the server would refuse', () => {
		const view = { scale: 1.5, scrollX: 300, scrollY: 150 };
		expect(shownView(view, { width: 0, height: 0 })).toEqual({ x: 200, y: 100, zoom: 1.5 });
		expect(shownView(view, { width: 800, height: 0 })).toEqual({ x: 466.67, y: 100, zoom: 1.5 });
		// Less than a board unit: below what the server takes.
		expect(shownView({ ...view, scale: 2 }, { width: 1, height: 1 })).not.toHaveProperty('width');
	});
});
