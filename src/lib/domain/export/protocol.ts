import { translate, type Locale, type MessageKey, type MessageParams } from '../../i18n/catalog';
import { cardLabel } from '../board/card-label';
import type { ExportCard, ExportModel, ExportRound } from './model';
import { clusterName } from './cluster-names';
import { facilitatorName, personName, protocolPeople } from './people';
import { documentText, singleLine } from './text';
import { DEFAULT_TIME_ZONE, zonedTime } from './time-zone';

/**
 * The protocol of a session as neutral blocks, so that the Markdown, DOCX and
 * PDF writers say the same thing and differ only in how they draw it. Texts in
 * blocks are plain (not escaped); each writer escapes for its own format.
 * Card texts keep their line breaks in paragraphs and ranked lists and are put
 * on one line in headings and table cells.
 */
export type ProtocolBlock =
	| { readonly kind: 'heading'; readonly level: 1 | 2 | 3; readonly text: string }
	| { readonly kind: 'facts'; readonly facts: readonly ProtocolFact[] }
	| { readonly kind: 'paragraph'; readonly text: string }
	| {
			readonly kind: 'table';
			readonly columns: readonly ProtocolColumn[];
			readonly rows: readonly (readonly ProtocolCell[])[];
	  }
	| { readonly kind: 'ranked'; readonly items: readonly RankedCard[] };

/**
 * A table cell: a text, or a text with a note under it in a line of its own (what a next step
 * answers). A fifth column for the note would be too narrow on A4 portrait for card texts.
 */
export type ProtocolCell = string | { readonly text: string; readonly note: string };

export function cellText(cell: ProtocolCell): string {
	return typeof cell === 'string' ? cell : cell.text;
}

/** Empty when the cell has no note. */
export function cellNote(cell: ProtocolCell): string {
	return typeof cell === 'string' ? '' : cell.note;
}

export interface ProtocolFact {
	readonly label: string;
	readonly value: string;
}

export interface ProtocolColumn {
	readonly label: string;
	/** Numbers are right-aligned. */
	readonly align: 'left' | 'right';
	/** Share of the table's width, relative to the other columns. */
	readonly weight: number;
}

export interface RankedCard {
	readonly text: string;
	/** The card's dots over all rounds; null when no round with results counted it. */
	readonly dots: number | null;
	/** "3 Punkte", in the protocol's language; empty when `dots` is null. */
	readonly dotsLabel: string;
}

export interface Protocol {
	readonly locale: Locale;
	readonly title: string;
	readonly blocks: readonly ProtocolBlock[];
}

/** `2026-03-12` as people in the locale write a date. */
export function formatDate(locale: Locale, isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	if (!match) return isoDate;
	const [, year, month, day] = match;
	return locale === 'de' ? `${day}.${month}.${year}` : `${year}-${month}-${day}`;
}

/**
 * A moment on the wall clock of `timeZone`, which it names: the reader may be in another one, and
 * a time without its zone is read as one's own.
 */
export function formatDateTime(locale: Locale, ms: number, timeZone: string): string {
	const { date, time } = zonedTime(ms, timeZone);
	return translate(locale, 'protocol.dateTime', {
		date: formatDate(locale, date),
		time,
		zone: timeZone
	});
}

/**
 * "Seite 1000 von 1200" at the foot of a PDF page. Page numbers name pages rather than count
 * anything: no grouping ("1.000"), as the DOCX's page fields, which Word fills in, have none.
 */
export function pageLabel(locale: Locale, page: number, pages: number): string {
	return translate(locale, 'protocol.page', { n: String(page), total: String(pages) });
}

export function totalDots(card: ExportCard): number {
	let sum = 0;
	for (const dots of Object.values(card.dots)) sum += dots;
	return sum;
}

const num = (value: number) => String(value);

