import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { fokusrundeRealtime } from './server/dev-plugin.ts';

export default defineConfig({
	plugins: [fokusrundeRealtime(), sveltekit()],
	// The build's plugin-timing report is noise on a two-core machine; the build takes seconds.
	build: { rolldownOptions: { checks: { pluginTimings: false } } },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'server/**/*.test.ts'],
					environment: 'node'
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts', 'tests/contract/**/*.test.ts'],
					environment: 'node',
					setupFiles: ['tests/helpers/close-boards.ts'],
					// Some tests start server processes (tsx) or render pictures: on two busy cores
					// that took more than 20 s now and then.
					testTimeout: 45_000,
					hookTimeout: 45_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					setupFiles: ['tests/helpers/close-boards.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
					// One browser is enough on a two-core machine; files run one after another.
					fileParallelism: false,
					// After the other projects, not beside them: their servers starting and stopping
					// on two cores made the browser tests slow enough to miss their waits.
					sequence: { groupOrder: 1 }
				}
			}
		]
	}
});
