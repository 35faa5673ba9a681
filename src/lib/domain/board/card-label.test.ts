import { describe, expect, it } from 'vitest';
import { cardLabel } from './card-label';

describe('a card named in a control', () => {
	it('is its whole text when short', () => {
		expect(cardLabel('Kurze Fristen')).toBe('Kurze Fristen');
	});

	it('ends after a whole word with an ellipsis when long, never inside a word', () => {
		const label = cardLabel('Vergabestellen haben keine Zeit, Sozialkriterien zu prüfen');
		expect(label).toBe('Vergabestellen haben keine Zeit,…');
		expect(label.length).toBeLessThanOrEqual(41);
	});

	it('cuts a single very long word, and reads line breaks as spaces', () => {
		expect(cardLabel('Rahmenvertragsausschreibungsunterlagenverwaltungsvorschrift')).toBe(
			'Rahmenvertragsausschreibungsunterlagenve…'
		);
		expect(cardLabel('Zwei\nZeilen')).toBe('Zwei Zeilen');
	});
});
