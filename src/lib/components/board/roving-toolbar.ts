import type { Attachment } from 'svelte/attachments';
import { rovingStep, type Orientation } from '$lib/domain/board/roving';

/**
 * The action each card's keyboard used last (`data-action`), by card id: editing on the canvas, or
 * a question asked in place, draws the row anew, and Tab should still come back to that button.
 */
const lastUsed = new Map<string, string>();

/**
 * A card's row of actions as one stop of the Tab order (the WAI-ARIA toolbar pattern): Tab
 * goes to the button used last (else the first), the arrow keys along
 * its `aria-orientation`, Home and End go between the buttons. A board of 22 cards took 135
 * Tab presses to cross with every button a stop of its own. A list of choices (`select`) keeps
 * its own stop and its arrow keys, which change its value.
 */
export const rovingToolbar: Attachment<HTMLElement> = (toolbar) => {
	const items = () => [...toolbar.querySelectorAll<HTMLElement>('button, input[type="checkbox"]')];
	const card = toolbar.closest<HTMLElement>('[data-card-id]');
	const cardId = card?.dataset.cardId ?? '';
	let current: HTMLElement | null = null;
	/** The button the keyboard is on, if any: when it goes, the keyboard must not drop to the page. */
	let focused: HTMLElement | null = null;

	/** One item in the Tab order: the current one while it is there, else the first. */
	const settle = () => {
		const all = items();
		if (!current || !all.includes(current))
			current = all.find((item) => item.dataset.action === lastUsed.get(cardId)) ?? all[0] ?? null;
		for (const item of all) item.tabIndex = item === current ? 0 : -1;
	};

	/** The focused button went (the board locked, the phase moved on): the keyboard goes to the card. */
	const rescue = () =>
		queueMicrotask(() => {
			if (!focused || focused.isConnected) return;
			focused = null;
			const lost = document.activeElement === document.body || document.activeElement === null;
			if (lost && card?.isConnected) card.focus();
		});

	const focusin = (event: FocusEvent) => {
		const target = event.target as HTMLElement;
		focused = target;
		if (items().includes(target)) {
			current = target;
			if (target.dataset.action) lastUsed.set(cardId, target.dataset.action);
			settle();
		}
	};
	// Only a move to somewhere else lets go: a button taken out of the page loses the focus to nothing.
	const focusout = (event: FocusEvent) => {
		const to = event.relatedTarget as Node | null;
		if (to && !toolbar.contains(to)) focused = null;
	};

	const keydown = (event: KeyboardEvent) => {
		if (event.ctrlKey || event.metaKey || event.altKey) return;
		const all = items();
		const from = all.indexOf(event.target as HTMLElement);
		if (from < 0) return;
		const orientation = (toolbar.getAttribute('aria-orientation') ?? 'horizontal') as Orientation;
		const to = rovingStep(event.key, from, all.length, orientation);
		if (to === null) return;
		// The card would take the arrows as a move.
		event.preventDefault();
		event.stopPropagation();
		current = all[to]!;
		settle();
		current.focus();
	};

	settle();
	// Buttons come and go with the card's state (editing, a spotlight, the board locked).
	const observer = new MutationObserver(() => {
		settle();
		rescue();
	});
	observer.observe(toolbar, { childList: true, subtree: true });
	toolbar.addEventListener('focusin', focusin);
	toolbar.addEventListener('focusout', focusout);
	toolbar.addEventListener('keydown', keydown);
	return () => {
		observer.disconnect();
		toolbar.removeEventListener('focusin', focusin);
		toolbar.removeEventListener('focusout', focusout);
		toolbar.removeEventListener('keydown', keydown);
		// The whole row went (no more actions for this person).
		rescue();
	};
};
