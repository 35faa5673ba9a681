import { describe, expect, it } from 'vitest';
import { DEFAULT_TIME_ZONE, isTimeZone, zonedTime } from './time-zone';

describe('time zones of an export', () => {
	it('knows IANA names and UTC, and nothing else', () => {
		for (const name of [DEFAULT_TIME_ZONE, 'America/New_York', 'Asia/Kolkata', 'UTC'])
			expect(isTimeZone(name), name).toBe(true);
		for (const name of ['', 'Mars/Olympus', 'Europe/Berlin ', 'Berlin', 'Europe/' + 'x'.repeat(80)])
			expect(isTimeZone(name), name).toBe(false);
	});

	it('gives a moment as the wall clock of the zone shows it, summer time included', () => {
		// 29 November: winter time, UTC+1; 1 July: summer time, UTC+2.
		expect(zonedTime(Date.UTC(2026, 10, 29, 9, 45), 'Europe/Berlin')).toEqual({
			date: '2026-11-29',
			time: '10:45'
		});
		expect(zonedTime(Date.UTC(2026, 6, 1, 9, 45), 'Europe/Berlin')).toEqual({
			date: '2026-07-01',
			time: '11:45'
		});
		expect(zonedTime(Date.UTC(2026, 10, 29, 9, 45), 'UTC')).toEqual({
			date: '2026-11-29',
			time: '09:45'
		});
	});

	it('moves the day where the zone has another one, and writes midnight as 00:00', () => {
		expect(zonedTime(Date.UTC(2026, 10, 28, 23, 5), 'Europe/Berlin')).toEqual({
			date: '2026-11-29',
			time: '00:05'
		});
		expect(zonedTime(Date.UTC(2026, 10, 29, 3, 0), 'America/New_York')).toEqual({
			date: '2026-11-28',
			time: '22:00'
		});
	});
});
