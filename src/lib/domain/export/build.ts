import type * as Y from 'yjs';
import { AREA_IDS, BOARD_LAYOUT } from '../board/areas';
import {
	type Card,
	answeredCards,
	compareReadingOrder,
	estimateCardHeight,
	readCards
} from '../board/cards';
import { type Cluster, clusterFrame, readClusters } from '../board/clusters';
import { readConnectors } from '../board/connectors';
import { CARD_WIDTH } from '../board/schema';
import type { Phase } from '../session/agenda';
import type { Participant, Session } from '../session/session';
import type { Vote } from '../voting/ballot';
import type { VotingRound } from '../voting/round';
import { talliedCards } from '../voting/scope-cards';
import { progressOf, tally, withRemovedCards, type RoundResults } from '../voting/tally';
import { translate, type MessageKey, type MessageParams } from '../../i18n/catalog';
import { roundLabel } from '../../i18n/rounds';
import { groupLabel } from '../../i18n/groups';
import {
	EXPORT_VERSION,
	type ExportArea,
	type ExportCard,
	type ExportCluster,
	type ExportModel,
	type ExportOptions,
	type ExportRound,
	type ExportRoundResults
} from './model';
import { areasHolding } from './picture-layout';

/** Everything an export is built from, gathered by the server at the moment of the export. */
export interface ExportInput {
	readonly session: Session;
	readonly agenda: readonly Phase[];
	/** In the order they joined, staff and removed people included. */
	readonly participants: readonly Participant[];
	/** The board's current state. */
	readonly board: Y.Doc;
	/** Oldest first, each with its dots. */
	readonly rounds: readonly { readonly round: VotingRound; readonly votes: readonly Vote[] }[];
	readonly now: number;
	/**
	 * When the facilitator ended the session (the control state's `finished.at`), null while not
	 * ended. Required: a caller that forgot it would export an ended session as going on.
	 */
	readonly finishedAt: number | null;
}

/** Stakeholder group keys in `byGroup` records: '' stands for "no group given". */
const NO_GROUP = '';

/**
 * Builds the export model of a session. Pure: the same input gives the same
 * model, whatever the format it is written in.
 *
 * Results follow what the session shows: closed rounds carry their fixed
 * results, open rounds with live results the tally so far; an open round
 * whose results are hidden has none (hidden means hidden, also in a file),
 * and neither has a cancelled one.
 *
 * The time zone is no part of it: the model's moments are UTC (JSON), and only the protocol
 * tells them on a wall clock.
 */
export function buildExportModel(
	input: ExportInput,
	options: Omit<ExportOptions, 'timeZone'>
): ExportModel {
	const { session, now } = input;
	const locale = options.locale;
	const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params);
	const groups = session.settings.stakeholderGroups;
	const sessionGroups = new Set(groups.map((g) => g.id));

	const boardCards = readCards(input.board).filter((c) => c.phaseId === null);
	const clusters = orderClusters(readClusters(input.board, boardCards), boardCards);
	const clusterIndex = new Map(clusters.map((c, i) => [c.id, i]));
	const cards = [...boardCards].sort(
		(a, b) =>
			AREA_IDS.indexOf(a.area) - AREA_IDS.indexOf(b.area) ||
			rank(clusterIndex, a.clusterId) - rank(clusterIndex, b.clusterId) ||
			compareReadingOrder(a, b)
	);
	const cardIds = new Set(cards.map((c) => c.id));
	const clusterIds = new Set(clusters.map((c) => c.id));

	const groupIds = groups.map((g) => g.id);
	const rounds = input.rounds.map(({ round, votes }) =>
		exportRound(round, votes, boardCards, groupIds, t)
	);
	const counted = rounds.filter((r) => r.results !== null);

	const dotsOf = (cardId: string) => {
		const dots: Record<string, number> = {};
		const byGroup: Record<string, number> = Object.fromEntries(groupIds.map((id) => [id, 0]));
		for (const round of counted) {
			const result = round.results!.cards.find((c) => c.cardId === cardId);
			dots[round.id] = result?.dots ?? 0;
			for (const [group, n] of Object.entries(result?.byGroup ?? {}))
				byGroup[group] = (byGroup[group] ?? 0) + n;
		}
		return { dots, byGroup };
	};

	const exportCards: ExportCard[] = cards.map((card) => {
		const { dots, byGroup } = dotsOf(card.id);
		return {
			id: card.id,
			area: card.area,
			clusterId: card.clusterId !== null && clusterIds.has(card.clusterId) ? card.clusterId : null,
			text: card.text,
			color: card.color,
			authorId: card.authorId,
			authorGroup: card.authorGroup,
			createdAt: card.createdAt,
			x: card.x,
			y: card.y,
			width: CARD_WIDTH,
			height: estimateCardHeight(card.text),
			dots,
			dotsByGroup: byGroup
		};
	});

	const exportClusters: ExportCluster[] = clusters.map((cluster) => ({
		id: cluster.id,
		title: cluster.title,
		area: cluster.area,
		cardIds: cluster.cardIds,
		// Around the cards where they were put, with room above them for the title's lines.
		frame: clusterFrame(
			boardCards.filter((c) => c.clusterId === cluster.id),
			cluster.title
		)!
	}));

	const facilitator = input.participants.find((p) => p.role === 'facilitator');
	const members = input.participants.filter(
		(p) => p.role === 'participant' && p.removedAt === null
	);
	const totalDots = (card: ExportCard) => Object.values(card.dots).reduce((a, b) => a + b, 0);

	const exportById = new Map(exportCards.map((c) => [c.id, c]));
	return {
		version: EXPORT_VERSION,
		exportedAt: now,
		locale,
		named: options.named,
		session: {
			id: session.id,
			title: session.title,
			municipality: session.municipality,
			date: new Date(session.createdAt).toISOString().slice(0, 10),
			createdAt: session.createdAt,
			template: session.template,
			language: session.language,
			facilitator: facilitator?.name || t('session.role.facilitator'),
			finishedAt: input.finishedAt
		},
		stakeholderGroups: groups.map((g) => ({
			id: g.id,
			label: groupLabel(t, groups, g.id),
			participants: members.filter((p) => p.group === g.id).length
		})),
		agenda: input.agenda.map((p) => ({
			id: p.id,
			title: p.title,
			question: p.question,
			mode: p.mode,
			areas: [...p.areas],
			durationMin: p.durationMin
		})),
		participants: input.participants.map((p) => ({
			id: p.id,
			name: options.named ? p.name : null,
			group: p.group,
			role: p.role,
			joinedAt: p.createdAt,
			removed: p.removedAt !== null
		})),
		areas: areasOf(exportCards, t),
		clusters: exportClusters,
		cards: exportCards,
		connectors: readConnectors(input.board, boardCards, clusters).map((c) => ({
			id: c.id,
			from: c.from,
			fromKind: cardIds.has(c.from) ? 'card' : 'cluster',
			to: c.to,
			toKind: cardIds.has(c.to) ? 'card' : 'cluster',
			label: c.label
		})),
		votingRounds: rounds,
		nextSteps: exportCards
			.filter((c) => c.area === 'next-steps')
			.map((c) => {
				const step = boardCards.find((b) => b.id === c.id)!.nextStep;
				return {
					cardId: c.id,
					what: c.text,
					owner: step.owner,
					// A group the session does not have (any more) is no group, as on the board.
					ownerGroup:
						step.ownerGroup !== null && sessionGroups.has(step.ownerGroup) ? step.ownerGroup : null,
					partners: step.partners,
					due: step.due,
					answers: answeredCards(step, exportById).map((a) => a.id),
					dots: totalDots(c)
				};
			})
	};
}

