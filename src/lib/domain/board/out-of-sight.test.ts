import { describe, expect, it } from 'vitest';
import { outOfSight } from './out-of-sight';

const card = (area: 'challenges' | 'potentials' | 'next-steps', y: number, height = 100) => ({
	area,
	y,
	height
});

describe('cards out of the projector’s sight', () => {
	const shown = ['challenges', 'potentials'] as const;

	it('counts the cards entirely below the visible part', () => {
		const cards = [card('challenges', 80), card('challenges', 700), card('potentials', 900)];
		expect(outOfSight(cards, shown, { top: 0, bottom: 700 })).toEqual({ above: 0, below: 2 });
	});

	it('counts a card the edge cuts when less than half of it is seen, in the direction of the rest', () => {
		// Half or more in sight: readable enough. Less: as good as out of sight (three such cards
		// were said as none).
		const mostlySeen = [card('challenges', 640), card('challenges', -40)];
		expect(outOfSight(mostlySeen, shown, { top: 0, bottom: 700 })).toEqual({ above: 0, below: 0 });
		const mostlyHidden = [
			card('challenges', 660),
			card('potentials', 690),
			card('challenges', -60)
		];
		expect(outOfSight(mostlyHidden, shown, { top: 0, bottom: 700 })).toEqual({
			above: 1,
			below: 2
		});
	});

	it('counts a card taller than the visible part by where most of it is', () => {
		expect(outOfSight([card('challenges', -100, 1000)], shown, { top: 0, bottom: 300 })).toEqual({
			above: 0,
			below: 1
		});
	});

	it('counts the cards above once the board is scrolled down', () => {
		const cards = [card('challenges', 80), card('potentials', 200), card('challenges', 1500)];
		expect(outOfSight(cards, shown, { top: 300, bottom: 1000 })).toEqual({ above: 2, below: 1 });
	});

	it('counts only the cards of the areas shown', () => {
		const cards = [card('next-steps', 2000), card('challenges', 2000)];
		expect(outOfSight(cards, shown, { top: 0, bottom: 700 })).toEqual({ above: 0, below: 1 });
	});

	it('counts nothing when everything is in sight', () => {
		expect(outOfSight([card('challenges', 80)], shown, { top: 0, bottom: 700 })).toEqual({
			above: 0,
			below: 0
		});
	});
});
