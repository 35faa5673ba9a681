import type { AreaId } from '../board/areas';
import type { CardColor } from '../board/schema';
import { translate } from '../../i18n/catalog';
import type { ExportCard, ExportFile, ExportModel, ExportWriter } from './model';
import { shownRound } from '../voting/shown-round';
import { clusterName } from './cluster-names';
import { pictureLayout, type PictureLayout } from './picture-layout';
import { roundColumnName } from './round-names';
import { documentText, singleLine } from './text';
import { fitLine, textWidth, wrapText } from './text-width';
import { CLUSTER_TITLE, clusterTitleLines } from '../board/cluster-title';
import { clusterTitleObstacle, edgePoint, labelPlace, type Box } from '../board/connector-geometry';

/**
 * The board as participants saw it, as one SVG: area frames, cluster frames,
 * connectors, cards in their colours with their text, and dot badges. Sizes
 * and colours follow the canvas (src/app.css, BoardCanvas, CardNote,
 * ConnectorLines, CardDots). The text is set in DejaVu Sans, which the PNG and
 * PDF writers ship; SVG viewers without it fall back to their sans-serif.
 * Every text from people is XML-escaped; SVG cannot wrap text, so cards are
 * wrapped here with the font's own widths.
 *
 * Cards are drawn where the canvas draws them (`pictureLayout`): a card that
 * grew pushes the cards below it down instead of covering them, and cluster
 * frames and connectors follow the drawn cards.
 */

/** The card colours of the canvas (src/app.css `--card-*`). */
export const CARD_FILL: Record<CardColor, string> = {
	yellow: '#fff1a0',
	orange: '#ffd9ad',
	pink: '#ffcfdf',
	violet: '#e3d9ff',
	blue: '#cfe5ff',
	green: '#cdeed4'
};

/** Each area's accent (src/app.css `--area-*`), for its top bar and its clusters' frames. */
const AREA_ACCENT: Record<AreaId, string> = {
	challenges: '#c2416b',
	potentials: '#2f8a4e',
	'next-steps': '#b07b00'
};

export const PICTURE_FONT = 'DejaVu Sans';
const INK = '#1b1f24';
const CARD_INK = '#1a1a1a';
const MARGIN = 24;
const CARD_PAD_X = 12.8;
const CARD_PAD_TOP = 12;
const CARD_PAD_BOTTOM = 10;
/** From the canvas size (17 px) down: the largest size at which the text fits the card. */
const CARD_FONT_SIZES = [16, 15, 14, 13, 12, 11] as const;
const LINE_HEIGHT = 1.3;
/** Below this size a broken word reads better than smaller text. */
const MIN_UNBROKEN_SIZE = 13;
const BADGE_HEIGHT = 26;

export function escapeXml(text: string): string {
	return documentText(text)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');
}

const n = (value: number) => String(Math.round(value * 10) / 10);
const rect = (box: Box) =>
	`x="${n(box.x)}" y="${n(box.y)}" width="${n(box.width)}" height="${n(box.height)}"`;

/** The card's text in lines at the largest size that fits; cut with an ellipsis when none does. */
export function cardLines(card: Pick<ExportCard, 'text' | 'width' | 'height'>): {
	size: number;
	lines: string[];
} {
	const width = card.width - 2 * CARD_PAD_X;
	const room = card.height - CARD_PAD_TOP - CARD_PAD_BOTTOM;
	const text = documentText(card.text);
	const longestWord = Math.max(...text.split(/\s+/).map((word) => textWidth(word, 1)));
	let lines: string[] = [];
	let fallback: { size: number; lines: string[] } | null = null;
	for (const size of CARD_FONT_SIZES) {
		lines = wrapText(text, width, size);
		if (lines.length * size * LINE_HEIGHT > room) continue;
		// Prefer a size at which no word has to be broken (long German compounds).
		if (longestWord * size <= width) return { size, lines };
		fallback ??= { size, lines };
		if (size <= MIN_UNBROKEN_SIZE) return fallback;
	}
	if (fallback) return fallback;
	const size = CARD_FONT_SIZES[CARD_FONT_SIZES.length - 1]!;
	const fit = Math.max(1, Math.floor(room / (size * LINE_HEIGHT)));
	const kept = lines.slice(0, fit);
	kept[fit - 1] = fitLine(`${kept[fit - 1] ?? ''} …`, width, size);
	return { size, lines: kept };
}

/** The picture's size in board units, without drawing it. */
export function pictureSize(model: ExportModel): { width: number; height: number } {
	const { width, height } = bounds(pictureLayout(model));
	return { width, height };
}

