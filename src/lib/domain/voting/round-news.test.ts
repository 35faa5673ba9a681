import { describe, expect, it } from 'vitest';
import { roundNews } from './round-news';

const round = (id: string, status: 'open' | 'closed' | 'cancelled') => ({ id, status });

describe('roundNews', () => {
	it('says nothing about how things stood when the screen loaded', () => {
		expect(roundNews(null, [round('r1', 'open')])).toBeNull();
		expect(roundNews(null, [round('r1', 'closed')])).toBeNull();
	});

	it('tells that a round opened, closed or was cancelled', () => {
		expect(roundNews([], [round('r1', 'open')])).toEqual({
			kind: 'opened',
			round: round('r1', 'open')
		});
		expect(roundNews([round('r1', 'open')], [round('r1', 'closed')])?.kind).toBe('closed');
		expect(roundNews([round('r1', 'open')], [round('r1', 'cancelled')])?.kind).toBe('cancelled');
	});

	it('says nothing while a round stays open (dots come in) or nothing is open', () => {
		expect(roundNews([round('r1', 'open')], [round('r1', 'open')])).toBeNull();
		expect(roundNews([round('r1', 'closed')], [round('r1', 'closed')])).toBeNull();
		expect(roundNews([], [])).toBeNull();
	});

	it('tells of the new round when one ended and the next opened in the same update', () => {
		expect(roundNews([round('r1', 'open')], [round('r1', 'closed'), round('r2', 'open')])).toEqual({
			kind: 'opened',
			round: round('r2', 'open')
		});
	});
});
