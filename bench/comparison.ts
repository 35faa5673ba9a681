/**
 * Comparing sessions (POST /api/comparisons/:format): how long the server's
 * event loop is busy with one request, stage by stage — by default 20 exports of
 * 1,000 cards and three closed rounds each (the Musterstadt session repeated,
 * tests/helpers/sample-export.ts, each file with a session id of its own). The
 * stages are what a comparison takes: parse the body, read each file as the
 * import reads it, build the comparison and write the CSV or the workbook. The
 * server runs all of them in the export worker (server/exports/comparison-job.ts),
 * so that its main thread only reads the body; here they run one after another
 * in one thread, to see what each costs.
 *
 *   npx tsx bench/comparison.ts [--sessions 20] [--cards 1000] [--rounds 3] [--runs 5] [--no-xlsx]
 *
 * Peak memory (maxRSS) is the process's: run once with --no-xlsx to see the CSV's alone.
 *
 * Times are wall-clock medians of `runs` after a cold run, on one core.
 */
import { parseArgs } from 'node:util';
import { writeComparisonXlsx } from '../server/exports/comparison-xlsx';
import { buildExportModel } from '../src/lib/domain/export/build';
import { buildComparison } from '../src/lib/domain/export/comparison';
import { writeComparisonCsv } from '../src/lib/domain/export/comparison-csv';
import { writeJson } from '../src/lib/domain/export/json';
import { ComparisonRequest, parseComparedDocuments } from '../src/lib/protocol/comparison';
import { sampleExportInput } from '../tests/helpers/sample-export';
import { fixed, median, table } from './lib/stats';

const { values } = parseArgs({
	options: {
		sessions: { type: 'string', default: '20' },
		cards: { type: 'string', default: '1000' },
		rounds: { type: 'string', default: '3' },
		runs: { type: 'string', default: '5' },
		'no-xlsx': { type: 'boolean', default: false }
	}
});
const SESSIONS = Number(values.sessions);
const RUNS = Number(values.runs);

const model = buildExportModel(
	sampleExportInput({ cards: Number(values.cards), rounds: Number(values.rounds) }),
	{ locale: 'de', named: false, delimiter: ';' }
);
const file = JSON.parse(writeJson(model).body as string) as { session: { id: string } };
const body = JSON.stringify({
	sessions: Array.from({ length: SESSIONS }, (_, i) => ({
		...file,
		session: { ...file.session, id: `session-${i + 1}` }
	})),
	lang: 'de',
	delimiter: 'semicolon'
});

const stages = ['parse body', 'read files', 'compare', 'write CSV', 'up to the CSV', 'write XLSX'];
const times = new Map<string, number[]>(stages.map((s) => [s, []]));
let csvBytes = 0;
let xlsxBytes = 0;
for (let run = 0; run <= RUNS; run++) {
	const t0 = performance.now();
	const request = ComparisonRequest.parse(JSON.parse(body));
	const t1 = performance.now();
	const documents = parseComparedDocuments(request.sessions);
	if (!documents.ok) throw new Error('the files were refused');
	const t2 = performance.now();
	const built = buildComparison(documents.value, { locale: 'de', now: Date.now() });
	if (!built.ok) throw new Error('the comparison was refused');
	const t3 = performance.now();
	const csv = writeComparisonCsv(built.value, { delimiter: ';' });
	const t4 = performance.now();
	const xlsx = values['no-xlsx'] ? null : await writeComparisonXlsx(built.value);
	const t5 = performance.now();
	csvBytes = Buffer.byteLength(csv.body);
	xlsxBytes = xlsx ? Buffer.byteLength(xlsx.body) : NaN;
	if (run === 0) continue;
	const put = (stage: string, ms: number) => times.get(stage)!.push(ms);
	put('parse body', t1 - t0);
	put('read files', t2 - t1);
	put('compare', t3 - t2);
	put('write CSV', t4 - t3);
	put('up to the CSV', t4 - t0);
	if (xlsx) put('write XLSX', t5 - t4);
}

console.log(
	`${SESSIONS} exports of ${model.cards.length} cards and ${model.votingRounds.length} rounds; ` +
		`request body ${fixed(Buffer.byteLength(body) / 2 ** 20, 1)} MiB, CSV ${fixed(csvBytes / 2 ** 20, 1)} MiB, ` +
		`XLSX ${fixed(xlsxBytes / 2 ** 20, 1)} MiB; median of ${RUNS} runs after a cold one, Node ${process.version}\n`
);
console.log(
	table(
		['stage', 'median ms', 'max ms'],
		stages.map((s) => [s, fixed(median(times.get(s)!), 0), fixed(Math.max(...times.get(s)!), 0)])
	)
);
console.log(`\npeak RSS ${fixed(process.resourceUsage().maxRSS / 1024, 0)} MB`);
