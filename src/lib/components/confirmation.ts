import { tick } from 'svelte';
import type { Attachment } from 'svelte/attachments';

/**
 * The keyboard's way into and out of a question asked in place (role="alertdialog"), alike for
 * all of them. Opening takes the focus into the question, onto its least destructive answer (the
 * button marked `data-cancel`), as the WAI-ARIA alert dialog pattern asks: screen readers read the
 * question, and a second Enter cannot delete or reveal by accident. Escape answers "cancel".
 * The focus cannot come back by itself when it closes: the button it was on goes with it.
 */
export function confirmation() {
	let opener: HTMLElement | null = null;
	return {
		/** Attached to the question; `cancel` closes it without doing anything. */
		dialog(cancel: () => void): Attachment<HTMLElement> {
			return (node) => {
				// The trigger, or the card the Delete key was pressed on (which stays).
				const active = document.activeElement;
				opener =
					active instanceof HTMLElement && active !== document.body && !node.contains(active)
						? active
						: null;
				node.querySelector<HTMLElement>('[data-cancel]')?.focus();
				const keydown = (event: KeyboardEvent) => {
					if (event.key !== 'Escape') return;
					event.preventDefault();
					// Escape closes the question, and only that (not the side panel, not the selection).
					event.stopPropagation();
					cancel();
				};
				node.addEventListener('keydown', keydown);
				return () => node.removeEventListener('keydown', keydown);
			};
		},
		/**
		 * Once the question has closed: back to where the keyboard came from while that is still
		 * on the page, else to `fallback` (the trigger, drawn anew where the question was).
		 */
		async restore(fallback: () => HTMLElement | null | undefined) {
			const from = opener;
			opener = null;
			await tick();
			(from?.isConnected ? from : fallback())?.focus();
		}
	};
}