function bounds(layout: PictureLayout): Box {
	const boxes: Box[] = [
		...layout.areas,
		...layout.clusters.map((c) => c.frame),
		// The dot badge sits on the card's top edge.
		...layout.cards.map((c) => ({ ...c, y: c.y - BADGE_HEIGHT / 2 }))
	];
	if (boxes.length === 0) return { x: 0, y: 0, width: 2 * MARGIN, height: 2 * MARGIN };
	let left = Infinity;
	let top = Infinity;
	let right = -Infinity;
	let bottom = -Infinity;
	for (const box of boxes) {
		left = Math.min(left, box.x);
		top = Math.min(top, box.y);
		right = Math.max(right, box.x + box.width);
		bottom = Math.max(bottom, box.y + box.height);
	}
	return {
		x: Math.floor(left - MARGIN),
		y: Math.floor(top - MARGIN),
		width: Math.ceil(right - left + 2 * MARGIN),
		height: Math.ceil(bottom - top + 2 * MARGIN)
	};
}

export interface BoardPicture {
	readonly svg: string;
	/** The picture's size in board units (one unit is one CSS pixel on the canvas at 100 %). */
	readonly width: number;
	readonly height: number;
}

export interface PictureOptions {
	/**
	 * Card text set smaller than this (in board units) is drawn as grey lines
	 * where the text would be. A raster picture of a big board is scaled down
	 * until text is a few pixels high and unreadable anyway, and laying out
	 * tens of thousands of glyphs is most of the time it takes to render
	 * (docs/performance.md). The SVG itself always carries the text.
	 */
	readonly textAsLinesBelow?: number;
}

