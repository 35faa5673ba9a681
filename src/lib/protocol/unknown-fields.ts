import type { z } from 'zod';
import { type Locale, translate } from '../i18n/catalog';
import type { ErrorDetail } from './errors';

/**
 * The fields a request sent that its schema does not have, each as the path a reader of the body
 * finds it at (`extra`, `settings.colour`, `agenda[0].colour`), in the order they were sent.
 */
export function unknownFields(issues: readonly z.core.$ZodIssue[]): string[] {
	return issues.flatMap((issue) =>
		issue.code === 'unrecognized_keys'
			? issue.keys.map((key) => fieldPath([...issue.path, key]))
			: []
	);
}

function fieldPath(path: readonly PropertyKey[]): string {
	return path
		.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
		.join('');
}

/** The unknown fields in words, after the message of `bad_request`. */
export function unknownFieldsText(locale: Locale, fields: readonly string[]): string {
	const named = fields.map((field) => translate(locale, 'request.fieldName', { field }));
	return named.length === 1
		? translate(locale, 'request.unknownField', { field: named[0]! })
		: translate(locale, 'request.unknownFields', { fields: named.join(', ') });
}

/** For a `bad_request`: the unknown fields named, when the issues include any. */
export function unknownFieldsDetail(issues: readonly z.core.$ZodIssue[]): ErrorDetail | undefined {
	const fields = unknownFields(issues);
	return fields.length === 0 ? undefined : (locale) => unknownFieldsText(locale, fields);
}
