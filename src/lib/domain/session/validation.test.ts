import { describe, expect, it } from 'vitest';
import { normaliseLabel, parseDisplayName, parseTitle } from './validation';

describe('labels (titles, names)', () => {
	it('folds whitespace and trims', () => {
		expect(normaliseLabel('  Faire   Beschaffung\n– Musterstadt ')).toBe(
			'Faire Beschaffung – Musterstadt'
		);
	});

	it('drops control, invisible and non-characters, which no screen or file should carry', () => {
		// U+FFFE and U+FFFF make a workbook's XML unreadable; zero-width and bidi marks hide text.
		expect(normaliseLabel('A\u0000B\u0007C\u200bD\u202eE\ufeffF\ufffeG\uffffH')).toBe(
			'A B C D E F G H'
		);
	});

	it('refuses a name or title that is nothing but such characters', () => {
		expect(parseDisplayName('\ufffe\uffff\u200b')).toEqual({ ok: false, error: 'name_required' });
		expect(parseTitle(' \u0000 ')).toEqual({ ok: false, error: 'title_required' });
		expect(parseDisplayName('Leihladen „Dingsda“')).toEqual({
			ok: true,
			value: 'Leihladen „Dingsda“'
		});
	});
});
