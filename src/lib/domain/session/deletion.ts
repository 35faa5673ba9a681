/**
 * Deleting a session cannot be undone, so the facilitator confirms it by typing the session's
 * title. What counts is the title as one would read it out: case, runs of spaces and the kind
 * of dash or quotation mark do not (a title like "Faire Beschaffung – Musterstadt" has an en
 * dash that hardly anyone can type), every letter and digit does.
 */
export function titleConfirms(typed: string, title: string): boolean {
	const wanted = comparable(title);
	return wanted !== '' && comparable(typed) === wanted;
}

function comparable(text: string): string {
	return text
		.normalize('NFKC')
		.toLocaleLowerCase('de')
		.replace(/[\u2010-\u2015\u2212\u2E3A\u2E3B\uFE58\uFE63\uFF0D]/g, '-')
		.replace(/["'\u00AB\u00BB\u2018-\u201F\u2039\u203A]/g, '"')
		.replace(/\s+/g, ' ')
		.trim();
}
