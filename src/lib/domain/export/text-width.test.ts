import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { MEASURED_CHARACTERS, fitLine, textWidth, wrapText } from './text-width';

const require = createRequire(import.meta.url);
const fontFile = (name: string) =>
	require.resolve(`dejavu-fonts-ttf/ttf/${name}`, { paths: [process.cwd()] });

describe('text widths for the board picture', () => {
	it('match the shipped DejaVu Sans font, regular and bold', () => {
		const doc = new PDFDocument({ autoFirstPage: false });
		for (const [weight, file] of [
			['regular', 'DejaVuSans.ttf'],
			['bold', 'DejaVuSans-Bold.ttf']
		] as const) {
			doc.font(fontFile(file)).fontSize(100);
			for (const sample of [
				'Große Lose schließen „kleine“ Betriebe aus – 50 %',
				MEASURED_CHARACTERS
			]) {
				// The table rounds to thousandths of an em and ignores kerning: within half a percent.
				const font = doc.widthOfString(sample);
				expect(Math.abs(textWidth(sample, 100, weight) - font) / font).toBeLessThan(0.005);
			}
		}
	});

	it('wraps at spaces, keeps line breaks, and breaks a word only when it alone is too wide', () => {
		const text =
			'Vergabestellen fürchten Rügen\nDonaudampfschifffahrtsgesellschaftskapitänsmütze ist lang';
		const lines = wrapText(text, 150, 15);
		for (const line of lines) expect(textWidth(line, 15)).toBeLessThanOrEqual(150);
		expect(lines.join('').replace(/\s+/g, '')).toBe(text.replace(/\s+/g, ''));
		expect(lines.slice(0, 3)).toEqual([
			'Vergabestellen',
			'fürchten Rügen',
			expect.stringMatching(/^Donau/)
		]);
		expect(lines.length).toBeGreaterThan(4);
	});

	it('cuts a line with an ellipsis only when it does not fit', () => {
		expect(fitLine('Kurz', 200, 15)).toBe('Kurz');
		const cut = fitLine('Vergaberecht und Verfahren in der Kommune', 120, 15);
		expect(cut.endsWith('…')).toBe(true);
		expect(textWidth(cut, 15)).toBeLessThanOrEqual(120);
	});

	it('counts an emoji one em, whatever code points make it, and never breaks or cuts inside one', () => {
		for (const emoji of ['🌱', '👍🏽', '👩‍💻', '👨‍👩‍👧', '🇩🇪', '❤️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'])
			expect(textWidth(emoji, 20), emoji).toBe(20);
		expect(textWidth('Gut 👍🏽', 10)).toBeCloseTo(textWidth('Gut ', 10) + 10);
		// Two flags are two ems; a lone regional indicator is one.
		expect(textWidth('🇩🇪🇫🇷🇮', 10)).toBe(30);
		// A letter with a combining accent is the letter's width.
		expect(textWidth('e\u0301', 10)).toBe(textWidth('e', 10));
		const lines = wrapText('👩‍💻👍🏽🇩🇪👩‍💻👍🏽🇩🇪👩‍💻', 45, 15);
		expect(lines).toEqual(['👩‍💻👍🏽🇩🇪', '👩‍💻👍🏽🇩🇪', '👩‍💻']);
		const cut = fitLine('Team 👩‍💻👩‍💻👩‍💻👩‍💻', 100, 15);
		expect(cut).toBe('Team 👩‍💻👩‍💻…');
		expect(textWidth(cut, 15)).toBeLessThanOrEqual(100);
	});

	it('counts a keycap one em, as the emoji it is drawn as, not as its digit', () => {
		for (const keycap of ['1️⃣', '#️⃣', '*️⃣', '1⃣']) expect(textWidth(keycap, 20), keycap).toBe(20);
		expect(textWidth('Punkt 1️⃣', 10)).toBeCloseTo(textWidth('Punkt ', 10) + 10);
	});

	it('gives a spacing mark room of its own, and non-spacing and enclosing marks none', () => {
		// Devanagari "का": a letter and a vowel sign beside it (\p{Mc}), each a wide glyph.
		expect(textWidth('\u0915\u093E', 10)).toBe(20);
		// "के" has its vowel sign on top (\p{Mn}); an enclosing circle (\p{Me}) has none either.
		expect(textWidth('\u0915\u0947', 10)).toBe(10);
		expect(textWidth('a\u20DD', 10)).toBe(textWidth('a', 10));
	});

	it('counts no width for a joiner or non-joiner between letters, and the letter after it', () => {
		// "क्‍ष": a half form, joined to the next letter, which is drawn all the same.
		expect(textWidth('\u0915\u094D\u200D\u0937', 10)).toBe(20);
		expect(textWidth('a\u200Db', 10)).toBe(textWidth('ab', 10));
		// A non-joiner keeps a ligature apart ("Auf‌lage").
		expect(textWidth('Auf\u200Clage', 10)).toBe(textWidth('Auflage', 10));
	});
});
