import type { Attachment } from 'svelte/attachments';

/**
 * A select whose choice does something at once (move a card, connect it) acts on a choice made
 * with the pointer or a phone's picker, but on one made with the keyboard only once settled:
 * Enter, or leaving the field. In Chromium the arrow keys (and typing a letter) change a closed
 * select at once and report it as a change, so the first ↓ of someone looking through the
 * options moved the card (WCAG 3.2.2). Escape takes a choice not yet settled back. A choice made in
 * the open list of options (opened with Space, F4 or Alt+↓) is made. Whether it changes anything
 * is asked of `current` (what the select stands for now), not of what it showed when focused: the
 * card may have moved meanwhile.
 */
export function settledSelect(
	commit: (value: string) => void,
	/** After the field was left (and a pending choice settled). */
	onleave?: () => void,
	/** What the select stands for now (it may change from outside while the select has the focus). */
	current?: () => string
): Attachment<HTMLSelectElement> {
	return (node) => {
		let keyboard = false;
		/** The list of options is open (opened from the keyboard): a choice in it is made. */
		let picking = false;
		let pending = false;
		let before = node.value;
		const settle = () => {
			pending = false;
			keyboard = false;
			picking = false;
			if (node.value === (current ? current() : before)) return;
			before = node.value;
			commit(node.value);
		};
		const focus = () => {
			before = node.value;
			pending = false;
			keyboard = false;
			picking = false;
		};
		const keydown = (event: KeyboardEvent) => {
			if (event.key === 'Enter') {
				if (!pending) return;
				event.preventDefault();
				settle();
			} else if (event.key === 'Escape') {
				if (!pending) return;
				// Only the choice goes back; the card's own Escape (end editing) waits for the next one.
				event.preventDefault();
				event.stopPropagation();
				node.value = current ? current() : before;
				pending = false;
			} else if (
				event.key === ' ' ||
				event.key === 'F4' ||
				(event.altKey && (event.key === 'ArrowDown' || event.key === 'ArrowUp'))
			) {
				picking = true;
			} else if (event.key !== 'Tab' && event.key !== 'Shift') {
				// A key on the closed select: it changes the value at once, in Chromium.
				picking = false;
				keyboard = true;
			}
		};
		const pointerdown = () => (keyboard = false);
		const change = () => {
			if (keyboard && !picking) pending = true;
			else settle();
		};
		const blur = () => {
			if (pending) settle();
			onleave?.();
		};
		node.addEventListener('focus', focus);
		node.addEventListener('keydown', keydown);
		node.addEventListener('pointerdown', pointerdown);
		node.addEventListener('change', change);
		node.addEventListener('blur', blur);
		return () => {
			node.removeEventListener('focus', focus);
			node.removeEventListener('keydown', keydown);
			node.removeEventListener('pointerdown', pointerdown);
			node.removeEventListener('change', change);
			node.removeEventListener('blur', blur);
		};
	};
}
