import { describe, expect, it } from 'vitest';
import { screenFit } from './screen-fit';

/**
 * A ranking of `items` rows, each `row` high at scale 1 in a column `width` wide,
 * and twice as high in a column of less than half that width (its text wraps).
 */
function ranking(items: number, screen: { width: number; height: number }, row = 60) {
	const asked: [number, number][] = [];
	// Layouts 0, 1, 2: one, two and three columns.
	const fits = (layout: number, scale: number) => {
		const columns = layout + 1;
		asked.push([layout, scale]);
		const columnWidth = screen.width / scale / columns;
		const rowHeight = columnWidth < 400 ? 2 * row : row;
		return Math.ceil(items / columns) * rowHeight * scale <= screen.height;
	};
	return { fits, asked };
}

describe('fitting the projector’s ranking to the screen', () => {
	it('draws a short ranking at the largest scale, in one column, measuring it twice', () => {
		const { fits, asked } = ranking(3, { width: 900, height: 460 });
		expect(screenFit(fits, { min: 0.9, max: 1.6, layouts: 3 })).toEqual({
			layout: 0,
			scale: 1.6,
			fits: true
		});
		expect(asked).toEqual([
			[0, 0.9],
			[0, 1.6]
		]);
	});

	it('sets eight ranks in two columns where one would need small print (1280 × 720)', () => {
		const { fits } = ranking(8, { width: 900, height: 460 });
		const fit = screenFit(fits, { min: 0.9, max: 1.6, layouts: 3 });
		expect(fit.fits).toBe(true);
		expect(fit.layout).toBe(1);
		expect(fit.scale).toBeGreaterThan(1.1);
		expect(fits(fit.layout, fit.scale)).toBe(true);
		// One column would need smaller print.
		expect(fits(0, fit.scale)).toBe(false);
	});

	it('keeps the preferred layout unless a later one makes the content clearly larger', () => {
		// One column fits at 1.0, two at 1.1: not worth splitting the reading order.
		const fits = (layout: number, scale: number) => scale <= (layout === 0 ? 1 : 1.1);
		const fit = screenFit(fits, { min: 0.8, max: 1.6, layouts: 2 });
		expect(fit.layout).toBe(0);
		expect(fit.scale).toBeCloseTo(1, 1);
		expect(fit.scale).toBeLessThanOrEqual(1);
	});

	it('takes a later layout when the preferred ones do not fit at the smallest scale', () => {
		// Fewer details: fits only from layout 2 on, at 0.95.
		const fits = (layout: number, scale: number) => layout >= 2 && scale <= 0.95;
		const fit = screenFit(fits, { min: 0.9, max: 1.6, layouts: 3 });
		expect(fit.layout).toBe(2);
		expect(fit.fits).toBe(true);
	});

	it('says when nothing fits at the smallest scale, with the last layout', () => {
		const { fits } = ranking(200, { width: 900, height: 460 });
		expect(screenFit(fits, { min: 0.9, max: 1.6, layouts: 3 })).toEqual({
			layout: 2,
			scale: 0.9,
			fits: false
		});
	});

	it('falls back to the layout that reads best scrolled where one is named', () => {
		const { fits } = ranking(200, { width: 900, height: 460 });
		expect(screenFit(fits, { min: 0.9, max: 1.6, layouts: 3, fallback: 0 })).toEqual({
			layout: 0,
			scale: 0.9,
			fits: false
		});
	});

	it('leaves details out only where the content does not fit with them at all', () => {
		// The side column: whole at 0.8 with the dots by group and the QR code, at 1.0 without
		// the dots, at 1.0 without the QR code too. Smaller print keeps all of it.
		const room = [0.8, 1, 1];
		const fits = (layout: number, scale: number) => scale <= room[layout]!;
		const side = { min: 0.75, max: 1, layouts: 3, lastResort: [1, 2] };
		const fit = screenFit(fits, side);
		expect(fit.layout).toBe(0);
		expect(fit.scale).toBeLessThanOrEqual(0.8);
		expect(fit.scale).toBeGreaterThan(0.77);
		// Too long for 0.75 with the dots: without them, and the QR code stays.
		room[0] = 0.7;
		expect(screenFit(fits, side)).toEqual({ layout: 1, scale: 1, fits: true });
		// Only where that is not enough either does the QR code go.
		room[1] = 0.7;
		expect(screenFit(fits, side)).toEqual({ layout: 2, scale: 1, fits: true });
	});

	it('still chooses among columns by size before leaving details out', () => {
		// Layouts 0–2 in one to three columns, 3–5 the same without the dots by group.
		const { fits: full } = ranking(8, { width: 900, height: 460 });
		const fits = (layout: number, scale: number) =>
			layout < 3 ? full(layout, scale) : full(layout - 3, scale * 0.8);
		const fit = screenFit(fits, { min: 0.9, max: 1.6, layouts: 6, lastResort: [3] });
		expect(fit.layout).toBe(1);
		// Without the rule, leaving the dots out would have won by size.
		expect(screenFit(fits, { min: 0.9, max: 1.6, layouts: 6 }).layout).toBeGreaterThan(2);
	});
});
