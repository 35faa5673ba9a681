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

	it('refuses a card outside the board’s box or with a time no date holds, and says which', () => {
		const model = exported();
		const [card, ...rest] = model.cards;
		const at = (change: object) =>
			importProblem({ ...model, cards: [{ ...card!, ...change }, ...rest] });
		const far = at({ x: 1e9, y: -1e9 });
		expect(far).toMatchObject({ kind: 'outOfRange', cardId: card!.id, field: 'x', value: 1e9 });
		expect(importProblemText('en', far!)).toBe(
			`cards: the card “${card!.id}” has x = 1000000000, outside -100000 to 100000.`
		);
		expect(at({ y: -100_001 })).toMatchObject({ kind: 'outOfRange', field: 'y' });
		expect(at({ createdAt: -1 })).toMatchObject({ kind: 'outOfRange', field: 'createdAt' });
		expect(at({ x: -100_000, y: 100_000 })).toBeNull();
	});

	it('refuses a participant, card or next step naming a stakeholder group the file lacks', () => {
		const model = exported();
		const person = model.participants.find((p) => p.group !== null)!;
		const grouped = importProblem({
			...model,
			participants: model.participants.map((p) => (p === person ? { ...p, group: 'zzz' } : p))
		});
		expect(grouped).toEqual({
			kind: 'unknownGroup',
			list: 'participants',
			id: person.id,
			group: 'zzz'
		});
		expect(importProblemText('de', grouped!)).toBe(
			`participants: „${person.id}“ nennt die Akteursgruppe „zzz“, die in stakeholderGroups fehlt.`
		);
		const card = model.cards.find((c) => c.authorGroup !== null)!;
		expect(
			importProblem({
				...model,
				cards: model.cards.map((c) => (c === card ? { ...c, authorGroup: 'yyy' } : c))
			})
		).toEqual({ kind: 'unknownGroup', list: 'cards', id: card.id, group: 'yyy' });
		const [step, ...steps] = model.nextSteps;
		expect(
			importProblem({ ...model, nextSteps: [{ ...step!, ownerGroup: 'g-nirgends' }, ...steps] })
		).toEqual({ kind: 'unknownGroup', list: 'nextSteps', id: step!.cardId, group: 'g-nirgends' });
	});

	it('refuses connectors, next steps, clusters and results naming cards or clusters the file lacks', () => {
		const model = exported();
		const [connector, ...connectors] = model.connectors;
		const dangling = importProblem({
			...model,
			connectors: [{ ...connector!, to: 'unknownid' }, ...connectors]
		});
		expect(dangling).toEqual({
			kind: 'unknownCard',
			list: 'connectors',
			id: connector!.id,
			cardId: 'unknownid'
		});
		expect(importProblemText('en', dangling!)).toBe(
			`connectors: “${connector!.id}” names the card “unknownid”, which is not in cards.`
		);
		expect(
			importProblem({
				...model,
				connectors: [{ ...connector!, toKind: 'cluster' }, ...connectors]
			})
		).toMatchObject({ kind: 'unknownCluster', list: 'connectors', clusterId: connector!.to });
		expect(
			importProblem({
				...model,
				connectors: [{ ...connector!, to: connector!.from }, ...connectors]
			})
		).toEqual({ kind: 'selfConnector', id: connector!.id, end: connector!.from });

		const [step, ...steps] = model.nextSteps;
		const withStep = (change: object) =>
			importProblem({ ...model, nextSteps: [{ ...step!, ...change }, ...steps] });
		expect(withStep({ answers: ['unknowncard'] })).toEqual({
			kind: 'unknownCard',
			list: 'nextSteps',
			id: step!.cardId,
			cardId: 'unknowncard'
		});
		expect(withStep({ due: '2026-13-45' })).toEqual({
			kind: 'invalidDue',
			cardId: step!.cardId,
			due: '2026-13-45'
		});
		const challenge = model.cards.find((c) => c.area === 'challenges')!;
		expect(withStep({ cardId: challenge.id })).toEqual({
			kind: 'notNextStep',
			cardId: challenge.id
		});

		const [round, ...rounds] = model.votingRounds;
		const [counted, ...others] = round!.results!.cards;
		const counting = (change: object) =>
			importProblem({
				...model,
				votingRounds: [
					{
						...round!,
						results: { ...round!.results!, cards: [{ ...counted!, ...change }, ...others] }
					},
					...rounds
				]
			});
		expect(counting({ cardId: 'unknowncard' })).toEqual({
			kind: 'unknownResultCard',
			roundId: round!.id,
			cardId: 'unknowncard'
		});
		// A card deleted after the round: the export keeps it in the results, marked deleted.
		expect(counting({ cardId: 'unknowncard', deleted: true })).toBeNull();
	});

	it('refuses clusters whose cards disagree with them, and clusters without cards', () => {
		const model = exported();
		const [cluster, second, ...clusters] = model.clusters;
		const member = model.cards.find((c) => c.id === cluster!.cardIds[0])!;
		const withCards = (change: object) =>
			importProblem({ ...model, clusters: [{ ...cluster!, ...change }, second!, ...clusters] });
		expect(withCards({ cardIds: [...cluster!.cardIds, 'unknowncard'] })).toEqual({
			kind: 'unknownCard',
			list: 'clusters',
			id: cluster!.id,
			cardId: 'unknowncard'
		});
		expect(withCards({ cardIds: [...cluster!.cardIds, second!.cardIds[0]!] })).toEqual({
			kind: 'clusterMembership',
			clusterId: cluster!.id,
			cardId: second!.cardIds[0]
		});
		expect(withCards({ cardIds: cluster!.cardIds.slice(1) })).toEqual({
			kind: 'clusterMembership',
			clusterId: cluster!.id,
			cardId: member.id
		});
		const cards = (clusterId: string) =>
			model.cards.map((c) => (c === member ? { ...c, clusterId } : c));
		expect(importProblem({ ...model, cards: cards('k-gone') })).toEqual({
			kind: 'unknownCluster',
			list: 'cards',
			id: member.id,
			clusterId: 'k-gone'
		});
		expect(
			importProblem({
				...model,
				clusters: [...model.clusters, { ...cluster!, id: 'k-empty', cardIds: [] }]
			})
		).toEqual({ kind: 'emptyCluster', clusterId: 'k-empty' });
	});

	it('refuses a file without its one facilitator, or with a second facilitator or observer', () => {
		const model = exported();
		const facilitator = model.participants.find((p) => p.role === 'facilitator')!;
		const observer = model.participants.find((p) => p.role === 'observer');
		const without = importProblem({
			...model,
			participants: model.participants.map((p) =>
				p === facilitator ? { ...p, role: 'participant' as const } : p
			)
		});
		expect(without).toEqual({ kind: 'staff', facilitators: 0, observers: observer ? 1 : 0 });
		expect(importProblemText('de', without!)).toContain('genau eine Moderation');
		expect(
			importProblem({
				...model,
				participants: [...model.participants, { ...facilitator, id: 'second' }]
			})
		).toMatchObject({ kind: 'staff', facilitators: 2 });
		expect(
			importProblem({
				...model,
				participants: [
					...model.participants,
					{ ...facilitator, id: 'extra-o1', role: 'observer' },
					{ ...facilitator, id: 'extra-o2', role: 'observer' }
				]
			})
		).toMatchObject({ kind: 'staff', facilitators: 1 });
	});

	it('refuses a next step answering a next step, and a round with an empty scope or a foreign group’s dots', () => {
		const model = exported();
		const [step, ...steps] = model.nextSteps;
		expect(
			importProblem({ ...model, nextSteps: [{ ...step!, answers: [step!.cardId] }, ...steps] })
		).toEqual({ kind: 'answersNextStep', cardId: step!.cardId, answer: step!.cardId });
		const counted = model.votingRounds.find((r) => r.results && r.results.cards.length > 0)!;
		const rounds = (change: (r: typeof counted) => typeof counted) =>
			model.votingRounds.map((r) => (r === counted ? change(r) : r));
		expect(
			importProblem({
				...model,
				votingRounds: rounds((r) => ({ ...r, scope: { areas: [], clusters: [] } }))
			})
		).toEqual({ kind: 'emptyScope', roundId: counted.id });
		const [first, ...rest] = counted.results!.cards;
		expect(
			importProblem({
				...model,
				votingRounds: rounds((r) => ({
					...r,
					results: {
						...r.results!,
						cards: [{ ...first!, byGroup: { ...first!.byGroup, 'g-fremd': 1 } }, ...rest]
					}
				}))
			})
		).toEqual({ kind: 'unknownResultGroup', roundId: counted.id, group: 'g-fremd' });
	});

	it('refuses a round whose figures no tally gives: counted twice, not adding up, or more dots than voters have', () => {
		const model = exported();
		const counted = model.votingRounds.find(
			(r) => r.status === 'closed' && r.results && r.results.cards.some((c) => c.dots > 0)
		)!;
		const results = counted.results!;
		const refused = (change: Partial<typeof counted>) =>
			importProblem({
				...model,
				votingRounds: model.votingRounds.map((r) => (r === counted ? { ...r, ...change } : r))
			});
		const voted = results.cards.findIndex((c) => c.dots > 0);
		const card = results.cards[voted]!;
		const withCard = (replacement: (typeof results.cards)[number][]) => ({
			...results,
			cards: results.cards.flatMap((c, i) => (i === voted ? replacement : [c]))
		});

		expect(refused({ status: 'cancelled' })).toEqual({
			kind: 'cancelledResults',
			roundId: counted.id
		});
		expect(refused({ results: withCard([card, card]) })).toEqual({
			kind: 'resultCardTwice',
			roundId: counted.id,
			cardId: card.cardId
		});
		// One dot more on the card than its groups gave.
		expect(refused({ results: withCard([{ ...card, dots: card.dots + 1 }]) })).toEqual({
			kind: 'resultCardSum',
			roundId: counted.id,
			cardId: card.cardId,
			dots: card.dots + 1,
			sum: card.dots
		});
		// A share above 1: the round names fewer dots than its cards got.
		const problem = refused({ results: { ...results, totalDots: results.totalDots - 1 } });
		expect(problem).toEqual({
			kind: 'resultTotal',
			roundId: counted.id,
			list: 'cards',
			totalDots: results.totalDots - 1,
			sum: results.totalDots
		});
		expect(importProblemText('de', problem!)).toBe(
			`votingRounds: Die Runde „${counted.id}“ hat totalDots = ${results.totalDots - 1}, die Summe der Punkte in cards aber ${results.totalDots}.`
		);
		const [firstGroup, ...groups] = results.groups;
		expect(
			refused({ results: { ...results, groups: [{ ...firstGroup!, dots: 0 }, ...groups] } })
		).toMatchObject({ kind: 'resultTotal', list: 'groups', totalDots: results.totalDots });
		expect(refused({ results: { ...results, voters: 0 } })).toEqual({
			kind: 'resultVoters',
			roundId: counted.id,
			voters: 0,
			dots: results.totalDots,
			most: 0
		});
	});
});
