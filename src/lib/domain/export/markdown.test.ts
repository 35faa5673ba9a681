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

	it('leaves dates and numbers as they are, escaping only what would start a list or a rule', () => {
		// Inside a line (a cell, after a label, a heading) nothing starts a block.
		expect(escapeMarkdownInline('27.11.2026')).toBe('27.11.2026');
		expect(escapeMarkdownInline('1. Runde')).toBe('1. Runde');
		expect(escapeMarkdownInline('- 5 %')).toBe('- 5 %');
		// At a line's start, a number is a list marker only with a space (or nothing) after it.
		expect(escapeMarkdown('27.11.2026 Runder Tisch')).toBe('27.11.2026 Runder Tisch');
		expect(escapeMarkdown('2026. Jahr\n3)Drei')).toBe('2026\\. Jahr\\\n3)Drei');
		expect(escapeMarkdown('1.')).toBe('1\\.');
		expect(escapeMarkdown('2) zwei')).toBe('2\\) zwei');
		expect(escapeMarkdown('1234567890. zehn Ziffern')).toBe('1234567890. zehn Ziffern');
		// A dash or plus is a bullet only with a space after it; a line of dashes or = is a rule.
		expect(escapeMarkdown('-5 % Kosten')).toBe('-5 % Kosten');
		expect(escapeMarkdown('- Punkt')).toBe('\\- Punkt');
		expect(escapeMarkdown('+ Punkt')).toBe('\\+ Punkt');
		expect(escapeMarkdown('---')).toBe('\\---');
		expect(escapeMarkdown('Titel\n===')).toBe('Titel\\\n\\===');
		expect(escapeMarkdown('=> Ergebnis')).toBe('=&gt; Ergebnis');
	});

	it('writes the dates of next steps without a backslash', () => {
		expect(markdown).not.toMatch(/\d\\\.\d/);
		expect(markdown).toMatch(/\d{2}\.\d{2}\.\d{4}/);
	});
});
