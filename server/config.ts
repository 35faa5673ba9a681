import path from 'node:path';

/** Configuration from the environment, parsed once at start (README: Configuration). */
export interface Config {
	readonly port: number;
	readonly host: string;
	readonly dataDir: string;
	/** Origin used in links handed out (participant and facilitator URLs); null: the request's own origin. */
	readonly publicUrl: string | null;
	readonly store: 'sqlite' | 'memory';
	/** Trust X-Forwarded-For and X-Forwarded-Proto from a reverse proxy. */
	readonly trustProxy: boolean;
	/** Control-plane commands each participant may send per second (a burst of six times as many; staff ten times both). */
	readonly commandRate: number;
	/** How long a board without connections stays in memory. */
	readonly boardUnloadDelayMs: number;
	readonly logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}

export class ConfigError extends Error {
	constructor(readonly problems: string[]) {
		super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
		this.name = 'ConfigError';
	}
}

type Env = Readonly<Record<string, string | undefined>>;

const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;

export function parseConfig(env: Env, cwd = process.cwd()): Config {
	const problems: string[] = [];
	const value = (name: string): string | undefined => {
		const raw = env[name];
		return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
	};

	const integer = (name: string, fallback: number, min: number, max: number): number => {
		const raw = value(name);
		if (raw === undefined) return fallback;
		// Decimal digits only: Number() would also take 0x1010, 1e3 or 0b11.
		const parsed = /^-?\d+$/.test(raw) ? Number(raw) : NaN;
		if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
			problems.push(`${name} must be an integer from ${min} to ${max}, not "${raw}"`);
			return fallback;
		}
		return parsed;
	};

	const flag = (name: string): boolean => {
		const raw = value(name)?.toLowerCase();
		if (raw === undefined) return false;
		if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
		if (['0', 'false', 'no', 'off'].includes(raw)) return false;
		problems.push(`${name} must be true or false (or 1/0, yes/no, on/off), not "${raw}"`);
		return false;
	};

	let publicUrl: string | null = null;
	const rawUrl = value('PUBLIC_URL');
	if (rawUrl !== undefined) {
		try {
			const url = new URL(rawUrl);
			if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
			if (url.pathname !== '/' || url.search || url.hash) throw new Error('path');
			publicUrl = url.origin;
		} catch {
			problems.push(
				`PUBLIC_URL must be an http(s) origin such as https://fokus.example.org, not "${rawUrl}"`
			);
		}
	}

	const store = value('STORE') ?? 'sqlite';
	if (store !== 'sqlite' && store !== 'memory') {
		problems.push(`STORE must be sqlite or memory, not "${store}"`);
	}

	const logLevel = value('LOG_LEVEL') ?? 'info';
	if (!(LOG_LEVELS as readonly string[]).includes(logLevel)) {
		problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
	}

	const config: Config = {
		port: integer('PORT', 3000, 0, 65535),
		host: value('HOST') ?? '0.0.0.0',
		dataDir: path.resolve(cwd, value('DATA_DIR') ?? 'data'),
		publicUrl,
		store: store === 'memory' ? 'memory' : 'sqlite',
		trustProxy: flag('TRUST_PROXY'),
		commandRate: integer('COMMAND_RATE', 5, 1, 100_000),
		boardUnloadDelayMs: integer('BOARD_UNLOAD_DELAY_MS', 10_000, 0, 3_600_000),
		logLevel: (LOG_LEVELS as readonly string[]).includes(logLevel)
			? (logLevel as Config['logLevel'])
			: 'info'
	};
	if (problems.length > 0) throw new ConfigError(problems);
	return config;
}
