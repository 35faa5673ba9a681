import { describe, expect, it } from 'vitest';
import { resultsOpenNow, type ResultsMoment } from './results-fold';

const voting: ResultsMoment = { loaded: true, phaseId: 'vote', inVoting: true, resultsId: 'r1' };
const nextSteps: ResultsMoment = { ...voting, phaseId: 'steps', inVoting: false };

describe('whether the voting results stand open', () => {
	it('opens them in the voting phase and folds them when the meeting moves on', () => {
		expect(resultsOpenNow(null, voting)).toBe(true);
		expect(resultsOpenNow(voting, nextSteps)).toBe(false);
	});

	it('folds them on a screen loaded after the voting phase, as on one that saw it end', () => {
		// The page has the phase before the voting state: the results then arrive, not as news.
		const loading: ResultsMoment = { ...nextSteps, loaded: false, resultsId: null };
		const first = resultsOpenNow(null, loading);
		expect(first).toBe(false);
		expect(resultsOpenNow(loading, nextSteps)).toBe(false);
		// After that, nothing changes them but the viewer.
		expect(resultsOpenNow(nextSteps, nextSteps)).toBeNull();
	});

	it('opens results that come while the screen looks, in any phase', () => {
		const before: ResultsMoment = { ...nextSteps, resultsId: null };
		expect(resultsOpenNow(before, { ...nextSteps, resultsId: 'r2' })).toBe(true);
		expect(resultsOpenNow(nextSteps, { ...nextSteps, resultsId: 'r2' })).toBe(true);
		// Results taken back (a round cancelled) open nothing.
		expect(resultsOpenNow(nextSteps, { ...nextSteps, resultsId: null })).toBeNull();
	});
});
