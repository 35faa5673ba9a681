import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { createCard, readCards, setNextStep } from '../../src/lib/domain/board/cards';
import { createCluster } from '../../src/lib/domain/board/clusters';
import { withoutWhitespace } from '../../src/lib/domain/export/text';
import {
	connectBoard,
	createSession,
	joinSession,
	startTestServer,
	tempDataDir,
	until
} from '../helpers/server';

/**
 * Emoji in what people write — card texts, their names, cluster titles, next
 * steps — as a facilitator downloads the PNG and the PDF: drawn, not as the boxes
 * of a font that lacks them (DejaVu Sans draws every emoji it lacks as the same
 * box), and in the PDF as text a reader finds. A server of its own, so that the
 * download limit is this file's alone.
 */
let server: RunningServer;
const data = tempDataDir();
const cleanup: (() => void)[] = [];

beforeAll(async () => {
	server = await startTestServer(data.dir);
});
afterAll(async () => {
	cleanup.forEach((fn) => fn());
	await server?.close();
	data.remove();
});

const CARDS = {
	sprout: '🌱',
	rocket: '🚀',
	coder: 'Team 👩‍💻 da',
	scientist: 'Team 👩‍🔬 da',
	thumbs: 'Gut 👍🏽 gemacht, 🇩🇪 ❤️',
	step: 'Runder Tisch 🤝'
} as const;
const NAME = 'Jana 🦊';
const CLUSTERS = { k1: '🌱 Ideen', k2: '🚀 Ideen' } as const;
const OWNER = 'Team 🐝';

async function emojiSession() {
	const s = await createSession(server.url, 'Fokusgruppe 🌍');
	const jana = await joinSession(server.url, s, NAME);
	const board = connectBoard(server.url, s.boardId, jana.token);
	cleanup.push(() => board.provider.destroy());
	await board.synced;
	for (const [id, text] of Object.entries(CARDS))
		createCard(board.doc, {
			id,
			area: id === 'step' ? 'next-steps' : 'challenges',
			text,
			authorId: jana.participantId,
			createdAt: Date.now()
		});
	const facilitator = connectBoard(server.url, s.boardId, s.facilitatorToken);
	cleanup.push(() => facilitator.provider.destroy());
	await facilitator.synced;
	await until(() => readCards(facilitator.doc).length === 6, 5000, 'the cards');
	createCluster(
		facilitator.doc,
		{ id: 'k1', area: 'challenges', title: CLUSTERS.k1, createdAt: Date.now() },
		['sprout']
	);
	createCluster(
		facilitator.doc,
		{ id: 'k2', area: 'challenges', title: CLUSTERS.k2, createdAt: Date.now() },
		['rocket']
	);
	setNextStep(facilitator.doc, 'step', {
		owner: OWNER,
		ownerGroup: 'admin',
		partners: 'Weltladen',
		due: '2026-06-30',
		answers: ['sprout']
	});
	const reader = connectBoard(server.url, s.boardId, s.facilitatorToken);
	cleanup.push(() => reader.provider.destroy());
	await reader.synced;
	await until(
		() =>
			reader.doc.getMap('clusters').size === 2 &&
			readCards(reader.doc).find((c) => c.id === 'step')?.nextStep?.owner === OWNER,
		5000,
		'the facilitator’s clusters and next step'
	);
	const download = async (format: string) => {
		const response = await fetch(`${server.url}/api/sessions/${s.id}/export/${format}?named=true`, {
			headers: { authorization: `Bearer ${s.facilitatorToken}` }
		});
		expect(response.status, format).toBe(200);
		return Buffer.from(await response.arrayBuffer());
	};
	return { download };
}

interface Box {
	x: number;
	y: number;
	width: number;
	height: number;
}

