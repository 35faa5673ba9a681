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
 * pixels, too small to read on a projected wall. A board that would need less
 * is shown as wide as the screen instead, at most at its own size, and scrolls.
 * Above 1.6 one area of a silent phase would fill the screen with a few giant cards.
 */
export const PRESENTER_SCALE = { min: 0.55, max: 1.6, scrolling: 1 } as const;

/** The area's heading and room for the first row of cards, so an empty board is not blown up. */
const EMPTY_HEIGHT = 520;
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
	const fit = Math.min(widthFit, (screen.height - 2 * margin) / rect.height);
	// Too tall to show whole and readable: as wide as the screen, the rest scrolls.
	const fits = fit >= PRESENTER_SCALE.min;
	const scale = fits
		? Math.min(PRESENTER_SCALE.max, fit)
		: Math.max(PRESENTER_SCALE.min, Math.min(PRESENTER_SCALE.scrolling, widthFit));
	return { scale, rect, fits };
}
