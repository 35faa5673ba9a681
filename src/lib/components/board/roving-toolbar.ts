import type { Attachment } from 'svelte/attachments';
import { rovingStep } from '$lib/domain/board/roving';

/**
 * A card's row of actions as one stop of the Tab order (the WAI-ARIA toolbar pattern): Tab
 * goes to the button used last (the first at the start), the arrow keys, Home and End go
 * between the buttons. A board of 22 cards took 135 Tab presses to cross with every button a
 * stop of its own. A list of choices (`select`) keeps its own stop and its arrow keys, which
 * change its value.
 */
export const rovingToolbar: Attachment<HTMLElement> = (toolbar) => {
	const items = () =>
		[...toolbar.querySelectorAll<HTMLElement>('button, input[type="checkbox"]')].filter(
			(item) => !item.closest('[role="alertdialog"]')
		);
	let current: HTMLElement | null = null;

	/** One item in the Tab order: the current one while it is there, else the first. */
	const settle = () => {
		const all = items();
		if (!current || !all.includes(current)) current = all[0] ?? null;
		for (const item of all) item.tabIndex = item === current ? 0 : -1;
	};

	const focusin = (event: FocusEvent) => {
		const target = event.target as HTMLElement;
		if (items().includes(target)) {
			current = target;
			settle();
		}
	};

	const keydown = (event: KeyboardEvent) => {
		if (event.ctrlKey || event.metaKey || event.altKey) return;
		const all = items();
		const from = all.indexOf(event.target as HTMLElement);
		if (from < 0) return;
		const to = rovingStep(event.key, from, all.length);
		if (to === null) return;
		// The card would take the arrows as a move.
		event.preventDefault();
		event.stopPropagation();
		current = all[to]!;
		settle();
		current.focus();
	};

	settle();
	// Buttons come and go with the card's state (editing, a spotlight, a question asked in place).
	const observer = new MutationObserver(settle);
	observer.observe(toolbar, { childList: true, subtree: true });
	toolbar.addEventListener('focusin', focusin);
	toolbar.addEventListener('keydown', keydown);
	return () => {
		observer.disconnect();
		toolbar.removeEventListener('focusin', focusin);
		toolbar.removeEventListener('keydown', keydown);
	};
};
