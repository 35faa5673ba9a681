import { AREA_IDS, type AreaId } from '../board/areas';
import {
	DEFAULT_STAKEHOLDER_GROUPS,
	isDefaultGroup,
	type DefaultGroupId
} from '../session/stakeholder-groups';
import type { TemplateId } from '../session/templates';
import { sharedRanks } from '../voting/tally';
import { LOCALES, translate, type Locale } from '../../i18n/catalog';
import { clusterName } from './cluster-names';
import { singleLine } from './text';
import {
	COMPARISON_MAX_CELLS,
	COMPARISON_MAX_SESSIONS,
	COMPARISON_MIN_SESSIONS
} from './comparison-rules';
import type { ExportModel } from './model';

/**
 * Comparing sessions: several JSON exports (each one focus group) as one
 * model with stable columns, so that ten municipalities' boards stack in one
 * spreadsheet. Stakeholder groups are matched across the files by default group
 * id where a group is one of the default groups, whatever label the facilitator
 * gave it, and by label otherwise (matchGroups); dots are
 * read from the rounds' results, as an import reads them, and put side by side
 * as each card's share of its session's dots and its rank in its session's area.
 *
 * "No voting" is not "no dots": a session without a round with results, and a
 * card no such round counted (outside every round's scope), have no dots,
 * share, rank or dots by group at all (null), not zeros. A session that lacks
 * a group has no count for it (null) either.
 */

/** The union's key of a group label: case and whitespace do not tell groups apart. */
export function groupKey(label: string): string {
	return label.normalize('NFC').toLocaleLowerCase('de').replace(/\s+/g, '');
}

/**
 * The union's key of a default group. It has a space, which no label's key has, so that a
 * facilitator's label such as "default admin" is never taken for the default group.
 */
export function defaultGroupKey(id: DefaultGroupId): string {
	return `default ${id}`;
}

export interface ComparedGroup {
	readonly key: string;
	/**
	 * A default group's catalog label in the comparison's language; for any other group the label
	 * the first file that has it gives it.
	 */
	readonly label: string;
	/**
	 * The labels files gave a default group instead of its catalog label (in either language), in
	 * the order they first appear, one per label key; none for other groups. A reader of the column
	 * learns from them that "Verwaltung" of one session is counted here.
	 */
	readonly also: readonly string[];
}

export interface ComparedSession {
	/** 1 for the first file given, 2 for the second, …: ties the rows of the other tables to it. */
	readonly no: number;
	readonly id: string;
	readonly title: string;
	readonly municipality: string;
	/** YYYY-MM-DD */
	readonly date: string;
	readonly template: TemplateId;
	readonly language: Locale;
	/** Participants (not staff, not removed). */
	readonly participants: number;
	/**
	 * By group key; only the groups the session has. A Map, not an object: a key is a label from
	 * the file, and "__proto__" or "constructor" as an object's key reads Object.prototype's.
	 */
	readonly participantsByGroup: ReadonlyMap<string, number>;
	readonly participantsWithoutGroup: number;
	/** The default groups this session gave a label of its own, in its order: the column's key and that label. */
	readonly relabelled: readonly { readonly key: string; readonly label: string }[];
	readonly cardsByArea: Readonly<Record<AreaId, number>>;
	/** Closed rounds and open rounds with live results. */
	readonly roundsWithResults: number;
	/** All dots placed in those rounds; null without any. */
	readonly dots: number | null;
	readonly nextSteps: number;
}

export interface ComparedCard {
	readonly session: ComparedSession;
	readonly id: string;
	readonly area: AreaId;
	/** The cluster's name ("Neuer Cluster" for an untitled one); '' outside clusters. */
	readonly cluster: string;
	readonly text: string;
	/** The author's group by its union label; '' when they named none. */
	readonly authorGroup: string;
	readonly createdAt: number;
	/** Over every round with results; null when none counted the card. */
	readonly dots: number | null;
	/** dots / the session's dots, 0…1; null without dots or when the session's rounds got none. */
	readonly share: number | null;
	/** Within its session and area, most dots first, equal dots sharing a rank (1, 2, 2, 4). */
	readonly rank: number | null;
	/** By group key, for the groups the session has; null when no round counted the card. */
	readonly dotsByGroup: ReadonlyMap<string, number> | null;
	readonly dotsWithoutGroup: number | null;
}

