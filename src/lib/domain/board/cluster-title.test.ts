import { describe, expect, it } from 'vitest';
import { textWidth, wrapText } from '../export/text-width';
import { LAYOUT } from './cards';
import {
	CLUSTER_FRAME,
	clusterFrameWidth,
	clusterTitleExtra,
	clusterTitleRoom
} from './cluster-frame';
import { CLUSTER_TITLE, clusterTitleLines } from './cluster-title';
import { CARD_WIDTH } from './schema';

/** A frame around one column of cards, and around two. */
const ONE_COLUMN = CARD_WIDTH + 2 * CLUSTER_FRAME.side;
const TWO_COLUMNS = 2 * CARD_WIDTH + LAYOUT.gap + 2 * CLUSTER_FRAME.side;
const room = (width: number) => width - 2 * CLUSTER_TITLE.inset;

describe('a cluster title in lines', () => {
	it('keeps a title that fits on one line', () => {
		expect(clusterTitleLines('Budget', ONE_COLUMN)).toEqual({ lines: ['Budget'], cut: false });
		expect(clusterTitleRoom('Budget', ONE_COLUMN)).toBe(CLUSTER_FRAME.title);
		expect(clusterTitleExtra('Budget', ONE_COLUMN)).toBe(0);
		// An untitled cluster takes one line too.
		expect(clusterTitleRoom('', ONE_COLUMN)).toBe(CLUSTER_FRAME.title);
	});

	it('measures a frame from its cards: one column, or two side by side', () => {
		expect(clusterFrameWidth([{ x: 24 }, { x: 24 }])).toBe(ONE_COLUMN);
		expect(clusterFrameWidth([{ x: 24 + CARD_WIDTH + LAYOUT.gap }, { x: 24 }])).toBe(TWO_COLUMNS);
	});

	it('wraps a title too wide for its frame at spaces instead of cutting it ("Knowledge and bud…")', () => {
		const title = 'Knowledge and budget of the procurement office';
		const { lines, cut } = clusterTitleLines(title, ONE_COLUMN);
		expect(cut).toBe(false);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join(' ')).toBe(title);
		for (const line of lines)
			expect(textWidth(line, CLUSTER_TITLE.size, 'bold')).toBeLessThanOrEqual(room(ONE_COLUMN));
		expect(clusterTitleRoom(title, ONE_COLUMN)).toBe(
			CLUSTER_FRAME.title + (lines.length - 1) * CLUSTER_TITLE.lineHeight
		);
		expect(clusterTitleExtra(title, ONE_COLUMN)).toBe(
			(lines.length - 1) * CLUSTER_TITLE.lineHeight
		);
		// A wider frame needs fewer lines.
		expect(clusterTitleLines(title, TWO_COLUMNS).lines.length).toBeLessThan(lines.length);
	});

	it('shows at most three lines, the last ending in an ellipsis, and says it cut the title', () => {
		const title =
			'Wissen und Budget der Vergabestellen, Schulungen für nachhaltige Beschaffung und ' +
			'die Frage, wer in der Verwaltung dafür zuständig ist';
		const { lines, cut } = clusterTitleLines(title, ONE_COLUMN);
		expect(cut).toBe(true);
		expect(lines).toHaveLength(CLUSTER_TITLE.maxLines);
		expect(lines.at(-1)).toMatch(/…$/);
		for (const line of lines)
			expect(textWidth(line, CLUSTER_TITLE.size, 'bold')).toBeLessThanOrEqual(room(ONE_COLUMN));
		expect(title.startsWith(lines.slice(0, 2).join(' '))).toBe(true);
		expect(clusterTitleRoom(title, ONE_COLUMN)).toBe(
			CLUSTER_FRAME.title + (CLUSTER_TITLE.maxLines - 1) * CLUSTER_TITLE.lineHeight
		);
	});

	it('cuts a compound broken across the last line without a space in it', () => {
		const word = 'Nachhaltigkeitskriterienkatalogentwicklungsberatungsstellenleitungsfortbildungen';
		for (const title of [word, `Budget: ${word}`]) {
			expect(wrapText(title, room(ONE_COLUMN), CLUSTER_TITLE.size, 'bold').length).toBeGreaterThan(
				CLUSTER_TITLE.maxLines
			);
			const { lines, cut } = clusterTitleLines(title, ONE_COLUMN);
			expect(cut).toBe(true);
			expect(lines.at(-1)).toMatch(/[^ ]…$/);
			// Read on, the lines are the title's beginning: the word goes on where the line broke it.
			const shown = lines.slice(0, -1).join('') + lines.at(-1)!.slice(0, -1);
			expect(title.replace(/ /g, '').startsWith(shown.replace(/ /g, ''))).toBe(true);
			expect(lines.at(-1)!.slice(0, -1)).not.toContain(' ');
		}
	});

	it('breaks a compound too long for a line inside it, and reads line breaks as spaces', () => {
		const { lines } = clusterTitleLines('Nachhaltigkeitskriterienkatalogentwicklung', ONE_COLUMN);
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.join('')).toBe('Nachhaltigkeitskriterienkatalogentwicklung');
		expect(clusterTitleLines('Budget\nund Wissen', TWO_COLUMNS).lines).toEqual([
			'Budget und Wissen'
		]);
	});
});
