// Bundles the production entry (server/main.ts) into build/server.js, beside SvelteKit's build/handler.js,
// and the export worker (server/exports/worker.ts) into build/export-worker.js.
import { build } from 'esbuild';

await build({
	entryPoints: [
		{ in: 'server/main.ts', out: 'server' },
		{ in: 'server/exports/worker.ts', out: 'export-worker' }
	],
	outdir: 'build',
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
