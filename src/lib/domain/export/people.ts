import { translate, type Locale } from '../../i18n/catalog';
import type { ExportModel, ExportParticipant } from './model';

/**
 * What a readable export calls a person: the name they gave, or, for staff who
 * never named themselves, their role ("Moderation" / "Facilitator"), so that no
 * row and no card's author reads as nobody. A participant without a name (only
 * in an export without names) stays unnamed: their role would name no one.
 */
export function personName(person: ExportParticipant, locale: Locale): string {
	const name = person.name?.trim() ?? '';
	if (name !== '' || person.role === 'participant') return name;
	return translate(locale, `session.role.${person.role}`);
}

/**
 * The people a protocol lists, in the order they joined: the participants still
 * in the session and the facilitator. Every session has an observer credential
 * whether or not anyone uses it (the projector's presenter link, a
 * co-researcher's), and a screen on the wall took no part in the meeting; an
 * observer is listed only when they named themselves or a card on the board is
 * theirs. The data exports (JSON, CSV, XLSX) keep everyone: the import needs
 * every author.
 */
export function protocolPeople(model: ExportModel): ExportParticipant[] {
	const authors = new Set(model.cards.map((c) => c.authorId));
	return model.participants.filter((p) => {
		if (p.removed) return false;
		if (p.role !== 'observer') return true;
		return (p.name?.trim() ?? '') !== '' || authors.has(p.id);
	});
}
