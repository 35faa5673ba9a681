import { describe, expect, it } from 'vitest';
import { AREA_WIDTH, BOARD_WIDTH, frameOf } from './areas';
import { PRESENTER_SCALE, presenterView, readableBeside, sideColumnWidth } from './presenter-view';

const screen = { width: 1400, height: 800 };
const card = (area: 'challenges' | 'potentials' | 'next-steps', y: number, height = 100) => ({
	area,
	y,
	height
});

describe('what the projector shows', () => {
	it('shows only the phase’s area, larger than the whole board would be', () => {
		const view = presenterView(['potentials'], [card('potentials', 80)], screen);
		expect(view.rect.x).toBe(frameOf('potentials').x);
		expect(view.rect.width).toBe(AREA_WIDTH);
		expect(view.scale).toBeGreaterThan((screen.width - 16) / BOARD_WIDTH);
		expect(view.fits).toBe(true);
	});

	it('shows the whole board in a phase that names no area', () => {
		const view = presenterView([], [], screen);
		expect(view.rect).toMatchObject({ x: 0, width: BOARD_WIDTH });
		expect(view.scale).toBeCloseTo((screen.width - 16) / BOARD_WIDTH, 5);
	});

	it('shrinks a tall board until its lowest card is on the screen', () => {
		const cards = [card('challenges', 80), card('challenges', 700, 160)];
		const view = presenterView(['challenges', 'potentials'], cards, screen);
		expect(view.fits).toBe(true);
		expect(view.scale).toBeGreaterThanOrEqual(PRESENTER_SCALE.readable);
		// The lowest card's bottom is within the screen's height.
		expect((700 + 160) * view.scale).toBeLessThanOrEqual(screen.height - 16);
	});

	it('counts only the cards of the areas it shows', () => {
		const tallElsewhere = [card('next-steps', 3000)];
		expect(presenterView(['challenges'], tallElsewhere, screen).scale).toBe(
			presenterView(['challenges'], [], screen).scale
		);
	});

	it('shows a board too tall to read whole as wide as the screen, and says it scrolls', () => {
		const view = presenterView([], [card('challenges', 4000)], screen);
		expect(view.scale).toBeCloseTo((screen.width - 16) / BOARD_WIDTH, 5);
		expect(view.scale).toBeGreaterThan(PRESENTER_SCALE.min);
		expect(view.fits).toBe(false);
		// One tall area is not blown up to the screen's width: it scrolls at its own size.
		expect(presenterView(['challenges'], [card('challenges', 4000)], screen).scale).toBe(
			PRESENTER_SCALE.scrolling
		);
	});

	it('shows a board that is whole only with small text larger, using the empty width, and scrolls', () => {
		// The review's projector at 1920 × 1080 with the QR column: two areas, one of them 1,200
		// units tall, in about 1,400 × 800 pixels. Whole it was at 0.67 (card text 11.5 pixels)
		// with 40 % of the width empty.
		const tall = [card('challenges', 80), card('challenges', 1000, 170), card('potentials', 80)];
		const room = { width: 1420, height: 800 };
		const view = presenterView(['challenges', 'potentials'], tall, room);
		expect(view.scale).toBe(PRESENTER_SCALE.scrolling);
		expect(17 * view.scale).toBeGreaterThanOrEqual(14);
		expect(view.fits).toBe(false);
		// A board that fills the width anyway keeps showing whole down to the smallest readable scale.
		const full = presenterView([], [card('challenges', 900)], { width: 1000, height: 800 });
		expect(full.fits).toBe(true);
		expect(full.scale).toBeCloseTo((1000 - 16) / BOARD_WIDTH, 5);
		expect(full.scale).toBeLessThan(PRESENTER_SCALE.readable);
		// Narrower than readable at all: the smallest readable scale, and it scrolls.
		expect(presenterView([], [], { width: 700, height: 800 })).toMatchObject({
			scale: PRESENTER_SCALE.min,
			fits: false
		});
	});

	it('shows a board whole that fits at 12-pixel card text, though width is left empty', () => {
		// Two areas whose lowest card ends 1,042 units down, in 1,420 × 800 pixels: whole at 0.75.
		// Larger and scrolling, the room saw only the cards above the screen's bottom edge.
		const cards = [card('challenges', 80), card('challenges', 860, 150), card('potentials', 80)];
		const view = presenterView(['challenges', 'potentials'], cards, { width: 1420, height: 800 });
		expect(view.fits).toBe(true);
		expect(view.scale).toBeGreaterThanOrEqual(PRESENTER_SCALE.beside);
		expect(view.scale).toBeCloseTo(784 / (860 + 150 + 32), 5);
		expect(PRESENTER_SCALE.readable).toBe(PRESENTER_SCALE.beside);
	});

	it('shows next steps alone larger than their own size where the screen has the height for it', () => {
		// The review's 1920 × 1080 projector in the next steps' phase, beside the QR column: five
		// next steps in three rows, about 1,440 units down, in 1,421 × 679 pixels. They scrolled
		// at 1, who, with whom and by when at 14 pixels beside 900 empty ones.
		const steps = [
			card('next-steps', 80, 420),
			card('next-steps', 520, 400),
			card('next-steps', 940, 480)
		];
		const wall = presenterView(['next-steps'], steps, { width: 1421, height: 679 });
		expect(wall.fits).toBe(false);
		expect(wall.scale).toBeCloseTo((679 - 16) / 480, 5);
		expect(17 * 0.85 * wall.scale).toBeGreaterThanOrEqual(19);
		// A 1280 × 720 projector has no height to spare: its own size, as before.
		expect(presenterView(['next-steps'], steps, { width: 947, height: 431 }).scale).toBe(
			PRESENTER_SCALE.scrolling
		);
		// Never wider than the screen, nor beyond the largest scale.
		expect(presenterView(['next-steps'], steps, { width: 600, height: 679 }).scale).toBeCloseTo(
			(600 - 16) / AREA_WIDTH,
			5
		);
		expect(presenterView(['next-steps'], steps, { width: 3840, height: 2000 }).fits).toBe(true);
		expect(presenterView(['next-steps'], steps, { width: 3840, height: 1200 }).scale).toBe(
			PRESENTER_SCALE.max
		);
		// Other areas keep scrolling at their own size: larger, the room would see a few short cards.
		const tall = [card('challenges', 80), card('challenges', 1400, 150)];
		expect(presenterView(['challenges'], tall, { width: 1421, height: 679 }).scale).toBe(
			PRESENTER_SCALE.scrolling
		);
	});

	it('shows next steps whole only where their details are as large as readable card text', () => {
		// Whole at 0.75 their details were 11 pixels, the screen's width mostly empty: they scroll.
		const steps = [card('next-steps', 80, 420), card('next-steps', 520, 400)];
		const room = { width: 1421, height: Math.round(0.75 * (520 + 400 + 32)) + 16 };
		const view = presenterView(['next-steps'], steps, room);
		expect(view.fits).toBe(false);
		expect(view.scale).toBeGreaterThanOrEqual(PRESENTER_SCALE.scrolling);
		// Whole at 0.9 (details of 13 pixels), they show whole.
		const whole = presenterView(['next-steps'], steps, {
			width: 1421,
			height: Math.round(0.9 * (520 + 400 + 32)) + 16
		});
		expect(whole.fits).toBe(true);
		expect(whole.scale).toBeCloseTo(0.9, 2);
	});

	it('does not blow a nearly empty area up beyond the largest scale', () => {
		const view = presenterView(['challenges'], [], { width: 3840, height: 2160 });
		expect(view.scale).toBe(PRESENTER_SCALE.max);
	});
});

