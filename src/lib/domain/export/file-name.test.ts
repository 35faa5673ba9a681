import { describe, expect, it } from 'vitest';
import { exportFileName, slugify } from './file-name';

describe('export file names', () => {
	it.each([
		['Faire Beschaffung – Fokusgruppe Musterstadt', 'faire-beschaffung-fokusgruppe-musterstadt'],
		['Größe, Übermaß & Äpfel in Öhringen', 'groesse-uebermass-aepfel-in-oehringen'],
		['STRASSE ẞ', 'strasse-ss'],
		['„Café“ in Besançon – Zoë', 'cafe-in-besancon-zoe'],
		['../../etc/passwd', 'etc-passwd'],
		['"; rm -rf /', 'rm-rf'],
		['Łódź und Ørsted', 'lodz-und-orsted'],
		['   ', 'fokusrunde'],
		['日本語', 'fokusrunde']
	])('makes %j the ASCII slug %j', (title, slug) => {
		expect(slugify(title)).toBe(slug);
		expect(slug).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
	});

	it('cuts long titles at a word boundary', () => {
		const slug = slugify('Fokusgruppe '.repeat(20));
		expect(slug.length).toBeLessThanOrEqual(80);
		expect(slug).toMatch(/^(fokusgruppe-)*fokusgruppe$/);
	});

	it('cuts mid-word after 80 characters when no dash lies past the 40th', () => {
		expect(slugify('a'.repeat(100))).toBe('a'.repeat(80));
		expect(slugify(`Kurz ${'b'.repeat(100)}`)).toBe(`kurz-${'b'.repeat(75)}`);
		expect(slugify(`${'c'.repeat(50)} ${'d'.repeat(50)}`)).toBe('c'.repeat(50));
	});

	it('joins the slug, the meeting date and the extension', () => {
		expect(exportFileName('Fokusgruppe Müllheim', '2026-03-12', 'csv')).toBe(
			'fokusgruppe-muellheim-2026-03-12.csv'
		);
		expect(exportFileName('Fokusgruppe', 'not a date', 'json')).toBe('fokusgruppe.json');
	});
});
