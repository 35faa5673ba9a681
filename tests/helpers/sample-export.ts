import * as Y from 'yjs';
import { createCard, setNextStep } from '../../src/lib/domain/board/cards';
import { arrangeByClusters, createCluster } from '../../src/lib/domain/board/clusters';
import { connect } from '../../src/lib/domain/board/connectors';
import { AREA_IDS } from '../../src/lib/domain/board/areas';
import type { ExportInput } from '../../src/lib/domain/export/build';
import type { Participant, Session } from '../../src/lib/domain/session/session';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/session/session';
import { agendaFromTemplate } from '../../src/lib/domain/session/templates';
import type { Vote } from '../../src/lib/domain/voting/ballot';
import { DEFAULT_VOTING_OPTIONS, type VotingRound } from '../../src/lib/domain/voting/round';
import { talliedCards } from '../../src/lib/domain/voting/scope-cards';
import { tally } from '../../src/lib/domain/voting/tally';
import { readCards } from '../../src/lib/domain/board/cards';
import { loadSampleBoard } from './sample-board';

interface SampleFile {
	session: { title: string; municipality: string; date: string };
	participants: { id: string; name: string; group: string }[];
	clusters: { id: string; area: 'challenges' | 'potentials' | 'next-steps'; title: string }[];
	cards: {
		id: string;
		area: 'challenges' | 'potentials' | 'next-steps';
		author: string;
		text: string;
		cluster?: string;
		responsible?: string;
		with?: string[];
		due?: string;
		answers?: string[];
	}[];
	connectors: { from: string; to: string; label: string }[];
	votingRound: {
		dotsPerParticipant: number;
		maxPerCard: number;
		scope: ('challenges' | 'potentials' | 'next-steps')[];
		dots: { participant: string; card: string; n: number }[];
	};
}

/**
 * The Musterstadt focus group (../shared/data/musterstadt.json) as export
 * input: 30 cards in 5 clusters, 4 connectors, next steps, 10 participants
 * and one closed voting round. For tests of every export format.
 */
export function sampleExportInput(): ExportInput {
	const sample = loadSampleBoard() as unknown as SampleFile;
	const createdAt = Date.parse(`${sample.session.date}T09:00:00Z`);
	const session: Session = {
		id: 'musterstadt',
		boardId: 'musterstadt-board',
		title: sample.session.title,
		municipality: sample.session.municipality,
		template: 'study',
		language: 'de',
		createdAt,
		settings: DEFAULT_SETTINGS
	};
	const staff = (id: string, role: 'facilitator' | 'observer', name: string): Participant => ({
		id,
		sessionId: session.id,
		name,
		group: null,
		role,
		createdAt,
		removedAt: null
	});
	const participants: Participant[] = [
		staff('f1', 'facilitator', 'Dr. Sabine Weiß'),
		staff('o1', 'observer', ''),
		...sample.participants.map((p, i) => ({
			id: p.id,
			sessionId: session.id,
			name: p.name,
			group: p.group,
			role: 'participant' as const,
			createdAt: createdAt + 60_000 * (i + 1),
			removedAt: null
		}))
	];
	const groupOf = new Map(sample.participants.map((p) => [p.id, p.group]));

	const board = new Y.Doc();
	sample.cards.forEach((card, i) => {
		createCard(board, {
			id: card.id,
			area: card.area,
			authorId: card.author,
			authorGroup: groupOf.get(card.author) ?? null,
			createdAt: createdAt + 1_800_000 + 60_000 * i,
			text: card.text
		});
		if (card.area === 'next-steps')
			setNextStep(board, card.id, {
				owner: card.responsible ?? '',
				partners: (card.with ?? []).join(', '),
				due: card.due ?? '',
				answers: card.answers ?? []
			});
	});
	for (const cluster of sample.clusters)
		createCluster(
			board,
			{ ...cluster, createdAt: createdAt + 3_600_000 },
			sample.cards.filter((c) => c.cluster === cluster.id).map((c) => c.id)
		);
	for (const area of AREA_IDS) arrangeByClusters(board, area);
	sample.connectors.forEach((c, i) =>
		connect(board, { id: `v${i + 1}`, ...c, createdAt: createdAt + 4_000_000 + i })
	);

	const { votingRound } = sample;
	const roundId = 'r1';
	const votes: Vote[] = votingRound.dots.map((d) => ({
		roundId,
		participantId: d.participant,
		cardId: d.card,
		group: groupOf.get(d.participant) ?? null,
		dots: d.n
	}));
	const options = {
		...DEFAULT_VOTING_OPTIONS,
		dotsPerParticipant: votingRound.dotsPerParticipant,
		maxPerCard: votingRound.maxPerCard,
		scope: { areas: votingRound.scope, clusters: [] }
	};
	const round: VotingRound = {
		...options,
		id: roundId,
		sessionId: session.id,
		seq: 1,
		status: 'closed',
		openedAt: createdAt + 5_400_000,
		endsAt: null,
		closedAt: createdAt + 6_000_000,
		results: tally(
			votes,
			talliedCards(readCards(board), options.scope, new Set(votes.map((v) => v.cardId))),
			{ anonymous: true, groupIds: DEFAULT_SETTINGS.stakeholderGroups.map((g) => g.id) }
		)
	};
	return {
		session,
		agenda: agendaFromTemplate('study', 'de'),
		participants,
		board,
		rounds: [{ round, votes }],
		now: createdAt + 7_200_000
	};
}
