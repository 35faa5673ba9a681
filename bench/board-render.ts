/**
 * The board in a browser: first render of a 1,000-card board and frame times
 * while panning and while 20 remote clients move cards, in headless Chromium.
 *
 *   npm run build && npx tsx bench/board-render.ts [--cards 1000] [--movers 20] [--seconds 5] [--profile]
 *
 * With --profile, the page's JavaScript is sampled during the first render and while cards
 * move, and the functions with the most self time are printed (build without minifying to
 * read their names).
 *
 * The production build runs in its own process; the cards are written by the
 * facilitator through a stock y-websocket client; the page is the facilitator's
 * canvas at 1440×900. Frame times are the gaps between requestAnimationFrame
 * callbacks in the page (headless Chromium still paces them by the display rate).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { AREA_IDS } from '../src/lib/domain/board/areas';
import { createCard, moveCard, readCards } from '../src/lib/domain/board/cards';
import type { CreateSessionResponse } from '../src/lib/protocol/api';
import { launchChromium } from '../tests/helpers/browser';
import { profileTop, renderingTop } from './lib/cpu-profile';
import { fixed, percentile, table } from './lib/stats';
import { ROOT, freePort, tempDataDir } from './lib/targets';

const { values } = parseArgs({
	options: {
		cards: { type: 'string', default: '1000' },
		movers: { type: 'string', default: '20' },
		seconds: { type: 'string', default: '5' },
		profile: { type: 'boolean', default: false }
	}
});
const CARDS = Number(values.cards);
const MOVERS = Number(values.movers);
const SECONDS = Number(values.seconds);

const data = tempDataDir();
const port = await freePort();
const server = spawn(process.execPath, [path.join(ROOT, 'build/server.js')], {
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: data.dir,
		LOG_LEVEL: 'warn'
	},
	stdio: 'ignore'
});
const base = `http://127.0.0.1:${port}`;
for (let i = 0; ; i++) {
	try {
		if ((await fetch(base + '/healthz')).ok) break;
	} catch {
		// not up yet
	}
	if (i > 100) throw new Error('server did not start');
	await new Promise((resolve) => setTimeout(resolve, 100));
}

function client(boardId: string, token: string) {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(base.replace('http', 'ws') + '/yjs', boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token },
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	return { doc, provider, synced };
}

const browser = await launchChromium();
try {
	const session = (await (
		await fetch(base + '/api/sessions', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Großes Board', template: 'blank' })
		})
	).json()) as CreateSessionResponse;
	// The facilitator's cards name the facilitator as their author.
	const { me } = (await (
		await fetch(`${base}/api/sessions/${session.id}`, {
			headers: { authorization: `Bearer ${session.facilitatorToken}` }
		})
	).json()) as { me: { participantId: string } };
	const seeder = client(session.boardId, session.facilitatorToken);
	await seeder.synced;
	seeder.doc.transact(() => {
		for (let i = 0; i < CARDS; i++)
			createCard(seeder.doc, {
				id: `card${i}`,
				area: AREA_IDS[i % 3]!,
				authorId: me.participantId,
				createdAt: i,
				text: `Karte ${i}: ${'Beschaffung fair und nachhaltig gestalten '.slice(0, 20 + (i % 40))}`,
				x: (i % 3) * 512 + 24 + (Math.floor(i / 3) % 2) * 216,
				y: 80 + Math.floor(i / 6) * 140
			});
	});
	const check = client(session.boardId, session.facilitatorToken);
	await check.synced;
	while (readCards(check.doc).length < CARDS) await new Promise((r) => setTimeout(r, 50));
	check.provider.destroy();

	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		locale: 'de-DE'
	});
	const page = await context.newPage();
	await page.goto(session.facilitatorUrl);
	await page
		.getByRole('heading', { name: 'Herausforderungen', level: 2 })
		.waitFor({ timeout: 60_000 });
	// First render: from the start of a reload to all cards in the DOM, by the page's own clock.
	const started = Date.now();
	await page.reload();
	const rendered = () =>
		page.waitForFunction(
			(count) =>
				document.querySelectorAll('article[data-card-id]').length >= count
					? performance.now()
					: false,
			CARDS,
			{ timeout: 120_000, polling: 'raf' }
		);
	const done = await rendered();
	const renderMs = (await done.jsonValue()) as number;
	const renderWallMs = Date.now() - started;

	// A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
	const frames = (action: 'idle' | 'pan') =>
		page.evaluate(`new Promise((resolve) => {
			const board = document.querySelector('.board');
			const gaps = [];
			let last = performance.now();
			const end = last + ${SECONDS * 1000};
			requestAnimationFrame(function tick(now) {
				gaps.push(now - last);
				last = now;
				if (${action === 'pan'}) {
					const t = (now % 4000) / 4000;
					board.scrollTop = (board.scrollHeight - board.clientHeight) * Math.abs(2 * t - 1);
				}
				if (now < end) requestAnimationFrame(tick);
				else resolve(gaps.slice(1));
			});
		})`) as Promise<number[]>;
	const summary = (gaps: number[]) => {
		const sorted = Float64Array.from(gaps).sort();
		const under = gaps.filter((g) => g < 16.7 + 0.5).length / gaps.length;
		return [
			String(gaps.length),
			fixed(percentile(sorted, 50), 1),
			fixed(percentile(sorted, 95), 1),
			fixed(percentile(sorted, 99), 1),
			`${fixed(under * 100, 0)} %`
		];
	};
	const idle = await frames('idle');
	const pan = await frames('pan');

	// 20 remote clients, each moving its own share of cards once a second.
	const movers = await Promise.all(
		Array.from({ length: MOVERS }, async () => {
			const c = client(session.boardId, session.facilitatorToken);
			await c.synced;
			return c;
		})
	);
	let moves = 0;
	const timers = movers.map((mover, m) =>
		setInterval(() => {
			const id = `card${(m * 37 + moves++) % CARDS}`;
			moveCard(
				mover.doc,
				id,
				24 + Math.round(Math.random() * 200),
				80 + Math.round(Math.random() * 8000)
			);
		}, 1000 / 1)
	);
	const moving = await frames('idle');
	const movingProfile = values.profile ? await profileTop(page, () => frames('idle')) : null;
	const movingRendering = values.profile ? await renderingTop(page, () => frames('idle')) : null;
	timers.forEach(clearInterval);
	movers.forEach((m) => m.provider.destroy());
	seeder.provider.destroy();

	console.log(
		`\n${CARDS} cards, canvas at 1440×900, first render ${fixed(renderMs, 0)} ms after navigation start (${fixed(renderWallMs, 0)} ms wall from reload)\n`
	);
	console.log(
		table(
			['frames', 'count', 'p50 ms', 'p95 ms', 'p99 ms', '≤ 16.7 ms'],
			[
				['idle', ...summary(idle)],
				['panning (scrolling the board)', ...summary(pan)],
				[`${MOVERS} remote clients moving cards, ${moves} moves`, ...summary(moving)]
			]
		)
	);
	if (values.profile) {
		const first = await profileTop(page, async () => {
			await page.reload();
			await rendered();
		});
		const head = ['function (self time)', 'ms', 'share'];
		console.log('\nfirst render (a second reload)\n' + table(head, first));
		console.log(`\nwhile ${MOVERS} clients move cards\n` + table(head, movingProfile!));
		console.log(
			`\nthe main thread while they move cards (trace events, nested ones counted in each)\n` +
				table(['event', 'ms'], movingRendering!)
		);
	}
} finally {
	await browser.close();
	server.kill('SIGTERM');
	data.remove();
}
// Something of the y-websocket clients outlives destroy() and keeps Node running: end here.
process.exit(0);
