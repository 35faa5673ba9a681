import { roundColumnName } from '../../src/lib/domain/export/round-names';
import { countedDots } from '../../src/lib/domain/export/counted-dots';
import ExcelJS from 'exceljs';
import { withoutControls } from '../../src/lib/domain/export/text';
import { clusterName } from '../../src/lib/domain/export/cluster-names';
import type { ExportFile, ExportModel, ExportWriter } from '../../src/lib/domain/export/model';
import { personName } from '../../src/lib/domain/export/people';
import { totalDots } from '../../src/lib/domain/export/protocol';
import { translate, type MessageKey, type MessageParams } from '../../src/lib/i18n/catalog';
import { day, moment, sheet, type Column } from './sheet';

/**
 * The session as a workbook for analysis: one sheet each for cards, clusters,
 * connectors, voting rounds, results per card (with a column per stakeholder
 * group), results per group, next steps, participants and groups. Cells are
 * typed: counts are numbers, moments and due dates are dates (UTC), yes/no
 * are booleans, and every text goes through `spreadsheetCell` so that no cell
 * can run as a formula or break the XML. Header rows are bold and stay in view.
 */
export async function sessionWorkbook(model: ExportModel): Promise<Buffer> {
	const t = (key: MessageKey, params?: MessageParams) => translate(model.locale, key, params);
	const groupLabels = new Map(model.stakeholderGroups.map((g) => [g.id, g.label]));
	const groupLabel = (id: string | null) =>
		id === null || id === '' ? t('protocol.noGroup') : (groupLabels.get(id) ?? id);
	const areaTitles = new Map(model.areas.map((a) => [a.id as string, a.title]));
	const area = (id: string) => areaTitles.get(id) ?? id;
	const clusters = new Map(model.clusters.map((c) => [c.id, c]));
	const cards = new Map(model.cards.map((c) => [c.id, c]));
	const clusterOf = (id: string) => {
		const cluster = clusters.get(id);
		return cluster ? clusterName(cluster, model.locale) : '';
	};
	// Staff without a name are named by their role, as in the CSV: a card by nobody reads as lost.
	const people = new Map(model.participants.map((p) => [p.id, p]));
	const authorName = (id: string) => {
		const person = people.get(id);
		return person ? personName(person, model.locale) : '';
	};
	const counted = model.votingRounds.filter((r) => r.results !== null);
	const dotsOf = countedDots(model);
	const text = (header: MessageKey, width = 18): Column => ({ header: t(header), width });
	const number = (header: string, width = 12): Column => ({ header, width, kind: 'number' });
	const date = (header: MessageKey, kind: 'date' | 'moment' = 'moment'): Column => ({
		header: t(header),
		width: kind === 'date' ? 12 : 17,
		kind
	});
	const endOf = (id: string, kind: 'card' | 'cluster') =>
		kind === 'card' ? (cards.get(id)?.text ?? '') : clusterOf(id);

	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Fokusrunde';
	workbook.title = withoutControls(model.session.title);
	workbook.created = new Date(model.exportedAt);
	workbook.modified = new Date(model.exportedAt);

	sheet(
		workbook,
		t('workbook.cards'),
		[
			text('workbook.id', 10),
			text('protocol.area'),
			text('cluster.label', 24),
			text('workbook.text', 60),
			text('workbook.color', 10),
			text('workbook.author', 12),
			...(model.named ? [text('workbook.authorName', 20)] : []),
			text('workbook.authorGroup', 24),
			date('workbook.createdAt'),
			number(t('workbook.dotsTotal')),
			...counted.map((r) =>
				number(t('workbook.dotsIn', { round: roundColumnName(r, counted) }), 14)
			)
		],
		model.cards.map((c) => [
			c.id,
			area(c.area),
			c.clusterId ? clusterOf(c.clusterId) : '',
			c.text,
			t(`color.${c.color}`),
			c.authorId,
			...(model.named ? [authorName(c.authorId)] : []),
			c.authorGroup === null ? '' : groupLabel(c.authorGroup),
			moment(c.createdAt),
			dotsOf(c).total,
			...counted.map((r) => dotsOf(c).byRound(r.id))
		])
	);

	sheet(
		workbook,
		t('workbook.clusters'),
		[
			text('workbook.id', 10),
			text('protocol.area'),
			text('workbook.title', 30),
			number(t('workbook.cardCount')),
			number(t('workbook.dotsTotal'))
		],
		model.clusters.map((c) => [
			c.id,
			area(c.area),
			clusterName(c, model.locale),
			c.cardIds.length,
			c.cardIds.reduce((sum, id) => sum + (cards.has(id) ? totalDots(cards.get(id)!) : 0), 0)
		])
	);

	sheet(
		workbook,
		t('workbook.connectors'),
		[
			text('workbook.id', 10),
			text('workbook.fromId', 10),
			text('protocol.from', 40),
			text('protocol.label', 20),
			text('workbook.toId', 10),
			text('protocol.to', 40)
		],
		model.connectors.map((c) => [
			c.id,
			c.from,
			endOf(c.from, c.fromKind),
			c.label,
			c.to,
			endOf(c.to, c.toKind)
		])
	);

	sheet(
		workbook,
		t('workbook.rounds'),
		[
			number(t('workbook.seq'), 6),
			text('workbook.round', 16),
			text('workbook.status', 12),
			number(t('workbook.dotsPerParticipant')),
			number(t('workbook.maxPerCard')),
			text('workbook.anonymous', 10),
			text('workbook.visibility', 14),
			text('workbook.scope', 30),
			date('workbook.openedAt'),
			date('workbook.closedAt'),
			number(t('protocol.voters')),
			number(t('workbook.totalDots'))
		],
		model.votingRounds.map((r) => [
			r.seq,
			r.title,
			t(`workbook.status.${r.status}`),
			r.dotsPerParticipant,
			r.maxPerCard,
			r.anonymous,
			t(`workbook.visibility.${r.visibility}`),
			[
				...r.scope.areas.map(area),
				...r.scope.clusters.map((id) => (clusters.has(id) ? clusterOf(id) : id))
			].join('; '),
			moment(r.openedAt),
			moment(r.closedAt),
			r.results?.voters ?? null,
			r.results?.totalDots ?? null
		])
	);

	// One column per stakeholder group, in the session's order, then "no group" if anyone voted without one.
	const groupIds = model.stakeholderGroups.map((g) => g.id);
	if (counted.some((r) => r.results!.cards.some((c) => (c.byGroup[''] ?? 0) > 0)))
		groupIds.push('');
	sheet(
		workbook,
		t('workbook.results'),
		[
			number(t('workbook.seq'), 6),
			text('workbook.round', 16),
			number(t('protocol.rank'), 8),
			text('workbook.id', 10),
			text('protocol.card', 60),
			text('protocol.area'),
			number(t('protocol.dots'), 8),
			number(t('protocol.voters'), 10),
			number(t('workbook.weighted'), 14),
			text('workbook.deleted', 10),
			...groupIds.map((g) => number(groupLabel(g), 14))
		],
		counted.flatMap((r) =>
			r.results!.cards.map((c) => [
				r.seq,
				r.title,
				c.rank,
				c.cardId,
				c.text,
				area(c.area),
				c.dots,
				c.voters,
				c.weighted,
				c.deleted,
				...groupIds.map((g) => c.byGroup[g] ?? 0)
			])
		)
	);

	sheet(
		workbook,
		t('workbook.groupResults'),
		[
			number(t('workbook.seq'), 6),
			text('workbook.round', 16),
			text('protocol.group', 36),
			number(t('protocol.voters'), 10),
			number(t('protocol.dots'), 8)
		],
		counted.flatMap((r) =>
			r.results!.groups.map((g) => [r.seq, r.title, groupLabel(g.group), g.voters, g.dots])
		)
	);

	sheet(
		workbook,
		t('workbook.nextSteps'),
		[
			text('workbook.id', 10),
			text('protocol.what', 50),
			text('workbook.owner', 24),
			text('workbook.ownerGroup', 24),
			text('protocol.withWhom', 30),
			date('protocol.byWhen', 'date'),
			text('workbook.answers', 50),
			number(t('workbook.dotsTotal'))
		],
		model.nextSteps.map((s) => [
			s.cardId,
			s.what,
			s.owner,
			s.ownerGroup === null ? '' : groupLabel(s.ownerGroup),
			s.partners,
			day(s.due),
			s.answers.map((id) => cards.get(id)?.text ?? id).join('\n'),
			cards.has(s.cardId) ? dotsOf(cards.get(s.cardId)!).total : s.dots
		])
	);

	// Participants by stakeholder group: grouped in the session's order of groups, staff last.
	const order = new Map(model.stakeholderGroups.map((g, i) => [g.id, i]));
	const rank = (group: string | null) => (group === null ? Infinity : (order.get(group) ?? -1));
	const participants = model.participants
		.map((p, i) => ({ p, i }))
		.sort((a, b) => rank(a.p.group) - rank(b.p.group) || a.i - b.i)
		.map(({ p }) => p);
	sheet(
		workbook,
		t('workbook.participants'),
		[
			text('protocol.group', 36),
			text('workbook.id', 10),
			...(model.named ? [text('protocol.name', 24)] : []),
			text('protocol.role', 14),
			date('workbook.joinedAt'),
			text('workbook.removed', 10)
		],
		participants.map((p) => [
			groupLabel(p.group),
			p.id,
			// The name given, none for staff who gave none: the role beside it says who they are, and
			// their role in the name column read like someone called "Moderation".
			...(model.named ? [p.name ?? ''] : []),
			t(`session.role.${p.role}`),
			moment(p.joinedAt),
			p.removed
		])
	);

	sheet(
		workbook,
		t('workbook.groups'),
		[text('workbook.id', 12), text('protocol.group', 36), number(t('protocol.participants'))],
		model.stakeholderGroups.map((g) => [g.id, g.label, g.participants])
	);

	return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const xlsxWriter = (async (model: ExportModel): Promise<ExportFile> => ({
	body: await sessionWorkbook(model),
	contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	extension: 'xlsx'
})) satisfies ExportWriter;
