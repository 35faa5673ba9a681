import { EMOJI_SEQUENCE, isEmojiPicture } from '../../src/lib/domain/export/emoji';

/**
 * Which font draws which part of a text, for writers that choose the font
 * themselves: PDFKit draws a text with one font, so the PDF sets each emoji in
 * the emoji font and the rest in DejaVu Sans; the PNG hands resvg its emoji
 * already shaped (see emoji-font.ts). An emoji goes to the emoji font when that
 * font has it and it is meant as a picture (🌱, ❤️, 👍🏽, 🇩🇪 — see
 * isEmojiPresentation) or the text font lacks it; a character only the emoji
 * font has goes there too; everything else stays with the text font, which
 * draws what neither has as its box, as before.
 */

export interface FontCoverage {
	/** The code points the text font (DejaVu Sans, regular or bold) has a glyph for. */
	readonly text: ReadonlySet<number>;
	/** The code points the emoji font has a glyph for. */
	readonly emoji: ReadonlySet<number>;
}

export interface FontRun {
	readonly text: string;
	readonly emoji: boolean;
}

/** Emoji sequences, and any other character beyond ASCII (DejaVu Sans has all of ASCII). */
const PIECES = new RegExp(`${EMOJI_SEQUENCE}|[^\\0-\\x7f]`, 'gu');

/** Whether this piece of text (an emoji sequence or a single character) is drawn with the emoji font. */
export function drawnAsEmoji(piece: string, fonts: FontCoverage): boolean {
	const first = piece.codePointAt(0);
	if (first === undefined || !fonts.emoji.has(first)) return false;
	if (!fonts.text.has(first)) return true;
	return isEmojiPicture(piece);
}

/** Whether the text has anything the emoji font draws. */
export function hasEmoji(text: string, fonts: FontCoverage): boolean {
	for (const match of text.matchAll(PIECES)) if (drawnAsEmoji(match[0], fonts)) return true;
	return false;
}

/** Each emoji the emoji font draws, replaced by what `replace` makes of it; the rest as it is. */
export function replaceEmoji(
	text: string,
	fonts: FontCoverage,
	replace: (emoji: string) => string
): string {
	return text.replace(PIECES, (piece) => (drawnAsEmoji(piece, fonts) ? replace(piece) : piece));
}

/** The text cut into runs of one font each, in order; joined they give back the text. */
export function fontRuns(text: string, fonts: FontCoverage): FontRun[] {
	const runs: { text: string; emoji: boolean }[] = [];
	const add = (part: string, emoji: boolean) => {
		if (part === '') return;
		const last = runs[runs.length - 1];
		if (last && last.emoji === emoji) last.text += part;
		else runs.push({ text: part, emoji });
	};
	let from = 0;
	for (const match of text.matchAll(PIECES)) {
		add(text.slice(from, match.index), false);
		add(match[0], drawnAsEmoji(match[0], fonts));
		from = match.index + match[0].length;
	}
	add(text.slice(from), false);
	return runs;
}
