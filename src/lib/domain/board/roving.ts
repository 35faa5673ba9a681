/** How a row of items stands: a card's actions stand in a row in the list, in a column on the canvas. */
export type Orientation = 'horizontal' | 'vertical';

const KEYS: Record<Orientation, { readonly next: string; readonly previous: string }> = {
	horizontal: { next: 'ArrowRight', previous: 'ArrowLeft' },
	vertical: { next: 'ArrowDown', previous: 'ArrowUp' }
};

/**
 * Where a key takes the focus in a row of `count` items, from item `from` (a toolbar's arrow
 * keys along its orientation, Home and End), or null for a key that does not move it. The row
 * wraps around. The arrows across it are left alone: in the list ↑ and ↓ go from card to card.
 */
export function rovingStep(
	key: string,
	from: number,
	count: number,
	orientation: Orientation
): number | null {
	if (count === 0) return null;
	if (key === KEYS[orientation].next) return (from + 1) % count;
	if (key === KEYS[orientation].previous) return (from - 1 + count) % count;
	if (key === 'Home') return 0;
	if (key === 'End') return count - 1;
	return null;
}
