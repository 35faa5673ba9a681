import type { z } from 'zod';
import type { ErrorCode } from './errors';

/** The value an issue's path leads to in what was sent (undefined where there is none). */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
	let value = root;
	for (const key of path) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

/** The JSON type of a value as api.md speaks of it: a wrong one is `bad_request`. */
function jsonType(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	return typeof value;
}

/**
 * The JSON type a phase's field must have for a rule's own code (`phase_invalid`): `mode` a
 * string, `areas` an array of strings, `durationMin` a number (or null, which is no time box).
 */
function phaseFieldType(path: readonly PropertyKey[]): string | null {
	const key = path[2];
	if (key === 'mode') return 'string';
	if (key === 'durationMin') return 'number';
	if (key === 'areas') return path.length === 3 ? 'array' : 'string';
	return null;
}

/**
 * The error a command of the wrong shape gets. Where the shape says what is
 * wrong in words the API documents (a title too long, a phase with an unknown
 * mode or area), that code; otherwise `bad_request` — always for a field of the
 * wrong JSON type (`"durationMin": "5"`, `"mode": null`). The same rules as the
 * services' own checks, so a client learns the same code whichever caught it.
 */
export function commandRefusal(
	type: string,
	issues: readonly z.core.$ZodIssue[],
	raw: unknown
): ErrorCode {
	for (const { path, code } of issues) {
		const field = path.at(-1);
		if (type === 'session.update' && path.length === 1 && field === 'title' && code === 'too_big')
			return 'title_too_long';
		if (type === 'agenda.update' && path[0] === 'agenda' && path.length >= 3) {
			const key = path[2];
			if ((key === 'title' || key === 'question') && code === 'too_big')
				return 'phase_text_too_long';
			const expected = phaseFieldType(path);
			if (expected !== null && jsonType(valueAt(raw, path)) === expected) return 'phase_invalid';
		}
	}
	return 'bad_request';
}
