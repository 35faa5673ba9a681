import { describe, expect, it } from 'vitest';
import { HOSTILE_TEXTS, musterstadtExport } from '../../../../tests/helpers/export-fixture';
import { CARD_FILL, boardPicture, cardLines, escapeXml, svgWriter } from './svg';

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
});
