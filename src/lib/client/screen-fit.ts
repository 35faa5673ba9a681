import type { Attachment } from 'svelte/attachments';
import { screenFit, type ScreenFitOptions } from '../domain/board/screen-fit';

/**
 * A way to set the content: in `--fit-columns` columns, and without some of its details
 * (`data-fit-compact` with the level, which the content's styles read).
 */
export interface FitLayout {
	readonly columns: number;
	readonly compact?: 1 | 2;
}

/**
 * Fits a scroll box's content (its first element) into it, as large as it fits
 * (screenFit), in the first of `layouts` that does so well: the content is zoomed, and
 * set in columns or compact where it uses them. Laid out again when the box changes
 * size or the content changes. Where `when` (a media query) does not hold — a phone,
 * on which the page scrolls — the content keeps its own size and its first layout.
 */
export function fitToScreen(
	options: Omit<ScreenFitOptions, 'layouts'> & {
		readonly layouts?: readonly FitLayout[];
		readonly when?: string;
	}
): Attachment {
	const layouts = options.layouts ?? [{ columns: 1 }];
	return (box) => {
		const content = box.firstElementChild as HTMLElement | null;
		if (!content) return;
		const apply = (layout: number, scale: number) => {
			const { columns, compact } = layouts[layout]!;
			content.style.zoom = String(scale);
			content.style.setProperty('--fit-columns', String(columns));
			if (compact) content.setAttribute('data-fit-compact', String(compact));
			else content.removeAttribute('data-fit-compact');
		};
		const fits = (layout: number, scale: number) => {
			apply(layout, scale);
			return box.scrollHeight <= box.clientHeight + 1 && box.scrollWidth <= box.clientWidth + 1;
		};
		let frame = 0;
		const layout = () => {
			frame = 0;
			if (options.when && !matchMedia(options.when).matches) return apply(0, 1);
			const fit = screenFit(fits, { ...options, layouts: layouts.length });
			apply(fit.layout, fit.scale);
		};
		const schedule = () => {
			if (frame === 0) frame = requestAnimationFrame(layout);
		};
		const resized = new ResizeObserver(schedule);
		resized.observe(box);
		// Its own changes (the zoom, the layout) are attributes, which this does not watch.
		const changed = new MutationObserver(schedule);
		changed.observe(content, { childList: true, subtree: true, characterData: true });
		// A picture (the QR code) takes its height once loaded.
		content.addEventListener('load', schedule, true);
		layout();
		return () => {
			cancelAnimationFrame(frame);
			resized.disconnect();
			changed.disconnect();
			content.removeEventListener('load', schedule, true);
		};
	};
}
