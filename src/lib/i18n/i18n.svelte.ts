import { getContext, setContext } from 'svelte';
import {
	LOCALE_COOKIE,
	type Locale,
	type MessageKey,
	type MessageParams,
	type TextPart,
	translate,
	translateParts
} from './catalog';
import type { ErrorCode } from '../protocol/errors';
import { formatTag } from './formats';

/** The page's language as reactive state; components read `t` and the language switch calls `use`. */
export class I18n {
	locale = $state<Locale>('de');

	constructor(locale: Locale) {
		this.locale = locale;
	}

	t = (key: MessageKey, params?: MessageParams): string => translate(this.locale, key, params);

	/** A message quoting text of another language, for a live region: see translateParts. */
	quoting = (
		key: MessageKey,
		params: MessageParams,
		langs: Readonly<Record<string, string | undefined>>
	): TextPart[] => translateParts(this.locale, key, params, langs);

	error = (code: ErrorCode | 'network'): string => translate(this.locale, `error.${code}`);

	/**
	 * What `Intl` formats dates, times and numbers with: the reader's variant of the language.
	 * Only pages rendered in the browser alone (`ssr = false`: session, presenter, join) use it:
	 * the server has no `navigator`, and its en-GB date would differ from the reader's en-US one
	 * when the page hydrates.
	 */
	get tag(): string {
		return formatTag(this.locale, typeof navigator === 'undefined' ? [] : navigator.languages);
	}

	use(locale: Locale): void {
		this.locale = locale;
		document.cookie = `${LOCALE_COOKIE}=${locale}; Path=/; Max-Age=31536000; SameSite=Lax`;
		document.documentElement.lang = locale;
	}
}

const KEY = Symbol('i18n');

export function provideI18n(i18n: I18n): I18n {
	return setContext(KEY, i18n);
}

export function useI18n(): I18n {
	return getContext<I18n>(KEY);
}
