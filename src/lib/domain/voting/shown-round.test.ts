import { describe, expect, it } from 'vitest';
import { presenterShowsResults, shownRound } from './shown-round';

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

describe('presenterShowsResults', () => {
	it('puts the ranking on the projector’s main area in a voting phase once there are results', () => {
		expect(presenterShowsResults('voting', round('r1', 'closed', {}))).toBe(true);
		expect(presenterShowsResults('voting', round('r1', 'open', null))).toBe(false);
		expect(presenterShowsResults('voting', null)).toBe(false);
		expect(presenterShowsResults('discussion', round('r1', 'closed', {}))).toBe(false);
	});
});
