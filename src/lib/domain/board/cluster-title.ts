import { fitLine, wrapText } from '../export/text-width';

/**
 * How a cluster's title is set above its cards, on the canvas and in the board
 * picture alike: bold, `size` board units, `inset` from the frame's sides, in
 * lines `lineHeight` apart. A frame with room for one line is `CLUSTER_FRAME.title`
 * high above its cards; each further line adds `lineHeight` (cluster-frame.ts).
 */
export const CLUSTER_TITLE = { size: 15, lineHeight: 19, inset: 10, maxLines: 3 } as const;

/**
 * The title in the lines it is shown in, within a frame `frameWidth` wide: broken at
 * spaces (inside a word only where the word alone is too wide), measured with the
 * board picture's font (DejaVu Sans Bold, wider than most screen fonts, so the canvas
 * never needs more lines than these). Beyond `maxLines` the last line ends in an
 * ellipsis, and `cut` says so: the whole title is then shown elsewhere (a tooltip, the
 * field's value for screen readers). Line breaks in the title count as spaces.
 */
export function clusterTitleLines(
	title: string,
	frameWidth: number
): { lines: string[]; cut: boolean } {
	const { size, inset, maxLines } = CLUSTER_TITLE;
	const width = Math.max(size, frameWidth - 2 * inset);
	const text = title.replace(/\s+/g, ' ').trim();
	const lines = wrapText(text, width, size, 'bold');
	if (lines.length <= maxLines) return { lines, cut: false };
	const kept = lines.slice(0, maxLines - 1);
	// The rest of the text from where the kept lines end, not the remaining lines joined by
	// spaces: a line broken inside a word too long for one has no space there.
	let end = 0;
	for (const line of kept) end = text.indexOf(line, end) + line.length;
	kept.push(fitLine(text.slice(end).trimStart() + ' …', width, size, 'bold'));
	return { lines: kept, cut: true };
}
