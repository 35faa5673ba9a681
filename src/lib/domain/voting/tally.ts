import type { Vote } from './ballot';

/** A card as the results name it: what was voted on, kept with the results. */
export interface TalliedCard {
	readonly id: string;
	readonly text: string;
	readonly area: string;
	readonly authorGroup: string | null;
}

export interface GroupDots {
	/** null: participants who named no group. */
	readonly group: string | null;
	readonly dots: number;
}

export interface CardResult {
	readonly cardId: string;
	readonly text: string;
	readonly area: string;
	readonly authorGroup: string | null;
	readonly dots: number;
	/** How many participants put at least one dot on it. */
	readonly voters: number;
	/** 1 for the most dots; cards with as many dots share a rank (1, 2, 2, 4). */
	readonly rank: number;
	readonly byGroup: readonly GroupDots[];
	/**
	 * "Each group weighs equally": the mean over the groups that voted of the
	 * share of that group's dots this card got (0…1; all cards add up to 1).
	 */
	readonly weighted: number;
	readonly weightedRank: number;
	/** Who placed the dots; only in rounds that are not anonymous. */
	readonly ballots?: readonly { readonly participantId: string; readonly dots: number }[];
	/** The card was deleted from the board after dots were placed on it. */
	readonly deleted: boolean;
}

export interface GroupSummary {
	readonly group: string | null;
	/** Participants of the group who placed at least one dot. */
	readonly voters: number;
	readonly dots: number;
}

export interface RoundResults {
	readonly totalDots: number;
	readonly voters: number;
	/** Ranked: most dots first; cards of equal dots in board order. */
	readonly cards: readonly CardResult[];
	/** Groups in the session's order, then any group no longer in it, then "no group". */
	readonly groups: readonly GroupSummary[];
}

/** Progress of a round whose results are hidden: no card is named. */
export interface RoundProgress {
	readonly voters: number;
	readonly dots: number;
}

export function progressOf(votes: readonly Vote[]): RoundProgress {
	const voters = new Set<string>();
	let dots = 0;
	for (const vote of votes) {
		if (vote.dots <= 0) continue;
		voters.add(vote.participantId);
		dots += vote.dots;
	}
	return { voters: voters.size, dots };
}

const EPSILON = 1e-9;

/** Competition ranking: 1 + how many values are strictly better (1, 2, 2, 4). */
export function sharedRanks(values: readonly number[]): number[] {
	return values.map((v) => 1 + values.filter((other) => other > v + EPSILON).length);
}

function groupOrder(groupIds: readonly string[], seen: Iterable<string | null>): (string | null)[] {
	const order: (string | null)[] = [...groupIds];
	let none = false;
	for (const group of seen) {
		if (group === null) none = true;
		else if (!order.includes(group)) order.push(group);
	}
	if (none) order.push(null);
	return order;
}

/**
 * The results of a round: `cards` are the cards in scope in board order (cards
 * with dots that are no longer on the board are added as deleted).
 */
export function tally(
	votes: readonly Vote[],
	cards: readonly TalliedCard[],
	options: { anonymous: boolean; groupIds: readonly string[] }
): RoundResults {
	const counted = votes.filter((v) => v.dots > 0);
	const byCard = new Map<string, Vote[]>();
	for (const vote of counted) {
		const list = byCard.get(vote.cardId);
		if (list) list.push(vote);
		else byCard.set(vote.cardId, [vote]);
	}
	const all: (TalliedCard & { deleted: boolean })[] = cards.map((c) => ({ ...c, deleted: false }));
	const known = new Set(cards.map((c) => c.id));
	for (const cardId of byCard.keys())
		if (!known.has(cardId))
			all.push({ id: cardId, text: '', area: '', authorGroup: null, deleted: true });

	const groupVoters = new Map<string | null, Set<string>>();
	const groupDots = new Map<string | null, number>();
	for (const vote of counted) {
		let voters = groupVoters.get(vote.group);
		if (!voters) groupVoters.set(vote.group, (voters = new Set()));
		voters.add(vote.participantId);
		groupDots.set(vote.group, (groupDots.get(vote.group) ?? 0) + vote.dots);
	}
	const order = groupOrder(options.groupIds, groupVoters.keys());
	const votingGroups = order.filter((g) => (groupDots.get(g) ?? 0) > 0);

	const rows = all.map((card) => {
		const list = byCard.get(card.id) ?? [];
		const perGroup = new Map<string | null, number>();
		for (const vote of list) perGroup.set(vote.group, (perGroup.get(vote.group) ?? 0) + vote.dots);
		const weighted =
			votingGroups.length === 0
				? 0
				: votingGroups.reduce(
						(sum, g) => sum + (perGroup.get(g) ?? 0) / (groupDots.get(g) ?? 1),
						0
					) / votingGroups.length;
		return {
			card,
			dots: list.reduce((sum, v) => sum + v.dots, 0),
			voters: new Set(list.map((v) => v.participantId)).size,
			byGroup: order
				.filter((g) => perGroup.has(g))
				.map((group) => ({ group, dots: perGroup.get(group)! })),
			// Twelve digits: the sum's floating-point noise (0.24000000000000005) went into exports,
			// straight into researchers' tables. Values nearer than EPSILON already share a rank.
			weighted: Number(weighted.toPrecision(12)),
			ballots: list.map((v) => ({ participantId: v.participantId, dots: v.dots }))
		};
	});
	const ranks = sharedRanks(rows.map((r) => r.dots));
	const weightedRanks = sharedRanks(rows.map((r) => r.weighted));
	const results: CardResult[] = rows.map((row, i) => ({
		cardId: row.card.id,
		text: row.card.text,
		area: row.card.area,
		authorGroup: row.card.authorGroup,
		dots: row.dots,
		voters: row.voters,
		rank: ranks[i]!,
		byGroup: row.byGroup,
		weighted: row.weighted,
		weightedRank: weightedRanks[i]!,
		deleted: row.card.deleted,
		...(options.anonymous ? {} : { ballots: row.ballots })
	}));
	// Stable sort: equal ranks keep board order.
	results.sort((a, b) => a.rank - b.rank);
	return {
		totalDots: counted.reduce((sum, v) => sum + v.dots, 0),
		voters: new Set(counted.map((v) => v.participantId)).size,
		cards: results,
		groups: order
			.filter((g) => groupVoters.has(g) || g !== null)
			.map((group) => ({
				group,
				voters: groupVoters.get(group)?.size ?? 0,
				dots: groupDots.get(group) ?? 0
			}))
	};
}

/**
 * A closed round's results as they read now: its cards keep the text they had
 * when the round closed, and those no longer on the board are marked deleted.
 */
export function withRemovedCards(
	results: RoundResults,
	onBoard: ReadonlySet<string>
): RoundResults {
	if (results.cards.every((c) => c.deleted || onBoard.has(c.cardId))) return results;
	return {
		...results,
		cards: results.cards.map((c) =>
			c.deleted || onBoard.has(c.cardId) ? c : { ...c, deleted: true }
		)
	};
}
