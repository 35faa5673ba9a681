import { flushSync } from 'svelte';
import {
	clampZoom,
	fitWidth,
	gatheredView,
	pinchOf,
	shownView,
	zoomAround,
	type Viewport
} from '$lib/domain/board/viewport';
import type { Rect } from '$lib/domain/board/selection';

/** Ctrl + wheel steps closer together than this, at one spot, are one zoom gesture. */
const WHEEL_RUN_GAP_MS = 300;

/**
 * The canvas's zoom and its gestures: Ctrl + wheel (which is also how Chromium
 * reports a trackpad pinch), two-finger touch pinch, and zooming around a point
 * so that what is under the pointer or the fingers stays there.
 */
export class CanvasZoom {
	/** The chosen scale; null: fit the board's width. */
	zoom = $state<number | null>(null);
	private element: HTMLElement | null = null;
	private pinch: { distance: number; mid: { x: number; y: number }; view: Viewport } | null = null;
	/**
	 * A run of Ctrl + wheel steps at one spot (a trackpad pinch is dozens of tiny
	 * ones): each step is computed from where the run started. Read back from the
	 * scroll container instead, every step would lose what the browser rounded
	 * off or could not scroll to yet (while the board is narrower than the
	 * screen), and the point under the pointer would drift away from it.
	 */
	private wheelRun: {
		view: Viewport;
		focus: { x: number; y: number };
		factor: number;
		at: number;
		/** Scale and scroll offsets as the run's last step left them: anything else ends the run. */
		left: { scale: number; scrollLeft: number; scrollTop: number };
	} | null = null;

	constructor(private readonly fitScale: () => number) {}

	get scale(): number {
		return this.zoom ?? this.fitScale();
	}

	/** Follows wheel and touch on the scroll container; returns the cleanup. */
	attach(element: HTMLElement): () => void {
		this.element = element;
		const wheel = (event: WheelEvent) => {
			if (!event.ctrlKey) return;
			// Not passive: the page's own zoom must not happen as well.
			event.preventDefault();
			this.wheelStep(Math.exp(-event.deltaY / 300), this.local(event.clientX, event.clientY));
		};
		const touchstart = (event: TouchEvent) => {
			if (event.touches.length !== 2) return;
			const [a, b] = [event.touches[0]!, event.touches[1]!];
			const start = pinchOf({ x: a.clientX, y: a.clientY }, { x: b.clientX, y: b.clientY });
			this.pinch = {
				distance: start.distance,
				mid: this.local(start.mid.x, start.mid.y),
				view: this.view()
			};
		};
		const touchmove = (event: TouchEvent) => {
			if (!this.pinch || event.touches.length !== 2) return;
			event.preventDefault();
			const [a, b] = [event.touches[0]!, event.touches[1]!];
			const now = pinchOf({ x: a.clientX, y: a.clientY }, { x: b.clientX, y: b.clientY });
			if (this.pinch.distance < 1) return;
			const mid = this.local(now.mid.x, now.mid.y);
			// The board point that was between the fingers stays between them, as they spread and move.
			this.apply(
				zoomAround(this.pinch.view, now.distance / this.pinch.distance, this.pinch.mid, mid)
			);
		};
		const touchend = (event: TouchEvent) => {
			if (event.touches.length < 2) this.pinch = null;
		};
		element.addEventListener('wheel', wheel, { passive: false });
		element.addEventListener('touchstart', touchstart, { passive: true });
		element.addEventListener('touchmove', touchmove, { passive: false });
		element.addEventListener('touchend', touchend);
		element.addEventListener('touchcancel', touchend);
		return () => {
			element.removeEventListener('wheel', wheel);
			element.removeEventListener('touchstart', touchstart);
			element.removeEventListener('touchmove', touchmove);
			element.removeEventListener('touchend', touchend);
			element.removeEventListener('touchcancel', touchend);
			this.element = null;
		};
	}