export interface ComparedNextStep {
	readonly session: ComparedSession;
	readonly cardId: string;
	readonly what: string;
	readonly owner: string;
	/** The responsible group by its union label; '' for none. */
	readonly ownerGroup: string;
	readonly partners: string;
	/** YYYY-MM-DD or ''. */
	readonly due: string;
	/** The texts of the cards it answers. */
	readonly answers: readonly string[];
	readonly dots: number | null;
}

export interface ComparisonModel {
	readonly locale: Locale;
	/** When the comparison was made, ms since the epoch. */
	readonly madeAt: number;
	/** The union of the files' groups, in the order they first appear. */
	readonly groups: readonly ComparedGroup[];
	/** Whether any card got dots from people who named no group (a column of its own then). */
	readonly dotsWithoutGroup: boolean;
	readonly sessions: readonly ComparedSession[];
	readonly cards: readonly ComparedCard[];
	readonly nextSteps: readonly ComparedNextStep[];
}

export type ComparisonProblem =
	| { readonly kind: 'tooFew'; readonly count: number }
	| { readonly kind: 'tooMany'; readonly count: number }
	/** The cards table would have more than COMPARISON_MAX_CELLS cells. */
	| { readonly kind: 'tooLarge'; readonly cards: number; readonly columns: number }
	/** `file` and `first` count from 1, as a person counts the files they chose. */
	| {
			readonly kind: 'sameSession';
			readonly file: number;
			readonly first: number;
			readonly title: string;
	  };

export function countProblem(count: number): ComparisonProblem | null {
	if (count < COMPARISON_MIN_SESSIONS) return { kind: 'tooFew', count };
	if (count > COMPARISON_MAX_SESSIONS) return { kind: 'tooMany', count };
	return null;
}