/** `timeZone`: where the protocol's times are told (ExportOptions.timeZone). */
export function buildProtocol(model: ExportModel, timeZone: string = DEFAULT_TIME_ZONE): Protocol {
	const locale = model.locale;
	const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
	const groupLabels = new Map(model.stakeholderGroups.map((g) => [g.id, g.label]));
	const groupLabel = (id: string | null) =>
		id === null || id === '' ? t('protocol.noGroup') : (groupLabels.get(id) ?? id);
	const areaTitles = new Map(model.areas.map((a) => [a.id as string, a.title]));
	const cardsById = new Map(model.cards.map((c) => [c.id, c]));
	const clustersById = new Map(model.clusters.map((c) => [c.id, c]));
	const anyResults = model.votingRounds.some((r) => r.results !== null);
	// Only a card some round counted has a number of dots to show: "0 Punkte" on a next step that
	// no round was about would read as rejected.
	const counted = new Set(
		model.votingRounds.flatMap((r) => r.results?.cards.map((c) => c.cardId) ?? [])
	);
	const dotsLabel = (dots: number) =>
		dots === 1 ? t('protocol.dotsOne') : t('protocol.dotsCount', { n: dots });
	const column = (key: MessageKey, weight: number, align: 'left' | 'right' = 'left') => ({
		label: t(key),
		weight,
		align
	});

	const blocks: ProtocolBlock[] = [];
	const title = singleLine(model.session.title);
	const facilitator = facilitatorName(model);
	blocks.push({ kind: 'heading', level: 1, text: title });
	blocks.push({
		kind: 'facts',
		facts: [
			...(model.session.municipality
				? [{ label: t('protocol.municipality'), value: singleLine(model.session.municipality) }]
				: []),
			// The day in the reader's zone: `session.date` is UTC's, the day before for a meeting
			// opened just after midnight in Germany.
			{
				label: t('protocol.date'),
				value: formatDate(locale, zonedTime(model.session.createdAt, timeZone).date)
			},
			...(facilitator !== null
				? [{ label: t('protocol.facilitator'), value: singleLine(facilitator) }]
				: []),
			...(model.session.finishedAt !== null
				? [
						{
							label: t('protocol.finishedAt'),
							value: formatDateTime(locale, model.session.finishedAt, timeZone)
						}
					]
				: []),
			{
				label: t('protocol.exportedAt'),
				value: formatDateTime(locale, model.exportedAt, timeZone)
			}
		]
	});

	// Participants: counts per stakeholder group; names only in a named export.
	blocks.push({ kind: 'heading', level: 2, text: t('protocol.participants') });
	const counts = model.stakeholderGroups
		.filter((g) => g.participants > 0)
		.map((g) => [singleLine(g.label), num(g.participants)]);
	// Counted like the groups' own counts: participants who are still in the session.
	const withoutGroup = model.participants.filter(
		(p) => p.role === 'participant' && p.group === null && !p.removed
	).length;
	if (withoutGroup > 0) counts.push([t('protocol.noGroup'), num(withoutGroup)]);
	const total = model.stakeholderGroups.reduce((sum, g) => sum + g.participants, withoutGroup);
	// Their dots still count in the rounds below, whose voters would otherwise outnumber the total.
	const removed = model.participants.filter((p) => p.role === 'participant' && p.removed).length;
	blocks.push({
		kind: 'table',
		columns: [column('protocol.group', 4), column('protocol.count', 1, 'right')],
		rows: [
			...counts,
			[t('protocol.total'), num(total)],
			...(removed > 0 ? [[t('protocol.removed'), num(removed)]] : [])
		]
	});
	if (model.named) {
		blocks.push({
			kind: 'table',
			columns: [
				column('protocol.name', 3),
				column('protocol.group', 3),
				column('protocol.role', 2)
			],
			// Staff have no stakeholder group; "Ohne Gruppe" would count them among the participants
			// who named none, which the table above does not.
			rows: protocolPeople(model).map((p) => [
				singleLine(personName(p, locale)),
				p.role === 'participant' ? groupLabel(p.group) : '',
				t(`session.role.${p.role}`)
			])
		});
	}

	if (model.agenda.length > 0) {
		blocks.push({ kind: 'heading', level: 2, text: t('protocol.agenda') });
		blocks.push({
			kind: 'table',
			columns: [
				column('protocol.phase', 2),
				column('protocol.question', 4),
				column('protocol.duration', 1, 'right')
			],
			rows: model.agenda.map((phase) => [
				singleLine(phase.title),
				singleLine(phase.question),
				phase.durationMin === null ? '' : t('protocol.minutes', { n: phase.durationMin })
			])
		});
	}

	// Per area: its clusters, then the cards in no cluster, each list ranked by dots. A cluster is
	// listed in every area that holds one of its cards: a card dragged into another area keeps its
	// cluster, whose frame then spans both areas on the board.
	const ranked = (cards: readonly ExportCard[]): ProtocolBlock => ({
		kind: 'ranked',
		items: cards
			.map((card, order) => ({ card, order, dots: totalDots(card) }))
			.sort((a, b) => b.dots - a.dots || a.order - b.order)
			.map(({ card, dots }) => ({
				// Leading and trailing blank lines carry nothing and would print as empty lines.
				text: documentText(card.text).trim(),
				dots: anyResults && counted.has(card.id) ? dots : null,
				dotsLabel: anyResults && counted.has(card.id) ? dotsLabel(dots) : ''
			}))
	});
	for (const area of model.areas) {
		blocks.push({ kind: 'heading', level: 2, text: singleLine(area.title) });
		const inArea = model.cards.filter((c) => c.area === area.id);
		if (inArea.length === 0) {
			blocks.push({ kind: 'paragraph', text: t('protocol.noCards') });
			continue;
		}
		let clustered = false;
		for (const cluster of model.clusters) {
			const cards = inArea.filter((c) => c.clusterId === cluster.id);
			if (cards.length === 0) continue;
			clustered = true;
			blocks.push({
				kind: 'heading',
				level: 3,
				text: clusterName(cluster, model.locale)
			});
			blocks.push(ranked(cards));
		}
		const loose = inArea.filter((c) => c.clusterId === null || !clustersById.has(c.clusterId));
		if (loose.length === 0) continue;
		if (clustered) blocks.push({ kind: 'heading', level: 3, text: t('protocol.unclustered') });
		blocks.push(ranked(loose));
	}

	blocks.push({ kind: 'heading', level: 2, text: t('protocol.voting') });
	if (model.votingRounds.length === 0)
		blocks.push({ kind: 'paragraph', text: t('protocol.noVoting') });
	for (const round of model.votingRounds) blocks.push(...roundBlocks(round));

	blocks.push({ kind: 'heading', level: 2, text: t('protocol.nextSteps') });
	if (model.nextSteps.length === 0)
		blocks.push({ kind: 'paragraph', text: t('protocol.noNextSteps') });
	else
		blocks.push({
			kind: 'table',
			columns: [
				column('protocol.what', 4),
				column('protocol.who', 3),
				column('protocol.withWhom', 3),
				column('protocol.byWhen', 2)
			],
			rows: model.nextSteps.map((step) => {
				const owner = singleLine(step.owner);
				const group = step.ownerGroup === null ? '' : groupLabel(step.ownerGroup);
				const what = singleLine(step.what);
				// Short, as the board's "Antwort auf" names them: the whole texts stand in their areas above.
				const answers = step.answers.flatMap((id) => {
					const card = cardsById.get(id);
					if (!card) return [];
					const text = cardLabel(documentText(card.text)) || t('board.emptyCard');
					return [t('nextStep.answerQuoted', { text })];
				});
				return [
					answers.length > 0
						? { text: what, note: t('protocol.answers', { cards: answers.join(', ') }) }
						: what,
					owner && group ? `${owner} (${group})` : owner || group,
					singleLine(step.partners),
					step.due ? formatDate(locale, step.due) : ''
				];
			})
		});

	if (model.connectors.length > 0) {
		const end = (id: string, kind: 'card' | 'cluster') => {
			if (kind === 'cluster') {
				const cluster = clustersById.get(id);
				return t('cluster.of', {
					title: cluster ? clusterName(cluster, model.locale) : id
				});
			}
			const card = cardsById.get(id);
			return card ? singleLine(card.text) : id;
		};
		blocks.push({ kind: 'heading', level: 2, text: t('protocol.connectors') });
		blocks.push({
			kind: 'table',
			columns: [column('protocol.from', 4), column('protocol.label', 2), column('protocol.to', 4)],
			rows: model.connectors.map((c) => [
				end(c.from, c.fromKind),
				singleLine(c.label),
				end(c.to, c.toKind)
			])
		});
	}

	return { locale, title, blocks };

	function roundBlocks(round: ExportRound): ProtocolBlock[] {
		const title = singleLine(round.title);
		// A cancelled round may share its title with the round held instead of it.
		const out: ProtocolBlock[] = [
			{
				kind: 'heading',
				level: 3,
				text: round.status === 'cancelled' ? t('protocol.roundTitleCancelled', { title }) : title
			},
			{
				kind: 'paragraph',
				text: t('protocol.roundRules', {
					dots: round.dotsPerParticipant,
					max: round.maxPerCard
				})
			}
		];
		if (round.status === 'cancelled') {
			out.push({ kind: 'paragraph', text: t('protocol.roundCancelled') });
			return out;
		}
		const results = round.results;
		if (!results) {
			out.push({ kind: 'paragraph', text: t('protocol.roundNoResults') });
			return out;
		}
		if (round.status === 'open') out.push({ kind: 'paragraph', text: t('protocol.roundOpen') });
		out.push({
			kind: 'paragraph',
			text: t(results.voters === 1 ? 'protocol.roundSummaryOne' : 'protocol.roundSummary', {
				voters: results.voters,
				dots: dotsLabel(results.totalDots)
			})
		});
		const voted = results.cards.filter((c) => c.dots > 0);
		if (voted.length > 0)
			out.push({
				kind: 'table',
				columns: [
					column('protocol.rank', 1, 'right'),
					column('protocol.card', 6),
					column('protocol.area', 2),
					column('protocol.dots', 1, 'right'),
					column('protocol.voters', 1, 'right'),
					column('protocol.byGroup', 3)
				],
				rows: voted.map((c) => {
					const text = singleLine(c.text);
					return [
						num(c.rank),
						c.deleted
							? text
								? `${text} (${t('protocol.deleted')})`
								: t('protocol.deleted')
							: text,
						areaTitles.get(c.area) ?? c.area,
						num(c.dots),
						num(c.voters),
						Object.entries(c.byGroup)
							.filter(([, dots]) => dots > 0)
							.map(([group, dots]) => `${groupLabel(group)}: ${dots}`)
							.join('; ')
					];
				})
			});
		const without = results.cards.length - voted.length;
		if (without > 0)
			out.push({ kind: 'paragraph', text: t('protocol.withoutDots', { n: without }) });
		if (results.groups.length > 0) {
			out.push({
				kind: 'table',
				columns: [
					column('protocol.groupBreakdown', 4),
					column('protocol.voters', 1, 'right'),
					column('protocol.dots', 1, 'right')
				],
				rows: results.groups.map((g) => [groupLabel(g.group), num(g.voters), num(g.dots)])
			});
		}
		return out;
	}
}
