import { describe, expect, it } from 'vitest';
import { idleTimer, pauseTimer, remainingMs, startTimer } from '../session/timer';
import { DEFAULT_VOTING_OPTIONS, openRound } from './round';
import { pinnedOnPhone, roundTimer, shownTimers } from './round-timer';

const NOW = 1_700_000_000_000;
const at = { id: 'r1', sessionId: 's1', seq: 1, now: NOW };
const timed = openRound({ ...DEFAULT_VOTING_OPTIONS, durationMin: 3 }, at);
const untimed = openRound(DEFAULT_VOTING_OPTIONS, at);
const phaseTimer = startTimer(idleTimer(10 * 60_000), NOW - 60_000);

describe('the time a voting round shows', () => {
	it('is the round’s own time box while it is open', () => {
		const timer = roundTimer(timed)!;
		expect(remainingMs(timer, NOW + 19_000)).toBe(2 * 60_000 + 41_000);
		expect(remainingMs(timer, NOW + 4 * 60_000)).toBe(0);
	});

	it('does not exist for a round without a time box or one that has closed', () => {
		expect(roundTimer(untimed)).toBeNull();
		expect(roundTimer({ ...timed, status: 'closed' })).toBeNull();
		expect(roundTimer(null)).toBeNull();
	});

	it('takes the large clock from the phase timer while a timed round is open', () => {
		// The review's case: the phase timer at 10:00, the round of 3 minutes.
		const shown = shownTimers(phaseTimer, timed);
		expect(shown.kind).toBe('voting');
		expect(remainingMs(shown.main, NOW)).toBe(3 * 60_000);
		expect(shown.phase).toBe(phaseTimer);
	});

	it('leaves the phase timer alone otherwise', () => {
		expect(shownTimers(phaseTimer, untimed)).toEqual({
			main: phaseTimer,
			kind: 'phase',
			phase: null
		});
		expect(shownTimers(phaseTimer, null).kind).toBe('phase');
		// A phase without a time box has nothing to show beside the round's.
		expect(shownTimers(idleTimer(0), timed).phase).toBeNull();
	});

	it('pins to the top of a phone a time that runs or stands paused, and a round’s', () => {
		const planned = idleTimer(10 * 60_000);
		expect(pinnedOnPhone(shownTimers(planned, null))).toBe(false);
		const running = startTimer(planned, NOW);
		expect(pinnedOnPhone(shownTimers(running, null))).toBe(true);
		expect(pinnedOnPhone(shownTimers(pauseTimer(running, NOW + 1000), null))).toBe(true);
		expect(pinnedOnPhone(shownTimers(idleTimer(0), null))).toBe(false);
		expect(pinnedOnPhone(shownTimers(planned, timed))).toBe(true);
	});
});
