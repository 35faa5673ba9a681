import * as Y from 'yjs';
import { AREA_IDS } from '../../src/lib/domain/board/areas';
import { createCard, readCards, setNextStep } from '../../src/lib/domain/board/cards';
import {
	arrangeByClusters,
	createCluster,
	readClusters
} from '../../src/lib/domain/board/clusters';
import { connect, readConnectors } from '../../src/lib/domain/board/connectors';
import type { ExportInput } from '../../src/lib/domain/export/build';
import type { Vote } from '../../src/lib/domain/voting/ballot';
import type { VotingRound } from '../../src/lib/domain/voting/round';
import { talliedCards } from '../../src/lib/domain/voting/scope-cards';
import { tally } from '../../src/lib/domain/voting/tally';
import { sampleExportInput } from '../../tests/helpers/sample-export';

/**
 * The Musterstadt session grown to `cards` cards (its board repeated, with its
 * clusters and connectors) and `rounds` closed voting rounds in which every
 * participant spends all their dots: what the server gathers for a big export.
 */
export function bigExportInput(cards: number, rounds: number): ExportInput {
	const sample = sampleExportInput();
	const source = readCards(sample.board);
	const sourceClusters = readClusters(sample.board, source);
	const sourceConnectors = readConnectors(sample.board, source, sourceClusters);
	const board = new Y.Doc();
	for (let copy = 0; copy * source.length < cards; copy++) {
		const id = (original: string) => (copy === 0 ? original : `${original}-${copy}`);
		for (const card of source.slice(0, cards - copy * source.length)) {
			createCard(board, {
				id: id(card.id),
				area: card.area,
				authorId: card.authorId,
				authorGroup: card.authorGroup,
				createdAt: card.createdAt,
				text: card.text,
				color: card.color,
				x: card.x,
				y: card.y
			});
			if (card.area === 'next-steps')
				setNextStep(board, id(card.id), {
					...card.nextStep,
					answers: card.nextStep.answers.map(id)
				});
		}
		for (const cluster of sourceClusters)
			createCluster(board, { ...cluster, id: id(cluster.id) }, cluster.cardIds.map(id));
		for (const connector of sourceConnectors)
			connect(board, {
				...connector,
				id: id(connector.id),
				from: id(connector.from),
				to: id(connector.to)
			});
	}
	for (const area of AREA_IDS) arrangeByClusters(board, area);

	const boardCards = readCards(board);
	const template = sample.rounds[0]!.round;
	const voters = sample.participants.filter((p) => p.role === 'participant');
	let seed = 7;
	const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
	const groupIds = sample.session.settings.stakeholderGroups.map((g) => g.id);
	const votingRounds = Array.from({ length: rounds }, (_, r) => {
		const roundId = `r${r + 1}`;
		const votes: Vote[] = voters.flatMap((p) =>
			Array.from({ length: template.dotsPerParticipant }, () => ({
				roundId,
				participantId: p.id,
				cardId: boardCards[Math.floor(random() * boardCards.length)]!.id,
				group: p.group,
				dots: 1
			}))
		);
		const round: VotingRound = {
			...template,
			id: roundId,
			seq: r + 1,
			results: tally(
				votes,
				talliedCards(boardCards, template.scope, new Set(votes.map((v) => v.cardId))),
				{ anonymous: true, groupIds }
			)
		};
		return { round, votes };
	});
	return { ...sample, board, rounds: votingRounds };
}