export function boardPicture(model: ExportModel, options: PictureOptions = {}): BoardPicture {
	const textAsLinesBelow = options.textAsLinesBelow ?? 0;
	// Badges show what the board showed: the dots of one round, not a sum participants never saw.
	const badgeRound = shownRound(model.votingRounds);
	// Named in the badge's title: a reader of a picture after several rounds would take its number
	// for the card's total, which the protocol states differently. Named as the CSV's column of it.
	const counted = model.votingRounds.filter((r) => r.results !== null);
	const badgeRoundName = badgeRound ? singleLine(roundColumnName(badgeRound, counted)) : '';
	const layout = pictureLayout(model);
	const view = bounds(layout);
	const accent = (area: string) => AREA_ACCENT[area as AreaId] ?? INK;
	const out: string[] = [];
	out.push(
		`<svg xmlns="http://www.w3.org/2000/svg" width="${view.width}" height="${view.height}" ` +
			`viewBox="${view.x} ${view.y} ${view.width} ${view.height}" ` +
			`font-family="${PICTURE_FONT}, sans-serif">`,
		`<title>${escapeXml(singleLine(model.session.title))}</title>`,
		'<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" ' +
			`markerHeight="8" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="${INK}"/></marker></defs>`,
		`<rect ${rect(view)} fill="#eef1f5"/>`
	);

	for (const area of layout.areas) {
		out.push(
			`<g class="area"><rect ${rect(area)} rx="12" fill="#ffffff" stroke="#c9d1db" stroke-width="2"/>`,
			// The canvas draws the accent as a thick top border of the rounded frame.
			`<path d="M ${n(area.x)} ${n(area.y + 12)} a 12 12 0 0 1 12 -12 h ${n(area.width - 24)} ` +
				`a 12 12 0 0 1 12 12 z" fill="${accent(area.id)}"/>`,
			`<text x="${n(area.x + 24)}" y="${n(area.y + 48)}" font-size="22" font-weight="bold" fill="${INK}">` +
				`${escapeXml(fitLine(singleLine(area.title), area.width - 48, 22, 'bold'))}</text></g>`
		);
	}

	for (const cluster of layout.clusters) {
		if (cluster.cardIds.length === 0) continue;
		const title = clusterName(cluster, model.locale);
		const { size, lineHeight, inset } = CLUSTER_TITLE;
		// In as many lines as the layout made room for; a title cut after the last keeps its whole text in <title>.
		const { lines, cut } = clusterTitleLines(title, cluster.frame.width);
		out.push(
			`<g class="cluster">${cut ? `<title>${escapeXml(title)}</title>` : ''}` +
				`<rect ${rect(cluster.frame)} rx="12" fill="#ffffff" fill-opacity="0.35" ` +
				`stroke="${accent(cluster.area)}" stroke-width="2" stroke-dasharray="8 5"/>`,
			...lines.map(
				(line, i) =>
					`<text x="${n(cluster.frame.x + inset)}" y="${n(cluster.frame.y + 21 + i * lineHeight)}" ` +
					`font-size="${size}" font-weight="bold" fill="${INK}">${escapeXml(line)}</text>`
			),
			'</g>'
		);
	}

	const cards = layout.cards.map((card) => {
		const { size, lines } = cardLines(card);
		const textBox = {
			x: card.x + CARD_PAD_X,
			y: card.y + CARD_PAD_TOP,
			width: Math.max(0, ...lines.map((line) => textWidth(line, size))),
			height: lines.length * size * LINE_HEIGHT
		};
		return { ...card, size, lines, textBox };
	});

	// Connectors run under the cards, as on the canvas; their labels go on top so they stay readable.
	const ends = new Map<string, Box>();
	for (const card of layout.cards) ends.set(`card:${card.id}`, card);
	for (const cluster of layout.clusters) ends.set(`cluster:${cluster.id}`, cluster.frame);
	// A label keeps off the cards' text and off the clusters' titles.
	const obstacles = [
		...cards,
		...layout.clusters
			.filter((c) => c.cardIds.length > 0)
			.map((c) => clusterTitleObstacle(c.frame, clusterName(c, model.locale)))
	];
	const labels: string[] = [];
	for (const connector of model.connectors) {
		const a = ends.get(`${connector.fromKind}:${connector.from}`);
		const b = ends.get(`${connector.toKind}:${connector.to}`);
		if (!a || !b) continue;
		const start = edgePoint(a, b);
		const end = edgePoint(b, a);
		out.push(
			`<line x1="${n(start.x)}" y1="${n(start.y)}" x2="${n(end.x)}" y2="${n(end.y)}" ` +
				`stroke="${INK}" stroke-width="2.5" stroke-dasharray="8 5" marker-end="url(#arrow)"/>`
		);
		const label = singleLine(connector.label);
		if (!label) continue;
		const text = fitLine(label, 260, 15, 'bold');
		const width = textWidth(text, 15, 'bold') + 12;
		const { x, y } = labelPlace(start, end, width, obstacles);
		labels.push(
			`<g class="connector-label"><rect x="${n(x - width / 2)}" y="${n(y - 13)}" width="${n(width)}" height="22" rx="4" ` +
				`fill="#ffffff" fill-opacity="0.92" stroke="${INK}" stroke-width="1"/>` +
				`<text x="${n(x)}" y="${n(y + 3)}" font-size="15" font-weight="bold" text-anchor="middle" fill="${INK}">` +
				`${escapeXml(text)}</text></g>`
		);
	}

	for (const card of cards) {
		const { size, lines } = card;
		const dots = badgeRound ? (card.dots[badgeRound.id] ?? 0) : 0;
		const x = card.x + CARD_PAD_X;
		const first = card.y + CARD_PAD_TOP + size;
		out.push(
			`<g class="card"><title>${escapeXml(card.text)}</title>`,
			`<rect x="${n(card.x + 1)}" y="${n(card.y + 2)}" width="${n(card.width)}" height="${n(card.height)}" rx="6" fill="#000000" fill-opacity="0.14"/>`,
			`<rect ${rect(card)} rx="6" fill="${CARD_FILL[card.color] ?? CARD_FILL.yellow}"/>`,
			size < textAsLinesBelow
				? `<path fill="${CARD_INK}" fill-opacity="0.45" d="` +
						lines
							.map(
								(line, i) =>
									`M${n(x)} ${n(first + i * size * LINE_HEIGHT - size * 0.7)}h${n(textWidth(line, size))}v${n(size * 0.6)}h${n(-textWidth(line, size))}z`
							)
							.join('') +
						'"/>'
				: `<text font-size="${size}" fill="${CARD_INK}">` +
						lines
							.map(
								(line, i) =>
									`<tspan x="${n(x)}" y="${n(first + i * size * LINE_HEIGHT)}">${escapeXml(line)}</tspan>`
							)
							.join('') +
						'</text>'
		);
		if (dots > 0) {
			const label = `● ${dots}`;
			const width = textWidth(label, 16, 'bold') + 20;
			const left = card.x + card.width - 6 - width;
			const top = card.y - BADGE_HEIGHT / 2;
			const title =
				dots === 1
					? translate(model.locale, 'export.picture.dotsInRoundOne', { round: badgeRoundName })
					: translate(model.locale, 'export.picture.dotsInRound', {
							count: dots,
							round: badgeRoundName
						});
			out.push(
				`<g class="dots"><title>${escapeXml(title)}</title><rect x="${n(left)}" y="${n(top)}" width="${n(width)}" ` +
					`height="${BADGE_HEIGHT}" rx="${BADGE_HEIGHT / 2}" fill="#1f2937"/>` +
					`<text x="${n(left + width / 2)}" y="${n(top + 18.5)}" font-size="16" font-weight="bold" ` +
					`text-anchor="middle" fill="#ffffff">${label}</text></g>`
			);
		}
		out.push('</g>');
	}
	out.push(...labels, '</svg>');
	return { svg: out.join('\n'), width: view.width, height: view.height };
}

export const svgWriter = ((model: ExportModel): ExportFile => ({
	body: boardPicture(model).svg,
	contentType: 'image/svg+xml',
	extension: 'svg'
})) satisfies ExportWriter;
