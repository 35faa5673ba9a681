/** Rules for the texts people type when they create or join a session. */
export const TITLE_MAX = 200;
export const NAME_MAX = 60;
export const MUNICIPALITY_MAX = 120;

export type Parsed<T, E extends string> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

// Control, invisible formatting and non-characters (U+FFFE and U+FFFF make a workbook's XML
// unreadable).
const NOT_IN_LABEL =
	// eslint-disable-next-line no-control-regex -- finding control characters is the point
	/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufffe\uffff]/g;

/** Trims, folds runs of whitespace and drops control characters, which have no place in a label. */
export function normaliseLabel(input: string): string {
	return input.replace(NOT_IN_LABEL, ' ').replace(/\s+/g, ' ').trim();
}

export function parseTitle(input: unknown): Parsed<string, 'title_required' | 'title_too_long'> {
	const value = typeof input === 'string' ? normaliseLabel(input) : '';
	if (!value) return { ok: false, error: 'title_required' };
	if (value.length > TITLE_MAX) return { ok: false, error: 'title_too_long' };
	return { ok: true, value };
}

export function parseDisplayName(
	input: unknown
): Parsed<string, 'name_required' | 'name_too_long'> {
	const value = typeof input === 'string' ? normaliseLabel(input) : '';
	if (!value) return { ok: false, error: 'name_required' };
	if (value.length > NAME_MAX) return { ok: false, error: 'name_too_long' };
	return { ok: true, value };
}

/** The municipality a session is held for (shown in exports); optional, so empty is fine. */
export function parseMunicipality(input: unknown): Parsed<string, 'municipality_too_long'> {
	const value = typeof input === 'string' ? normaliseLabel(input) : '';
	if (value.length > MUNICIPALITY_MAX) return { ok: false, error: 'municipality_too_long' };
	return { ok: true, value };
}
