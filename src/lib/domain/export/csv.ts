import { roundColumnName } from './round-names';
import { countedDots } from './counted-dots';
import { translate, type MessageKey, type MessageParams } from '../../i18n/catalog';
import { spreadsheetCell } from './cells';
import { clusterName } from './cluster-names';
import { personName } from './people';
import type { ExportFile, ExportModel, ExportNextStep, ExportOptions } from './model';

/**
 * The CSV export: one row per card (RFC 4180, UTF-8 with a byte order mark so
 * that Excel reads umlauts, CRLF line ends). Columns: session, area, cluster,
 * text, the author's stakeholder group, (the author, in a named export),
 * created at, dots in total, dots per voting round, dots per stakeholder
 * group, for a next step who is responsible (person or organisation, and stakeholder
 * group), with whom, by when and which cards it answers (their ids, rows of the same file),
 * and the card id. Every text cell is neutralised against formula injection.
 */
const BOM = '\uFEFF';
const NO_GROUP = '';

type Cell = string | number;

export function writeCsv(
	model: ExportModel,
	options: Pick<ExportOptions, 'delimiter'>
): ExportFile {
	const t = (key: MessageKey, params?: MessageParams) => translate(model.locale, key, params);
	const rounds = model.votingRounds.filter((r) => r.results !== null);
	const groups = groupColumns(model, t('group.unset'));
	const areaTitle = new Map(model.areas.map((a) => [a.id, a.title]));
	const clusterTitle = new Map(model.clusters.map((c) => [c.id, clusterName(c, model.locale)]));
	const groupLabel = new Map(model.stakeholderGroups.map((g) => [g.id, g.label]));
	const people = new Map(model.participants.map((p) => [p.id, p]));
	const steps = new Map(model.nextSteps.map((s) => [s.cardId, s]));
	const authorName = (id: string) => {
		const person = people.get(id);
		return person ? personName(person, model.locale) : '';
	};

	const header: Cell[] = [
		t('export.csv.session'),
		t('export.csv.area'),
		t('export.csv.cluster'),
		t('export.csv.text'),
		t('export.csv.authorGroup'),
		...(model.named ? [t('export.csv.author')] : []),
		t('export.csv.createdAt'),
		t('export.csv.dotsTotal'),
		...rounds.map((r) => t('export.csv.dotsInRound', { round: roundColumnName(r, rounds) })),
		...groups.map((g) => t('export.csv.dotsOfGroup', { group: g.label })),
		// Before the card id, which stays last; every other column keeps its place.
		t('export.csv.owner'),
		t('export.csv.ownerGroup'),
		t('export.csv.partners'),
		t('export.csv.due'),
		t('export.csv.answers'),
		t('export.csv.cardId')
	];
	const dotsOf = countedDots(model);
	const blank = (n: number | null): Cell => n ?? '';
	const rows: Cell[][] = model.cards.map((card) => [
		model.session.title,
		areaTitle.get(card.area) ?? card.area,
		card.clusterId === null ? '' : (clusterTitle.get(card.clusterId) ?? ''),
		card.text,
		card.authorGroup === null ? '' : (groupLabel.get(card.authorGroup) ?? card.authorGroup),
		...(model.named ? [authorName(card.authorId)] : []),
		utcDateTime(card.createdAt),
		blank(dotsOf(card).total),
		...rounds.map((r) => blank(dotsOf(card).byRound(r.id))),
		...groups.map((g) => blank(dotsOf(card).byGroup(g.id))),
		...nextStepCells(steps.get(card.id), groupLabel),
		card.id
	]);
	return csvFile([header, ...rows], options.delimiter);
}

/** A next step's who, with whom, by when and what it answers; empty for every other card. */
function nextStepCells(
	step: ExportNextStep | undefined,
	groupLabel: ReadonlyMap<string, string>
): Cell[] {
	if (!step) return ['', '', '', '', ''];
	return [
		step.owner,
		step.ownerGroup === null ? '' : (groupLabel.get(step.ownerGroup) ?? step.ownerGroup),
		step.partners,
		step.due,
		step.answers.join(' ')
	];
}

/** Rows as a CSV file: RFC 4180, CRLF, UTF-8 with a byte order mark, every text cell neutralised. */
export function csvFile(rows: readonly (readonly Cell[])[], delimiter: ',' | ';'): ExportFile {
	const body = rows
		.map((row) => row.map((cell) => csvCell(cell, delimiter)).join(delimiter))
		.join('\r\n');
	return {
		body: `${BOM}${body}\r\n`,
		contentType: 'text/csv; charset=utf-8; header=present',
		extension: 'csv'
	};
}

/** The session's groups in order, then any other group that has dots, then "no group" if it has. */
function groupColumns(model: ExportModel, noGroup: string): { id: string; label: string }[] {
	const columns = model.stakeholderGroups.map((g) => ({ id: g.id, label: g.label }));
	const known = new Set(columns.map((c) => c.id));
	const others = new Set<string>();
	for (const card of model.cards)
		for (const [id, dots] of Object.entries(card.dotsByGroup))
			if (!known.has(id) && dots > 0) others.add(id);
	for (const id of others) if (id !== NO_GROUP) columns.push({ id, label: id });
	if (others.has(NO_GROUP)) columns.push({ id: NO_GROUP, label: noGroup });
	return columns;
}

/** RFC 4180: quoted when it holds the delimiter, a quote or a line break; quotes doubled. */
export function csvCell(cell: Cell, delimiter: string): string {
	if (typeof cell === 'number') return String(cell);
	const text = spreadsheetCell(cell);
	return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `YYYY-MM-DD HH:MM:SS` in UTC: a form both German and English Excel read as a date and time. */
export function utcDateTime(ms: number): string {
	const date = new Date(ms);
	// A time no date can hold (a foreign client's) is left empty rather than failing the export.
	if (Number.isNaN(date.getTime())) return '';
	return date.toISOString().slice(0, 19).replace('T', ' ');
}
