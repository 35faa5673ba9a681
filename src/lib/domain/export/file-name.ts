import { translate, type Locale } from '../../i18n/catalog';

/**
 * Download file names: an ASCII slug of the session's title and the meeting's
 * date, e.g. `faire-beschaffung-fokusgruppe-muenster-2025-11-26.csv`. ASCII
 * only, so that every browser, mail client and file system keeps it as it is.
 */
const SLUG_MAX = 80;
const FALLBACK = 'fokusrunde';

/** German letters the way Germans spell them without umlauts; other accents are dropped. */
const SPELLED: Readonly<Record<string, string>> = {
	ä: 'ae',
	ö: 'oe',
	ü: 'ue',
	Ä: 'Ae',
	Ö: 'Oe',
	Ü: 'Ue',
	ß: 'ss',
	ẞ: 'SS',
	æ: 'ae',
	œ: 'oe',
	ø: 'o',
	Æ: 'Ae',
	Œ: 'Oe',
	Ø: 'O',
	ł: 'l',
	Ł: 'L',
	đ: 'd',
	Đ: 'D'
};

export function slugify(text: string): string {
	const slug = text
		.replace(/[äöüÄÖÜßẞæœøÆŒØłŁđĐ]/g, (c) => SPELLED[c]!)
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');
	if (slug.length <= SLUG_MAX) return slug || FALLBACK;
	// Cut at a word boundary where there is one, and never leave a trailing dash.
	const cut = slug.slice(0, SLUG_MAX);
	const boundary = cut.lastIndexOf('-');
	return (boundary > SLUG_MAX / 2 ? cut.slice(0, boundary) : cut).replace(/-+$/, '');
}

/** `<slug of the title>-<YYYY-MM-DD>.<extension>` */
export function exportFileName(title: string, date: string, extension: string): string {
	const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? `-${date}` : '';
	return `${slugify(title)}${day}.${extension.replace(/[^a-z0-9]/gi, '').toLowerCase()}`;
}

/** A comparison of `sessions` sessions made at `madeAt`: `fokusrunde-vergleich-3-sitzungen-2026-05-04.csv`. */
export function comparisonFileName(
	locale: Locale,
	sessions: number,
	madeAt: number,
	extension: string
): string {
	const day = new Date(madeAt).toISOString().slice(0, 10);
	return exportFileName(translate(locale, 'compare.fileName', { n: sessions }), day, extension);
}
