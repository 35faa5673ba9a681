import { describe, expect, it } from 'vitest';
import { addDot, ballotOf, removeDot, withDots, type Vote, type VotableCard } from './ballot';
import {
	DEFAULT_VOTING_OPTIONS,
	inScope,
	openRound,
	targetRound,
	votingOptions,
	type VotingRound
} from './round';
import { progressOf, tally, type TalliedCard } from './tally';
import { roundView } from './view';

const NOW = 1_700_000_000_000;

function round(overrides: Partial<VotingRound> = {}): VotingRound {
	return {
		...openRound(DEFAULT_VOTING_OPTIONS, { id: 'r1', sessionId: 's1', seq: 1, now: NOW }),
		...overrides
	};
}

const card = (id: string, area = 'challenges', clusterId: string | null = null): VotableCard => ({
	id,
	area,
	clusterId
});

/** Places dots one by one through the rules, as the server does; returns what was accepted. */
function cast(r: VotingRound, participant: string, cards: (VotableCard | null)[], now = NOW) {
	let ballot = ballotOf(r, [], participant);
	const outcomes: string[] = [];
	for (const c of cards) {
		const result = addDot(r, ballot, c, now);
		outcomes.push(result.ok ? 'ok' : result.error);
		if (result.ok) ballot = withDots(r, ballot, c!.id, result.dots);
	}
	return { ballot, outcomes };
}

describe('voting options', () => {
	it('opens a round over the whole board with 5 dots, at most 3 per card, anonymous and hidden', () => {
		const parsed = votingOptions({});
		expect(parsed).toEqual({ ok: true, value: DEFAULT_VOTING_OPTIONS });
		expect(DEFAULT_VOTING_OPTIONS).toMatchObject({
			dotsPerParticipant: 5,
			maxPerCard: 3,
			anonymous: true,
			visibility: 'hidden',
			scope: { areas: ['challenges', 'potentials', 'next-steps'], clusters: [] }
		});
	});

	it('refuses an empty scope and nonsensical numbers', () => {
		expect(votingOptions({ scope: { areas: [], clusters: [] } })).toEqual({
			ok: false,
			error: 'voting_scope_empty'
		});
		for (const bad of [
			{ dotsPerParticipant: 0 },
			{ dotsPerParticipant: 2.5 },
			{ maxPerCard: 0 },
			{ dotsPerParticipant: 51 },
			{ durationMin: 0 },
			{ durationMin: 241 }
		])
			expect(votingOptions(bad)).toEqual({ ok: false, error: 'voting_options_invalid' });
	});

	it('tidies the title as every title is, and checks the tidied length', () => {
		const tidied = votingOptions({ title: '  Runde\u0000\u0007 \u200b<b>A</b>\n\n zwei  ' });
		expect(tidied.ok && tidied.value.title).toBe('Runde <b>A</b> zwei');
		const padded = votingOptions({ title: ' \u0000'.repeat(200) + 'x'.repeat(120) });
		expect(padded.ok && padded.value.title).toBe('x'.repeat(120));
		expect(votingOptions({ title: 'x'.repeat(121) })).toEqual({
			ok: false,
			error: 'voting_options_invalid'
		});
	});

	it('caps the per-card limit at the budget and sets the end of a time box', () => {
		const parsed = votingOptions({ dotsPerParticipant: 2, maxPerCard: 9, durationMin: 3 });
		expect(parsed.ok && parsed.value.maxPerCard).toBe(2);
		const r = openRound(parsed.ok ? parsed.value : DEFAULT_VOTING_OPTIONS, {
			id: 'r',
			sessionId: 's',
			seq: 1,
			now: NOW
		});
		expect(r.endsAt).toBe(NOW + 180_000);
	});

	it('counts a card in scope by its area or by its cluster', () => {
		const scope = { areas: ['potentials'] as const, clusters: ['k1'] };
		expect(inScope(scope, card('a', 'potentials'))).toBe(true);
		expect(inScope(scope, card('b', 'challenges', 'k1'))).toBe(true);
		expect(inScope(scope, card('c', 'challenges', 'k2'))).toBe(false);
	});
});