/** Clustered cards come first, in the clusters' order, then the cards in no cluster. */
function rank(index: ReadonlyMap<string, number>, clusterId: string | null): number {
	return clusterId === null ? Infinity : (index.get(clusterId) ?? Infinity);
}

/** Board order of clusters: by area, then by where their first card stands. */
function orderClusters(clusters: readonly Cluster[], cards: readonly Card[]): Cluster[] {
	const byId = new Map(cards.map((c) => [c.id, c]));
	return [...clusters].sort(
		(a, b) =>
			AREA_IDS.indexOf(a.area) - AREA_IDS.indexOf(b.area) ||
			compareReadingOrder(byId.get(a.cardIds[0]!)!, byId.get(b.cardIds[0]!)!)
	);
}

/** The area frames, all as tall as the lowest card needs where it was put (the canvas draws them alike). */
function areasOf(cards: readonly ExportCard[], t: (key: MessageKey) => string): ExportArea[] {
	return areasHolding(
		BOARD_LAYOUT.map((frame) => ({
			id: frame.id,
			title: t(`area.${frame.id}`),
			x: frame.x,
			y: frame.y,
			width: frame.width,
			height: frame.height
		})),
		cards
	);
}

function exportRound(
	round: VotingRound,
	votes: readonly Vote[],
	cards: readonly Card[],
	groupIds: readonly string[],
	t: (key: MessageKey, params?: MessageParams) => string
): ExportRound {
	let results: RoundResults | null = null;
	if (round.status === 'closed')
		results = round.results && withRemovedCards(round.results, new Set(cards.map((c) => c.id)));
	else if (round.status === 'open' && round.visibility === 'live')
		results = tally(votes, talliedCards(cards, round.scope, votedCards(votes)), {
			anonymous: round.anonymous,
			groupIds
		});
	return {
		id: round.id,
		seq: round.seq,
		title: roundLabel(t, round),
		status: round.status,
		dotsPerParticipant: round.dotsPerParticipant,
		maxPerCard: round.maxPerCard,
		anonymous: round.anonymous,
		visibility: round.visibility,
		scope: { areas: [...round.scope.areas], clusters: [...round.scope.clusters] },
		openedAt: round.openedAt,
		closedAt: round.closedAt,
		...(round.status === 'open' ? { progress: progressOf(votes) } : {}),
		results: results && exportResults(results)
	};
}

function votedCards(votes: readonly Vote[]): Set<string> {
	return new Set(votes.filter((v) => v.dots > 0).map((v) => v.cardId));
}

function exportResults(results: RoundResults): ExportRoundResults {
	return {
		totalDots: results.totalDots,
		voters: results.voters,
		cards: results.cards.map((c) => ({
			cardId: c.cardId,
			text: c.text,
			area: c.area,
			dots: c.dots,
			voters: c.voters,
			rank: c.rank,
			byGroup: Object.fromEntries(c.byGroup.map((g) => [g.group ?? NO_GROUP, g.dots])),
			weighted: c.weighted,
			deleted: c.deleted
		})),
		groups: results.groups.map((g) => ({
			group: g.group ?? NO_GROUP,
			voters: g.voters,
			dots: g.dots
		}))
	};
}
