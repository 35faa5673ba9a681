import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sampleExportInput } from '../../../../tests/helpers/sample-export';
import { createCard, deleteCard, moveCardToArea, setNextStep } from '../board/cards';
import { CLUSTER_FRAME, clusterTitleExtra } from '../board/cluster-frame';
import { clusterFrame, createCluster, readClusters, renameCluster } from '../board/clusters';
import { readCards } from '../board/cards';
import { connect } from '../board/connectors';
import type { Participant, Session } from '../session/session';
import { DEFAULT_SETTINGS } from '../session/session';
import { agendaFromTemplate } from '../session/templates';
import type { Vote } from '../voting/ballot';
import { DEFAULT_VOTING_OPTIONS, openRound, type VotingRound } from '../voting/round';
import { talliedCards } from '../voting/scope-cards';
import { tally } from '../voting/tally';
import { buildExportModel, type ExportInput } from './build';
import { importProblem } from './import-check';
import { pictureLayout } from './picture-layout';

const DAY = Date.UTC(2026, 2, 12, 23, 30); // 12 March in UTC, already the 13th in Berlin
const de = { locale: 'de', named: false, delimiter: ',' } as const;

const session: Session = {
	id: 's1',
	boardId: 'b1',
	title: 'Faire Beschaffung – Fokusgruppe Müllheim',
	municipality: 'Stadt Müllheim',
	template: 'study',
	language: 'de',
	createdAt: DAY,
	settings: {
		...DEFAULT_SETTINGS,
		stakeholderGroups: [
			{ id: 'admin', label: null },
			{ id: 'repair', label: null },
			{ id: 'g-weltladen', label: 'Weltladen „Süd“' }
		]
	}
};

const person = (
	id: string,
	name: string,
	group: string | null,
	role: Participant['role'] = 'participant',
	removedAt: number | null = null
): Participant => ({
	id,
	sessionId: 's1',
	name,
	group,
	role,
	createdAt: DAY + id.length,
	removedAt
});

const participants = [
	person('fac', '', null, 'facilitator'),
	person('obs', '', null, 'observer'),
	person('jana', 'Jana K.', 'admin'),
	person('murat', 'Murat Ö.', 'repair'),
	person('elke', 'Elke S.', 'repair'),
	person('gone', 'Weg', 'admin', 'participant', DAY + 5)
];

/** A board of three areas: two clusters, a loose card, a next step, a connector. */
function board(): Y.Doc {
	const doc = new Y.Doc();
	const card = (
		id: string,
		area: 'challenges' | 'potentials' | 'next-steps',
		x: number,
		y: number,
		authorId: string,
		authorGroup: string | null,
		text: string
	) => createCard(doc, { id, area, x, y, authorId, authorGroup, createdAt: DAY + y, text });
	card('c-low', 'challenges', 24, 400, 'jana', 'admin', 'Vergaberecht ist komplex');
	card('c-top', 'challenges', 24, 80, 'murat', 'repair', 'Große Lose schließen Kleine aus');
	card('c-loose', 'challenges', 240, 60, 'jana', 'admin', 'Wenig Zeit');
	card('p1', 'potentials', 536, 80, 'elke', 'repair', 'Repair-Café als Partner');
	card('n1', 'next-steps', 1048, 80, 'fac', null, 'Runder Tisch im Frühjahr');
	createCluster(doc, { id: 'k-recht', area: 'challenges', title: 'Recht', createdAt: 2 }, [
		'c-low'
	]);
	createCluster(doc, { id: 'k-lose', area: 'challenges', title: 'Lose', createdAt: 1 }, ['c-top']);
	setNextStep(doc, 'n1', {
		owner: 'Vergabestelle',
		ownerGroup: 'admin',
		partners: 'Weltladen',
		due: '2026-06-30',
		answers: ['c-top', 'gone-card']
	});
	connect(doc, { id: 'v1', from: 'p1', to: 'k-lose', label: 'könnte unterstützen', createdAt: 3 });
	return doc;
}

function closedRound(doc: Y.Doc, votes: Vote[]): VotingRound {
	const open = openRound(DEFAULT_VOTING_OPTIONS, { id: 'r1', sessionId: 's1', seq: 1, now: DAY });
	const cards = talliedCards(readCards(doc), open.scope, new Set(votes.map((v) => v.cardId)));
	return {
		...open,
		status: 'closed',
		closedAt: DAY + 100,
		results: tally(votes, cards, {
			anonymous: true,
			groupIds: session.settings.stakeholderGroups.map((g) => g.id)
		})
	};
}

