import { AREA_IDS, type AreaId, BOARD_LAYOUT } from './areas';
import type { Rect } from './selection';

/**
 * The projector shows what the room talks about: the phase's areas (all of them
 * when it names none), as large as fits the screen, its whole content when that
 * stays readable from the back of the room.
 */
export interface PresenterView {
	readonly scale: number;
	/** The board rectangle shown, in board units. */
	readonly rect: Rect;
	/** False when the content is taller than fits at the smallest readable scale: it scrolls. */
	readonly fits: boolean;
}

/**
 * Card text is 17 board units high: below 0.55 it is smaller than 9.5 screen
 * pixels, too small to read on a projected wall; below 0.85 (14.5 pixels) it is
 * hard to read from the back of the room. A board that would need less than that
 * to show whole, while the screen's width allows more, is shown as wide as the
 * screen, at most at its own size (as on a laptop), and scrolls — the spotlight
 * brings its card into view — rather than in small print beside empty space. A
 * board that already takes the screen's width shows whole down to 0.55, then scrolls.
 * Above 1.6 one area of a silent phase would fill the screen with a few giant cards.
 */
export const PRESENTER_SCALE = { min: 0.55, readable: 0.85, scrolling: 1, max: 1.6 } as const;

/** The area's heading and room for the first row of cards, so an empty board is not blown up. */
const EMPTY_HEIGHT = 520;
/** A board shown whole that would leave a fifth of the screen's width empty is made larger. */
const WIDTH_LEFT_EMPTY = 1.25;
/** Below the lowest card: a cluster's frame and some air. */
const BOTTOM_SPACE = 32;

export function presenterView(
	areas: readonly AreaId[],
	cards: readonly { readonly area: AreaId; readonly y: number; readonly height: number }[],
	screen: { readonly width: number; readonly height: number },
	margin = 8
): PresenterView {
	const shown = new Set<AreaId>(areas.length > 0 ? areas : AREA_IDS);
	const frames = BOARD_LAYOUT.filter((frame) => shown.has(frame.id));
	const left = Math.min(...frames.map((f) => f.x));
	const right = Math.max(...frames.map((f) => f.x + f.width));
	let bottom = EMPTY_HEIGHT;
	for (const card of cards)
		if (shown.has(card.area)) bottom = Math.max(bottom, card.y + card.height + BOTTOM_SPACE);
	const rect = { x: left, y: 0, width: right - left, height: bottom };
	const widthFit = (screen.width - 2 * margin) / rect.width;
	const heightFit = (screen.height - 2 * margin) / rect.height;
	const fit = Math.min(widthFit, heightFit);
	if (fit >= PRESENTER_SCALE.readable)
		return { scale: Math.min(PRESENTER_SCALE.max, fit), rect, fits: true };
	// Whole and readable at all, taking most of the screen's width anyway: whole.
	if (fit >= PRESENTER_SCALE.min && widthFit < fit * WIDTH_LEFT_EMPTY)
		return { scale: fit, rect, fits: true };
	// Whole, it would be small print beside empty space (or unreadable): as wide as the screen
	// allows, at most at its own size, and the rest scrolls.
	const scale = Math.max(PRESENTER_SCALE.min, Math.min(widthFit, PRESENTER_SCALE.scrolling));
	const fits = scale <= fit + 1e-9;
	return { scale, rect, fits };
}
