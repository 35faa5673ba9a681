/**
 * Stands in for a value a message quotes but the page renders apart, in an element of its own:
 * a session's title in the session's language inside a sentence in the reader's. A private-use
 * character, which no message and no translation contains.
 */
export const SLOT = '\u{E000}';

/** A message written with SLOT for one of its values, as the text before and after that value. */
export function aroundSlot(message: string): { before: string; after: string } {
	const at = message.indexOf(SLOT);
	if (at < 0) return { before: message, after: '' };
	return { before: message.slice(0, at), after: message.slice(at + SLOT.length) };
}
