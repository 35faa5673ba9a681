import type * as Y from 'yjs';
import { createCard, setNextStep } from '../board/cards';
import { createCluster } from '../board/clusters';
import { connect } from '../board/connectors';
import { tidyPhase, type Phase } from '../session/agenda';
import { normaliseLabel } from '../session/validation';
import { VOTING_TITLE_MAX, type VotingRound } from '../voting/round';
import type { CardResult, RoundResults } from '../voting/tally';
import { translate } from '../../i18n/catalog';
import type { ExportModel, ExportRound, ExportRoundResults } from './model';
import { facilitatorName } from './people';
import { followsCatalog } from './group-labels';

/**
 * Importing a JSON export (POST /api/sessions/import): the pieces of a new
 * session made from an export model that has passed `importProblem`, so that
 * every group, card and cluster the file names is in it. Everything gets a new
 * id; times, texts, positions and results stay, so that exporting the new
 * session says what the file said, apart from ids.
 */

/** Gives each old id one new id per kind; the same old id always gets the same new one. */
export class IdMap {
	private readonly maps = new Map<string, Map<string, string>>();

	constructor(private readonly fresh: () => string) {}

	set(kind: IdKind, old: string, id: string): void {
		this.of(kind).set(old, id);
	}

	get(kind: IdKind, old: string): string {
		const map = this.of(kind);
		let id = map.get(old);
		if (id === undefined) map.set(old, (id = this.fresh()));
		return id;
	}

	private of(kind: IdKind): Map<string, string> {
		let map = this.maps.get(kind);
		if (!map) this.maps.set(kind, (map = new Map()));
		return map;
	}
}

export type IdKind = 'card' | 'cluster' | 'connector' | 'round' | 'participant';

/**
 * The session's groups as they are stored: a default group whose label is the
 * catalog's in the file's language keeps following the catalog (label null).
 */
export function importedGroups(model: ExportModel): { id: string; label: string | null }[] {
	return model.stakeholderGroups.map((g) => ({
		id: g.id,
		label: followsCatalog(model, g) ? null : g.label
	}));
}

/** The file's agenda, tidied as an agenda the facilitator sends is (`tidyPhase`). */
export function importedAgenda(model: ExportModel): Phase[] {
	return model.agenda.map((p) =>
		tidyPhase({
			id: p.id,
			title: p.title,
			question: p.question,
			mode: p.mode,
			areas: [...p.areas],
			durationMin: p.durationMin
		})
	);
}

/** The facilitator's name as stored: the role's label in the file means they had none. */
export function importedFacilitatorName(model: ExportModel): string {
	return normaliseLabel(facilitatorName(model) ?? '');
}

/**
 * The participants (not staff) to create, in the order they joined. Without
 * names in the file each gets a pseudonym ("Teilnehmende 3") in the session's language.
 */
export function importedParticipants(
	model: ExportModel
): { oldId: string; name: string; group: string | null; createdAt: number; removed: boolean }[] {
	return model.participants
		.filter((p) => p.role === 'participant')
		.map((p, i) => ({
			oldId: p.id,
			name:
				// Tidied as a name someone types is (api.md): the file may come from anywhere.
				normaliseLabel(p.name ?? '') ||
				// A pseudonym's number names someone: "Teilnehmende 1000", not "1.000".
				translate(model.session.language, 'import.participantName', { n: String(i + 1) }),
			group: p.group,
			createdAt: p.joinedAt,
			removed: p.removed
		}));
}

