/**
 * The time zone a protocol gives its times in. The study's meetings are German: without one
 * asked for, times are in Berlin's, which a reader there takes for their own (UTC read wrong).
 */
export const DEFAULT_TIME_ZONE = 'Europe/Berlin';

/** IANA names are short; a longer value is no time zone and need not reach Intl. */
const MAX_LENGTH = 64;

/** Whether Intl knows `name` as a time zone (an IANA name such as `Europe/Berlin`, or `UTC`). */
export function isTimeZone(name: string): boolean {
	if (name === '' || name.length > MAX_LENGTH) return false;
	try {
		new Intl.DateTimeFormat('en', { timeZone: name });
		return true;
	} catch {
		return false;
	}
}

export interface ZonedTime {
	/** YYYY-MM-DD */
	readonly date: string;
	/** HH:MM, 00:00 to 23:59 */
	readonly time: string;
}

/** A moment as a wall clock in `timeZone` shows it. */
export function zonedTime(ms: number, timeZone: string): ZonedTime {
	const parts = new Intl.DateTimeFormat('en', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		// Not `hour12: false`, which writes midnight as 24:00 in some engines.
		hourCycle: 'h23'
	}).formatToParts(ms);
	const part = (type: Intl.DateTimeFormatPartTypes) =>
		parts.find((p) => p.type === type)?.value ?? '';
	return {
		date: `${part('year')}-${part('month')}-${part('day')}`,
		time: `${part('hour')}:${part('minute')}`
	};
}
