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
