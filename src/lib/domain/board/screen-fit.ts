/**
 * What the projector shows beside or instead of the board (a round's ranking, the
 * side column) must be on the screen whole, as large as it fits: at 1280 × 720 the
 * ranking showed three of eight ranks, the round's status lay below the screen.
 */
export interface ScreenFit {
	/** Which of the layouts tried the content is set in (an index). */
	readonly layout: number;
	/** How much larger than its own size the content is drawn (CSS zoom). */
	readonly scale: number;
	/** False when it does not fit even at the smallest scale: the rest scrolls. */
	readonly fits: boolean;
}

export interface ScreenFitOptions {
	/** The smallest scale still readable from the back of the room. */
	readonly min: number;
	readonly max: number;
	/**
	 * How many layouts to try (more columns, fewer details), the preferred first. A later
	 * one is taken only when it lets the content be `gain` times as large as the best
	 * before it, or when none before it fits at all: more columns split the reading
	 * order, fewer details leave something out.
	 */
	readonly layouts?: number;
	readonly gain?: number;
	/**
	 * Where a last resort begins: a layout at one of these indices (and the ones after it up
	 * to the next) is tried only when none before it fits at `min`, however much larger it
	 * would let the content be. Leaving details out is for content that is otherwise cut,
	 * not for content that would merely be drawn smaller.
	 */
	readonly lastResort?: readonly number[];
	/** The layout for content that fits in none at `min` (default: the last). */
	readonly fallback?: number;
	/** How close to the largest scale that fits the search goes. */
	readonly precision?: number;
}

/**
 * The layout and the largest scale at which `fits` says the content fits;
 * `fits(layout, scale)` lays it out so and measures (in a browser), so it is asked a
 * handful of times per layout (bisection), and no further layout is tried once one
 * fits at `max`. Content that fits in no layout at `min` gets the `fallback` layout at
 * `min` (the one that reads best scrolled), and `fits: false`.
 */
export function screenFit(
	fits: (layout: number, scale: number) => boolean,
	options: ScreenFitOptions
): ScreenFit {
	const { min, max } = options;
	const layouts = options.layouts ?? 1;
	const gain = options.gain ?? 1.15;
	const precision = options.precision ?? 0.02;
	let best: ScreenFit | null = null;
	const lastResort = options.lastResort ?? [];
	for (let layout = 0; layout < layouts; layout++) {
		if (best && (best.scale >= max || lastResort.includes(layout))) break;
		if (!fits(layout, min)) continue;
		let low = min;
		let high = max;
		if (fits(layout, max)) low = max;
		while (high - low > precision) {
			const mid = (low + high) / 2;
			if (fits(layout, mid)) low = mid;
			else high = mid;
		}
		if (!best || low > best.scale * gain) best = { layout, scale: low, fits: true };
	}
	return best ?? { layout: options.fallback ?? layouts - 1, scale: min, fits: false };
}
