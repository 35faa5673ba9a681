import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		typescript: {
			// server/, tests/ and bench/ live outside src/ but are type-checked with the app.
			config(tsconfig) {
				tsconfig.include.push('../server/**/*.ts', '../bench/**/*.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
