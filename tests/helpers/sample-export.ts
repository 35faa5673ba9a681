import * as Y from 'yjs';
import { AREA_IDS } from '../../src/lib/domain/board/areas';
import { createCard, readCards, setCardText, setNextStep } from '../../src/lib/domain/board/cards';
import {
	arrangeByClusters,
	createCluster,
	renameCluster
} from '../../src/lib/domain/board/clusters';
import { connect, labelConnector } from '../../src/lib/domain/board/connectors';
import type { ExportInput } from '../../src/lib/domain/export/build';
import type { Participant, Session } from '../../src/lib/domain/session/session';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/session/session';
import { agendaFromTemplate } from '../../src/lib/domain/session/templates';
import type { Vote } from '../../src/lib/domain/voting/ballot';
import {
	DEFAULT_VOTING_OPTIONS,
	inScope,
	type VotingRound
} from '../../src/lib/domain/voting/round';
import { talliedCards } from '../../src/lib/domain/voting/scope-cards';
import { tally } from '../../src/lib/domain/voting/tally';
import { FORMULA_CORPUS, HOSTILE_TEXTS, MARKUP_CORPUS } from './hostile-texts';
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

export interface SampleExportOptions {
	/** How many cards: the sample's 30, repeated with their clusters and connectors (ids `c1-1`, …). */
	readonly cards?: number;
	/** How many closed voting rounds: the first is the sample's, the others seeded. */
	readonly rounds?: number;
	/**
	 * Put every hostile text (./hostile-texts.ts) on a card and on a participant's
	 * name, and some on a cluster title, a connector label and a next step.
	 */
	readonly hostile?: boolean;
}

/** The stakeholder group of each organisation the sample names as responsible. */
const OWNER_GROUPS: Record<string, string> = {
	Vergabestelle: 'admin',
	Politik: 'politics',
	'Repair-Café Nord': 'repair',
	Hochschule: 'research'
};

/**
 * The Musterstadt focus group (tests/fixtures/musterstadt.json) as export
 * input: 30 cards in 5 clusters, 4 connectors, next steps, 10 participants
 * and one closed voting round. For tests of every export format.
 *
 * With options it grows to `cards` cards and `rounds` closed rounds in which
 * every participant spends all their dots (what the server gathers for a big
 * export), and can carry hostile texts. Everything is written with the board's
 * and the voting's own domain functions, as a live session would.
 */
