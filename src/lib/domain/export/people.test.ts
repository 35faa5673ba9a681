import { describe, expect, it } from 'vitest';
import { musterstadtExport } from '../../../../tests/helpers/export-fixture';
import type { ExportModel, ExportParticipant } from './model';
import { personName, protocolPeople } from './people';

const person = (
	id: string,
	role: ExportParticipant['role'],
	name: string | null,
	removed = false
): ExportParticipant => ({ id, name, group: null, role, joinedAt: 0, removed });

describe('what a readable export calls a person', () => {
	it('is the name they gave', () => {
		expect(personName(person('f', 'facilitator', 'Dr. Sabine Weiß'), 'de')).toBe('Dr. Sabine Weiß');
		expect(personName(person('p', 'participant', 'Jana K.'), 'en')).toBe('Jana K.');
		expect(personName(person('f', 'facilitator', '\t=1+1 '), 'de')).toBe('\t=1+1 ');
	});

	it('is their role in the export’s language for staff who never named themselves', () => {
		expect(personName(person('f', 'facilitator', ''), 'de')).toBe('Moderation');
		expect(personName(person('f', 'facilitator', '  '), 'en')).toBe('Facilitator');
		expect(personName(person('o', 'observer', ''), 'de')).toBe('Beobachtung');
		expect(personName(person('o', 'observer', null), 'en')).toBe('Observer');
	});

	it('is nothing for a participant without a name, not “Teilnahme”', () => {
		expect(personName(person('p', 'participant', null), 'de')).toBe('');
	});
});

describe('the people a protocol lists', () => {
	const base = musterstadtExport();
	const withPeople = (
		participants: readonly ExportParticipant[],
		authors: readonly string[] = []
	): ExportModel => ({
		...base,
		participants,
		cards: base.cards.map((c, i) => (i < authors.length ? { ...c, authorId: authors[i]! } : c))
	});
	const ids = (model: ExportModel) => protocolPeople(model).map((p) => p.id);

	it('are the facilitator and the participants still there, in the order they joined', () => {
		const model = withPeople([
			person('f', 'facilitator', ''),
			person('o', 'observer', ''),
			person('a', 'participant', 'Jana K.'),
			person('gone', 'participant', 'Kai', true),
			person('b', 'participant', 'Murat')
		]);
		expect(ids(model)).toEqual(['f', 'a', 'b']);
	});

	it('include an observer who named themselves or wrote a card on the board', () => {
		const named = withPeople([person('f', 'facilitator', ''), person('o', 'observer', 'Dr. Roth')]);
		expect(ids(named)).toEqual(['f', 'o']);
		const author = withPeople(
			[
				person('f', 'facilitator', ''),
				person('o', 'observer', ''),
				person('a', 'participant', 'A')
			],
			['o']
		);
		expect(ids(author)).toEqual(['f', 'o', 'a']);
	});
});
