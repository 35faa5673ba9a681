import { describe, expect, it } from 'vitest';
import { rovingStep } from './roving';

describe('moving through a card’s actions by key', () => {
	it('goes on and back with either pair of arrows, round the ends', () => {
		expect(rovingStep('ArrowRight', 0, 5)).toBe(1);
		expect(rovingStep('ArrowDown', 4, 5)).toBe(0);
		expect(rovingStep('ArrowLeft', 0, 5)).toBe(4);
		expect(rovingStep('ArrowUp', 3, 5)).toBe(2);
	});

	it('jumps to the first and the last with Home and End', () => {
		expect(rovingStep('Home', 3, 5)).toBe(0);
		expect(rovingStep('End', 1, 5)).toBe(4);
	});

	it('leaves other keys, and a row without items, alone', () => {
		expect(rovingStep('Enter', 1, 5)).toBeNull();
		expect(rovingStep('Tab', 1, 5)).toBeNull();
		expect(rovingStep('ArrowRight', 0, 0)).toBeNull();
	});
});
