/** What the board's shortcuts need to know of the element that has the focus. */
export interface Focused {
	readonly tagName: string;
	/** An input's type (`checkbox`, `text`, …); absent on other elements. */
	readonly type?: string;
	readonly isContentEditable?: boolean;
}

// Inputs that take no text: a key pressed on them is no letter typed, so the board's own keys
// (Esc clears the selection, G groups) work there as they do on a button. The card's "select"
// box is one, and Esc there left the selection standing although the shortcut help promises it.
const KEYLESS_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'image']);

/** Whether the focused element takes typing, so that the board's letter keys and Esc stay its own. */
export function takesTyping(focused: Focused): boolean {
	if (focused.isContentEditable) return true;
	const tag = focused.tagName.toLowerCase();
	if (tag === 'textarea' || tag === 'select') return true;
	if (tag !== 'input') return false;
	return !KEYLESS_INPUTS.has((focused.type ?? 'text').toLowerCase());
}

/**
 * Where the keyboard focus is when a key is pressed: on the board (a card, its buttons, the board
 * itself), on nothing (the page's body, as after a click on empty space or on loading), or on
 * some other control (a toolbar button, the phase bar, a side panel's field).
 */
export type FocusPlace = 'board' | 'page' | 'control';

/**
 * Whether the board's single-key shortcuts (N, G, C, ?) act. Only on the board or on nothing
 * (WCAG 2.1.4): a stray key or a word of speech input on a toolbar button made a card.
 */
export function singleKeysAct(place: FocusPlace): boolean {
	return place !== 'control';
}
