import type { Attachment } from 'svelte/attachments';

/**
 * A select whose choice does something at once (move a card, connect it) acts on a choice made
 * with the pointer or a phone's picker, but on one made with the keyboard only once settled:
 * Enter, or leaving the field. In Chromium the arrow keys (and typing a letter) change a closed
 * select at once and report it as a change, so the first ↓ of someone looking through the
 * options moved the card (WCAG 3.2.2). Escape takes a choice not yet settled back.
 */
export function settledSelect(
	commit: (value: string) => void,
	/** After the field was left (and a pending choice settled). */
	onleave?: () => void
): Attachment<HTMLSelectElement> {
	return (node) => {
		let keyboard = false;
		let pending = false;
		let before = node.value;
		const settle = () => {
			pending = false;
			keyboard = false;
			if (node.value === before) return;
			before = node.value;
			commit(node.value);
		};
		const focus = () => {
			before = node.value;
			pending = false;
			keyboard = false;
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
				node.value = before;
				pending = false;
			} else if (event.key !== 'Tab' && event.key !== 'Shift') keyboard = true;
		};
		const pointerdown = () => (keyboard = false);
		const change = () => {
			if (keyboard) pending = true;
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
