import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';
import { ERROR_CODES } from '../protocol/errors';
import { errorMessage, negotiateLocale, translate, translateParts } from './catalog';
import { DEFAULT_STAKEHOLDER_GROUPS } from '../domain/session/stakeholder-groups';
import { AREA_IDS } from '../domain/board/areas';
import { CARD_COLORS } from '../domain/board/schema';

describe('message catalog', () => {
	it('has the same keys in German and English, none empty', () => {
		expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
		for (const value of [...Object.values(de), ...Object.values(en)])
			expect(value.trim()).not.toBe('');
	});

	it('uses the same placeholders in both languages', () => {
		const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
		for (const key of Object.keys(de) as (keyof typeof de)[]) {
			expect(placeholders(en[key]), key).toEqual(placeholders(de[key]));
		}
	});

	it('names every error code, area, colour and stakeholder group', () => {
		for (const code of ERROR_CODES) expect(errorMessage('en', code)).not.toMatch(/^error\./);
		const keys = new Set(Object.keys(de));
		for (const id of AREA_IDS) expect(keys.has(`area.${id}`)).toBe(true);
		for (const id of CARD_COLORS) expect(keys.has(`color.${id}`)).toBe(true);
		for (const id of DEFAULT_STAKEHOLDER_GROUPS) expect(keys.has(`group.${id}`)).toBe(true);
	});

	it('says both rules of a stakeholder group, its id’s and its label’s (either may be what is wrong)', () => {
		for (const locale of ['de', 'en'] as const)
			expect(errorMessage(locale, 'group_invalid'), locale).toMatch(/\bID\b.*40.*80/i);
	});

	it('names a participant’s buttons one way, their own word first and then whom (WCAG 2.5.3)', () => {
		for (const locale of ['de', 'en'] as const) {
			const t = (
				key: 'roster.rename' | 'roster.remove' | 'roster.renameLabel' | 'roster.removeLabel'
			) => translate(locale, key, { name: 'Alice' });
			expect(t('roster.renameLabel'), locale).toBe(`${t('roster.rename')}: Alice`);
			expect(t('roster.removeLabel'), locale).toBe(`${t('roster.remove')}: Alice`);
		}
	});

	it('fills placeholders', () => {
		expect(translate('de', 'join.intro', { title: 'Musterstadt' })).toBe(
			'Sie nehmen an der Sitzung „Musterstadt“ teil.'
		);
	});
});

describe('choosing the UI language', () => {
	it.each([
		[undefined, null, 'de'],
		[undefined, 'en-GB,en;q=0.9', 'en'],
		[undefined, 'fr-FR,en;q=0.5,de;q=0.8', 'de'],
		[undefined, 'fr-FR', 'de'],
		['en', 'de-DE', 'en'],
		['xx', 'en', 'en'],
		[undefined, 'de;q=0,en;q=0.1', 'en']
	])('choice %s with Accept-Language %s gives %s', (choice, header, expected) => {
		expect(negotiateLocale(choice, header)).toBe(expected);
	});

	it('marks the quoted text of another language in a message, and only that', () => {
		const parts = translateParts(
			'en',
			'selection.connected',
			{ from: 'Rügen', to: 'Lose' },
			{
				from: 'de',
				to: 'de'
			}
		);
		expect(parts).toEqual([
			{ text: 'Connected “' },
			{ text: 'Rügen', lang: 'de' },
			{ text: '” to “' },
			{ text: 'Lose', lang: 'de' },
			{ text: '”' }
		]);
		expect(parts.map((part) => part.text).join('')).toBe(
			translate('en', 'selection.connected', { from: 'Rügen', to: 'Lose' })
		);
		// In the reader's own language, or of no language given, it is one piece.
		expect(translateParts('de', 'cluster.renamed', { title: 'Vergabe' }, { title: 'de' })).toEqual([
			{ text: 'Cluster heißt jetzt „Vergabe“' }
		]);
		expect(
			translateParts('en', 'cluster.renamed', { title: 'New cluster' }, { title: undefined })
		).toEqual([{ text: 'Cluster is now called “New cluster”' }]);
	});
});
