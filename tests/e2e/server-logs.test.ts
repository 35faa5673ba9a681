import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, spawnUntilStarted, tempDataDir } from '../helpers/server';
import { describeInBrowser } from './support';

const data = tempDataDir();
afterAll(() => rmSync(data.dir, { recursive: true, force: true }));

/** Every line the production build writes, split as a log collector would. */
async function logLines(
	level: string,
	visit: (url: string) => Promise<void>
): Promise<{ lines: string[]; alive: boolean }> {
	const { child, url } = await spawnUntilStarted([path.join(ROOT, 'build/server.js')], {
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: data.dir,
		LOG_LEVEL: level
	});
	let out = '';
	child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
	try {
		await visit(url);
		await new Promise((resolve) => setTimeout(resolve, 300));
		return { lines: out.split('\n').filter((line) => line.trim()), alive: child.exitCode === null };
	} finally {
		child.kill('SIGTERM');
	}
}

const visitBadAddresses = async (url: string) => {
	expect((await fetch(url + '/nowhere/at-all?token=secret-in-query')).status).toBe(404);
	expect((await fetch(url + '/j/%ZZ?token=secret-in-query')).status).toBe(400);
	expect((await fetch(url + '/healthz')).status).toBe(200);
};

describeInBrowser('the production build’s log', () => {
	it('stays quiet about pages nobody has and addresses that do not decode', async () => {
		const { lines, alive } = await logLines('info', visitBadAddresses);
		expect(alive).toBe(true);
		// Before: SvelteKit's own coloured "[404] GET /nowhere/at-all" and a stack per bad address.
		expect(lines.join('\n')).not.toContain('nowhere');
		expect(lines.join('\n')).not.toContain('%ZZ');
		for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
	});

	it('names them as JSON lines at debug level, without the query', async () => {
		const { lines } = await logLines('debug', visitBadAddresses);
		const refused = lines
			.map((line) => JSON.parse(line) as Record<string, unknown>)
			.filter((entry) => entry.event === 'page.refused');
		expect(refused).toEqual([
			expect.objectContaining({
				level: 'debug',
				status: 404,
				method: 'GET',
				path: '/nowhere/at-all'
			}),
			expect.objectContaining({ level: 'debug', status: 400, method: 'GET', path: '/j/%ZZ' })
		]);
		expect(lines.join('\n')).not.toContain('secret-in-query');
	});
});
