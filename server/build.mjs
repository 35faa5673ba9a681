// Bundles the production entry (server/main.ts) into build/server.js, beside SvelteKit's build/handler.js.
import { build } from 'esbuild';

await build({
	entryPoints: ['server/main.ts'],
	outdir: 'build',
	entryNames: 'server',
	// The export writers' libraries are imported when first used (server/exports/documents.ts):
	// their own chunks, so the server does not load them at start.
	splitting: true,
	chunkNames: 'server-chunks/[name]-[hash]',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	sourcemap: true,
	logLevel: 'warning'
});
