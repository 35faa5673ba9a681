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
	/** False when the content is taller than fits at a readable scale: it scrolls. */
	readonly fits: boolean;
}

/**
 * Card text is 17 board units high: below 0.55 it is smaller than 9.5 screen pixels, too small to
 * read on a projected wall; 0.7 (12 pixels) is the size the projector already accepts beside its
 * side column. A board that shows whole at 0.7 or more is shown whole: nobody scrolls a projector,
 * and the room sees only the cards above its bottom edge (0.85 until 29 November). A board that
 * would need less than 0.7, while the screen's width allows more, is shown as wide as the screen,
 * at most at its own size (as on a laptop), and scrolls — the spotlight brings its card into
 * view, and a line at the bottom edge says how many cards are out of sight (outOfSight) — rather
 * than in small print beside empty space. A board that already takes the screen's width shows
 * whole down to 0.55, then scrolls. Above 1.6 one area of a silent phase would fill the screen
 * with a few giant cards. A side column may make the board smaller, but not below 0.7: at
 * 1280 × 720 the ranking beside the whole board left its cards at 9 pixels (see readableBeside).
 */
const READABLE = 0.7;
export const PRESENTER_SCALE = {
	min: 0.55,
	readable: READABLE,
	scrolling: 1,
	max: 1.6,
	beside: READABLE
} as const;

/**
 * The next steps alone (their phase): who, with whom and by when are written at 0.85 of a card's
 * text (NextStepDetails.svelte), and they are what the room reads out. Whole, they need the scale
 * at which that text is as large as card text at READABLE (12 pixels); at 0.7 it was 10. A board of
 * next steps too tall for that scrolls larger than its own size where the screen has the room: up to
 * where it still shows NEXT_STEPS_VIEW units of its height (the area's heading and most of a next
 * step with its details), the largest scale at most. At 1920 × 1080 one narrow area scrolled at 1
 * beside 900 empty pixels, its details at 14 pixels; now they are 20. A 1280 × 720 projector has no
 * height to spare and keeps 1. Other areas keep scrolling at their own size: larger, the room would
 * see a few of their many short cards.
 */
const NEXT_STEP_DETAILS = 0.85;
const NEXT_STEPS_VIEW = 480;

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
	const shown = shownAreas(areas);
	const { left, right } = spanOf(shown);
	let bottom = EMPTY_HEIGHT;
	for (const card of cards)
		if (shown.has(card.area)) bottom = Math.max(bottom, card.y + card.height + BOTTOM_SPACE);
	const rect = { x: left, y: 0, width: right - left, height: bottom };
	const widthFit = (screen.width - 2 * margin) / rect.width;
	const heightFit = (screen.height - 2 * margin) / rect.height;
	const fit = Math.min(widthFit, heightFit);
	const nextSteps = shown.size === 1 && shown.has('next-steps');
	const readable = nextSteps
		? PRESENTER_SCALE.readable / NEXT_STEP_DETAILS
		: PRESENTER_SCALE.readable;
	if (fit >= readable) return { scale: Math.min(PRESENTER_SCALE.max, fit), rect, fits: true };
	// Whole and readable at all, taking most of the screen's width anyway: whole.
	if (fit >= PRESENTER_SCALE.min && widthFit < fit * WIDTH_LEFT_EMPTY)
		return { scale: fit, rect, fits: true };
	// Whole, it would be small print beside empty space (or unreadable): as wide as the screen
	// allows, at most at its own size (next steps: as their height allows), and the rest scrolls.
	const largest = nextSteps
		? Math.min(
				PRESENTER_SCALE.max,
				Math.max(PRESENTER_SCALE.scrolling, (screen.height - 2 * margin) / NEXT_STEPS_VIEW)
			)
		: PRESENTER_SCALE.scrolling;
	const scale = Math.max(PRESENTER_SCALE.min, Math.min(widthFit, largest));
	const fits = scale <= fit + 1e-9;
	return { scale, rect, fits };
}

/**
 * Whether a side column `column` pixels wide leaves the board readable beside it: at least
 * PRESENTER_SCALE.beside, or as large as the board is without the column. Where it does not, the
 * column steps aside (the join address goes into the phase's lines): the room reads the cards,
 * and a column that shrank the board to 9-pixel text (1280 × 720) or cut its next steps off on
 * the right (1024 × 768) helped nobody.
 */
export function readableBeside(
	areas: readonly AreaId[],
	cards: readonly { readonly area: AreaId; readonly y: number; readonly height: number }[],
	screen: { readonly width: number; readonly height: number },
	column: number
): boolean {
	const alone = presenterView(areas, cards, screen).scale;
	const beside = presenterView(areas, cards, { ...screen, width: screen.width - column }).scale;
	return beside >= Math.min(alone, PRESENTER_SCALE.beside) - 1e-9;
}

/**
 * The side column's width beside the board, as the presenter's style sets it: at least 18 rem
 * (20 with a ranking), else a quarter (a third) of the screen.
 */
export function sideColumnWidth(screenWidth: number, remPx: number, ranking: boolean): number {
	return ranking
		? Math.max(20 * remPx, 0.32 * screenWidth)
		: Math.max(18 * remPx, 0.26 * screenWidth);
}

/** The phase's areas, all of them when it names none. */
function shownAreas(areas: readonly AreaId[]): Set<AreaId> {
	return new Set<AreaId>(areas.length > 0 ? areas : AREA_IDS);
}

/** From the left edge of the leftmost shown area to the right edge of the rightmost, in board units. */
function spanOf(shown: ReadonlySet<AreaId>): { left: number; right: number } {
	const frames = BOARD_LAYOUT.filter((frame) => shown.has(frame.id));
	return {
		left: Math.min(...frames.map((f) => f.x)),
		right: Math.max(...frames.map((f) => f.x + f.width))
	};
}
