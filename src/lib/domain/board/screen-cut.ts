/**
 * A ranking too long for the projector at a readable size shows its top places and one closing
 * line ("… und 4 weitere Karten mit Punkten") instead of shrinking into small print or
 * scrolling on a screen nobody scrolls.
 */
export interface ScreenCut {
	/** How many of the ranked entries to show, from the top. */
	readonly shown: number;
	/** How many ranked entries are left out (the closing line's number); 0 when none is. */
	readonly more: number;
	/**
	 * How many of those left out share the rank of the last one shown: the cut fell inside a
	 * tie and the closing line says so. 0 when the cut is between two ranks.
	 */
	readonly tiedMore: number;
	/** The rank they share; null when tiedMore is 0. */
	readonly tiedRank: number | null;
}

/**
 * The cut for `ranks` (each entry's rank, in ranked order) when `fitting` entries fit the
 * screen. A cut inside a tie moves up to the tie's first place when that still shows at least
 * half of what fits, so that a tie is shown whole or not at all; a tie too large for that
 * (five cards on rank 1 with room for three) is cut, and the closing line counts how many more
 * share its rank — never a silently shortened tie.
 */
export function screenCut(ranks: readonly number[], fitting: number): ScreenCut {
	const total = ranks.length;
	let shown = Math.max(0, Math.min(Math.floor(fitting), total));
	if (shown === total) return { shown, more: 0, tiedMore: 0, tiedRank: null };
	if (shown > 0 && ranks[shown - 1] === ranks[shown]) {
		let start = shown - 1;
		while (start > 0 && ranks[start - 1] === ranks[start]) start--;
		if (start * 2 >= shown) shown = start;
	}
	const lastRank = shown > 0 ? ranks[shown - 1]! : null;
	let tiedMore = 0;
	while (lastRank !== null && ranks[shown + tiedMore] === lastRank) tiedMore++;
	return {
		shown,
		more: total - shown,
		tiedMore,
		tiedRank: tiedMore > 0 ? lastRank : null
	};
}

/**
 * The most entries, up to `total`, for which `fits(n)` holds, asked a handful of times
 * (bisection: `fits` lays the content out and measures it in a browser). Assumes fewer
 * entries never take more room; 0 when not even none fit.
 */
export function mostThatFit(total: number, fits: (n: number) => boolean): number {
	if (fits(total)) return total;
	let low = 0;
	let high = total;
	while (high - low > 1) {
		const mid = Math.floor((low + high) / 2);
		if (fits(mid)) low = mid;
		else high = mid;
	}
	return low;
}
