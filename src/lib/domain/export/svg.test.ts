import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS, musterstadtExport } from '../../../../tests/helpers/export-fixture';
import { sampleExportInput } from '../../../../tests/helpers/sample-export';
import { setCardText } from '../board/cards';
import { buildExportModel } from './build';
import { clusterTitleObstacle } from '../board/connector-geometry';
import { clusterName } from './cluster-names';
import { pictureLayout } from './picture-layout';
import { CARD_FILL, boardPicture, cardLines, escapeXml, pictureSize, svgWriter } from './svg';

const ELEMENTS = new Set([
	'svg',
	'title',
	'defs',
	'marker',
	'path',
	'rect',
	'g',
	'text',
	'tspan',
	'line'
]);

/**
 * A strict reading of the SVG's structure: every `<` opens or closes one of the
 * elements the writer draws, tags nest, and every `&` is an entity. Text from a
 * card that slipped through unescaped breaks one of these.
 */
function checkWellFormed(svg: string): void {
	const stack: string[] = [];
	const tag = /<(\/?)([a-zA-Z]+)((?:\s+[a-zA-Z][a-zA-Z0-9-]*="[^"<>]*")*)\s*(\/?)>/y;
	let i = 0;
	while (i < svg.length) {
		const lt = svg.indexOf('<', i);
		const text = svg.slice(i, lt === -1 ? undefined : lt);
		expect(text, 'bare & in text').not.toMatch(/&(?!amp;|lt;|gt;|quot;|#39;)/);
		expect(text).not.toContain('>');
		if (lt === -1) break;
		tag.lastIndex = lt;
		const match = tag.exec(svg);
		expect(match, `tag at ${svg.slice(lt, lt + 40)}`).not.toBeNull();
		const [whole, closing, name, , selfClosing] = match!;
		expect(ELEMENTS.has(name!), name).toBe(true);
		if (closing) expect(stack.pop()).toBe(name);
		else if (!selfClosing) stack.push(name!);
		i = lt + whole.length;
	}
	expect(stack).toEqual([]);
}

describe('the board picture (SVG)', () => {
	// Two rounds: a badge must show the dots of the round the board shows, not their sum.
	const model = musterstadtExport({ hostile: true, rounds: 2 });
	const file = svgWriter(model);
	const svg = file.body as string;

	it('is well-formed SVG even with hostile card texts, names and titles', () => {
		expect(file.contentType).toBe('image/svg+xml');
		expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		checkWellFormed(svg);
		expect(svg).not.toContain('<script');
		expect(svg).not.toContain('<img');
		expect(svg).not.toContain(']]>');
	});

	it('names the shipped font first', () => {
		expect(svg).toContain('font-family="DejaVu Sans, sans-serif"');
	});

	it('draws every area, cluster and card, each card in its colour with its text', () => {
		for (const area of model.areas) expect(svg).toContain(`>${escapeXml(area.title)}</text>`);
		for (const cluster of model.clusters)
			expect(svg).toContain(`>${escapeXml(cluster.title)}</text>`);
		for (const card of model.cards) {
			expect(svg).toContain(`<title>${escapeXml(card.text)}</title>`);
			const { lines } = cardLines(card);
			expect(lines.join(' ').replace(/\s+/g, '')).toBe(card.text.replace(/\s+/g, ''));
			for (const line of lines) expect(svg).toContain(`>${escapeXml(line)}</tspan>`);
			expect(svg).toContain(
				`width="${card.width}" height="${card.height}" rx="6" fill="${CARD_FILL[card.color]}"`
			);
		}
		for (const text of HOSTILE_TEXTS.filter((t) => t.trim()))
			expect(svg).toContain(escapeXml(text));
	});

	it('puts a badge with the dots of the round the board shows on every card that has some, and a line and label for every connector', () => {
		const latest = model.votingRounds.findLast((r) => r.status === 'closed')!;
		const withDots = model.cards.filter((c) => (c.dots[latest.id] ?? 0) > 0);
		expect(
			model.cards.some(
				(c) =>
					Object.keys(c.dots).length > 1 &&
					c.dots[latest.id]! > 0 &&
					Object.values(c.dots).reduce((a, b) => a + b) > c.dots[latest.id]!
			)
		).toBe(true);
		expect(withDots.length).toBeGreaterThan(10);
		expect(svg.match(/<g class="dots">/g)).toHaveLength(withDots.length);
		for (const card of withDots) expect(svg).toContain(`>● ${card.dots[latest.id]}</text>`);
		expect(svg.match(/<line /g)).toHaveLength(model.connectors.length);
		for (const connector of model.connectors)
			expect(svg).toContain(`>${escapeXml(connector.label)}</text>`);
	});

	it('says in a badge’s title that it counts the dots of one round, and which, in the export’s language', () => {
		const badges = (picture: string) =>
			[...picture.matchAll(/<g class="dots"><title>([^<]*)<\/title>.*?>● (\d+)<\/text>/g)].map(
				([, title, dots]) => ({ title, dots: Number(dots) })
			);
		const german = badges(svg);
		expect(german.length).toBeGreaterThan(10);
		expect(german.some((b) => b.dots === 1) && german.some((b) => b.dots > 1)).toBe(true);
		for (const { title, dots } of german)
			expect(title).toBe(dots === 1 ? '1 Punkt in „Runde 2“' : `${dots} Punkte in „Runde 2“`);
		// The totals over both rounds are the protocol's and the CSV's; the picture never claims one.
		expect(svg).not.toContain('insgesamt');

		const english = badges(
			boardPicture(musterstadtExport({ hostile: true, rounds: 2, locale: 'en' })).svg
		);
		for (const { title, dots } of english)
			expect(title).toBe(dots === 1 ? '1 dot in “Round 2”' : `${dots} dots in “Round 2”`);
		expect(english.length).toBe(german.length);

		// Rounds of one title are told apart by their number, as in the CSV's columns.
		const alike = {
			...model,
			votingRounds: model.votingRounds.map((r) => ({ ...r, title: 'Priorisierung <1>' }))
		};
		for (const { title } of badges(boardPicture(alike).svg))
			expect(title).toMatch(/ in „Priorisierung &lt;1&gt; \(2\)“$/);
	});

	it('is as big as the board with a margin', () => {
		const picture = boardPicture(model);
		const right = Math.max(...model.areas.map((a) => a.x + a.width));
		const bottom = Math.max(...model.areas.map((a) => a.y + a.height));
		expect(picture.width).toBeGreaterThan(right);
		expect(picture.width).toBeLessThan(right + 100);
		expect(picture.height).toBeGreaterThan(bottom);
		expect(svg).toContain(`width="${picture.width}" height="${picture.height}"`);
	});

	it('draws card text as lines when it would be too small to read, keeping titles as text', () => {
		const small = boardPicture(model, { textAsLinesBelow: Infinity }).svg;
		expect(small).not.toContain('<tspan');
		expect(small.match(/<path fill="#1a1a1a"/g)).toHaveLength(model.cards.length);
		for (const card of model.cards)
			expect(small).toContain(`<title>${escapeXml(card.text)}</title>`);
		for (const area of model.areas) expect(small).toContain(`>${escapeXml(area.title)}</text>`);
	});

	it('fits a long card text by a smaller size and never lets it run out of the card', () => {
		const long = { text: 'Beschaffung '.repeat(40), width: 200, height: 120 };
		const { size, lines } = cardLines(long);
		expect(size).toBe(11);
		expect(lines.length * size * 1.3).toBeLessThanOrEqual(120);
		expect(lines.at(-1)!.endsWith('…')).toBe(true);
	});

	it('draws a card below a card above it that grew, with its cluster frame and connector following', () => {
		// c2 stands above c3 in the same column of cluster k1; c3 is the end of connector v3. c2 grows.
		const input = sampleExportInput();
		setCardText(
			input.board,
			'c2',
			'Große Lose schließen kleine Sozialbetriebe aus, weil sie die geforderten Mengen, ' +
				'Umsätze und Referenzen nicht nachweisen können, auch wenn sie die Leistung ' +
				'selbst gut und in der Nähe erbringen würden.'
		);
		const grown = buildExportModel(input, { locale: 'de', named: false, delimiter: ';' });
		const [c2, c3] = ['c2', 'c3'].map((id) => grown.cards.find((c) => c.id === id)!);
		expect(c2!.x).toBe(c3!.x);
		expect(c2!.y + c2!.height).toBeGreaterThan(c3!.y); // as put, c2 covers c3
		const picture = boardPicture(grown).svg;
		const drawn = (card: typeof c2) => {
			const at = new RegExp(
				`<title>${escapeXml(card!.text).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</title>\n` +
					`<rect [^>]*/>\n<rect x="([-\\d.]+)" y="([-\\d.]+)" width="[-\\d.]+" height="([-\\d.]+)"`
			).exec(picture);
			expect(at, card!.id).not.toBeNull();
			return { x: Number(at![1]), y: Number(at![2]), height: Number(at![3]) };
		};
		const top = drawn(c2);
		const below = drawn(c3);
		expect(top.y).toBe(c2!.y);
		expect(below.x).toBe(c3!.x);
		expect(below.y).toBeGreaterThanOrEqual(top.y + top.height);
		// The cluster's frame reaches below c3 where it is drawn, not where it was put.
		const frame =
			/<g class="cluster"><rect x="[-\d.]+" y="([-\d.]+)" width="[-\d.]+" height="([-\d.]+)"/.exec(
				picture
			)!;
		expect(Number(frame[1]) + Number(frame[2])).toBeGreaterThan(below.y + below.height);
		// Connector v3 (c21 → c3) ends on c3's edge where it is drawn: c3 is left of and below c21.
		const layout = pictureLayout(grown);
		const c21 = layout.cards.find((c) => c.id === 'c21')!;
		const lines = [
			...picture.matchAll(/<line x1="([-\d.]+)" y1="([-\d.]+)" x2="([-\d.]+)" y2="([-\d.]+)"/g)
		];
		const v3 = lines[grown.connectors.findIndex((c) => c.id === 'v3')]!;
		const [x2, y2] = [Number(v3[3]), Number(v3[4])];
		expect(x2).toBeCloseTo(below.x + c3!.width, 0);
		expect(y2).toBeGreaterThan(below.y);
		expect(y2).toBeLessThan(below.y + below.height);
		expect(Number(v3[1])).toBeCloseTo(c21.x, 0);
		// The picture is tall enough for the pushed cards.
		const lowest = Math.max(...layout.cards.map((c) => c.y + c.height));
		expect(pictureSize(grown).height).toBeGreaterThan(lowest);
	});

	it('keeps a connector’s label off the title of a cluster its line crosses', () => {
		// From the lowest card of k1 down to the first card of k2 below it: the line's middle lies in
		// k2's title row, between the frames, where no card is.
		const base = musterstadtExport();
		const layout = pictureLayout(base);
		const inCluster = (id: string) => layout.cards.filter((c) => c.clusterId === id);
		const last = inCluster('k1').reduce((a, b) => (b.y > a.y ? b : a));
		const first = inCluster('k2')
			.filter((c) => c.x === last.x)
			.reduce((a, b) => (b.y < a.y ? b : a));
		const connector = {
			...base.connectors[0]!,
			from: last.id,
			fromKind: 'card' as const,
			to: first.id,
			toKind: 'card' as const,
			label: 'führt zu'
		};
		const picture = boardPicture({ ...base, connectors: [connector] }).svg;
		const label =
			/<g class="connector-label"><rect x="([-\d.]+)" y="([-\d.]+)" width="([-\d.]+)" height="22"/.exec(
				picture
			)!;
		const [x, y, width] = [Number(label[1]), Number(label[2]), Number(label[3])];
		const k2 = layout.clusters.find((c) => c.id === 'k2')!;
		const title = clusterTitleObstacle(k2.frame, clusterName(k2, base.locale));
		const covers =
			x < title.x + title.width &&
			title.x < x + width &&
			y < title.y + title.height &&
			title.y < y + 22;
		expect(covers, `label at y ${y}, title ${title.y}–${title.y + title.height}`).toBe(false);
	});

	it('draws a cluster of a card put at the top of its area below the area’s title, not across it', () => {
		// board-schema.md's example card (x 24, y 80), then clustered by setting its clusterId.
		const base = musterstadtExport();
		const put = { ...base.cards.find((c) => c.area === 'challenges')!, x: 24, y: 80 };
		const cluster = { ...base.clusters[0]!, area: 'challenges' as const, cardIds: [put.id] };
		const picture = boardPicture({
			...base,
			cards: [{ ...put, clusterId: cluster.id }],
			clusters: [cluster],
			connectors: []
		}).svg;
		const title = /<g class="area">.*\n.*\n<text x="[-\d.]+" y="([-\d.]+)" font-size="22"/.exec(
			picture
		)!;
		const frame = /<g class="cluster"><rect x="[-\d.]+" y="([-\d.]+)"/.exec(picture)!;
		// The title's baseline, plus what hangs below it, lies above the frame's top.
		expect(Number(frame[1])).toBeGreaterThan(Number(title[1]) + 22 * 0.3);
	});

	it('draws a long cluster title whole in lines above its cards, a very long one cut after three with its whole title kept', () => {
		const base = musterstadtExport();
		const put = { ...base.cards.find((c) => c.area === 'challenges')!, x: 24, y: 120 };
		const picture = (title: string) => {
			const cluster = {
				...base.clusters[0]!,
				title,
				area: 'challenges' as const,
				cardIds: [put.id]
			};
			const model = {
				...base,
				cards: [{ ...put, clusterId: cluster.id }],
				clusters: [cluster],
				connectors: []
			};
			return { svg: boardPicture(model).svg, card: pictureLayout(model).cards[0]! };
		};
		const long = 'Knowledge and budget of the procurement office';
		const { svg, card } = picture(long);
		const group = /<g class="cluster">[\s\S]*?<\/g>/.exec(svg)![0];
		const lines = [...group.matchAll(/<text x="[-\d.]+" y="([-\d.]+)"[^>]*>([^<]*)<\/text>/g)];
		expect(lines.length).toBeGreaterThan(1);
		expect(lines.map((l) => l[2]).join(' ')).toBe(long);
		expect(group).not.toContain('…');
		// The last line's baseline, plus what hangs below it, lies above the card.
		expect(Number(lines.at(-1)![1]) + 15 * 0.3).toBeLessThan(card.y);

		const longer = `${long}, trainings for sustainable procurement and who in the administration decides`;
		const cut = /<g class="cluster">[\s\S]*?<\/g>/.exec(picture(longer).svg)![0];
		expect(cut).toContain(`<title>${escapeXml(longer)}</title>`);
		const shown = [...cut.matchAll(/font-size="15" font-weight="bold" fill="#1b1f24">([^<]*)</g)];
		expect(shown).toHaveLength(3);
		expect(shown[2]![1]).toMatch(/…$/);
	});
});
