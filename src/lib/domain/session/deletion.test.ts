import { describe, expect, it } from 'vitest';
import { titleConfirms } from './deletion';

describe('confirming a deletion by the session’s title', () => {
	it('takes the title as typed, whatever the case, spaces, dashes and quotation marks', () => {
		const title = 'Faire Beschaffung – Fokusgruppe „Musterstadt“';
		expect(titleConfirms(title, title)).toBe(true);
		expect(titleConfirms('faire beschaffung - fokusgruppe "musterstadt"', title)).toBe(true);
		expect(titleConfirms('  Faire  Beschaffung — Fokusgruppe “Musterstadt”  ', title)).toBe(true);
	});

	it('refuses anything else: another word, a part of the title, nothing', () => {
		const title = 'Fokusgruppe Musterstadt';
		expect(titleConfirms('Fokusgruppe Musterdorf', title)).toBe(false);
		expect(titleConfirms('Fokusgruppe', title)).toBe(false);
		expect(titleConfirms('Fokusgruppe Musterstadt 2', title)).toBe(false);
		expect(titleConfirms('', title)).toBe(false);
		expect(titleConfirms('   ', '   ')).toBe(false);
	});

	it('counts every letter: umlauts are not their plain vowels', () => {
		expect(titleConfirms('Fokusgruppe Loerrach', 'Fokusgruppe Lörrach')).toBe(false);
		expect(titleConfirms('FOKUSGRUPPE LÖRRACH', 'Fokusgruppe Lörrach')).toBe(true);
	});
});
