import type { ExportFile, ExportModel, ExportWriter } from './model';
import { buildProtocol, type Protocol, type ProtocolBlock } from './protocol';
import { documentText, singleLine } from './text';

/**
 * The protocol as Markdown (CommonMark with GFM tables). Everything a person
 * typed is escaped so that it renders as the text they typed: no link, image,
 * HTML, emphasis, heading, list or table cell can come out of a card text.
 */

// Characters that start inline markup anywhere in a line. `!` is harmless once `[` is escaped, but
// escaping it too keeps `![` visibly inert in the raw file.
const INLINE = /[\\`*_[\]|~#!]/g;
// What starts a block when it opens a line: quotes, lists, setext underlines, thematic breaks.
const LINE_START = /^(\s*)([-+=>]|\d+[.)])/;

/** One line of user text, escaped for Markdown inline content. */
function escapeLine(line: string): string {
	const escaped = line
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(INLINE, '\\$&')
		// Leading spaces would make an indented code block; they carry no meaning in a card.
		.replace(/^\s+/, '');
	const start = LINE_START.exec(escaped);
	if (!start) return escaped;
	const marker = start[2]!;
	// `1.` → `1\.`; `-` → `\-`: the punctuation is what makes it a block marker.
	const at = start[1]!.length + marker.length - 1;
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

/** User text for a heading or a table cell: one line; `|` cannot end the cell. */
export function escapeMarkdownInline(text: string): string {
	return escapeLine(singleLine(text));
}

function table(block: Extract<ProtocolBlock, { kind: 'table' }>): string {
	const row = (cells: readonly string[]) =>
		`| ${cells.map((cell) => escapeMarkdownInline(cell) || ' ').join(' | ')} |`;
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

export const markdownWriter = ((model: ExportModel): ExportFile => ({
	body: protocolMarkdown(buildProtocol(model)),
	contentType: 'text/markdown; charset=utf-8',
	extension: 'md'
})) satisfies ExportWriter;
