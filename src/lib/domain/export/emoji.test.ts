import { describe, expect, it } from 'vitest';
import { EMOJI_SEQUENCE, isEmojiPresentation, textUnits } from './emoji';

const sequences = (text: string) =>
	[...text.matchAll(new RegExp(EMOJI_SEQUENCE, 'gu'))].map((m) => m[0]);

describe('emoji sequences', () => {
	it('finds each emoji whole: skin tones, joined people, flags, keycaps, tag flags', () => {
		expect(sequences('Gut 👍🏽 gemacht, 👩‍💻 und 👨‍👩‍👧 aus 🇩🇪 🏴󠁧󠁢󠁳󠁣󠁴󠁿, Taste #️⃣ 1⃣, ❤️‍🔥 ♥ 🌱🚀')).toEqual([
			'👍🏽',
			'👩‍💻',
			'👨‍👩‍👧',
			'🇩🇪',
			'🏴󠁧󠁢󠁳󠁣󠁴󠁿',
			'#️⃣',
			'1⃣',
			'❤️‍🔥',
			'♥',
			'🌱',
			'🚀'
		]);
		expect(sequences('Große Lose – 50 % „kleine“ #1 2*3')).toEqual([]);
	});

	it('are pictures when drawn as one by default or asked for, text when text by default', () => {
		for (const picture of ['🌱', '😀', '❤️', '👍🏽', '👩‍💻', '🇩🇪', '#️⃣', '☀️', '🏴󠁧󠁢󠁳󠁣󠁴󠁿'])
			expect(isEmojiPresentation(picture), picture).toBe(true);
		for (const text of ['♥', '✔', '©', '™', '☀', '☀︎', '↔'])
			expect(isEmojiPresentation(text), text).toBe(false);
	});
});

describe('text units', () => {
	it('keeps an emoji, a flag and a letter with its accent whole, and gives back the text', () => {
		const text = 'a👍🏽b👩‍💻🇩🇪🇫🇷🇮e\u0301#️⃣';
		const units = textUnits(text);
		expect(units).toEqual(['a', '👍🏽', 'b', '👩‍💻', '🇩🇪', '🇫🇷', '🇮', 'e\u0301', '#️⃣']);
		expect(units.join('')).toBe(text);
		expect(textUnits('')).toEqual([]);
		expect(textUnits('Grün')).toEqual(['G', 'r', 'ü', 'n']);
		expect(textUnits('1️⃣2')).toEqual(['1️⃣', '2']);
	});

	it('keeps a vowel sign with its letter, and holds only pictographs together with a joiner', () => {
		expect(textUnits('\u0915\u093E\u0915')).toEqual(['\u0915\u093E', '\u0915']);
		expect(textUnits('\u0915\u094D\u200D\u0937')).toEqual(['\u0915\u094D\u200D', '\u0937']);
		expect(textUnits('👩‍💻a\u200Db')).toEqual(['👩‍💻', 'a\u200D', 'b']);
	});
});