/** Writes the file's board into an empty board document: cards, next steps, clusters, connectors. */
export function restoreBoard(doc: Y.Doc, model: ExportModel, ids: IdMap): void {
	const steps = new Map(model.nextSteps.map((s) => [s.cardId, s]));
	doc.transact(() => {
		for (const card of model.cards) {
			const id = ids.get('card', card.id);
			createCard(doc, {
				id,
				area: card.area,
				authorId: ids.get('participant', card.authorId),
				authorGroup: card.authorGroup,
				createdAt: card.createdAt,
				text: card.text,
				color: card.color,
				x: card.x,
				y: card.y
			});
			const step = steps.get(card.id);
			if (step)
				setNextStep(doc, id, {
					owner: step.owner,
					ownerGroup: step.ownerGroup,
					partners: step.partners,
					due: step.due,
					answers: step.answers.map((a) => ids.get('card', a))
				});
		}
		// Clusters and connectors carry no time in the file: their order does, kept by rising times.
		model.clusters.forEach((cluster, i) =>
			createCluster(
				doc,
				{
					id: ids.get('cluster', cluster.id),
					area: cluster.area,
					title: cluster.title,
					createdAt: model.session.createdAt + i
				},
				cluster.cardIds.map((c) => ids.get('card', c))
			)
		);
		model.connectors.forEach((c, i) =>
			connect(doc, {
				id: ids.get('connector', c.id),
				from: ids.get(c.fromKind, c.from),
				to: ids.get(c.toKind, c.to),
				label: c.label,
				createdAt: model.session.createdAt + i
			})
		);
	});
}

/**
 * The file's voting rounds as finished rounds of the new session: closed ones
 * keep their results; a round that was still open arrives closed with the
 * results it had in the file, or cancelled when the file had none (hidden).
 * The file has no votes, so each round keeps the progress the file implies:
 * its results' voters and dots, an open round's progress, else none.
 */
export function restoreRounds(model: ExportModel, ids: IdMap, sessionId: string): VotingRound[] {
	const authorGroups = new Map(model.cards.map((c) => [c.id, c.authorGroup]));
	return model.votingRounds.map((round) => {
		const closed = round.status !== 'cancelled' && round.results !== null;
		return {
			id: ids.get('round', round.id),
			sessionId,
			seq: round.seq,
			title: ownTitle(model, round),
			// A scope may name a cluster dissolved since; the export names it, so the new round does too.
			scope: {
				areas: [...round.scope.areas],
				clusters: round.scope.clusters.map((c) => ids.get('cluster', c))
			},
			dotsPerParticipant: round.dotsPerParticipant,
			maxPerCard: round.maxPerCard,
			anonymous: round.anonymous,
			visibility: round.visibility,
			durationMin: null,
			status: closed ? 'closed' : 'cancelled',
			openedAt: round.openedAt,
			endsAt: null,
			closedAt: round.closedAt ?? model.exportedAt,
			results: closed && round.results ? roundResults(round.results, ids, authorGroups) : null,
			imported: {
				progress:
					closed && round.results
						? { voters: round.results.voters, dots: round.results.totalDots }
						: (round.progress ?? { voters: 0, dots: 0 })
			}
		};
	});
}

/** The round's own title; "Runde 2" as the file names an untitled round is no title of its own. */
function ownTitle(model: ExportModel, round: ExportRound): string {
	const generic = translate(model.locale, 'voting.roundName', { n: round.seq });
	const title = normaliseLabel(round.title);
	return title === generic ? '' : title.slice(0, VOTING_TITLE_MAX);
}

const EPSILON = 1e-9;

function roundResults(
	results: ExportRoundResults,
	ids: IdMap,
	authorGroups: ReadonlyMap<string, string | null>
): RoundResults {
	const group = (key: string) => (key === '' ? null : key);
	const cards: CardResult[] = results.cards.map((c) => ({
		cardId: ids.get('card', c.cardId),
		text: c.text,
		area: c.area,
		authorGroup: authorGroups.get(c.cardId) ?? null,
		dots: c.dots,
		voters: c.voters,
		rank: c.rank,
		byGroup: Object.entries(c.byGroup).map(([key, dots]) => ({ group: group(key), dots })),
		weighted: c.weighted,
		// Not in the file: ranked again from the weights it has.
		weightedRank: 1 + results.cards.filter((other) => other.weighted > c.weighted + EPSILON).length,
		deleted: c.deleted
	}));
	return {
		totalDots: results.totalDots,
		voters: results.voters,
		cards,
		groups: results.groups.map((g) => ({ group: group(g.group), voters: g.voters, dots: g.dots }))
	};
}