export function sampleExportInput(options: SampleExportOptions = {}): ExportInput {
	const sample = loadSampleBoard() as unknown as SampleFile;
	const cardCount = options.cards ?? sample.cards.length;
	const roundCount = options.rounds ?? 1;
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
	const people = [
		...sample.participants,
		...(options.hostile
			? HOSTILE_TEXTS.map((name, i) => ({ id: `h${i + 1}`, name, group: 'other' }))
			: [])
	];
	const participants: Participant[] = [
		staff('f1', 'facilitator', 'Dr. Sabine Weiß'),
		staff('o1', 'observer', ''),
		...people.map((p, i) => ({
			id: p.id,
			sessionId: session.id,
			name: p.name,
			group: p.group,
			role: 'participant' as const,
			createdAt: createdAt + 60_000 * (i + 1),
			removedAt: null
		}))
	];
	const groupOf = new Map(people.map((p) => [p.id, p.group]));

	// The sample's board, repeated until it has `cardCount` cards.
	const board = new Y.Doc();
	// Copies stand where the first copy's cards were put; arranging below lays them out.
	let placed = new Map<string, { x: number; y: number }>();
	for (let copy = 0; copy * sample.cards.length < cardCount; copy++) {
		const id = (original: string) => (copy === 0 ? original : `${original}-${copy}`);
		const cards = sample.cards.slice(0, cardCount - copy * sample.cards.length);
		const onBoard = new Set(cards.map((c) => c.id));
		cards.forEach((card, i) => {
			createCard(board, {
				id: id(card.id),
				area: card.area,
				authorId: card.author,
				authorGroup: groupOf.get(card.author) ?? null,
				createdAt: createdAt + 1_800_000 + 60_000 * i,
				text: card.text,
				...placed.get(card.id)
			});
			if (card.area === 'next-steps')
				setNextStep(board, id(card.id), {
					owner: card.responsible ?? '',
					ownerGroup: OWNER_GROUPS[card.responsible ?? ''] ?? null,
					partners: (card.with ?? []).join(', '),
					due: card.due ?? '',
					answers: (card.answers ?? []).filter((a) => onBoard.has(a)).map(id)
				});
		});
		for (const cluster of sample.clusters)
			createCluster(
				board,
				{ ...cluster, id: id(cluster.id), createdAt: createdAt + 3_600_000 + copy },
				cards.filter((c) => c.cluster === cluster.id).map((c) => id(c.id))
			);
		sample.connectors
			.filter((c) => onBoard.has(c.from) && onBoard.has(c.to))
			.forEach((c, i) =>
				connect(board, {
					id: id(`v${i + 1}`),
					from: id(c.from),
					to: id(c.to),
					label: c.label,
					createdAt: createdAt + 4_000_000 + copy * sample.connectors.length + i
				})
			);
		if (copy === 0) placed = new Map(readCards(board).map((c) => [c.id, { x: c.x, y: c.y }]));
	}

	if (options.hostile) {
		// Edited the way participants edit: card texts, a cluster title, a connector label, a next step.
		const writable = sample.cards.filter((c) => c.area !== 'next-steps');
		HOSTILE_TEXTS.forEach((text, i) => setCardText(board, writable[i % writable.length]!.id, text));
		renameCluster(board, sample.clusters[0]!.id, MARKUP_CORPUS[0]);
		labelConnector(board, 'v1', MARKUP_CORPUS[1]);
		const step = sample.cards.find((c) => c.area === 'next-steps')!;
		setNextStep(board, step.id, { owner: FORMULA_CORPUS[0], partners: MARKUP_CORPUS[3] });
	}
	for (const area of AREA_IDS) arrangeByClusters(board, area);

	// Voting: the sample's dots in the first round, seeded dots in the others.
	const boardCards = readCards(board);
	const onBoard = new Set(boardCards.map((c) => c.id));
	const { votingRound } = sample;
	const rules = {
		...DEFAULT_VOTING_OPTIONS,
		dotsPerParticipant: votingRound.dotsPerParticipant,
		maxPerCard: votingRound.maxPerCard,
		scope: { areas: votingRound.scope, clusters: [] }
	};
	const voters = participants.filter((p) => p.role === 'participant');
	const votable = boardCards.filter((c) => inScope(rules.scope, c));
	const random = seeded(7);
	const rounds = Array.from({ length: roundCount }, (_, r) => {
		const roundId = `r${r + 1}`;
		const votes: Vote[] =
			r === 0
				? votingRound.dots
						.filter((d) => onBoard.has(d.card))
						.map((d) => ({
							roundId,
							participantId: d.participant,
							cardId: d.card,
							group: groupOf.get(d.participant) ?? null,
							dots: d.n
						}))
				: voters.flatMap((p) =>
						spend(rules, votable, random).map(([cardId, dots]) => ({
							roundId,
							participantId: p.id,
							cardId,
							group: p.group,
							dots
						}))
					);
		const round: VotingRound = {
			...rules,
			id: roundId,
			sessionId: session.id,
			seq: r + 1,
			status: 'closed',
			openedAt: createdAt + 5_400_000 + 1_200_000 * r,
			endsAt: null,
			closedAt: createdAt + 6_000_000 + 1_200_000 * r,
			results: tally(
				votes,
				talliedCards(boardCards, rules.scope, new Set(votes.map((v) => v.cardId))),
				{ anonymous: true, groupIds: DEFAULT_SETTINGS.stakeholderGroups.map((g) => g.id) }
			)
		};
		return { round, votes };
	});
	return {
		session,
		agenda: agendaFromTemplate('study', 'de'),
		participants,
		board,
		rounds,
		now: createdAt + 7_200_000 + 1_200_000 * (roundCount - 1),
		finishedAt: null
	};
}

/** One participant's dots: all of them, on cards picked at random, at most `maxPerCard` on one. */
function spend(
	rules: { dotsPerParticipant: number; maxPerCard: number },
	cards: readonly { id: string }[],
	random: () => number
): [string, number][] {
	const dots = new Map<string, number>();
	let left = Math.min(rules.dotsPerParticipant, cards.length * rules.maxPerCard);
	while (left > 0) {
		const card = cards[Math.floor(random() * cards.length)]!.id;
		const n = Math.min(
			left,
			rules.maxPerCard - (dots.get(card) ?? 0),
			1 + Math.floor(random() * rules.maxPerCard)
		);
		if (n <= 0) continue;
		dots.set(card, (dots.get(card) ?? 0) + n);
		left -= n;
	}
	return [...dots];
}

/** A small seeded generator (Lehmer), the same on every machine. */
function seeded(seed: number): () => number {
	let state = seed;
	return () => (state = (state * 48271) % 2147483647) / 2147483647;
}
