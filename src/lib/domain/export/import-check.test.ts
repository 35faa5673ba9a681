import { describe, expect, it } from 'vitest';
import { sampleExportInput } from '../../../../tests/helpers/sample-export';
import { buildExportModel } from './build';
import { importProblem, importProblemText } from './import-check';
import type { ExportModel } from './model';

const exported = (): ExportModel => {
	const input = sampleExportInput();
	// Someone who wrote cards and was removed later: the export lists them, marked removed.
	const author = input.participants.find((p) => p.role === 'participant')!;
	const participants = input.participants.map((p) =>
		p === author ? { ...p, removedAt: p.createdAt + 1 } : p
	);
	return buildExportModel(
		{ ...input, participants },
		{ locale: 'de', named: false, delimiter: ',' }
	);
};

describe('what an import refuses beyond the schema', () => {
	it('finds nothing wrong with a real export, also with a removed participant’s cards', () => {
		const model = exported();
		expect(model.participants.some((p) => p.removed)).toBe(true);
		const removed = new Set(model.participants.filter((p) => p.removed).map((p) => p.id));
		expect(model.cards.some((c) => removed.has(c.authorId))).toBe(true);
		expect(importProblem(model)).toBeNull();
	});

	it('refuses two cards, participants, clusters, connectors, rounds or next steps of one id', () => {
		const model = exported();
		const [first, second] = model.cards;
		expect(importProblem({ ...model, cards: [first!, { ...second!, id: first!.id }] })).toEqual({
			kind: 'duplicateId',
			list: 'cards',
			id: first!.id
		});
		const person = model.participants[2]!;
		expect(
			importProblem({ ...model, participants: [...model.participants, { ...person }] })
		).toEqual({ kind: 'duplicateId', list: 'participants', id: person.id });
		const round = model.votingRounds[0]!;
		expect(
			importProblem({ ...model, votingRounds: [...model.votingRounds, { ...round, seq: 9 }] })
		).toEqual({ kind: 'duplicateId', list: 'votingRounds', id: round.id });
	});

	it('refuses a card whose author is not among the participants, and says which', () => {
		const model = exported();
		const card = model.cards[0]!;
		const problem = importProblem({
			...model,
			cards: [{ ...card, authorId: 'nobody' }, ...model.cards.slice(1)]
		});
		expect(problem).toEqual({ kind: 'unknownAuthor', cardId: card.id, authorId: 'nobody' });
		expect(importProblemText('en', problem!)).toBe(
			`cards: the card “${card.id}” names the author “nobody”, who is not in participants.`
		);
	});
});
