import { cpSync, mkdirSync, mkdtempSync, rmSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, spawnUntilStarted, tempDataDir } from '../helpers/server';
import { describeInBrowser } from './support';

const copies: string[] = [];
afterAll(() => copies.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describeInBrowser('deploying a new build under a running server', () => {
	it('answers a client file the new build removed with 404 and keeps serving', async () => {
		// A copy of the build, so that removing a file from it disturbs no other test; within the
		// project, so that it finds the project's packages as build/ does.
		const cache = path.join(ROOT, 'node_modules', '.cache');
		mkdirSync(cache, { recursive: true });
		const build = mkdtempSync(path.join(cache, 'fokusrunde-build-'));
		copies.push(build);
		cpSync(path.join(ROOT, 'build'), build, { recursive: true });
		const data = tempDataDir();
		copies.push(data.dir);
		const { child, url } = await spawnUntilStarted([path.join(build, 'server.js')], {
			PORT: '0',
			HOST: '127.0.0.1',
			DATA_DIR: data.dir
		});
		try {
			const response = await fetch(url + '/');
			// Pages load nothing from, and send nothing to, anywhere but this server.
			const policy = response.headers.get('content-security-policy') ?? '';
			expect(policy).toContain("default-src 'self'");
			expect(policy).toContain("connect-src 'self'");
			expect(policy).toMatch(/script-src 'self' 'nonce-[^']+'/);
			expect(policy).toContain("frame-ancestors 'none'");
			const page = await response.text();
			const asset = /\/_app\/immutable\/[^"']+\.js/.exec(page)?.[0];
			expect(asset).toBeDefined();
			expect((await fetch(url + asset)).status).toBe(200);

			// The new build replaces the hashed files while this server still runs.
			unlinkSync(path.join(build, 'client', asset!));
			expect((await fetch(url + asset)).status).toBe(404);
			expect((await fetch(url + asset)).status).toBe(404);
			expect((await fetch(url + '/healthz')).status).toBe(200);
			expect(child.exitCode).toBeNull();
		} finally {
			child.kill('SIGTERM');
		}
	});

	it('stops when a service manager signals `npm start` alone, as Docker does', async () => {
		const data = tempDataDir();
		copies.push(data.dir);
		const { child: npm, url } = await spawnUntilStarted(
			['start', '--silent'],
			{ PORT: '0', HOST: '127.0.0.1', DATA_DIR: data.dir },
			'npm'
		);
		const exited = new Promise((resolve) => npm.once('exit', resolve));
		expect((await fetch(url + '/healthz')).status).toBe(200);
		npm.kill('SIGTERM');
		await exited;
		// The server went with npm: nothing answers there any more (it held DATA_DIR's lock too).
		await expect
			.poll(
				() =>
					fetch(url + '/healthz').then(
						() => 'answering',
						() => 'gone'
					),
				{ timeout: 5000 }
			)
			.toBe('gone');
	});
});
