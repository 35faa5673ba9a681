import type { Rect } from './selection';

/**
 * The canvas viewport: which part of the board shows at which scale. Scroll
 * offsets are in screen pixels of the scaled board, as the scroll container has them.
 */
export interface Viewport {
	readonly scale: number;
	readonly scrollX: number;
	readonly scrollY: number;
}

export const ZOOM_MIN = 0.3;
export const ZOOM_MAX = 2;

/**
 * Not rounded: a trackpad pinch arrives as many tiny Ctrl + wheel steps, each of
 * which would round back to the scale it started from (the toolbar rounds for display).
 */
export function clampZoom(scale: number): number {
	return Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, scale));
}

/**
 * Zooms by a factor around a focus point (screen pixels from the viewport's
 * top-left), so that the board point under it stays under it: the pointer for
 * the wheel, the centre for the keyboard. With `to`, that board point ends up
 * under `to` instead: a pinch whose fingers also moved pans the board with them.
 */
export function zoomAround(
	view: Viewport,
	factor: number,
	focus: { x: number; y: number },
	to: { x: number; y: number } = focus
): Viewport {
	const scale = clampZoom(view.scale * factor);
	const boardX = (view.scrollX + focus.x) / view.scale;
	const boardY = (view.scrollY + focus.y) / view.scale;
	// Not clamped: the scroll container stops at its edges by itself, and a zoom
	// computed from a gesture's start must not lose what it could not scroll to yet.
	return { scale, scrollX: boardX * scale - to.x, scrollY: boardY * scale - to.y };
}

/** The scale and scroll that show a board rectangle whole, centred, with a margin in screen pixels. */
export function fitRect(
	rect: Rect,
	screen: { width: number; height: number },
	margin = 16
): Viewport {
	const scale = clampZoom(
		Math.min(
			(screen.width - 2 * margin) / Math.max(1, rect.width),
			(screen.height - 2 * margin) / Math.max(1, rect.height)
		)
	);
	return {
		scale,
		scrollX: Math.max(0, (rect.x + rect.width / 2) * scale - screen.width / 2),
		scrollY: Math.max(0, rect.y * scale - margin)
	};
}

/**
 * The scale and scroll that show a board rectangle's full width, centred, from
 * its top: an area is tall and grows with its cards, so fitting its height too
 * would make its cards too small to read.
 */
export function fitWidth(
	rect: Rect,
	screen: { width: number; height: number },
	margin = 16
): Viewport {
	return fitRect({ ...rect, height: 0 }, { width: screen.width, height: Infinity }, margin);
}

/** How far apart two touch points are, and their midpoint: what a pinch follows. */
export function pinchOf(a: { x: number; y: number }, b: { x: number; y: number }) {
	return {
		distance: Math.hypot(a.x - b.x, a.y - b.y),
		mid: { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 }
	};
}

/** Below this a phone that fits the facilitator's whole view could not read a card. */
export const GATHER_ZOOM_MIN = 0.5;

/**
 * Where "Bring everyone here" takes a screen: centred on the facilitator's centre, at the
 * facilitator's zoom where the screen is as large, smaller where it is not, so that a phone
 * sees what the room sees rather than a corner of it at 200 % — but never so small that the
 * cards cannot be read. A gather without the facilitator's view size keeps their zoom.
 */
export function gatheredView(
	gather: { x: number; y: number; zoom: number; width?: number; height?: number },
	screen: { width: number; height: number }
): Viewport {
	// A screen not laid out yet (or hidden) has no size to fit to: it would get the smallest zoom.
	const fit =
		gather.width && gather.height && screen.width > 0 && screen.height > 0
			? Math.min(screen.width / gather.width, screen.height / gather.height)
			: Infinity;
	const scale = clampZoom(Math.min(gather.zoom, Math.max(fit, GATHER_ZOOM_MIN)));
	// Not clamped: the scroll container stops at its edges, which may lie in its padding.
	return {
		scale,
		scrollX: gather.x * scale - screen.width / 2,
		scrollY: gather.y * scale - screen.height / 2
	};
}

/**
 * What a screen shows, in board units, as "Bring everyone here" sends it: its centre, zoom and
 * size. A size under one board unit — a screen not laid out yet, or hidden — is left out rather
 * than sent: the server refuses it (`bad_request`), and without it the gather keeps the zoom.
 */
export function shownView(
	view: Viewport,
	screen: { width: number; height: number }
): { x: number; y: number; zoom: number; width?: number; height?: number } {
	const round = (n: number) => Math.round(n * 100) / 100;
	const width = round(screen.width / view.scale);
	const height = round(screen.height / view.scale);
	return {
		x: round((view.scrollX + screen.width / 2) / view.scale),
		y: round((view.scrollY + screen.height / 2) / view.scale),
		zoom: view.scale,
		...(width >= 1 && height >= 1 ? { width, height } : {})
	};
}
