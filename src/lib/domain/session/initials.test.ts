import { describe, expect, it } from 'vitest';
import { initials } from './initials';

describe('initials', () => {
	it('takes the first letter of the first two words, upper-cased', () => {
		expect(initials('Anna Schmidt')).toBe('AS');
		expect(initials('bernd')).toBe('B');
		expect(initials('Jean-Luc Meier Kaya')).toBe('JM');
	});

	it('skips punctuation and words without letters', () => {
		expect(initials('Ayşe (Repair-Café)')).toBe('AR');
		expect(initials('Dr. Müller')).toBe('DM');
		expect(initials('– Öztürk')).toBe('Ö');
		expect(initials('  ')).toBe('');
	});

	it('keeps letters outside the Basic Multilingual Plane whole and one letter one letter', () => {
		expect(initials('𝒜lex 😀 Bauer')).toBe('𝒜B');
		expect(initials('ßaron')).toBe('S');
		expect(initials('Team 3')).toBe('T3');
	});
});
