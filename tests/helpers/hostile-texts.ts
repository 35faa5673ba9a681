/** Texts that break a writer that forgets to escape or neutralise what people typed. */

/** Texts a spreadsheet might run as formulas (OWASP CSV injection). */
export const FORMULA_CORPUS = [
	'=1+1',
	'+49 170 1234567',
	'-2',
	'@SUM(A1)',
	"\t=cmd|' /C calc'!A0",
	'\r=2+3',
	'\n=3+4'
] as const;

/** Texts that would become markup if a writer forgot to escape them. */
export const MARKUP_CORPUS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'Ende ]]> danach',
	'Tom & Jerry',
	'[Link](http://example.org)',
	'![Bild](http://example.org/x.png)'
] as const;

export const GERMAN_TEXT = 'Ä Ö Ü ä ö ü ß „Zitat“ – Gedankenstrich';

export const HOSTILE_TEXTS: readonly string[] = [...FORMULA_CORPUS, ...MARKUP_CORPUS, GERMAN_TEXT];
