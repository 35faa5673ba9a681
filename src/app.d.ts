import type { Locale } from '$lib/i18n/catalog';

declare global {
	namespace App {
		interface Locals {
			locale: Locale;
		}
		interface PageData {
			locale: Locale;
		}
	}
}

export {};
