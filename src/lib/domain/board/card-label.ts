/** How many characters of a card's text name it in a control's accessible name. */
export const CARD_LABEL_MAX = 40;

/**
 * How many name a card among choices (a list of cards to pick from): cards often start alike
 * ("Defekte Büromöbel …"), and at 40 characters the choices could not be told apart.
 */
export const CARD_CHOICE_MAX = 120;

/**
 * A card's text short enough to name a control by ("Punkt setzen: …"): whole when it is short,
 * else cut after a whole word with an ellipsis. Cut in the middle of a word ("…Sozialk"), a
 * screen reader read out a word that is none.
 */
export function cardLabel(text: string, max = CARD_LABEL_MAX): string {
	const line = text.replace(/\s+/g, ' ').trim();
	if (line.length <= max) return line;
	const cut = line.slice(0, max);
	const space = cut.lastIndexOf(' ');
	// One very long word: cut it rather than name the card by nothing.
	return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}
