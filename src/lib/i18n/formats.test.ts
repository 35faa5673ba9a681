import { describe, expect, it } from 'vitest';
import { translate } from './catalog';
import { formatNumber, formatTag } from './formats';

describe('dates, times and numbers in the reader’s language', () => {
	it('writes English the European way unless the reader prefers another English', () => {
		expect(formatTag('en', [])).toBe('en-GB');
		expect(formatTag('en', ['de-DE', 'en'])).toBe('en-GB');
		expect(formatTag('en', ['de-DE', 'en-us'])).toBe('en-US');
		expect(formatTag('de', ['en-GB', 'de-AT'])).toBe('de-AT');
		expect(formatTag('de', ['en-GB'])).toBe('de-DE');
	});

	it('gives an English reader a 24-hour clock and the day before the month', () => {
		const moment = Date.UTC(2027, 2, 31, 17, 48);
		const time = new Intl.DateTimeFormat(formatTag('en'), {
			hour: '2-digit',
			minute: '2-digit',
			timeZone: 'UTC'
		});
		expect(time.format(moment)).toBe('17:48');
		const day = new Intl.DateTimeFormat(formatTag('en'), { dateStyle: 'medium', timeZone: 'UTC' });
		expect(day.format(moment)).toBe('31 Mar 2027');
	});

	it('ignores a malformed tag the browser might report', () => {
		expect(formatTag('en', ['en-!!'])).toBe('en-GB');
	});

	it('groups the thousands of a number in a message as the language does', () => {
		expect(formatNumber('de', 1000)).toBe('1.000');
		expect(formatNumber('en', 1000)).toBe('1,000');
		expect(translate('de', 'board.charCount', { count: 46, max: 1000 })).toBe(
			'46 von 1.000 Zeichen'
		);
		expect(translate('en', 'board.charCount', { count: 46, max: 1000 })).toBe(
			'46 of 1,000 characters'
		);
		expect(translate('en', 'zoom.level', { percent: 89 })).toBe('Zoom: 89%');
		expect(translate('de', 'zoom.level', { percent: 89 })).toBe('Zoom: 89 %');
	});

	it('leaves a number that names something, given as text, as it is written: a year, a page', () => {
		expect(translate('de', 'import.participantName', { n: '2026' })).toBe('Teilnehmende 2026');
		expect(translate('en', 'protocol.page', { n: '2026', total: '2026' })).toBe(
			'Page 2026 of 2026'
		);
		// As a number it would be a quantity: "2.026".
		expect(translate('de', 'import.participantName', { n: 2026 })).toBe('Teilnehmende 2.026');
	});
});
