/**
 * Where a key takes the focus in a row of `count` items, from item `from` (a toolbar's arrow
 * keys, Home and End), or null for a key that does not move it. The row wraps around: a card's
 * actions stand in a row in the list and in a column on the canvas, so both pairs of arrows go.
 */
export function rovingStep(key: string, from: number, count: number): number | null {
	if (count === 0) return null;
	switch (key) {
		case 'ArrowRight':
		case 'ArrowDown':
			return (from + 1) % count;
		case 'ArrowLeft':
		case 'ArrowUp':
			return (from - 1 + count) % count;
		case 'Home':
			return 0;
		case 'End':
			return count - 1;
		default:
			return null;
	}
}
