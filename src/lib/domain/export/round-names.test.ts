import { describe, expect, it } from 'vitest';
import type { ExportRound } from './model';
import { roundColumnName } from './round-names';

const round = (seq: number, title: string) => ({ id: `r${seq}`, seq, title }) as ExportRound;

describe('roundColumnName', () => {
	it('names a round by its title, and adds its number only where titles repeat', () => {
		const rounds = [round(1, 'Priorisierung'), round(2, 'Priorisierung'), round(3, 'Runde 3')];
		expect(rounds.map((r) => roundColumnName(r, rounds))).toEqual([
			'Priorisierung (1)',
			'Priorisierung (2)',
			'Runde 3'
		]);
	});
});
