import { describe, expect, it } from 'vitest';
import { translate } from './catalog';
import { aroundSlot, SLOT } from './slot';

describe('aroundSlot', () => {
	it('gives the words around a quoted value, in each language', () => {
		expect(aroundSlot(translate('de', 'join.intro', { title: SLOT }))).toEqual({
			before: 'Sie nehmen an der Sitzung „',
			after: '“ teil.'
		});
		const en = aroundSlot(translate('en', 'join.intro', { title: SLOT }));
		expect(en.before + 'X' + en.after).toBe(translate('en', 'join.intro', { title: 'X' }));
		expect(aroundSlot('ohne')).toEqual({ before: 'ohne', after: '' });
	});
});
