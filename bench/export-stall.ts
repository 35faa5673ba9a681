/**
 * How long an export holds up the server's main thread — and with it every
 * board's sync — rendered there or in the export worker (as the production
 * server does). For each heavy format: the longest gap between two ticks of a
 * 1 ms timer on the main thread while one export of a big session renders
 * (the libraries already loaded), and the export's wall-clock time.
 *
 *   npm run bench:export-stall -- [--cards 1000] [--rounds 3] [--runs 5]
 */
import { parseArgs } from 'node:util';
import { documentWriters } from '../server/exports/documents';
import { ExportWorker } from '../server/exports/export-worker';
import { HEAVY_FORMATS, type HeavyFormat } from '../server/exports/heavy';
import { buildExportModel } from '../src/lib/domain/export/build';
import type { ExportFile, ExportOptions } from '../src/lib/domain/export/model';
import { DEFAULT_TIME_ZONE } from '../src/lib/domain/export/time-zone';
import { sampleExportInput } from '../tests/helpers/sample-export';
import { fixed, median, table } from './lib/stats';

const OPTIONS: ExportOptions = {
	locale: 'de',
	named: false,
	delimiter: ';',
	timeZone: DEFAULT_TIME_ZONE
};
const { values } = parseArgs({
	options: {
		cards: { type: 'string', default: '1000' },
		rounds: { type: 'string', default: '3' },
		runs: { type: 'string', default: '5' }
	}
});
const model = buildExportModel(
	sampleExportInput({ cards: Number(values.cards), rounds: Number(values.rounds) }),
	OPTIONS
);
const RUNS = Number(values.runs);

/** Runs an export while a 1 ms timer measures the longest stall of this thread. */
async function stallOf(
	render: () => Promise<ExportFile>
): Promise<{ stallMs: number; ms: number }> {
	let last = performance.now();
	let longest = 0;
	const timer = setInterval(() => {
		const now = performance.now();
		longest = Math.max(longest, now - last);
		last = now;
	}, 1);
	const start = performance.now();
	await render();
	const ms = performance.now() - start;
	clearInterval(timer);
	longest = Math.max(longest, performance.now() - last);
	return { stallMs: longest, ms };
}

const worker = new ExportWorker(new URL('../server/exports/worker.ts', import.meta.url));
const rows: string[][] = [];
for (const format of HEAVY_FORMATS) {
	const ways: [string, (f: HeavyFormat) => Promise<ExportFile>][] = [
		['main thread', async (f) => documentWriters[f](model, OPTIONS)],
		['export worker', (f) => worker.render(f, model, OPTIONS)]
	];
	for (const [way, render] of ways) {
		await render(format); // libraries and fonts loaded
		const runs = [];
		for (let i = 0; i < RUNS; i++) runs.push(await stallOf(() => render(format)));
		rows.push([
			format,
			way,
			fixed(median(runs.map((r) => r.stallMs)), 1),
			fixed(Math.max(...runs.map((r) => r.stallMs)), 1),
			fixed(median(runs.map((r) => r.ms)), 0)
		]);
	}
}
await worker.close();
console.log(
	`Export stalls: ${model.cards.length} cards, ${values.rounds} rounds, ${RUNS} runs each, Node ${process.version}\n`
);
console.log(
	table(
		[
			'format',
			'rendered in',
			'longest stall ms (median)',
			'longest stall ms (max)',
			'export ms (median)'
		],
		rows
	)
);
