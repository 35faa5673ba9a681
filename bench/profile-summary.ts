/**
 * Where a measured process spent its time: reads a .cpuprofile written by
 * `npm run bench -- --profile` and prints self and inclusive time per function,
 * and self time per source (our code, yjs, lib0, ws, better-sqlite3, node).
 *
 *   npx tsx bench/profile-summary.ts bench/results/<stamp>-fokusrunde-1.cpuprofile [--top 40]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fixed, table } from './lib/stats';

interface ProfileNode {
	readonly id: number;
	readonly callFrame: {
		readonly functionName: string;
		readonly url: string;
		readonly lineNumber: number;
	};
	readonly children?: number[];
}

interface Profile {
	readonly nodes: ProfileNode[];
	readonly startTime: number;
	readonly endTime: number;
	readonly samples: number[];
	readonly timeDeltas: number[];
}

function keyOf(node: ProfileNode): string {
	const { functionName, url, lineNumber } = node.callFrame;
	const file = url.replace(/^file:\/\/.*?\/(node_modules\/|server\/|src\/|bench\/)/, '$1');
	return `${functionName || '(anonymous)'} ${file ? `${file}:${lineNumber + 1}` : ''}`.trim();
}

function sourceOf(node: ProfileNode): string {
	const { url, functionName } = node.callFrame;
	if (!url) return functionName.startsWith('(') ? functionName : '(native)';
	const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
	if (pkg) return pkg[1]!;
	if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
	const own = /\/(server|src|bench)\//.exec(url);
	return own ? own[1]! + '/' : url;
}

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { top: { type: 'string', default: '40' } }
});
const file = positionals[0];
if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [--top N]');
const top = Number(values.top);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const node of profile.nodes)
	for (const child of node.children ?? []) parent.set(child, node.id);

const self = new Map<string, number>();
const inclusive = new Map<string, number>();
const sources = new Map<string, number>();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
	// A sample's time is the gap to the next sample.
	const micros = profile.timeDeltas[i + 1] ?? 0;
	const leaf = byId.get(profile.samples[i]!)!;
	total += micros;
	const leafKey = keyOf(leaf);
	self.set(leafKey, (self.get(leafKey) ?? 0) + micros);
	const source = sourceOf(leaf);
	sources.set(source, (sources.get(source) ?? 0) + micros);
	const seen = new Set<string>();
	for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
		const key = keyOf(byId.get(id)!);
		if (seen.has(key)) continue;
		seen.add(key);
		inclusive.set(key, (inclusive.get(key) ?? 0) + micros);
	}
}

const idle = self.get('(idle)') ?? 0;
const busy = total - idle;
const pct = (micros: number) => fixed((100 * micros) / busy, 1);
const rows = (map: Map<string, number>) =>
	[...map]
		.filter(([key]) => key !== '(idle)' && key !== '(root)')
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([key, micros]) => [key, fixed(micros / 1000, 1), pct(micros)]);

process.stdout.write(
	`${file}: ${fixed(total / 1e6, 2)} s profiled, ${fixed(busy / 1000, 0)} ms busy (percentages are of busy time)\n\n` +
		'Self time by source\n' +
		table(['source', 'ms', '%'], rows(sources)) +
		'\n\nSelf time by function\n' +
		table(['function', 'ms', '%'], rows(self)) +
		'\n\nInclusive time by function\n' +
		table(['function', 'ms', '%'], rows(inclusive)) +
		'\n'
);
