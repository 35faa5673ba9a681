import { describe, expect, it } from 'vitest';
import { drawnAsEmoji, fontRuns, hasEmoji, replaceEmoji, type FontCoverage } from './font-runs';

const codes = (text: string) => new Set(Array.from(text, (c) => c.codePointAt(0)!));
const range = (from: number, to: number) =>
	Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Like DejaVu Sans: Latin, punctuation, some symbols with a text form, a few faces, the joiners; no 🌱. */
const text = new Set([
	...range(0x20, 0x7e),
	...range(0xa0, 0xff),
	...codes('„“–…♥✔☀😀\u200D\uFE0E\uFE0F')
]);
/** Like Noto Emoji: emoji and what sequences are made of, digits and # too, no letters. */
const emoji = new Set([...codes('🌱🚀👍🏽🏿👩💻🇩🇪❤♥✔☀😀#0123456789\u200D\uFE0F\u20E3'), 0xa9]);
const fonts: FontCoverage = { text, emoji };

describe('font runs', () => {
	it('leaves text without emoji as one run in the text font', () => {
		expect(fontRuns('Große Lose – „kleine“ Betriebe #1', fonts)).toEqual([
			{ text: 'Große Lose – „kleine“ Betriebe #1', emoji: false }
		]);
		expect(fontRuns('', fonts)).toEqual([]);
	});

	it('sets each emoji in the emoji font, whole, and the text around it in the text font', () => {
		expect(fontRuns('Hallo 🌱 Welt', fonts)).toEqual([
			{ text: 'Hallo ', emoji: false },
			{ text: '🌱', emoji: true },
			{ text: ' Welt', emoji: false }
		]);
		expect(fontRuns('👍🏽gut👩‍💻🇩🇪#️⃣🚀', fonts)).toEqual([
			{ text: '👍🏽', emoji: true },
			{ text: 'gut', emoji: false },
			{ text: '👩‍💻🇩🇪#️⃣🚀', emoji: true }
		]);
	});

	it('keeps symbols with a text form in the text font unless U+FE0F asks for the emoji', () => {
		expect(fontRuns('♥ ✔ ☀ © ☀︎', fonts).every((run) => !run.emoji)).toBe(true);
		expect(fontRuns('❤️ ☀️', fonts)).toEqual([
			{ text: '❤️', emoji: true },
			{ text: ' ', emoji: false },
			{ text: '☀️', emoji: true }
		]);
		// Drawn as a picture by default: the emoji font, though the text font has a face of its own.
		expect(drawnAsEmoji('😀', fonts)).toBe(true);
		// The text font lacks it: the emoji font, text form by default or not.
		expect(drawnAsEmoji('©', { text: new Set(), emoji })).toBe(true);
	});

	it('leaves to the text font what the emoji font lacks, and gives back the text joined', () => {
		const sample = 'Ω 🫨 \u{10FFFD} 🌱 e\u0301 ✔️';
		const runs = fontRuns(sample, fonts);
		expect(runs.map((r) => r.text).join('')).toBe(sample);
		// 🫨 is newer than the emoji font, U+10FFFD in neither font: the text font's box, as ever.
		expect(runs.filter((r) => r.emoji).map((r) => r.text)).toEqual(['🌱', '✔️']);
		expect(drawnAsEmoji('🫨', fonts)).toBe(false);
	});

	it('tells whether a text has anything for the emoji font', () => {
		expect(hasEmoji('<text>Große Lose ♥ ✔ „kleine“</text>', fonts)).toBe(false);
		expect(hasEmoji('<text>Große Lose 👍🏽</text>', fonts)).toBe(true);
	});

	it('replaces each emoji the emoji font draws, and nothing else', () => {
		expect(replaceEmoji('<text>a 🌱 ♥ 👍🏽</text>', fonts, (e) => `[${e}]`)).toBe(
			'<text>a [🌱] ♥ [👍🏽]</text>'
		);
	});
});