/** A session's title as a message names its file by: on one line, at most 80 characters. */
export function fileTitle(title: string): string {
	const line = singleLine(title);
	return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

/** One session given twice (its id and creation time, which an import does not keep) would count twice. */
function sameSession(documents: readonly ExportModel[]): ComparisonProblem | null {
	const seen = new Map<string, number>();
	for (const [i, { session }] of documents.entries()) {
		const key = `${session.id}\u0000${session.createdAt}`;
		const first = seen.get(key);
		if (first !== undefined)
			return {
				kind: 'sameSession',
				file: i + 1,
				first: first + 1,
				title: fileTitle(session.title)
			};
		seen.set(key, i);
	}
	return null;
}

export function buildComparison(
	documents: readonly ExportModel[],
	options: { readonly locale: Locale; readonly now: number }
): { ok: true; value: ComparisonModel } | { ok: false; problem: ComparisonProblem } {
	const problem = countProblem(documents.length) ?? sameSession(documents);
	if (problem) return { ok: false, problem };
	const { locale } = options;
	const { union, files } = matchGroups(documents, locale);
	const cards = documents.reduce((sum, d) => sum + d.cards.length, 0);
	const columns = CARD_COLUMNS + union.size + 1;
	if (cards * columns > COMPARISON_MAX_CELLS)
		return { ok: false, problem: { kind: 'tooLarge', cards, columns } };
	const compared = documents.map((document, i) =>
		compareSession(document, i + 1, union, files[i]!, locale)
	);
	return {
		ok: true,
		value: {
			locale,
			madeAt: options.now,
			groups: [...union.values()],
			dotsWithoutGroup: compared.some((s) => s.cards.some((c) => (c.dotsWithoutGroup ?? 0) > 0)),
			sessions: compared.map((s) => s.session),
			cards: compared.flatMap((s) => s.cards),
			nextSteps: compared.flatMap((s) => s.nextSteps)
		}
	};
}

/**
 * Which column each group of each file falls in, and the columns. A group with a default group's id
 * is that default group, whatever its label: the groups editor relabels a default group and keeps
 * its id, so "Verwaltung" with the id `admin` is the administration, and a default group relabelled
 * with another default group's label stays itself. Any other group (one the facilitator added) is
 * matched by label: to a default group whose catalog label (in either language) it has; else to the
 * one default group files gave that label, if only one; else to the other groups of that label.
 */
function matchGroups(
	documents: readonly ExportModel[],
	locale: Locale
): { union: Map<string, ComparedGroup>; files: FileGroups[] } {
	const catalog = new Map<string, DefaultGroupId>();
	for (const id of DEFAULT_STAKEHOLDER_GROUPS)
		for (const l of LOCALES) {
			const key = groupKey(translate(l, `group.${id}`));
			if (!catalog.has(key)) catalog.set(key, id);
		}
	const given = new Map<string, Set<DefaultGroupId>>();
	for (const document of documents)
		for (const { id, label } of document.stakeholderGroups)
			if (isDefaultGroup(id)) {
				const key = groupKey(label);
				given.set(key, (given.get(key) ?? new Set()).add(id));
			}
	const defaultOf = (id: string, label: string): DefaultGroupId | null => {
		if (isDefaultGroup(id)) return id;
		const key = groupKey(label);
		const ids = given.get(key);
		return catalog.get(key) ?? (ids?.size === 1 ? [...ids][0]! : null);
	};

	const union = new Map<string, { key: string; label: string; also: string[] }>();
	const files = documents.map((document) => {
		// Group id in this file → union key.
		const keyOf = new Map<string, string>();
		const relabelled: { key: string; label: string }[] = [];
		for (const { id, label } of document.stakeholderGroups) {
			const match = defaultOf(id, label);
			const key = match === null ? groupKey(label) : defaultGroupKey(match);
			keyOf.set(id, key);
			const column = union.get(key) ?? {
				key,
				label: match === null ? label : translate(locale, `group.${match}`),
				also: []
			};
			union.set(key, column);
			const own = groupKey(label);
			if (match === null || catalog.get(own) === match) continue;
			if (!column.also.some((l) => groupKey(l) === own)) column.also.push(label);
			if (match === id) relabelled.push({ key, label });
		}
		return { keyOf, relabelled };
	});
	return { union, files };
}

interface FileGroups {
	readonly keyOf: ReadonlyMap<string, string>;
	readonly relabelled: ComparedSession['relabelled'];
}

const NO_GROUP = '';

/** The cards table's columns besides one per group and "no group" (comparison-tables.ts). */
export const CARD_COLUMNS = 14;

interface Tally {
	dots: number;
	byGroup: Map<string, number>;
}

function compareSession(
	document: ExportModel,
	no: number,
	union: ReadonlyMap<string, ComparedGroup>,
	{ keyOf, relabelled }: FileGroups,
	locale: Locale
) {
	const labelOf = (id: string | null) =>
		id === null ? '' : (union.get(keyOf.get(id) ?? '')?.label ?? id);

	const counted = document.votingRounds.filter((r) => r.results !== null);
	const tallies = new Map<string, Tally>();
	for (const round of counted)
		for (const result of round.results!.cards) {
			if (result.deleted) continue;
			const tally = tallies.get(result.cardId) ?? { dots: 0, byGroup: new Map() };
			tally.dots += result.dots;
			for (const [group, dots] of Object.entries(result.byGroup))
				tally.byGroup.set(group, (tally.byGroup.get(group) ?? 0) + dots);
			tallies.set(result.cardId, tally);
		}
	const dotsGiven =
		counted.length === 0 ? null : counted.reduce((sum, r) => sum + r.results!.totalDots, 0);

	const participants = document.participants.filter((p) => p.role === 'participant' && !p.removed);
	const participantsByGroup = new Map<string, number>();
	for (const key of keyOf.values()) participantsByGroup.set(key, 0);
	for (const p of participants)
		if (p.group !== null) {
			const key = keyOf.get(p.group)!;
			participantsByGroup.set(key, participantsByGroup.get(key)! + 1);
		}

	const session: ComparedSession = {
		no,
		id: document.session.id,
		title: document.session.title,
		municipality: document.session.municipality,
		date: document.session.date,
		template: document.session.template,
		language: document.session.language,
		participants: participants.length,
		participantsByGroup,
		participantsWithoutGroup: participants.filter((p) => p.group === null).length,
		relabelled,
		cardsByArea: Object.fromEntries(
			AREA_IDS.map((area) => [area, document.cards.filter((c) => c.area === area).length])
		) as Record<AreaId, number>,
		roundsWithResults: counted.length,
		dots: dotsGiven,
		nextSteps: document.nextSteps.length
	};

	const clusters = new Map(document.clusters.map((c) => [c.id, clusterName(c, locale)]));
	const rankOf = ranksByArea(document, tallies);
	const cards: ComparedCard[] = document.cards.map((card) => {
		const tally = tallies.get(card.id);
		let dotsByGroup: Map<string, number> | null = null;
		if (tally) {
			dotsByGroup = new Map();
			// Two groups of one session may share a label: they are one column, their dots added.
			for (const [id, key] of keyOf)
				dotsByGroup.set(key, (dotsByGroup.get(key) ?? 0) + (tally.byGroup.get(id) ?? 0));
		}
		return {
			session,
			id: card.id,
			area: card.area,
			cluster: card.clusterId === null ? '' : (clusters.get(card.clusterId) ?? ''),
			text: card.text,
			authorGroup: labelOf(card.authorGroup),
			createdAt: card.createdAt,
			dots: tally?.dots ?? null,
			share: tally && dotsGiven ? tally.dots / dotsGiven : null,
			rank: rankOf.get(card.id) ?? null,
			dotsByGroup,
			dotsWithoutGroup: tally ? (tally.byGroup.get(NO_GROUP) ?? 0) : null
		};
	});

	const texts = new Map(document.cards.map((c) => [c.id, c.text]));
	const nextSteps: ComparedNextStep[] = document.nextSteps.map((step) => ({
		session,
		cardId: step.cardId,
		what: step.what,
		owner: step.owner,
		ownerGroup: labelOf(step.ownerGroup),
		partners: step.partners,
		due: step.due,
		answers: step.answers.map((id) => texts.get(id) ?? id),
		dots: tallies.get(step.cardId)?.dots ?? null
	}));
	return { session, cards, nextSteps };
}

/** Each counted card's rank among the counted cards of its area, by dots over all rounds. */
function ranksByArea(
	document: ExportModel,
	tallies: ReadonlyMap<string, Tally>
): Map<string, number> {
	const ranks = new Map<string, number>();
	for (const area of AREA_IDS) {
		const cards = document.cards.filter((c) => c.area === area && tallies.has(c.id));
		const values = sharedRanks(cards.map((c) => tallies.get(c.id)!.dots));
		cards.forEach((card, i) => ranks.set(card.id, values[i]!));
	}
	return ranks;
}

/** The problem in words, in the reader's language. */
export function comparisonProblemText(locale: Locale, problem: ComparisonProblem): string {
	switch (problem.kind) {
		case 'tooFew':
			return translate(locale, 'compare.problem.tooFew', { min: COMPARISON_MIN_SESSIONS });
		case 'tooMany':
			return translate(locale, 'compare.problem.tooMany', {
				max: COMPARISON_MAX_SESSIONS,
				count: problem.count
			});
		case 'tooLarge':
			return translate(locale, 'compare.problem.tooLarge', {
				cards: problem.cards,
				columns: problem.columns,
				max: COMPARISON_MAX_CELLS
			});
		case 'sameSession':
			return translate(locale, 'compare.problem.sameSession', {
				file: problem.file,
				first: problem.first,
				title: problem.title
			});
	}
}
