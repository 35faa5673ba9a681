/**
 * Advance widths of DejaVu Sans (regular and bold), the font the board picture
 * ships with, in thousandths of an em, for printable ASCII, Latin-1 and the
 * punctuation German texts use („“ – …). The picture wraps card text itself
 * (SVG has no automatic wrapping), so it measures with the font that renders it;
 * text-width.test.ts checks the table against the font file.
 */
import { isEmojiPicture, textUnits } from './emoji';

export const MEASURED_CHARACTERS =
	' !"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~ ¡¢£¤¥¦§¨©ª«¬­®¯°±²³´µ¶·¸¹º»¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖ×ØÙÚÛÜÝÞßàáâãäåæçèéêëìíîïðñòóôõö÷øùúûüýþÿ„“”‚‘’–—…•€§→←↔·';
const REGULAR = [
	318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636,
	636, 636, 636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632,
	575, 775, 752, 295, 295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685,
	611, 685, 390, 337, 390, 838, 500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579,
	278, 974, 634, 612, 635, 635, 411, 521, 392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
	318, 401, 636, 636, 636, 636, 337, 500, 500, 1000, 471, 612, 838, 0, 1000, 500, 500, 838, 401,
	401, 500, 636, 636, 318, 500, 401, 471, 612, 969, 969, 969, 531, 684, 684, 684, 684, 684, 684,
	974, 698, 632, 632, 632, 632, 295, 295, 295, 295, 775, 748, 787, 787, 787, 787, 787, 838, 787,
	732, 732, 732, 732, 611, 605, 630, 613, 613, 613, 613, 613, 613, 982, 550, 615, 615, 615, 615,
	278, 278, 278, 278, 612, 634, 612, 612, 612, 612, 612, 838, 612, 634, 634, 634, 634, 592, 635,
	592, 518, 518, 518, 318, 318, 318, 500, 1000, 1000, 590, 636, 500, 838, 838, 838, 318
];
const BOLD = [
	348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696,
	696, 696, 696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683,
	683, 821, 837, 372, 372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771,
	724, 725, 457, 365, 457, 838, 500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665,
	343, 1042, 712, 687, 716, 716, 493, 595, 478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
	348, 456, 696, 696, 636, 696, 365, 500, 500, 1000, 564, 646, 838, 0, 1000, 500, 500, 838, 438,
	438, 500, 736, 636, 380, 500, 438, 564, 646, 1035, 1035, 1035, 580, 774, 774, 774, 774, 774, 774,
	1085, 734, 683, 683, 683, 683, 372, 372, 372, 372, 838, 837, 850, 850, 850, 850, 850, 838, 850,
	812, 812, 812, 812, 724, 738, 719, 675, 675, 675, 675, 675, 675, 1048, 593, 678, 678, 678, 678,
	343, 343, 343, 343, 687, 712, 687, 687, 687, 687, 687, 838, 687, 712, 712, 712, 712, 652, 716,
	652, 657, 657, 657, 380, 380, 380, 500, 1000, 1000, 639, 696, 500, 838, 838, 838, 380
];
/**
 * Characters outside the table (other scripts) count as a wide glyph, so text errs on wrapping early.
 * An emoji counts once, whatever it is made of (👍🏽, 👩‍💻, 🇩🇪, and a keycap such as 1️⃣ too, which is
 * drawn as the emoji rather than as its digit): the exports' emoji font is set one em wide
 * (server/exports/emoji-font.ts).
 */
const FALLBACK = 1000;

/**
 * Drawn with no width of their own: non-spacing and enclosing marks (accents, variation
 * selectors, the keycap's frame), skin tones and tags, and the zero-width format characters
 * (U+200B–U+200F: space, non-joiner, joiner, direction marks; U+2060; U+FEFF), within an emoji
 * or not. A spacing mark (\p{Mc}, as in Devanagari) takes room beside its letter.
 */
const ZERO_WIDTH =
	/^(?:[\p{Mn}\p{Me}]|\p{Emoji_Modifier}|[\u{E0020}-\u{E007F}\u200B-\u200F\u2060\uFEFF])$/u;

export type FontWeight = 'regular' | 'bold';

const tables: Record<FontWeight, Map<number, number>> = {
	regular: new Map(),
	bold: new Map()
};
Array.from(MEASURED_CHARACTERS).forEach((char, i) => {
	const code = char.codePointAt(0)!;
	tables.regular.set(code, REGULAR[i]!);
	tables.bold.set(code, BOLD[i]!);
});

/** The width of a line of text at a font size, in the same units as the size. */
export function textWidth(text: string, size: number, weight: FontWeight = 'regular'): number {
	const table = tables[weight];
	let total = 0;
	// Most text has only characters of the table, none of which combines with another: added up
	// without cutting the text into units, which takes three times as long.
	for (let i = 0; i < text.length; i++) {
		const known = table.get(text.charCodeAt(i));
		if (known === undefined) {
			total = 0;
			for (const unit of textUnits(text)) total += unitWidth(unit, table);
			break;
		}
		total += known;
	}
	return (total * size) / 1000;
}

function unitWidth(unit: string, table: Map<number, number>): number {
	if (unit.length === 1)
		return table.get(unit.charCodeAt(0)) ?? (ZERO_WIDTH.test(unit) ? 0 : FALLBACK);
	if (isEmojiPicture(unit)) return FALLBACK;
	let width = 0;
	for (const char of unit)
		width += table.get(char.codePointAt(0)!) ?? (ZERO_WIDTH.test(char) ? 0 : FALLBACK);
	return width;
}

/**
 * Breaks text into lines no wider than `maxWidth`: at spaces where it can, and
 * inside a word only when the word alone is too wide (German compounds), without
 * adding a hyphen so the lines joined give back the text. Line breaks in the text
 * are kept.
 */
export function wrapText(
	text: string,
	maxWidth: number,
	size: number,
	weight: FontWeight = 'regular'
): string[] {
	const lines: string[] = [];
	const space = textWidth(' ', size, weight);
	for (const paragraph of text.split('\n')) {
		let line = '';
		let width = 0;
		for (const word of paragraph.split(' ').filter((w) => w !== '')) {
			const wordWidth = textWidth(word, size, weight);
			if (line !== '' && width + space + wordWidth <= maxWidth) {
				line += ' ' + word;
				width += space + wordWidth;
				continue;
			}
			if (line !== '') lines.push(line);
			if (wordWidth <= maxWidth) {
				line = word;
				width = wordWidth;
				continue;
			}
			line = '';
			width = 0;
			for (const char of textUnits(word)) {
				const charWidth = textWidth(char, size, weight);
				if (line !== '' && width + charWidth > maxWidth) {
					lines.push(line);
					line = '';
					width = 0;
				}
				line += char;
				width += charWidth;
			}
		}
		lines.push(line);
	}
	return lines;
}

/** The text cut to fit `maxWidth` on one line, with an ellipsis when it was cut. */
export function fitLine(
	text: string,
	maxWidth: number,
	size: number,
	weight: FontWeight = 'regular'
): string {
	if (textWidth(text, size, weight) <= maxWidth) return text;
	const chars = textUnits(text);
	while (chars.length > 0 && textWidth(chars.join('') + '…', size, weight) > maxWidth) chars.pop();
	return chars.join('').trimEnd() + '…';
}
