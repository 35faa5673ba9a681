import { COORDINATE_LIMIT, TIME_MAX, isCoordinate, isDueDate, isTimestamp } from '../board/schema';
import { type Locale, translate } from '../../i18n/catalog';
import type { ExportModel } from './model';

/**
 * Checks of an import (POST /api/sessions/import) beyond the file's schema:
 * what no session's export can hold. Each of these would be stored and then
 * dropped or rewritten by the board's readers, so that exporting the new
 * session would not give the file back; refusing says what is wrong instead.
 */

/** The JSON types an export's fields have, as a shape problem names them. */
export const SHAPE_TYPES = ['number', 'int', 'string', 'boolean', 'array', 'object'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

/** What makes a file of the export's shape no export of a session (`import_invalid`). */
export type ImportProblem =
	/** Past one of the session's limits (session-limits.ts). */
	| { readonly kind: 'tooMany'; readonly list: string; readonly max: number }
	/** Not of the export's shape: the first place that is not (`cards.3.x`). */
	| { readonly kind: 'shape'; readonly path: string }
	/** …where the file has a value of another JSON type than the export writes there. */
	| { readonly kind: 'shapeType'; readonly path: string; readonly expected: ShapeType }
	/** …where the file leaves out a field every export has. */
	| { readonly kind: 'shapeMissing'; readonly path: string; readonly expected: ShapeType }
	/** …where the export writes one of a few values (`"area": "challenges"`). */
	| { readonly kind: 'shapeValue'; readonly path: string; readonly values: readonly string[] }
	/** …where the file passes a limit of the export (a text's length, a number's range). */
	| {
			readonly kind: 'shapeLimit';
			readonly path: string;
			readonly limit: 'most' | 'least';
			readonly of: 'characters' | 'entries' | 'value';
			readonly value: number;
	  }
	| { readonly kind: 'duplicateId'; readonly list: string; readonly id: string }
	| { readonly kind: 'unknownAuthor'; readonly cardId: string; readonly authorId: string }
	| {
			readonly kind: 'outOfRange';
			readonly cardId: string;
			readonly field: 'x' | 'y' | 'createdAt';
			readonly value: number;
			readonly min: number;
			readonly max: number;
	  }
	| {
			readonly kind: 'unknownGroup';
			readonly list: 'participants' | 'cards' | 'nextSteps';
			readonly id: string;
			readonly group: string;
	  }
	| {
			readonly kind: 'unknownCard';
			readonly list: 'clusters' | 'connectors' | 'nextSteps';
			readonly id: string;
			readonly cardId: string;
	  }
	| {
			readonly kind: 'unknownCluster';
			readonly list: 'cards' | 'connectors';
			readonly id: string;
			readonly clusterId: string;
	  }
	| { readonly kind: 'emptyCluster'; readonly clusterId: string }
	| { readonly kind: 'clusterMembership'; readonly clusterId: string; readonly cardId: string }
	| { readonly kind: 'selfConnector'; readonly id: string; readonly end: string }
	| { readonly kind: 'notNextStep'; readonly cardId: string }
	| { readonly kind: 'invalidDue'; readonly cardId: string; readonly due: string }
	| { readonly kind: 'unknownResultCard'; readonly roundId: string; readonly cardId: string }
	| { readonly kind: 'staff'; readonly facilitators: number; readonly observers: number }
	| { readonly kind: 'answersNextStep'; readonly cardId: string; readonly answer: string }
	| { readonly kind: 'unknownResultGroup'; readonly roundId: string; readonly group: string }
	| { readonly kind: 'emptyScope'; readonly roundId: string }
	| { readonly kind: 'cancelledResults'; readonly roundId: string }
	| { readonly kind: 'resultCardTwice'; readonly roundId: string; readonly cardId: string }
	| {
			readonly kind: 'resultCardSum';
			readonly roundId: string;
			readonly cardId: string;
			readonly dots: number;
			readonly sum: number;
	  }
	| {
			readonly kind: 'resultTotal';
			readonly roundId: string;
			readonly list: 'cards' | 'groups';
			readonly totalDots: number;
			readonly sum: number;
	  }
	| {
			readonly kind: 'resultVoters';
			readonly roundId: string;
			readonly voters: number;
			readonly dots: number;
			readonly most: number;
	  };

/**
 * Whether the file could have come from a session: every id once in its list (two cards of one
 * id would become one card, or one of them would be lost), every card's author among the
 * participants — an export lists everyone who ever joined, staff and removed participants too,
 * and a card names the participant who wrote it —, and nothing the board refuses or its readers
 * drop: a card outside the board's box or with a time no date holds, a group the session lacks
 * (a chosen group cannot be removed, nor one a next step names), a cluster or card that is not
 * there, a cluster without cards, a connector from something to itself, a next step of a card
 * outside the next-steps area or due on a day the calendar lacks. A round's results may count a
 * card that is not on the board any more, as the export marks it: deleted.
 */
export function importProblem(model: ExportModel): ImportProblem | null {
	return (
		duplicateId(model) ??
		staffProblem(model) ??
		unknownAuthor(model) ??
		outOfRange(model) ??
		unknownGroup(model) ??
		clusterProblem(model) ??
		connectorProblem(model) ??
		nextStepProblem(model) ??
		resultProblem(model)
	);
}

function duplicateId(model: ExportModel): ImportProblem | null {
	const lists: [string, readonly string[]][] = [
		['participants', model.participants.map((p) => p.id)],
		['cards', model.cards.map((c) => c.id)],
		['clusters', model.clusters.map((c) => c.id)],
		['connectors', model.connectors.map((c) => c.id)],
		['votingRounds', model.votingRounds.map((r) => r.id)],
		['nextSteps', model.nextSteps.map((s) => s.cardId)]
	];
	for (const [list, ids] of lists) {
		const seen = new Set<string>();
		for (const id of ids) {
			if (seen.has(id)) return { kind: 'duplicateId', list, id };
			seen.add(id);
		}
	}
	return null;
}

/** A session has one facilitator and one observer (the presenter link; older sessions none). */
function staffProblem(model: ExportModel): ImportProblem | null {
	const facilitators = model.participants.filter((p) => p.role === 'facilitator').length;
	const observers = model.participants.filter((p) => p.role === 'observer').length;
	return facilitators === 1 && observers <= 1 ? null : { kind: 'staff', facilitators, observers };
}

function unknownAuthor(model: ExportModel): ImportProblem | null {
	const people = new Set(model.participants.map((p) => p.id));
	for (const card of model.cards)
		if (!people.has(card.authorId))
			return { kind: 'unknownAuthor', cardId: card.id, authorId: card.authorId };
	return null;
}

function outOfRange(model: ExportModel): ImportProblem | null {
	for (const card of model.cards) {
		for (const field of ['x', 'y'] as const)
			if (!isCoordinate(card[field]))
				return {
					kind: 'outOfRange',
					cardId: card.id,
					field,
					value: card[field],
					min: -COORDINATE_LIMIT,
					max: COORDINATE_LIMIT
				};
		if (!isTimestamp(card.createdAt))
			return {
				kind: 'outOfRange',
				cardId: card.id,
				field: 'createdAt',
				value: card.createdAt,
				min: 0,
				max: TIME_MAX
			};
	}
	return null;
}

function unknownGroup(model: ExportModel): ImportProblem | null {
	const groups = new Set(model.stakeholderGroups.map((g) => g.id));
	const unknown = (group: string | null): group is string => group !== null && !groups.has(group);
	for (const p of model.participants)
		if (unknown(p.group))
			return { kind: 'unknownGroup', list: 'participants', id: p.id, group: p.group };
	for (const c of model.cards)
		if (unknown(c.authorGroup))
			return { kind: 'unknownGroup', list: 'cards', id: c.id, group: c.authorGroup };
	for (const s of model.nextSteps)
		if (unknown(s.ownerGroup))
			return { kind: 'unknownGroup', list: 'nextSteps', id: s.cardId, group: s.ownerGroup };
	return null;
}

/** A cluster's cards are the cards naming it, both ways round: the board keeps membership on the card. */
function clusterProblem(model: ExportModel): ImportProblem | null {
	const cards = new Map(model.cards.map((c) => [c.id, c]));
	const clusters = new Map(model.clusters.map((c) => [c.id, c]));
	for (const card of model.cards)
		if (card.clusterId !== null && !clusters.has(card.clusterId))
			return { kind: 'unknownCluster', list: 'cards', id: card.id, clusterId: card.clusterId };
	for (const cluster of model.clusters) {
		if (cluster.cardIds.length === 0) return { kind: 'emptyCluster', clusterId: cluster.id };
		for (const cardId of cluster.cardIds) {
			const card = cards.get(cardId);
			if (!card) return { kind: 'unknownCard', list: 'clusters', id: cluster.id, cardId };
			if (card.clusterId !== cluster.id)
				return { kind: 'clusterMembership', clusterId: cluster.id, cardId };
		}
	}
	for (const card of model.cards)
		if (card.clusterId !== null && !clusters.get(card.clusterId)!.cardIds.includes(card.id))
			return { kind: 'clusterMembership', clusterId: card.clusterId, cardId: card.id };
	return null;
}

function connectorProblem(model: ExportModel): ImportProblem | null {
	const cards = new Set(model.cards.map((c) => c.id));
	const clusters = new Set(model.clusters.map((c) => c.id));
	for (const c of model.connectors) {
		for (const [end, kind] of [
			[c.from, c.fromKind],
			[c.to, c.toKind]
		] as const) {
			if (kind === 'card' && !cards.has(end))
				return { kind: 'unknownCard', list: 'connectors', id: c.id, cardId: end };
			if (kind === 'cluster' && !clusters.has(end))
				return { kind: 'unknownCluster', list: 'connectors', id: c.id, clusterId: end };
		}
		if (c.from === c.to) return { kind: 'selfConnector', id: c.id, end: c.from };
	}
	return null;
}

function nextStepProblem(model: ExportModel): ImportProblem | null {
	const cards = new Map(model.cards.map((c) => [c.id, c]));
	for (const step of model.nextSteps) {
		if (cards.get(step.cardId)?.area !== 'next-steps')
			return { kind: 'notNextStep', cardId: step.cardId };
		if (step.due !== '' && !isDueDate(step.due))
			return { kind: 'invalidDue', cardId: step.cardId, due: step.due };
		for (const answer of step.answers) {
			if (!cards.has(answer))
				return { kind: 'unknownCard', list: 'nextSteps', id: step.cardId, cardId: answer };
			// A next step answers a challenge or a potential, never another next step (or itself).
			if (cards.get(answer)!.area === 'next-steps')
				return { kind: 'answersNextStep', cardId: step.cardId, answer };
		}
	}
	return null;
}

function resultProblem(model: ExportModel): ImportProblem | null {
	const cards = new Set(model.cards.map((c) => c.id));
	// Dots record the voter's group, which stays in the session ('' for no group).
	const groups = new Set(['', ...model.stakeholderGroups.map((g) => g.id)]);
	for (const round of model.votingRounds) {
		// A round is opened on some area or cluster: an empty scope is refused when it is opened.
		if (round.scope.areas.length === 0 && round.scope.clusters.length === 0)
			return { kind: 'emptyScope', roundId: round.id };
		for (const result of round.results?.cards ?? []) {
			if (!result.deleted && !cards.has(result.cardId))
				return { kind: 'unknownResultCard', roundId: round.id, cardId: result.cardId };
			for (const group of Object.keys(result.byGroup))
				if (!groups.has(group)) return { kind: 'unknownResultGroup', roundId: round.id, group };
		}
		for (const { group } of round.results?.groups ?? [])
			if (!groups.has(group)) return { kind: 'unknownResultGroup', roundId: round.id, group };
		const totals = resultTotals(round);
		if (totals) return totals;
	}
	return null;
}

/**
 * A round's figures as a tally gives them, so that a share of the dots stays within 0…1 and no
 * dot is counted twice (readers and the comparison add them up): a cancelled round has no
 * results, each card is counted once, a card's dots are its groups' dots, the cards' and the
 * groups' dots are the round's, and no one placed more dots than a round gives each voter.
 */
function resultTotals(round: ExportModel['votingRounds'][number]): ImportProblem | null {
	const roundId = round.id;
	const results = round.results;
	if (!results) return null;
	if (round.status === 'cancelled') return { kind: 'cancelledResults', roundId };
	const seen = new Set<string>();
	let cardDots = 0;
	for (const card of results.cards) {
		if (seen.has(card.cardId)) return { kind: 'resultCardTwice', roundId, cardId: card.cardId };
		seen.add(card.cardId);
		// Own keys only: a key "__proto__" in the file is no group of this record once parsed.
		const sum = Object.values(card.byGroup).reduce((a, b) => a + b, 0);
		if (sum !== card.dots)
			return { kind: 'resultCardSum', roundId, cardId: card.cardId, dots: card.dots, sum };
		cardDots += card.dots;
	}
	const totalDots = results.totalDots;
	if (cardDots !== totalDots)
		return { kind: 'resultTotal', roundId, list: 'cards', totalDots, sum: cardDots };
	const groupDots = results.groups.reduce((a, g) => a + g.dots, 0);
	if (groupDots !== totalDots)
		return { kind: 'resultTotal', roundId, list: 'groups', totalDots, sum: groupDots };
	const most = results.voters * round.dotsPerParticipant;
	if (totalDots > most)
		return { kind: 'resultVoters', roundId, voters: results.voters, dots: totalDots, most };
	return null;
}

/** The problem in words, after the message of `import_invalid`. */
export function importProblemText(locale: Locale, problem: ImportProblem): string {
	// The expected type in the reader's words, the values as the file would write them.
	if (problem.kind === 'shapeType' || problem.kind === 'shapeMissing')
		return translate(locale, `import.problem.${problem.kind}`, {
			path: problem.path,
			expected: translate(locale, `import.type.${problem.expected}`)
		});
	if (problem.kind === 'shapeValue')
		return translate(locale, 'import.problem.shapeValue', {
			path: problem.path,
			values: problem.values.join(', ')
		});
	if (problem.kind === 'shapeLimit')
		return translate(locale, `import.problem.shapeLimit.${problem.limit}.${problem.of}`, {
			path: problem.path,
			value: String(problem.value)
		});
	const { kind, ...params } = problem;
	// Figures are quoted as the file writes them ("x = 1000000000"), to be found in it.
	const quoted = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
	return translate(locale, `import.problem.${kind}`, quoted);
}