describe('a side column beside the board', () => {
	const column = (width: number, ranking = true) => sideColumnWidth(width, 16, ranking);
	const hd = { width: 1280, height: 424 };

	it('steps aside at 1280 × 720 where the whole board would be left below 12-pixel text', () => {
		const cards = [card('challenges', 80), card('potentials', 80), card('next-steps', 80)];
		expect(readableBeside([], cards, hd, column(1280))).toBe(false);
		expect(readableBeside([], cards, hd, column(1280, false))).toBe(false);
		// At 1024 pixels the board would also be cut off on the right.
		expect(readableBeside([], cards, { width: 1024, height: 500 }, column(1024, false))).toBe(
			false
		);
	});

	it('stays beside the whole board on a screen wide enough', () => {
		expect(readableBeside([], [], { width: 1920, height: 800 }, column(1920))).toBe(true);
		// Between the two the narrower QR column fits where the ranking's would not.
		const middle = { width: 1500, height: 640 };
		expect(readableBeside([], [], middle, column(1500))).toBe(false);
		expect(readableBeside([], [], middle, column(1500, false))).toBe(true);
	});

	it('stays beside one area of the board, even on 1024 pixels', () => {
		expect(readableBeside(['next-steps'], [], hd, column(1280))).toBe(true);
		expect(readableBeside(['next-steps'], [], { width: 1024, height: 500 }, column(1024))).toBe(
			true
		);
	});

	it('stays beside a tall area that scrolls at a readable size either way', () => {
		const tall = [card('challenges', 80), card('challenges', 4000, 200)];
		expect(readableBeside(['challenges'], tall, { width: 800, height: 300 }, column(800))).toBe(
			true
		);
	});

	it('takes a third of a wide screen, and at least 20 rem', () => {
		expect(sideColumnWidth(1920, 16, true)).toBeCloseTo(614.4);
		expect(sideColumnWidth(800, 16, true)).toBe(320);
		expect(sideColumnWidth(800, 16, false)).toBe(288);
	});
});