describe('the round a command means', () => {
	it('is the named round, else the open one; none is voting_not_found, also when every round has ended', () => {
		const closed = round({ id: 'r1', status: 'closed' });
		const open = round({ id: 'r2' });
		expect(targetRound([], undefined)).toEqual({ ok: false, error: 'voting_not_found' });
		expect(targetRound([closed], undefined)).toEqual({ ok: false, error: 'voting_not_found' });
		expect(targetRound([closed], 'nope')).toEqual({ ok: false, error: 'voting_not_found' });
		// A round that ended is found: whether it takes dots or may end is the command's rule.
		expect(targetRound([closed, open], 'r1')).toEqual({ ok: true, round: closed });
		expect(targetRound([closed, open], undefined)).toEqual({ ok: true, round: open });
	});
});

describe('budget and per-card cap', () => {
	it('accepts exactly the budget, however many dots are tried', () => {
		const r = round();
		const cards = Array.from({ length: 20 }, (_, i) => card(`c${i % 7}`));
		const { ballot, outcomes } = cast(r, 'p1', cards);
		expect(outcomes.filter((o) => o === 'ok')).toHaveLength(5);
		expect(ballot).toMatchObject({ used: 5, remaining: 0 });
		expect(outcomes.slice(5).every((o) => o === 'no_dots_left')).toBe(true);
	});

	it('holds the per-card cap, also when the same command is replayed', () => {
		const r = round();
		const same = card('c1');
		const { ballot, outcomes } = cast(r, 'p1', [same, same, same, same, same]);
		expect(outcomes).toEqual(['ok', 'ok', 'ok', 'card_dots_full', 'card_dots_full']);
		expect(ballot.dots).toEqual({ c1: 3 });
		expect(ballot.remaining).toBe(2);
	});

	it('refuses cards out of scope, missing cards and dots after the round or its time box', () => {
		const r = round({ scope: { areas: ['challenges'], clusters: [] }, endsAt: NOW + 1000 });
		expect(cast(r, 'p', [card('x', 'potentials')]).outcomes).toEqual(['card_out_of_scope']);
		expect(cast(r, 'p', [null]).outcomes).toEqual(['card_not_found']);
		expect(cast(r, 'p', [card('x')], NOW + 1000).outcomes).toEqual(['voting_closed']);
		expect(cast(round({ status: 'closed' }), 'p', [card('x')]).outcomes).toEqual(['voting_closed']);
	});

	it('takes a dot back and gives it back to the budget', () => {
		const r = round();
		let { ballot } = cast(r, 'p1', [card('a'), card('a')]);
		const removed = removeDot(r, ballot, 'a', NOW);
		expect(removed).toEqual({ ok: true, dots: 1 });
		ballot = withDots(r, ballot, 'a', 1);
		expect(ballot).toEqual({ dots: { a: 1 }, used: 1, remaining: 4 });
		expect(removeDot(r, ballot, 'b', NOW)).toEqual({ ok: false, error: 'no_dot_on_card' });
	});

	it("rebuilds a participant's ballot from stored votes", () => {
		const r = round();
		const votes: Vote[] = [
			{ roundId: 'r1', participantId: 'p1', cardId: 'a', group: 'civil', dots: 2 },
			{ roundId: 'r1', participantId: 'p2', cardId: 'a', group: 'admin', dots: 3 },
			{ roundId: 'r1', participantId: 'p1', cardId: 'b', group: 'civil', dots: 1 }
		];
		expect(ballotOf(r, votes, 'p1')).toEqual({ dots: { a: 2, b: 1 }, used: 3, remaining: 2 });
	});
});

