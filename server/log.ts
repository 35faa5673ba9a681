import type { Config } from './config';

/**
 * Structured one-line JSON logs. Callers pass facts, never tokens, cookies or
 * request URLs with query strings: those may carry credentials.
 */
export interface Logger {
	debug(event: string, fields?: Record<string, unknown>): void;
	info(event: string, fields?: Record<string, unknown>): void;
	warn(event: string, fields?: Record<string, unknown>): void;
	error(event: string, fields?: Record<string, unknown>): void;
}

const RANK = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const;

export function createLogger(level: Config['logLevel']): Logger {
	const write =
		(name: Exclude<keyof typeof RANK, 'silent'>) =>
		(event: string, fields?: Record<string, unknown>): void => {
			if (RANK[name] < RANK[level]) return;
			const line = JSON.stringify({
				time: new Date().toISOString(),
				level: name,
				event,
				...fields
			});
			if (RANK[name] >= RANK.warn) process.stderr.write(line + '\n');
			else process.stdout.write(line + '\n');
		};
	return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export function errorFields(error: unknown): Record<string, unknown> {
	return error instanceof Error
		? { error: error.message, stack: error.stack }
		: { error: String(error) };
}
