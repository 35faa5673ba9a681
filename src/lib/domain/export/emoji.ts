/**
 * Emoji as a reader sees them: one picture for a sequence of code points — a
 * base with a skin tone (👍🏽), people joined with U+200D (👩‍💻), a flag of two
 * regional indicators (🇩🇪) or of tags (🏴󠁧󠁢󠁳󠁣󠁴󠁿), a keycap (#️⃣), and a variation
 * selector asking for the emoji (U+FE0F) or the text (U+FE0E) form. The
 * exports need them as units: to draw each with the emoji font (PDF, PNG), to
 * measure it (one em, the width the exports' emoji font is set to) and never to
 * break a line inside one.
 */

const ELEMENT =
	'(?:\\p{Extended_Pictographic}|\\p{Emoji_Modifier})[\\uFE0E\\uFE0F]?\\p{Emoji_Modifier}?';

/**
 * One emoji sequence, as a regular expression's source (use with the `u` flag): a candidate,
 * whether a font draws it as one picture is the font's business.
 */
export const EMOJI_SEQUENCE = `\\p{Regional_Indicator}{1,2}|[#*0-9]\\uFE0F?\\u20E3|${ELEMENT}(?:[\\u{E0020}-\\u{E007E}]+\\u{E007F})?(?:\\u200D${ELEMENT})*`;

/** Code points that ask for the emoji picture rather than a text glyph, or only exist in emoji sequences. */
const EMOJI_MARKS =
	/\uFE0F|\u200D|\u20E3|\p{Emoji_Modifier}|\p{Regional_Indicator}|[\u{E0020}-\u{E007F}]/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}/u;

/**
 * Whether an emoji sequence is meant as a picture: it is drawn as one by default
 * (🌱, 😀), or it says so (❤️, a skin tone, a joined sequence, a flag, a keycap).
 * A character with a text form by default (♥ ✔ © ™) and no U+FE0F is text;
 * U+FE0E asks for the text form.
 */
export function isEmojiPresentation(sequence: string): boolean {
	if (sequence.includes('\uFE0E') && !sequence.includes('\u200D')) return false;
	return EMOJI_PRESENTATION.test(sequence) || EMOJI_MARKS.test(sequence);
}

const WHOLE_SEQUENCE = new RegExp(`^(?:${EMOJI_SEQUENCE})$`, 'u');

/** Whether a piece of text is one emoji sequence meant as a picture (one em wide in the exports). */
export function isEmojiPicture(piece: string): boolean {
	return WHOLE_SEQUENCE.test(piece) && isEmojiPresentation(piece);
}

/** Attached to the code point before: drawn as part of its picture or letter, never apart. */
// Variation selectors (U+FE0E, U+FE0F) and the keycap (U+20E3) are marks (\p{M}) too, and so
// are the spacing marks of Indic scripts (\p{Mc}), which take room but belong to their letter.
const ATTACHED = /^(?:\u200D|\p{M}|\p{Emoji_Modifier}|[\u{E0020}-\u{E007F}])$/u;
const REGIONAL = /^\p{Regional_Indicator}$/u;
const PICTOGRAPH = /^\p{Extended_Pictographic}/u;

/** A joiner, variation selector, skin tone, tag or combining mark: part of the character before it. */
const isAttached = (char: string): boolean => ATTACHED.test(char);
/** One of the 26 letters two of which make a flag. */
const isRegional = (char: string): boolean => REGIONAL.test(char);

/**
 * The text cut into the units a line may break between: code points, with an
 * emoji's modifiers, joiners and what they join, a flag's two letters and
 * combining marks kept with the character before them. A joiner holds two
 * pictographs together (👩‍💻); between letters (as in Indic scripts) it only
 * shapes them, and the letter after it is a unit of its own, as in Unicode's
 * grapheme clusters.
 */
export function textUnits(text: string): string[] {
	const units: string[] = [];
	let joined = false;
	let regionalOpen = false;
	for (const char of text) {
		const last = units.length - 1;
		const regional = isRegional(char);
		if (
			last >= 0 &&
			((joined && PICTOGRAPH.test(char)) || isAttached(char) || (regional && regionalOpen))
		) {
			units[last] += char;
			regionalOpen = false;
		} else {
			units.push(char);
			regionalOpen = regional;
		}
		joined = char === '\u200D' && PICTOGRAPH.test(units[units.length - 1]!);
	}
	return units;
}
