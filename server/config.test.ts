import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

describe('configuration from the environment', () => {
	it('has defaults that run on SQLite in ./data on port 3000', () => {
		const config = parseConfig({}, '/srv/fokus');
		expect(config).toMatchObject({
			port: 3000,
			host: '0.0.0.0',
			dataDir: '/srv/fokus/data',
			publicUrl: null,
			store: 'sqlite',
			trustProxy: false,
			commandRate: 5
		});
	});

	it('reads every documented variable', () => {
		const config = parseConfig(
			{
				PORT: '8080',
				HOST: '127.0.0.1',
				DATA_DIR: '/var/lib/fokusrunde',
				PUBLIC_URL: 'https://fokus.example.org/',
				STORE: 'memory',
				TRUST_PROXY: 'true',
				BOARD_UNLOAD_DELAY_MS: '0',
				LOG_LEVEL: 'warn',
				COMMAND_RATE: '20'
			},
			'/srv'
		);
		expect(config).toEqual({
			port: 8080,
			host: '127.0.0.1',
			dataDir: path.resolve('/var/lib/fokusrunde'),
			publicUrl: 'https://fokus.example.org',
			store: 'memory',
			trustProxy: true,
			commandRate: 20,
			boardUnloadDelayMs: 0,
			logLevel: 'warn'
		});
	});

	it('treats empty values as unset', () => {
		expect(parseConfig({ PORT: '', PUBLIC_URL: ' ' }).port).toBe(3000);
	});

	it('takes a port in decimal digits only', () => {
		for (const port of ['0x1010', '1e3', '0b11', '80.5', '-1', '99999'])
			expect(() => parseConfig({ PORT: port }), port).toThrow(/PORT must be an integer/);
		expect(parseConfig({ PORT: ' 4102 ' }).port).toBe(4102);
	});

	it('names every problem at once', () => {
		try {
			parseConfig({
				PORT: 'http',
				PUBLIC_URL: 'fokus.example.org/x',
				STORE: 'oracle',
				TRUST_PROXY: 'maybe'
			});
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(ConfigError);
			const problems = (error as ConfigError).problems.join('\n');
			expect(problems).toMatch(/PORT/);
			expect(problems).toMatch(/PUBLIC_URL/);
			expect(problems).toMatch(/STORE/);
			expect(problems).toMatch(/TRUST_PROXY/);
		}
	});

	it('refuses a public URL with a path, since links are built from its origin', () => {
		expect(() => parseConfig({ PUBLIC_URL: 'https://example.org/fokus' })).toThrow(/PUBLIC_URL/);
	});
});
