import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: 'build', precompress: false }),
		// Nothing of a page may come from or go to anywhere but this server (privacy by design, and
		// an injected script could not send a session's data away). SvelteKit adds a nonce or hash
		// for its own inline start-up script; styles stay 'unsafe-inline' for style attributes
		// (card positions, colours) that Svelte sets at run time.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		},
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
