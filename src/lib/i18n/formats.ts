import type { Locale } from './catalog';

/**
 * The language tag dates, times and numbers are written with. The UI has two languages, but
 * readers of English expect their own region's dates: `'en'` alone gives US formats
 * ("05:48 PM", "Mar 31, 2027"), strange in a German municipality's meeting. So the reader's
 * own preferred variant of the UI language wins, and otherwise the European one.
 */
export function formatTag(locale: Locale, preferred: readonly string[] = []): string {
	const own = preferred.find((tag) => tag.toLowerCase().startsWith(`${locale}-`));
	if (own) {
		try {
			return Intl.getCanonicalLocales(own)[0] ?? FALLBACK[locale];
		} catch {
			// A malformed tag from the browser is not the reader's fault: fall back.
		}
	}
	return FALLBACK[locale];
}

const FALLBACK: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };

const numbers = new Map<Locale, Intl.NumberFormat>();

/** A number in a message: "1.000" in German, "1,000" in English. */
export function formatNumber(locale: Locale, value: number): string {
	let format = numbers.get(locale);
	if (!format) {
		format = new Intl.NumberFormat(FALLBACK[locale], { maximumFractionDigits: 3 });
		numbers.set(locale, format);
	}
	return format.format(value);
}
