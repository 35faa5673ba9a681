import { AREA_IDS } from '../board/areas';
import { translate, type MessageKey, type MessageParams } from '../../i18n/catalog';
import {
	groupKey,
	type ComparedGroup,
	type ComparedSession,
	type ComparisonModel
} from './comparison';

/**
 * The comparison as tables with headings in its language, for the CSV (the
 * cards table) and the workbook (all three) to write alike. A cell is text, a
 * number or empty (null: none, which is not 0); a column's kind says how a
 * number or text is meant (a moment in ms, a share 0…1, a day YYYY-MM-DD).
 */
export type ComparisonCell = string | number | null;

export interface ComparisonColumn {
	readonly header: string;
	readonly kind: 'text' | 'number' | 'share' | 'moment' | 'date';
	/** Characters, for a workbook. */
	readonly width: number;
}

export interface ComparisonTable {
	readonly name: string;
	readonly columns: readonly ComparisonColumn[];
	readonly rows: readonly (readonly ComparisonCell[])[];
}

export function comparisonTables(model: ComparisonModel): {
	sessions: ComparisonTable;
	cards: ComparisonTable;
	nextSteps: ComparisonTable;
} {
	const t = (key: MessageKey, params?: MessageParams) => translate(model.locale, key, params);
	const col = (
		header: string,
		kind: ComparisonColumn['kind'] = 'text',
		width = kind === 'text' ? 18 : 12
	): ComparisonColumn => ({ header, kind, width });
	// A group may be named as the column of people who named none; that column then says it otherwise.
	const noGroup = model.groups.some((g) => groupKey(g.label) === groupKey(t('protocol.noGroup')))
		? t('group.unset')
		: t('protocol.noGroup');
	// The other labels a default group had in the files go in its heading, so that a reader of the
	// CSV, which has no sessions table, sees where the "Verwaltung" of their session went.
	const quoted = (label: string) => t('compare.quoted', { label });
	const heading = (g: ComparedGroup) =>
		g.also.length === 0
			? g.label
			: t('compare.groupAlso', { group: g.label, labels: g.also.map(quoted).join(', ') });
	const labelOf = new Map(model.groups.map((g) => [g.key, g.label]));
	// Every table starts with the session, so that a row read alone says where it comes from.
	const sessionColumns = [
		col(t('compare.col.sessionNo'), 'number', 8),
		col(t('compare.col.session'), 'text', 30),
		col(t('protocol.municipality'), 'text', 20),
		col(t('protocol.date'), 'date')
	];
	const sessionCells = (s: ComparedSession): ComparisonCell[] => [
		s.no,
		s.title,
		s.municipality,
		s.date
	];
	const byGroup = (counts: ReadonlyMap<string, number> | null) =>
		model.groups.map((g) => counts?.get(g.key) ?? null);

	const sessions: ComparisonTable = {
		name: t('compare.sheet.sessions'),
		columns: [
			...sessionColumns,
			col(t('compare.col.template'), 'text', 16),
			col(t('compare.col.language'), 'text', 10),
			col(t('compare.col.participants'), 'number'),
			...model.groups.map((g) =>
				col(t('compare.col.participantsOf', { group: heading(g) }), 'number')
			),
			col(t('compare.col.participantsOf', { group: noGroup }), 'number'),
			col(t('compare.col.relabelled'), 'text', 30),
			...AREA_IDS.map((a) => col(t('compare.col.cardsIn', { area: t(`area.${a}`) }), 'number')),
			col(t('compare.col.cards'), 'number'),
			col(t('compare.col.rounds'), 'number'),
			col(t('compare.col.dotsGiven'), 'number'),
			col(t('workbook.nextSteps'), 'number'),
			col(t('compare.col.sessionId'), 'text', 18)
		],
		rows: model.sessions.map((s) => [
			...sessionCells(s),
			t(`template.${s.template}.name`),
			t(`lang.${s.language}`),
			s.participants,
			...byGroup(s.participantsByGroup),
			s.participantsWithoutGroup,
			s.relabelled
				.map((r) => t('compare.relabelled', { group: labelOf.get(r.key)!, label: quoted(r.label) }))
				.join('\n'),
			...AREA_IDS.map((a) => s.cardsByArea[a]),
			AREA_IDS.reduce((sum, a) => sum + s.cardsByArea[a], 0),
			s.roundsWithResults,
			s.dots,
			s.nextSteps,
			s.id
		])
	};

	const cards: ComparisonTable = {
		name: t('workbook.cards'),
		columns: [
			...sessionColumns,
			col(t('export.csv.area')),
			col(t('compare.col.areaId'), 'text', 12),
			col(t('export.csv.cluster'), 'text', 24),
			col(t('export.csv.text'), 'text', 60),
			col(t('export.csv.authorGroup'), 'text', 24),
			col(t('export.csv.createdAt'), 'moment', 17),
			col(t('export.csv.dotsTotal'), 'number'),
			col(t('compare.col.share'), 'share', 14),
			col(t('compare.col.rank'), 'number', 10),
			...model.groups.map((g) =>
				col(t('export.csv.dotsOfGroup', { group: heading(g) }), 'number', 14)
			),
			...(model.dotsWithoutGroup
				? [col(t('export.csv.dotsOfGroup', { group: noGroup }), 'number', 14)]
				: []),
			col(t('export.csv.cardId'), 'text', 10)
		],
		rows: model.cards.map((c) => [
			...sessionCells(c.session),
			t(`area.${c.area}`),
			c.area,
			c.cluster,
			c.text,
			c.authorGroup,
			c.createdAt,
			c.dots,
			c.share,
			c.rank,
			...byGroup(c.dotsByGroup),
			...(model.dotsWithoutGroup ? [c.dotsWithoutGroup] : []),
			c.id
		])
	};

	const nextSteps: ComparisonTable = {
		name: t('workbook.nextSteps'),
		columns: [
			...sessionColumns,
			col(t('protocol.what'), 'text', 50),
			col(t('workbook.owner'), 'text', 24),
			col(t('workbook.ownerGroup'), 'text', 24),
			col(t('protocol.withWhom'), 'text', 30),
			col(t('protocol.byWhen'), 'date'),
			col(t('workbook.answers'), 'text', 50),
			col(t('export.csv.dotsTotal'), 'number'),
			col(t('export.csv.cardId'), 'text', 10)
		],
		rows: model.nextSteps.map((s) => [
			...sessionCells(s.session),
			s.what,
			s.owner,
			s.ownerGroup,
			s.partners,
			s.due,
			s.answers.join('\n'),
			s.dots,
			s.cardId
		])
	};
	return { sessions, cards, nextSteps };
}
