import { describe, expect, it } from 'vitest';
import { idleTimer, pauseTimer, startTimer } from './timer';
import { timerAction } from './timer-action';

const NOW = 1_700_000_000_000;
const running = startTimer(idleTimer(5 * 60_000), NOW);

describe('the facilitator’s main timer button', () => {
	it('starts, pauses and resumes while there is time', () => {
		expect(timerAction(idleTimer(5 * 60_000), NOW)).toBe('start');
		expect(timerAction(running, NOW + 60_000)).toBe('pause');
		expect(timerAction(pauseTimer(running, NOW + 60_000), NOW + 120_000)).toBe('resume');
	});

	it('offers to run the time box again, not to pause, once the time is up', () => {
		expect(timerAction(running, NOW + 5 * 60_000)).toBe('restart');
		expect(timerAction(running, NOW + 20 * 60_000)).toBe('restart');
	});
});
