import { describe, expect, it } from 'vitest';
import { resultsOpenNow, type ResultsMoment } from './results-fold';

const voting: ResultsMoment = {
	loaded: true,
	phaseId: 'vote',
	inVoting: true,
	resultsId: 'r1',
	openRoundId: null
};
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

	it('folds an earlier round’s results when a new round opens with its results hidden', () => {
		const running: ResultsMoment = { ...voting, openRoundId: 'r2' };
		expect(resultsOpenNow(voting, running)).toBe(false);
		// Opened again by the viewer, they stay open while the round runs.
		expect(resultsOpenNow(running, running)).toBeNull();
		// Its own results open when it ends, and once they are the shown ones.
		expect(resultsOpenNow(running, { ...voting, resultsId: 'r2' })).toBe(true);
		// Cancelled, it leaves the earlier results as the viewer has them.
		expect(resultsOpenNow(running, voting)).toBeNull();
		// Also after the meeting moved on: a round in the wrap-up folds them too.
		expect(resultsOpenNow(nextSteps, { ...nextSteps, openRoundId: 'r2' })).toBe(false);
	});

	it('shows a new round’s live results open, as results that come', () => {
		expect(resultsOpenNow(voting, { ...voting, resultsId: 'r2', openRoundId: 'r2' })).toBe(true);
	});

	it('folds an earlier round’s results on a screen loaded while another round runs', () => {
		const loading: ResultsMoment = { ...voting, loaded: false, resultsId: null };
		expect(resultsOpenNow(null, loading)).toBe(true);
		expect(resultsOpenNow(loading, { ...voting, openRoundId: 'r2' })).toBe(false);
		// A round whose results are live shows them open.
		expect(resultsOpenNow(loading, { ...voting, resultsId: 'r2', openRoundId: 'r2' })).toBe(true);
	});
});
