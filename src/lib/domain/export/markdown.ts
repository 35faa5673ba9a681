import type { ExportFile, ExportModel, ExportOptions, ExportWriter } from './model';
import {
	buildProtocol,
	cellNote,
	cellText,
	type Protocol,
	type ProtocolBlock,
	type ProtocolCell
} from './protocol';
import { documentText, singleLine } from './text';

/**
 * The protocol as Markdown (CommonMark with GFM tables). Everything a person
 * typed is escaped so that it renders as the text they typed: no link, image,
 * HTML, emphasis, heading, list or table cell can come out of a card text.
 * Escapes are backslashes, not HTML entities, so that the file reads as the
 * text too: "Tom & Jerry" and "a < b" stay as they are.
 */

// What starts inline markup where it stands. `!` is harmless once `[` is escaped, but escaping it
// too keeps `![` visibly inert in the raw file. `<` opens raw HTML (a tag, a comment, `<!`, `<?`,
// also an HTML block at a line's start) or an autolink only with something other than a space
// right after it, and `&` is a character reference only when a name or `#` and `;` follow
// (`&amp;`, `&#60;`), which would show as one character instead of what was typed.
const INLINE = /[\\`*_[\]|~#!]|<(?![ \t]|$)|&(?=#|[A-Za-z][A-Za-z0-9]*;)/g;
// What starts a block when it opens a line (`*`, `#` and fences are escaped anyway): a quote (`>`),
// a list marker only with a space or the line's end after it (`1. `, `2)`, `- `, `+ `;
// `27.11.2026` or `-5 %` are text), a thematic break or setext underline only as the whole line.
const LINE_START = /^>|^(?:\d{1,9}[.)]|[-+])(?=[ \t]|$)|^[-=][-= \t]*$/;

/** Text for inside a line (not at its start): inline markup escaped. */
function escapeInline(text: string): string {
	return text.replace(INLINE, '\\$&');
}

/** One line of user text at the start of a line, escaped so that it starts no block. */
function escapeLine(line: string): string {
	// Leading spaces would make an indented code block; they carry no meaning in a card.
	const escaped = escapeInline(line).replace(/^\s+/, '');
	const start = LINE_START.exec(escaped);
	if (!start) return escaped;
	// `1.` → `1\.`; `-` → `\-`: the punctuation is what makes it a block marker.
	const at = /^\d/.test(escaped) ? start[0].length - 1 : 0;
	return `${escaped.slice(0, at)}\\${escaped.slice(at)}`;
}

/**
 * User text for a block (paragraph or list item): each line escaped, line
 * breaks kept as hard breaks indented under `indent` so they stay in the block.
 */
export function escapeMarkdown(text: string, indent = ''): string {
	return documentText(text)
		.split('\n')
		.map((line) => escapeLine(line))
		.join(`\\\n${indent}`);
}

/**
 * User text for a heading, a table cell or after a label: one line, never at a line's start
 * (nothing there starts a block: a date stays `27.11.2026`); `|` cannot end the cell.
 */
export function escapeMarkdownInline(text: string): string {
	return escapeInline(singleLine(text)).replace(/^\s+/, '');
}

/**
 * A GFM cell is one line: a note follows the text after a dash, in italics, as a ranked card's
 * dots follow its text. A `<br>` would be the only raw HTML in a file that otherwise has none.
 */
function tableCell(cell: ProtocolCell): string {
	const text = escapeMarkdownInline(cellText(cell));
	const note = escapeMarkdownInline(cellNote(cell));
	if (!note) return text || ' ';
	return text ? `${text} — *${note}*` : `*${note}*`;
}

function table(block: Extract<ProtocolBlock, { kind: 'table' }>): string {
	const row = (cells: readonly ProtocolCell[]) => `| ${cells.map(tableCell).join(' | ')} |`;
	const rule = `| ${block.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`;
	return [row(block.columns.map((c) => c.label)), rule, ...block.rows.map(row)].join('\n');
}

function render(block: ProtocolBlock): string {
	switch (block.kind) {
		case 'heading':
			return `${'#'.repeat(block.level)} ${escapeMarkdownInline(block.text)}`;
		case 'facts':
			return block.facts
				.map((f) => `- **${escapeMarkdownInline(f.label)}:** ${escapeMarkdownInline(f.value)}`)
				.join('\n');
		case 'paragraph':
			return escapeMarkdown(block.text);
		case 'table':
			return table(block);
		case 'ranked':
			return block.items
				.map((item) => {
					const text = escapeMarkdown(item.text, '  ');
					return item.dots === null
						? `- ${text}`
						: `- ${text} — **${escapeMarkdownInline(item.dotsLabel)}**`;
				})
				.join('\n');
	}
}

export function protocolMarkdown(protocol: Protocol): string {
	return protocol.blocks.map(render).join('\n\n') + '\n';
}

export const markdownWriter = ((model: ExportModel, options: ExportOptions): ExportFile => ({
	body: protocolMarkdown(buildProtocol(model, options.timeZone)),
	contentType: 'text/markdown; charset=utf-8',
	extension: 'md'
})) satisfies ExportWriter;
