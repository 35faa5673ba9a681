import { describe, expect, it } from 'vitest';
import { cardBadges, pickRound, presenterShowsResults, shownRound } from './shown-round';

const round = (id: string, status: 'open' | 'closed' | 'cancelled', results: object | null) => ({
	id,
	status,
	results
});

describe('shownRound', () => {
	it('shows the latest closed round when none is open, never a cancelled one', () => {
		const rounds = [
			round('r1', 'closed', {}),
			round('r2', 'closed', {}),
			round('r3', 'cancelled', null)
		];
		expect(shownRound(rounds)?.id).toBe('r2');
	});

	it('shows an open round with live results, and nothing while an open round is hidden', () => {
		expect(shownRound([round('r1', 'closed', {}), round('r2', 'open', {})])?.id).toBe('r2');
		expect(shownRound([round('r1', 'closed', {}), round('r2', 'open', null)])).toBeNull();
	});

	it('shows nothing before the first round closes', () => {
		expect(shownRound([])).toBeNull();
		expect(shownRound([round('r1', 'cancelled', null)])).toBeNull();
	});
});

describe('a round the facilitator picks to show', () => {
	const rounds = [
		round('r1', 'closed', {}),
		round('r2', 'cancelled', null),
		round('r3', 'closed', {})
	];

	it('is shown instead of the latest, until another round opens', () => {
		const picked = pickRound(rounds, 'r1');
		expect(picked).toEqual({ ok: true, pick: { roundId: 'r1', rounds: 3 } });
		const pick = picked.ok ? picked.pick : null;
		expect(shownRound(rounds, pick)?.id).toBe('r1');
		// A new round takes the screens: open with live results, and the latest once closed.
		expect(shownRound([...rounds, round('r4', 'open', {})], pick)?.id).toBe('r4');
		expect(shownRound([...rounds, round('r4', 'closed', {})], pick)?.id).toBe('r4');
		// Cancelled, a new round still ends the choice: the latest closed round shows.
		expect(shownRound([...rounds, round('r4', 'cancelled', null)], pick)?.id).toBe('r3');
	});

	it('must be a closed round, and none may be open', () => {
		expect(pickRound(rounds, 'r9')).toEqual({ ok: false, error: 'voting_not_found' });
		expect(pickRound(rounds, 'r2')).toEqual({ ok: false, error: 'voting_no_results' });
		expect(pickRound([...rounds, round('r4', 'open', {})], 'r1')).toEqual({
			ok: false,
			error: 'voting_no_results'
		});
	});
});

describe('presenterShowsResults', () => {
	it('puts the ranking on the projector’s main area in a voting phase once there are results', () => {
		expect(presenterShowsResults('voting', round('r1', 'closed', {}))).toBe(true);
		expect(presenterShowsResults('voting', round('r1', 'open', null))).toBe(false);
		expect(presenterShowsResults('voting', null)).toBe(false);
		expect(presenterShowsResults('discussion', round('r1', 'closed', {}))).toBe(false);
	});
});

describe('cardBadges', () => {
	it('gives a badge only to cards that got dots', () => {
		const results = {
			cards: [
				{ cardId: 'a', dots: 4 },
				{ cardId: 'b', dots: 0 },
				{ cardId: 'c', dots: 1 }
			]
		};
		expect([...cardBadges(results)]).toEqual([
			['a', 4],
			['c', 1]
		]);
		expect(cardBadges(null).size).toBe(0);
	});
});
