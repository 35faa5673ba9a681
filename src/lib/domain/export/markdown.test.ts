import { describe, expect, it } from 'vitest';
import {
	GERMAN_TEXT,
	HOSTILE_TEXTS,
	MARKUP_CORPUS,
	exportOptions,
	musterstadtExport
} from '../../../../tests/helpers/export-fixture';
import { escapeMarkdown, escapeMarkdownInline, markdownWriter } from './markdown';
import type { ExportModel } from './model';
import { singleLine } from './text';

/** What a Markdown reader shows for escaped text: hard breaks and backslash escapes undone. */
function shown(markdown: string): string {
	return markdown.replace(/\\\n\s*/g, '\n').replace(/\\([\\`*_[\]|~#!+\-=.)<>&])/g, '$1');
}

/** Where `char` stands in the file without a backslash escaping it (an even number before it). */
function unescaped(markdown: string, char: string): number[] {
	const at: number[] = [];
	for (let i = 0; i < markdown.length; i++) {
		if (markdown[i] === '\\') i++;
		else if (markdown[i] === char) at.push(i);
	}
	return at;
}

describe('the Markdown protocol', () => {
	const model = musterstadtExport({ hostile: true });
	const file = markdownWriter(model, exportOptions(model));
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
		// No raw HTML, autolink, character reference, link or image survives anywhere in the file:
		// a `<` or `&` left as typed is followed by what can start none of them.
		for (const i of unescaped(markdown, '<')) expect(markdown[i + 1] ?? ' ').toMatch(/\s/);
		for (const i of unescaped(markdown, '&'))
			expect(markdown.slice(i + 1)).not.toMatch(/^(#|[a-z][a-z0-9]*;)/i);
		for (const i of unescaped(markdown, ']')) expect(markdown[i + 1]).not.toBe('(');
		for (const i of unescaped(markdown, '!')) expect(markdown[i + 1]).not.toBe('[');
		for (const text of MARKUP_CORPUS) expect(markdown).toContain(escapeMarkdownInline(text));
	});

	it('reads as the text people typed in the plain file: backslashes, never HTML entities', () => {
		expect(markdown).not.toMatch(/&(amp|lt|gt|quot|#\d+);/);
		expect(escapeMarkdownInline('-Cluster <x> & "y"')).toBe('-Cluster \\<x> & "y"');
		expect(escapeMarkdownInline('Tom & Jerry, a < b, b > a')).toBe('Tom & Jerry, a < b, b > a');
		expect(escapeMarkdownInline('<script>alert(1)</script>')).toBe('\\<script>alert(1)\\</script>');
		expect(escapeMarkdownInline('<!-- x --> <?php <https://example.org> <a@b.de>')).toBe(
			'\\<\\!-- x --> \\<?php \\<https://example.org> \\<a@b.de>'
		);
		// What people typed that spells a character reference stays those characters.
		for (const text of ['&amp;', '&lt;b&gt;', '&#60;', '&#x3C;', 'AT&T;', 'R&D'])
			expect(shown(escapeMarkdownInline(text))).toBe(text);
		expect(escapeMarkdownInline('&amp; &#60;')).toBe('\\&amp; \\&\\#60;');
		expect(escapeMarkdownInline('R&D')).toBe('R&D');
	});

	it('keeps line breaks inside the card and cannot start a heading, list or quote', () => {
		const escaped = escapeMarkdown(
			'Erste Zeile\n# Keine Überschrift\n- kein Punkt\n> kein Zitat\n1. keine Liste',
			'  '
		);
		const lines = escaped.split('\n');
		expect(lines).toHaveLength(5);
		// Each continuation line starts with an escape, never with a block marker.
		for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}(\\|\d+\\\.)/);
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
		expect(escapeMarkdown('=> Ergebnis')).toBe('=> Ergebnis');
		// A quote starts only at a line's start.
		expect(escapeMarkdown('> Zitat\nkein > Zitat')).toBe('\\> Zitat\\\nkein > Zitat');
	});

	it('says in a next step’s cell what it answers, after a dash in italics, escaped', () => {
		const plain = musterstadtExport();
		const [step] = plain.nextSteps;
		const answered = plain.cards.find((c) => c.id === step!.answers[0])!;
		const changed: ExportModel = {
			...plain,
			cards: plain.cards.map((c) => (c.id === answered.id ? { ...c, text: '*fett* | <b>' } : c)),
			nextSteps: [{ ...step!, answers: [answered.id] }]
		};
		const body = markdownWriter(changed, exportOptions(changed)).body as string;
		const row = body.split('\n').find((l) => l.startsWith(`| ${escapeMarkdownInline(step!.what)}`));
		expect(row).toContain(
			`${escapeMarkdownInline(step!.what)} — *Antwort auf: „\\*fett\\* \\| \\<b>“* |`
		);
		// Still the table's four columns: the note's | is escaped.
		expect(row!.split(/(?<!\\)\|/).length).toBe(6);
	});

	it('writes the dates of next steps without a backslash', () => {
		expect(markdown).not.toMatch(/\d\\\.\d/);
		expect(markdown).toMatch(/\d{2}\.\d{2}\.\d{4}/);
	});
});
