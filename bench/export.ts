/**
 * Export speed: how long an export of a big session takes in each format — by
 * default 1,000 cards and three closed voting rounds (the Musterstadt session
 * repeated, tests/helpers/sample-export.ts). An export is what the route does
 * after gathering its input: build the model from the board's document and the
 * rounds, then write the format.
 *
 *   npm run bench:export -- [--cards 1000] [--rounds 3] [--runs 5] [--format pdf]
 *
 * Each format runs in a process of its own, so that its peak memory (maxRSS)
 * is its own: the process builds the model, writes once cold (the first export
 * after a start, with fonts and libraries still to load), then `runs` more
 * times; the median of those is the figure. Times are wall-clock, on one core.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { EXPORT_WRITERS } from '../server/exports/index';
import { buildExportModel } from '../src/lib/domain/export/build';
import {
	EXPORT_FORMATS,
	type ExportFormat,
	type ExportOptions
} from '../src/lib/domain/export/model';
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
		runs: { type: 'string', default: '5' },
		format: { type: 'string' },
		child: { type: 'boolean', default: false }
	}
});
const CARDS = Number(values.cards);
const ROUNDS = Number(values.rounds);
const RUNS = Number(values.runs);

interface Measurement {
	format: string;
	bytes: number;
	/** Building the model alone, median. */
	modelMs: number;
	firstMs: number;
	medianMs: number;
	maxMs: number;
	baseRssMb: number;
	peakRssMb: number;
}

async function measure(format: ExportFormat): Promise<Measurement> {
	const input = sampleExportInput({ cards: CARDS, rounds: ROUNDS });
	const writer = EXPORT_WRITERS[format];
	const baseRssMb = process.memoryUsage().rss / 2 ** 20;
	const modelTimes: number[] = [];
	const time = async () => {
		const start = performance.now();
		const model = buildExportModel(input, OPTIONS);
		modelTimes.push(performance.now() - start);
		const file = await writer(model, OPTIONS);
		return { ms: performance.now() - start, bytes: Buffer.byteLength(file.body) };
	};
	const first = await time();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) times.push((await time()).ms);
	return {
		format,
		bytes: first.bytes,
		modelMs: median(modelTimes.slice(1)),
		firstMs: first.ms,
		medianMs: median(times),
		maxMs: Math.max(...times),
		baseRssMb,
		// maxRSS is in kilobytes.
		peakRssMb: process.resourceUsage().maxRSS / 1024
	};
}

if (values.child) {
	const result = await measure(values.format as ExportFormat);
	process.stdout.write(JSON.stringify(result));
} else {
	const formats = values.format ? [values.format as ExportFormat] : EXPORT_FORMATS;
	const model = buildExportModel(sampleExportInput({ cards: CARDS, rounds: ROUNDS }), OPTIONS);
	console.log(
		`Export of ${model.cards.length} cards, ${model.clusters.length} clusters, ` +
			`${model.connectors.length} connectors, ${model.votingRounds.length} voting rounds, ` +
			`${model.participants.length} participants; ${RUNS} runs after a cold one, Node ${process.version}\n`
	);
	const rows: string[][] = [];
	for (const format of formats) {
		const child = spawnSync(
			process.execPath,
			[
				...process.execArgv,
				import.meta.filename,
				'--child',
				'--format',
				format,
				'--cards',
				String(CARDS),
				'--rounds',
				String(ROUNDS),
				'--runs',
				String(RUNS)
			],
			{ encoding: 'utf8', maxBuffer: 1 << 20 }
		);
		if (child.status !== 0) throw new Error(`${format}: ${child.stderr}`);
		const m = JSON.parse(child.stdout) as Measurement;
		rows.push([
			m.format,
			fixed(m.bytes / 1024, 0),
			fixed(m.modelMs, 0),
			fixed(m.firstMs, 0),
			fixed(m.medianMs, 0),
			fixed(m.maxMs, 0),
			fixed(m.baseRssMb, 0),
			fixed(m.peakRssMb, 0),
			m.medianMs < 2000 ? 'yes' : 'NO'
		]);
	}
	console.log(
		table(
			[
				'format',
				'size KiB',
				'model ms',
				'cold ms',
				'median ms',
				'max ms',
				'RSS before MB',
				'peak RSS MB',
				'< 2 s'
			],
			rows
		)
	);
}
