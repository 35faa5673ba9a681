import { de, type MessageKey } from './de';
import { en } from './en';
import type { ErrorCode } from '../protocol/errors';
import { formatNumber } from './formats';

export const LOCALES = ['de', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'de';
export const LOCALE_COOKIE = 'fokusrunde_lang';
export type { MessageKey };

const catalogs: Record<Locale, Record<MessageKey, string>> = { de, en };

/**
 * A number is a quantity, written with the language's grouping ("1.000 Zeichen"). One that names
 * something rather than counts it — a year, a page, a pseudonym's number, an id — goes as a
 * string, which stays as it is ("2026", not "2.026").
 */
export type MessageParams = Record<string, string | number>;

export function isLocale(value: unknown): value is Locale {
	return value === 'de' || value === 'en';
}

/** A piece of a message; `lang` where it quotes text in another language than the message's. */
export interface TextPart {
	readonly text: string;
	readonly lang?: string;
}

/** What a live region says: a message, or one quoting what people wrote (see translateParts). */
export type Announcement = string | readonly TextPart[];

/**
 * A message whose placeholders named in `langs` quote text written in that language (a card, a
 * cluster's title): as parts, so that a screen reader reads "Cluster is now called" in the
 * reader's language and the German title in German (WCAG 3.1.2, language of parts).
 */
export function translateParts(
	locale: Locale,
	key: MessageKey,
	params: MessageParams,
	langs: Readonly<Record<string, string | undefined>>
): TextPart[] {
	const parts: TextPart[] = [];
	const template = catalogs[locale][key];
	let at = 0;
	for (const match of template.matchAll(/\{(\w+)\}/g)) {
		const [whole, name] = match as unknown as [string, string];
		const lang = langs[name];
		if (!(name in params) || lang === undefined || lang === locale) continue;
		parts.push({ text: fill(locale, template.slice(at, match.index), params) });
		parts.push({ text: paramText(locale, params[name]!), lang });
		at = match.index + whole.length;
	}
	parts.push({ text: fill(locale, template.slice(at), params) });
	return parts.filter((part) => part.text !== '');
}

export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
	const template = catalogs[locale][key];
	return params ? fill(locale, template, params) : template;
}

function fill(locale: Locale, template: string, params: MessageParams): string {
	return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		name in params ? paramText(locale, params[name]!) : whole
	);
}

/** Numbers are written as the language writes them; text stays as it is. */
function paramText(locale: Locale, value: string | number): string {
	return typeof value === 'number' ? formatNumber(locale, value) : value;
}

export function errorMessage(locale: Locale, code: ErrorCode): string {
	return translate(locale, `error.${code}`);
}

/**
 * The UI language: an explicit choice (cookie) wins, then the browser's
 * Accept-Language by quality, then German.
 */
export function negotiateLocale(choice: string | undefined, acceptLanguage: string | null): Locale {
	if (isLocale(choice)) return choice;
	if (!acceptLanguage) return DEFAULT_LOCALE;
	const ranked = acceptLanguage
		.split(',')
		.map((part, index) => {
			const [tag = '', ...rest] = part.trim().split(';');
			const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
			const quality = q ? Number(q.slice(2)) : 1;
			return {
				base: tag.toLowerCase().split('-')[0],
				quality: Number.isFinite(quality) ? quality : 0,
				index
			};
		})
		.filter((entry) => entry.quality > 0)
		.sort((a, b) => b.quality - a.quality || a.index - b.index);
	for (const entry of ranked) if (isLocale(entry.base)) return entry.base;
	return DEFAULT_LOCALE;
}
