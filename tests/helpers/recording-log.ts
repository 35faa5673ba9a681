import type { Logger } from '../../server/log';

/** A line the server logged, as the JSON it writes would say it. */
export type LoggedLine = { level: string; event: string; [field: string]: unknown };

/** A logger for a server started in the test's process, keeping every line for the test to read. */
export function recordingLog(): { log: Logger; lines: LoggedLine[] } {
	const lines: LoggedLine[] = [];
	const record =
		(level: string) =>
		(event: string, fields: Record<string, unknown> = {}) =>
			lines.push({ level, event, ...fields });
	return {
		lines,
		log: {
			debug: record('debug'),
			info: record('info'),
			warn: record('warn'),
			error: record('error')
		}
	};
}
