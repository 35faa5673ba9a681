import { describe, expect, it } from 'vitest';
import { rovingStep } from './roving';

describe('moving through a card’s actions by key', () => {
	it('goes on and back along the row, round the ends: ← → in a row, ↑ ↓ in a column', () => {
		expect(rovingStep('ArrowRight', 0, 5, 'horizontal')).toBe(1);
		expect(rovingStep('ArrowLeft', 0, 5, 'horizontal')).toBe(4);
		expect(rovingStep('ArrowDown', 4, 5, 'vertical')).toBe(0);
		expect(rovingStep('ArrowUp', 3, 5, 'vertical')).toBe(2);
	});

	it('leaves the arrows across the row alone', () => {
		expect(rovingStep('ArrowDown', 1, 5, 'horizontal')).toBeNull();
		expect(rovingStep('ArrowUp', 1, 5, 'horizontal')).toBeNull();
		expect(rovingStep('ArrowRight', 1, 5, 'vertical')).toBeNull();
	});

	it('jumps to the first and the last with Home and End', () => {
		expect(rovingStep('Home', 3, 5, 'horizontal')).toBe(0);
		expect(rovingStep('End', 1, 5, 'vertical')).toBe(4);
	});

	it('leaves other keys, and a row without items, alone', () => {
		expect(rovingStep('Enter', 1, 5, 'horizontal')).toBeNull();
		expect(rovingStep('Tab', 1, 5, 'vertical')).toBeNull();
		expect(rovingStep('ArrowRight', 0, 0, 'horizontal')).toBeNull();
	});
});