describe('tally', () => {
	const cards: TalliedCard[] = ['a', 'b', 'c', 'd'].map((id) => ({
		id,
		text: `Karte ${id}`,
		area: 'challenges',
		authorGroup: null
	}));
	const v = (participantId: string, group: string | null, cardId: string, dots: number): Vote => ({
		roundId: 'r1',
		participantId,
		cardId,
		group,
		dots
	});

	it('ranks by dots with shared ranks for ties and keeps board order among equals', () => {
		const results = tally(
			[v('p1', 'admin', 'b', 3), v('p2', 'civil', 'c', 2), v('p3', 'civil', 'd', 2)],
			cards,
			{ anonymous: true, groupIds: ['admin', 'civil'] }
		);
		expect(results.cards.map((c) => [c.cardId, c.dots, c.rank])).toEqual([
			['b', 3, 1],
			['c', 2, 2],
			['d', 2, 2],
			['a', 0, 4]
		]);
		expect(results).toMatchObject({ totalDots: 7, voters: 3 });
	});

	it('breaks dots down by stakeholder group, with voters per group', () => {
		const results = tally(
			[
				v('p1', 'admin', 'a', 2),
				v('p1', 'admin', 'b', 1),
				v('p2', 'civil', 'a', 1),
				v('p3', null, 'b', 1)
			],
			cards,
			{ anonymous: true, groupIds: ['admin', 'civil', 'repair'] }
		);
		expect(results.groups).toEqual([
			{ group: 'admin', voters: 1, dots: 3 },
			{ group: 'civil', voters: 1, dots: 1 },
			{ group: 'repair', voters: 0, dots: 0 },
			{ group: null, voters: 1, dots: 1 }
		]);
		const a = results.cards.find((c) => c.cardId === 'a')!;
		expect(a.byGroup).toEqual([
			{ group: 'admin', dots: 2 },
			{ group: 'civil', dots: 1 }
		]);
		expect(a.voters).toBe(2);
		expect(a.ballots).toBeUndefined();
	});

	it('weighs each group equally: a small group counts as much as a big one', () => {
		// Four administration people all pick "a"; the one civil-society person picks "b".
		const votes = [
			...['p1', 'p2', 'p3', 'p4'].map((p) => v(p, 'admin', 'a', 5)),
			v('p5', 'civil', 'b', 5)
		];
		const results = tally(votes, cards, { anonymous: true, groupIds: ['admin', 'civil'] });
		const a = results.cards.find((c) => c.cardId === 'a')!;
		const b = results.cards.find((c) => c.cardId === 'b')!;
		expect(a.rank).toBe(1);
		expect(b.rank).toBe(2);
		expect(a.weighted).toBeCloseTo(0.5);
		expect(b.weighted).toBeCloseTo(0.5);
		expect([a.weightedRank, b.weightedRank]).toEqual([1, 1]);
		expect(results.cards.reduce((s, c) => s + c.weighted, 0)).toBeCloseTo(1);
	});

	it('gives the equal weights as a researcher would write them, without floating-point noise', () => {
		// Summed, (0 + 1/5 + 2/5) / 3 is 0.20000000000000004, which went into the JSON export.
		const votes = [
			v('p1', 'admin', 'b', 5),
			v('p2', 'civil', 'a', 1),
			v('p2', 'civil', 'b', 4),
			v('p3', 'repair', 'a', 2),
			v('p3', 'repair', 'b', 3)
		];
		const results = tally(votes, cards, {
			anonymous: true,
			groupIds: ['admin', 'civil', 'repair']
		});
		expect(results.cards.find((c) => c.cardId === 'a')!.weighted).toBe(0.2);
		expect(results.cards.find((c) => c.cardId === 'b')!.weighted).toBe(0.8);
	});

	it('names voters only when the round is not anonymous, and keeps votes on deleted cards', () => {
		const results = tally([v('p1', 'admin', 'gone', 2)], cards, {
			anonymous: false,
			groupIds: ['admin']
		});
		expect(results.cards[0]).toMatchObject({
			cardId: 'gone',
			deleted: true,
			ballots: [{ participantId: 'p1', dots: 2 }]
		});
	});
});

describe('what everyone sees of a round', () => {
	const votes: Vote[] = [{ roundId: 'r1', participantId: 'p1', cardId: 'a', group: null, dots: 2 }];
	const live = () => tally(votes, [], { anonymous: true, groupIds: [] });

	it('shows only progress while results are hidden, and never computes them', () => {
		let computed = false;
		const view = roundView(round(), votes, () => {
			computed = true;
			return live();
		});
		expect(view.results).toBeNull();
		expect(view.progress).toEqual({ voters: 1, dots: 2 });
		expect(computed).toBe(false);
	});

	it('shows live results when the round says so, and the fixed results once closed', () => {
		expect(roundView(round({ visibility: 'live' }), votes, live).results?.totalDots).toBe(2);
		const fixed = live();
		expect(roundView(round({ status: 'closed', results: fixed }), [], live).results).toBe(fixed);
		expect(roundView(round({ status: 'cancelled' }), votes, live).results).toBeNull();
		expect(progressOf([])).toEqual({ voters: 0, dots: 0 });
	});

	it('shows an imported round’s progress as stored, having no votes to count, and says it was imported', () => {
		const imported = round({
			status: 'closed',
			results: live(),
			imported: { progress: { voters: 1, dots: 2 } }
		});
		expect(roundView(imported, [], live)).toMatchObject({
			imported: true,
			progress: { voters: 1, dots: 2 }
		});
		expect(roundView(imported, [], live)).not.toHaveProperty('imported.progress');
		expect(roundView(round(), votes, live).imported).toBe(false);
	});
});
