import type { Page } from 'playwright-core';

interface ProfileNode {
	id: number;
	callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
	children?: number[];
}
interface Profile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

/**
 * Samples the page's JavaScript while `during` runs (Chromium's profiler over
 * CDP) and returns the functions with the most self time, as table rows.
 */
export async function profileTop(
	page: Page,
	during: () => Promise<unknown>,
	top = 15
): Promise<string[][]> {
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Profiler.enable');
	await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
	await cdp.send('Profiler.start');
	await during();
	const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
	await cdp.detach();
	const byId = new Map(profile.nodes.map((n) => [n.id, n]));
	const self = new Map<string, number>();
	let total = 0;
	profile.samples.forEach((id, i) => {
		const frame = byId.get(id)!.callFrame;
		if (frame.functionName === '(idle)' || frame.functionName === '(program)') return;
		const file = frame.url.split('/').pop() ?? '';
		const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
		const ms = (profile.timeDeltas[i] ?? 0) / 1000;
		self.set(key, (self.get(key) ?? 0) + ms);
		total += ms;
	});
	return [...self]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([key, ms]) => [
			key,
			(Math.round(ms * 10) / 10).toFixed(1),
			`${Math.round((ms / total) * 100)} %`
		]);
}

/**
 * Where the page's main thread spends its time while `during` runs, by the
 * browser's own trace events (script, style, layout, paint), as table rows.
 */
export async function renderingTop(
	page: Page,
	during: () => Promise<unknown>,
	top = 12
): Promise<string[][]> {
	const browser = page.context().browser()!;
	await browser.startTracing(page, { categories: ['devtools.timeline'] });
	await during();
	const buffer = await browser.stopTracing();
	const { traceEvents } = JSON.parse(buffer.toString()) as {
		traceEvents: { name: string; ph: string; dur?: number; tid: number; pid: number }[];
	};
	// The renderer's main thread: the one that ran the most script.
	const threads = new Map<string, number>();
	for (const e of traceEvents)
		if (e.name === 'FunctionCall' && e.dur)
			threads.set(`${e.pid}:${e.tid}`, (threads.get(`${e.pid}:${e.tid}`) ?? 0) + e.dur);
	const main = [...threads].sort((a, b) => b[1] - a[1])[0]?.[0];
	const byName = new Map<string, number>();
	for (const e of traceEvents)
		if (e.ph === 'X' && e.dur && `${e.pid}:${e.tid}` === main)
			byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
	return [...byName]
		.sort((a, b) => b[1] - a[1])
		.slice(0, top)
		.map(([name, ms]) => [name, ms.toFixed(1)]);
}
