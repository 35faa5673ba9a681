import type { Attachment } from 'svelte/attachments';
import { flushSync } from 'svelte';
import { screenFit, type ScreenFitOptions } from '../domain/board/screen-fit';
import { mostThatFit } from '../domain/board/screen-cut';

/**
 * A way to set the content: in `--fit-columns` columns, and without some of its details
 * (`data-fit-compact` with the level, which the content's styles read).
 */
export interface FitLayout {
	readonly columns: number;
	readonly compact?: 1 | 2;
}

/**
 * A list the content may shorten where it does not fit whole even at the smallest scale: `show`
 * sets how many of its `total` entries it shows (null: all), as Svelte state, which is flushed
 * before measuring.
 */
export interface FitCut {
	readonly total: () => number;
	readonly show: (count: number | null) => void;
}

/**
 * Fits a scroll box's content (its first element) into it, as large as it fits
 * (screenFit), in the first of `layouts` that does so well: the content is zoomed, and
 * set in columns or compact where it uses them. Laid out again when the box changes
 * size or the content changes. Where `when` (a media query) does not hold — a phone,
 * on which the page scrolls — the content keeps its own size and its first layout.
 * With `cut`, content that fits in no layout at the smallest scale shows as many of its list's
 * entries as fit in the fallback layout, rather than scroll.
 */
export type FitOptions = Omit<ScreenFitOptions, 'layouts'> & {
	readonly layouts?: readonly FitLayout[];
	readonly when?: string;
	readonly cut?: FitCut;
};

export function fitToScreen(options: FitOptions): Attachment {
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
		const show = (count: number | null) => {
			if (!options.cut) return;
			options.cut.show(count);
			flushSync();
		};
		let frame = 0;
		const layout = () => {
			frame = 0;
			show(null);
			if (options.when && !matchMedia(options.when).matches) apply(0, 1);
			else {
				const fit = screenFit(fits, { ...options, layouts: layouts.length });
				apply(fit.layout, fit.scale);
				const cut = options.cut;
				if (!fit.fits && cut)
					show(
						mostThatFit(cut.total(), (count) => {
							show(count);
							return fits(fit.layout, fit.scale);
						})
					);
			}
			// What this laid out is no change of the content's to lay it out again for.
			changed.takeRecords();
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
		// Svelte does not flush state inside an effect, which is where this runs first.
		if (options.cut) schedule();
		else layout();
		return () => {
			cancelAnimationFrame(frame);
			resized.disconnect();
			changed.disconnect();
			content.removeEventListener('load', schedule, true);
		};
	};
}
