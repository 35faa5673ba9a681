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
 * Whether an issue at `agenda[i].<field>` of what was sent breaks a rule of the agenda
 * (`phase_invalid`) rather than the shape: the field is the phase's `mode`, `areas` or
 * `durationMin`, and of the right JSON type — `mode` a string, `areas` an array of strings,
 * `durationMin` a number (null is no time box). A wrong type is `bad_request`, as anywhere.
 */
export function phaseRuleApplies(root: unknown, path: readonly PropertyKey[]): boolean {
	const key = path[2];
	const expected =
		key === 'mode'
			? 'string'
			: key === 'durationMin'
				? 'number'
				: key === 'areas'
					? path.length === 3
						? 'array'
						: 'string'
					: null;
	return expected !== null && jsonType(valueAt(root, path)) === expected;
}

/**
 * The error a command of the wrong shape gets. Where the shape says what is wrong in words the
 * API documents (a phase with an unknown mode or area, or a time box out of range) and that is
 * all that is wrong, that code; otherwise `bad_request` — always when a field is of the wrong
 * JSON type (`"durationMin": "5"`, `"mode": null`) or unknown (`"colour"`), also beside such a
 * phase, so that the answer names the unknown field. Texts' lengths are the services' rules, on
 * the tidied text. The same rules as the services' own checks and the import's
 * (`parseExportDocument`), so a client learns the same code whichever caught it.
 */
export function commandRefusal(
	type: string,
	issues: readonly z.core.$ZodIssue[],
	raw: unknown
): ErrorCode {
	const phaseRule = ({ path }: z.core.$ZodIssue) =>
		type === 'agenda.update' &&
		path[0] === 'agenda' &&
		path.length >= 3 &&
		phaseRuleApplies(raw, path);
	return issues.length > 0 && issues.every(phaseRule) ? 'phase_invalid' : 'bad_request';
}
