/**
 * The one or two letters that stand for a person in the presence list: the
 * first letter or digit of their first two words. Punctuation does not count
 * ("Ayşe (Repair-Café)" is "AR", not "A("), and letters outside the Basic
 * Multilingual Plane stay whole.
 */
export function initials(name: string): string {
	const letters: string[] = [];
	for (const word of name.split(/\s+/)) {
		const first = /[\p{L}\p{N}]/u.exec(word)?.[0];
		if (first === undefined) continue;
		// 'ß' upper-cases to 'SS': one letter stays one letter.
		letters.push(Array.from(first.toLocaleUpperCase())[0]!);
		if (letters.length === 2) break;
	}
	return letters.join('');
}