	private wheelStep(factor: number, focus: { x: number; y: number }): void {
		const now = performance.now();
		let run = this.wheelRun;
		const element = this.element!;
		// A pan, a scroll bar, a fit or another zoom since the last step starts a new run.
		const sameRun =
			run !== null &&
			now - run.at < WHEEL_RUN_GAP_MS &&
			Math.abs(run.focus.x - focus.x) <= 2 &&
			Math.abs(run.focus.y - focus.y) <= 2 &&
			run.left.scale === this.scale &&
			Math.abs(run.left.scrollLeft - element.scrollLeft) <= 1 &&
			Math.abs(run.left.scrollTop - element.scrollTop) <= 1;
		if (!run || !sameRun) {
			const view = this.view();
			run = { view, focus, factor: 1, at: now, left: { scale: 0, scrollLeft: 0, scrollTop: 0 } };
			this.wheelRun = run;
		}
		// Beyond the largest or smallest zoom, further steps do not pile up to be undone first.
		run.factor = clampZoom(run.view.scale * run.factor * factor) / run.view.scale;
		run.at = now;
		this.apply(zoomAround(run.view, run.factor, run.focus));
		run.left = {
			scale: this.scale,
			scrollLeft: element.scrollLeft,
			scrollTop: element.scrollTop
		};
	}

	/** Zooms by a factor around a point of the viewport (default: its centre). */
	zoomBy(factor: number, focus?: { x: number; y: number }): void {
		const element = this.element;
		if (!element) {
			this.zoom = clampZoom(this.scale * factor);
			return;
		}
		const at = focus ?? { x: element.clientWidth / 2, y: element.clientHeight / 2 };
		this.apply(zoomAround(this.view(), factor, at));
	}

	/** Fits the board's width again, from its top-left. */
	fitBoard(): void {
		this.zoom = null;
		this.element?.scrollTo({ left: 0, top: 0 });
	}

	/** Shows a board rectangle's full width (an area), as large as fits, from its top. */
	fitWidth(rect: Rect): void {
		const element = this.element;
		if (!element) return;
		const pad = this.padding();
		this.apply(
			fitWidth(rect, {
				width: element.clientWidth - 2 * pad.x,
				height: element.clientHeight - 2 * pad.y
			})
		);
	}

	/** What this screen shows, in board units: its centre, zoom and size ("Bring everyone here"). */
	shown(): ReturnType<typeof shownView> | null {
		const element = this.element;
		if (!element) return null;
		return shownView(this.view(), { width: element.clientWidth, height: element.clientHeight });
	}

	/** Goes where the facilitator's "Bring everyone here" asks, fitted to this screen (gatheredView). */
	showGathered(gather: { x: number; y: number; zoom: number; width?: number; height?: number }) {
		const element = this.element;
		if (!element) {
			this.zoom = clampZoom(gather.zoom);
			return;
		}
		this.apply(gatheredView(gather, { width: element.clientWidth, height: element.clientHeight }));
	}

	/** The viewport in the stage's coordinates: the scroll container has padding around the stage. */
	private view(): Viewport {
		const element = this.element!;
		const pad = this.padding();
		return {
			scale: this.scale,
			scrollX: element.scrollLeft - pad.x,
			scrollY: element.scrollTop - pad.y
		};
	}

	private apply(view: Viewport): void {
		const element = this.element;
		// The stage must have its new size before the scroll position can reach it.
		flushSync(() => (this.zoom = view.scale));
		if (!element) return;
		const pad = this.padding();
		element.scrollTo({ left: view.scrollX + pad.x, top: view.scrollY + pad.y });
	}

	/** A point in client coordinates as seen from the viewport's top-left corner. */
	private local(clientX: number, clientY: number): { x: number; y: number } {
		const rect = this.element!.getBoundingClientRect();
		return { x: clientX - rect.left, y: clientY - rect.top };
	}

	/** The scroll container's padding around the stage (none at the sides on a phone). */
	private padding(): { x: number; y: number } {
		if (!this.element) return { x: 0, y: 0 };
		const style = getComputedStyle(this.element);
		return { x: parseFloat(style.paddingLeft) || 0, y: parseFloat(style.paddingTop) || 0 };
	}
}
