import { translate, type Locale } from '../../i18n/catalog';
import type { ExportModel, ExportParticipant } from './model';

/**
 * What a readable export calls a person: the name they gave, or, for staff who
 * never named themselves, their role ("Moderation" / "Facilitator"), so that no
 * row and no card's author reads as nobody. A participant without a name (only
 * in an export without names) stays unnamed: their role would name no one.
 */
export function personName(person: ExportParticipant, locale: Locale): string {
	if (hasName(person) || person.role === 'participant') return person.name ?? '';
	return translate(locale, `session.role.${person.role}`);
}

/**
 * The facilitator's own name, or null when they gave none. The model then
 * carries their role's label ("Moderation" / "Facilitator", in the export's
 * language) so that JSON readers always find a name; a protocol that printed
 * it as a name would read as if someone were called "Moderation".
 */
export function facilitatorName(model: Pick<ExportModel, 'session' | 'locale'>): string | null {
	const name = model.session.facilitator;
	if (name.trim() === '' || name === translate(model.locale, 'session.role.facilitator'))
		return null;
	return name;
}

// A blank name is none; a name is kept as typed, for each writer escapes and neutralises it its way.
const hasName = (person: ExportParticipant) => (person.name?.trim() ?? '') !== '';

/**
 * The people a protocol lists, in the order they joined: the participants still
 * in the session and the facilitator. Every session has an observer credential
 * whether or not anyone uses it (the projector's presenter link, a
 * co-researcher's), and a screen on the wall took no part in the meeting; an
 * observer is listed only when they named themselves or a card on the board is
 * theirs. JSON and the workbook still list everyone who ever joined: a JSON
 * export imports only when every card's author is in it.
 */
export function protocolPeople(model: ExportModel): ExportParticipant[] {
	const authors = new Set(model.cards.map((c) => c.authorId));
	return model.participants.filter((p) => {
		if (p.removed) return false;
		if (p.role !== 'observer') return true;
		return hasName(p) || authors.has(p.id);
	});
}