/** The SVG's place of a card (its fill) and of a cluster's title, in the SVG's units. */
function places(svg: string) {
	const view = /viewBox="(-?[\d.]+) (-?[\d.]+) ([\d.]+) ([\d.]+)"/.exec(svg)!.slice(1).map(Number);
	const escape = (text: string) => text.replace(/&/g, '&amp;');
	const card = (text: string): Box => {
		const at = svg.indexOf(`<g class="card"><title>${escape(text)}</title>`);
		expect(at, text).toBeGreaterThanOrEqual(0);
		// The first rect is the card's shadow, the second its fill.
		const fill = [
			...svg
				.slice(at)
				.matchAll(/<rect x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g)
		][1]!;
		const [x, y, width, height] = fill.slice(1).map(Number) as [number, number, number, number];
		return { x, y, width, height };
	};
	const title = (text: string): Box => {
		const match = new RegExp(
			`<text x="([\\d.-]+)" y="([\\d.-]+)" font-size="15"[^>]*>${escape(text)}</text>`
		).exec(svg);
		expect(match, text).not.toBeNull();
		const [x, y] = match!.slice(1).map(Number) as [number, number];
		return { x, y: y - 16, width: 15 * 1.5, height: 21 };
	};
	return { view: { x: view[0]!, y: view[1]! }, card, title };
}

/** The PNG's pixels in a box of the SVG, at the PNG's scale. */
function pixels(png: PNG, scale: number, origin: { x: number; y: number }, box: Box): Buffer {
	const left = Math.round((box.x - origin.x) * scale);
	const top = Math.round((box.y - origin.y) * scale);
	const width = Math.round(box.width * scale);
	const height = Math.round(box.height * scale);
	const out = Buffer.alloc(width * height * 4);
	for (let row = 0; row < height; row++) {
		const from = ((top + row) * png.width + left) * 4;
		png.data.copy(out, row * width * 4, from, from + width * 4);
	}
	return out;
}

/** How many pixels of two same-sized crops differ clearly (by more than a quarter in a channel). */
function differing(a: Buffer, b: Buffer): number {
	expect(a.length).toBe(b.length);
	let count = 0;
	for (let i = 0; i < a.length; i += 4)
		if (Math.max(...[0, 1, 2].map((c) => Math.abs(a[i + c]! - b[i + c]!))) > 64) count++;
	return count;
}

describe('emoji in the exports', () => {
	let session: Awaited<ReturnType<typeof emojiSession>>;
	beforeAll(async () => {
		session = await emojiSession();
	});

	it('are drawn in the PNG, one from another, where DejaVu Sans alone draws the same box for each', async () => {
		const svg = (await session.download('svg')).toString('utf8');
		const png = PNG.sync.read(await session.download('png'));
		const at = places(svg);
		const width = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)![1]);
		const scale = png.width / width;
		const card = (text: string) => pixels(png, scale, at.view, at.card(text));
		// Cards of the same size with one emoji each, or one emoji in the same words.
		for (const [one, other] of [
			[CARDS.sprout, CARDS.rocket],
			[CARDS.coder, CARDS.scientist]
		] as const)
			expect(differing(card(one), card(other)), `${one} / ${other}`).toBeGreaterThan(40);
		const title = (text: string) => pixels(png, scale, at.view, at.title(text));
		expect(differing(title(CLUSTERS.k1), title(CLUSTERS.k2))).toBeGreaterThan(20);
	});

	it('are text in the PDF, in the emoji font, in card texts, names, cluster titles and next steps', async () => {
		const file = path.join(data.dir, 'emoji.pdf');
		writeFileSync(file, await session.download('pdf'));
		const text = withoutWhitespace(
			execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' })
		);
		for (const written of [
			CARDS.sprout,
			CARDS.rocket,
			CARDS.coder,
			CARDS.step,
			'Gut👍',
			'🇩🇪',
			NAME,
			CLUSTERS.k1,
			CLUSTERS.k2,
			OWNER,
			'Fokusgruppe 🌍'
		])
			expect(text, written).toContain(withoutWhitespace(written));
		const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
		expect(fonts).toMatch(/NotoEmoji-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
	});
});