const vote = (roundId: string, participantId: string, cardId: string, dots: number): Vote => ({
	roundId,
	participantId,
	cardId,
	group: participants.find((p) => p.id === participantId)!.group,
	dots
});

function input(doc = board(), rounds: ExportInput['rounds'] = []): ExportInput {
	return {
		session,
		agenda: agendaFromTemplate('study', 'de'),
		participants,
		board: doc,
		rounds,
		now: DAY + 1000,
		finishedAt: null
	};
}

describe('the export model', () => {
	it('lists cards in reading order: area, then cluster in board order, then loose cards by position', () => {
		const model = buildExportModel(input(), de);
		expect(model.cards.map((c) => c.id)).toEqual(['c-top', 'c-low', 'c-loose', 'p1', 'n1']);
		// Clusters follow where their first card stands, not when they were made.
		expect(model.clusters.map((c) => [c.id, c.title, c.cardIds])).toEqual([
			['k-lose', 'Lose', ['c-top']],
			['k-recht', 'Recht', ['c-low']]
		]);
		expect(model.cards.map((c) => c.clusterId)).toEqual(['k-lose', 'k-recht', null, null, null]);
	});

	it('gives cards and clusters the positions and sizes the board draws', () => {
		const doc = board();
		const model = buildExportModel(input(doc), de);
		const top = model.cards[0]!;
		expect([top.x, top.y, top.width]).toEqual([24, 80, 200]);
		expect(top.height).toBeGreaterThanOrEqual(120);
		const cards = readCards(doc);
		const cluster = readClusters(doc, cards).find((c) => c.id === 'k-lose')!;
		expect(model.clusters[0]!.frame).toEqual(
			clusterFrame(cards.filter((c) => cluster.cardIds.includes(c.id)))
		);
		expect(model.areas.map((a) => [a.id, a.title, a.x, a.width])).toEqual([
			['challenges', 'Herausforderungen', 0, 480],
			['potentials', 'Potentiale', 512, 480],
			['next-steps', 'Nächste Schritte', 1024, 480]
		]);
		expect(model.areas.every((a) => a.height >= 1200)).toBe(true);
	});

	it('gives a cluster whose title takes several lines a frame with room for them above its cards', () => {
		const doc = board();
		const title = 'Große Lose schließen kleine Betriebe und Sozialunternehmen von der Vergabe aus';
		renameCluster(doc, 'k-lose', title);
		const model = buildExportModel(input(doc), de);
		const top = model.cards.find((c) => c.id === 'c-top')!;
		const frame = model.clusters.find((c) => c.id === 'k-lose')!.frame;
		const extra = clusterTitleExtra(title, frame.width);
		expect(extra).toBeGreaterThan(0);
		expect(frame.y).toBe(top.y - CLUSTER_FRAME.padding - CLUSTER_FRAME.title - extra);
		expect(frame.y + frame.height).toBe(top.y + top.height + CLUSTER_FRAME.padding);
		// As tall as the board (and the picture) draws it, where the cards go lower by the extra lines.
		const drawn = pictureLayout(model).clusters.find((c) => c.id === 'k-lose')!.frame;
		expect(frame.height).toBe(drawn.height);
	});

	it('names the session, its municipality, the meeting day in UTC and the facilitator', () => {
		const model = buildExportModel(input(), de);
		expect(model.version).toBe(1);
		expect(model.exportedAt).toBe(DAY + 1000);
		expect(model.session).toEqual({
			id: 's1',
			title: 'Faire Beschaffung – Fokusgruppe Müllheim',
			municipality: 'Stadt Müllheim',
			date: '2026-03-12',
			createdAt: DAY,
			template: 'study',
			language: 'de',
			facilitator: 'Moderation',
			finishedAt: null
		});
		// Once the facilitator ended the session, when.
		expect(buildExportModel({ ...input(), finishedAt: DAY + 500 }, de).session.finishedAt).toBe(
			DAY + 500
		);
		const named = buildExportModel(
			{ ...input(), participants: [person('fac', 'Dr. Weiß', null, 'facilitator')] },
			de
		);
		expect(named.session.facilitator).toBe('Dr. Weiß');
	});

	it('keeps participants pseudonymous unless the export is named', () => {
		const anonymous = buildExportModel(input(), de);
		expect(anonymous.named).toBe(false);
		expect(anonymous.participants.map((p) => p.name)).toEqual([null, null, null, null, null, null]);
		expect(anonymous.participants.map((p) => [p.id, p.role, p.group, p.removed])).toEqual([
			['fac', 'facilitator', null, false],
			['obs', 'observer', null, false],
			['jana', 'participant', 'admin', false],
			['murat', 'participant', 'repair', false],
			['elke', 'participant', 'repair', false],
			['gone', 'participant', 'admin', true]
		]);
		const named = buildExportModel(input(), { ...de, named: true });
		expect(named.participants.map((p) => p.name)).toEqual([
			'',
			'',
			'Jana K.',
			'Murat Ö.',
			'Elke S.',
			'Weg'
		]);
	});

	it('counts the participants of each stakeholder group, without staff and removed people, labelled in the export language', () => {
		expect(buildExportModel(input(), de).stakeholderGroups).toEqual([
			{ id: 'admin', label: 'Kommunalverwaltung / Vergabestelle', participants: 1 },
			{ id: 'repair', label: 'Repair- oder Leihnetzwerk', participants: 2 },
			{ id: 'g-weltladen', label: 'Weltladen „Süd“', participants: 0 }
		]);
		const en = buildExportModel(input(), { ...de, locale: 'en' });
		expect(en.stakeholderGroups.map((g) => g.label)).toEqual([
			'Municipal administration / procurement office',
			'Repair or lending network',
			'Weltladen „Süd“'
		]);
		expect(en.areas[0]!.title).toBe('Challenges');
	});

	it('carries a closed round’s fixed results, with dots per card per round and per group', () => {
		const doc = board();
		const votes = [
			vote('r1', 'jana', 'c-top', 2),
			vote('r1', 'murat', 'c-top', 1),
			vote('r1', 'elke', 'p1', 3)
		];
		const round = closedRound(doc, votes);
		const model = buildExportModel(input(doc, [{ round, votes }]), de);
		const [exported] = model.votingRounds;
		expect(exported).toMatchObject({
			id: 'r1',
			seq: 1,
			title: 'Runde 1',
			status: 'closed'
		});
		expect(exported!.progress).toBeUndefined();
		expect(exported!.results!.totalDots).toBe(6);
		expect(exported!.results!.cards[0]).toMatchObject({
			cardId: 'c-top',
			dots: 3,
			rank: 1,
			byGroup: { admin: 2, repair: 1 }
		});
		expect(exported!.results!.groups).toEqual([
			{ group: 'admin', voters: 1, dots: 2 },
			{ group: 'repair', voters: 2, dots: 4 },
			{ group: 'g-weltladen', voters: 0, dots: 0 }
		]);
		const byId = new Map(model.cards.map((c) => [c.id, c]));
		expect(byId.get('c-top')!.dots).toEqual({ r1: 3 });
		expect(byId.get('c-top')!.dotsByGroup).toEqual({ admin: 2, repair: 1, 'g-weltladen': 0 });
		expect(byId.get('c-loose')!.dots).toEqual({ r1: 0 });
		expect(byId.get('p1')!.dotsByGroup).toEqual({ admin: 0, repair: 3, 'g-weltladen': 0 });
		expect(
			buildExportModel(input(doc, [{ round, votes }]), { ...de, locale: 'en' }).votingRounds[0]!
				.title
		).toBe('Round 1');
	});

	it('marks a card deleted after its round closed as deleted, with the text it had', () => {
		const doc = board();
		const votes = [vote('r1', 'jana', 'c-top', 2), vote('r1', 'elke', 'p1', 1)];
		const round = closedRound(doc, votes);
		deleteCard(doc, 'c-top');
		const model = buildExportModel(input(doc, [{ round, votes }]), de);
		const cards = model.votingRounds[0]!.results!.cards;
		expect(cards.find((c) => c.cardId === 'c-top')).toMatchObject({
			text: 'Große Lose schließen Kleine aus',
			dots: 2,
			deleted: true
		});
		expect(cards.find((c) => c.cardId === 'p1')!.deleted).toBe(false);
	});

	it('shows an open round with live results as tallied so far, and tells nothing but progress of one with hidden results', () => {
		const doc = board();
		const liveVotes = [vote('live', 'jana', 'c-loose', 2)];
		const live = {
			...openRound(
				{ ...DEFAULT_VOTING_OPTIONS, visibility: 'live', title: 'Schnell' },
				{ id: 'live', sessionId: 's1', seq: 1, now: DAY }
			)
		};
		const hiddenVotes = [vote('hidden', 'murat', 'c-top', 3)];
		const hidden = openRound(DEFAULT_VOTING_OPTIONS, {
			id: 'hidden',
			sessionId: 's1',
			seq: 2,
			now: DAY
		});
		const cancelled: VotingRound = {
			...openRound(DEFAULT_VOTING_OPTIONS, { id: 'gone', sessionId: 's1', seq: 3, now: DAY }),
			status: 'cancelled',
			closedAt: DAY + 1
		};
		const model = buildExportModel(
			input(doc, [
				{ round: live, votes: liveVotes },
				{ round: hidden, votes: hiddenVotes },
				{ round: cancelled, votes: [vote('gone', 'elke', 'p1', 1)] }
			]),
			de
		);
		const [a, b, c] = model.votingRounds;
		expect(a!.title).toBe('Schnell');
		expect(a!.results!.cards.find((r) => r.cardId === 'c-loose')!.dots).toBe(2);
		expect(b!.results).toBeNull();
		expect(b!.progress).toEqual({ voters: 1, dots: 3 });
		expect(c!.results).toBeNull();
		// Only rounds whose results may be shown count on the cards.
		const top = model.cards.find((card) => card.id === 'c-top')!;
		expect(top.dots).toEqual({ live: 0 });
		expect(JSON.stringify(model)).not.toContain('"hidden":3');
		expect(model.cards.find((card) => card.id === 'c-loose')!.dots).toEqual({ live: 2 });
	});

	it('lists next steps with who, with whom, by when and the cards they answer that are still there', () => {
		const model = buildExportModel(input(), de);
		expect(model.nextSteps).toEqual([
			{
				cardId: 'n1',
				what: 'Runder Tisch im Frühjahr',
				owner: 'Vergabestelle',
				ownerGroup: 'admin',
				partners: 'Weltladen',
				due: '2026-06-30',
				answers: ['c-top'],
				dots: 0
			}
		]);
	});

	it('lists what a step answers once, and no next step: the export imports again', () => {
		// Any client may name a card twice, the step itself or another step; and a potential dragged
		// into the next steps later answers nothing there. The import refuses all of these.
		const doc = board();
		createCard(doc, {
			id: 'n2',
			area: 'next-steps',
			x: 1048,
			y: 300,
			authorId: 'fac',
			authorGroup: null,
			createdAt: DAY,
			text: 'Zweiter Schritt'
		});
		setNextStep(doc, 'n1', { answers: ['c-top', 'c-top', 'n1', 'n2', 'p1', 'c-low'] });
		moveCardToArea(doc, 'p1', 'next-steps');
		const model = buildExportModel({ ...input(), board: doc }, de);
		expect(model.nextSteps.find((s) => s.cardId === 'n1')!.answers).toEqual(['c-top', 'c-low']);
		expect(importProblem(model)).toBeNull();
	});

	it('leaves out a responsible group the session does not have (any more), as the board shows it', () => {
		const doc = board();
		setNextStep(doc, 'n1', { ownerGroup: 'politics' });
		const model = buildExportModel({ ...input(), board: doc }, de);
		expect(model.nextSteps[0]).toMatchObject({ owner: 'Vergabestelle', ownerGroup: null });
	});

	it('tells whether each end of a connector is a card or a cluster', () => {
		expect(buildExportModel(input(), de).connectors).toEqual([
			{
				id: 'v1',
				from: 'p1',
				fromKind: 'card',
				to: 'k-lose',
				toKind: 'cluster',
				label: 'könnte unterstützen'
			}
		]);
	});

	it('builds the same model from the same input', () => {
		const sample = sampleExportInput();
		expect(buildExportModel(sample, de)).toEqual(buildExportModel(sample, de));
		const model = buildExportModel(sample, de);
		expect(model.cards).toHaveLength(30);
		expect(model.clusters).toHaveLength(5);
		expect(model.connectors).toHaveLength(4);
		expect(model.votingRounds[0]!.results!.totalDots).toBe(50);
	});
});
