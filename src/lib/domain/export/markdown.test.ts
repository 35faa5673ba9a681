import { describe, expect, it } from 'vitest';
import {
	GERMAN_TEXT,
	HOSTILE_TEXTS,
	MARKUP_CORPUS,
	musterstadtExport
} from '../../../../tests/helpers/export-fixture';
import { escapeMarkdown, escapeMarkdownInline, markdownWriter } from './markdown';
import { singleLine } from './text';

/** What a Markdown reader shows for escaped text: backslash escapes and the three entities undone. */
function shown(markdown: string): string {
	return markdown
		.replace(/\\\n\s*/g, '\n')
		.replace(/\\([\\`*_[\]|~#!+\-=.)>])/g, '$1')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&amp;/g, '&');
}

describe('the Markdown protocol', () => {
	const model = musterstadtExport({ hostile: true });
	const file = markdownWriter(model);
	const markdown = file.body as string;

	it('is UTF-8 Markdown with the session title as its heading', () => {
		expect(file.contentType).toBe('text/markdown; charset=utf-8');
		expect(file.extension).toBe('md');
		expect(markdown.startsWith(`# ${escapeMarkdownInline(model.session.title)}\n`)).toBe(true);
		expect(markdown).toContain('## Teilnehmende');
		expect(markdown).toContain('| Was | Wer | Mit wem | Bis wann |');
	});

	it('contains every card text, escaped, in its list', () => {
		for (const card of model.cards)
			expect(markdown, card.text).toContain(`- ${escapeMarkdown(card.text.trim(), '  ')}`);
		expect(markdown).toContain(GERMAN_TEXT);
	});

	it('shows hostile card texts and names as the text people typed', () => {
		for (const text of HOSTILE_TEXTS) {
			const inline = escapeMarkdownInline(text);
			expect(shown(inline)).toBe(singleLine(text).replace(/^\s+/, ''));
		}
		// No raw HTML, no link or image syntax survives anywhere in the file.
		expect(markdown).not.toMatch(/<[a-z/!]/i);
		expect(markdown).not.toMatch(/(^|[^\\])\]\(/m);
		expect(markdown).not.toMatch(/(^|[^\\])!\[/m);
		expect(markdown).not.toMatch(/&(?!amp;|lt;|gt;)/);
		for (const text of MARKUP_CORPUS) expect(markdown).toContain(escapeMarkdownInline(text));
	});

	it('keeps line breaks inside the card and cannot start a heading, list or quote', () => {
		const escaped = escapeMarkdown(
			'Erste Zeile\n# Keine Überschrift\n- kein Punkt\n> kein Zitat\n1. keine Liste',
			'  '
		);
		const lines = escaped.split('\n');
		expect(lines).toHaveLength(5);
		// Each continuation line starts with an escape (or an entity), never with a block marker.
		for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}(\\|&gt;|\d+\\\.)/);
		expect(shown(escaped)).toBe(
			'Erste Zeile\n# Keine Überschrift\n- kein Punkt\n> kein Zitat\n1. keine Liste'
		);
	});

	it('keeps a table row to its columns when a cell holds | or a line break', () => {
		const cell = escapeMarkdownInline('A | B\nC');
		expect(cell).toBe('A \\| B C');
		const rows = markdown.split('\n').filter((l) => l.startsWith('| ') && l.includes('Tom'));
		for (const row of rows) expect(row.split(/(?<!\\)\|/).length).toBeGreaterThan(2);
	});
});
