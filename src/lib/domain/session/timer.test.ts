import { describe, expect, it } from 'vitest';
import {
	addTime,
	estimateOffset,
	formatRemaining,
	hasTimeBox,
	idleTimer,
	isExpired,
	pauseTimer,
	remainingMs,
	resetTimer,
	resumeTimer,
	startTimer
} from './timer';

const MIN = 60_000;

describe('the session timer', () => {
	it('runs down from its duration and stops at zero', () => {
		const t = startTimer(idleTimer(10 * MIN), 1_000);
		expect(remainingMs(t, 1_000)).toBe(10 * MIN);
		expect(remainingMs(t, 1_000 + 4 * MIN)).toBe(6 * MIN);
		expect(remainingMs(t, 1_000 + 11 * MIN)).toBe(0);
		expect(isExpired(t, 1_000 + 10 * MIN)).toBe(true);
	});

	it('keeps the remaining time while paused and continues from it', () => {
		let t = startTimer(idleTimer(5 * MIN), 0);
		t = pauseTimer(t, 2 * MIN);
		expect(remainingMs(t, 60 * MIN)).toBe(3 * MIN);
		t = resumeTimer(t, 60 * MIN);
		expect(remainingMs(t, 61 * MIN)).toBe(2 * MIN);
	});

	it('adds time while running, paused, idle and after expiry', () => {
		const running = addTime(startTimer(idleTimer(5 * MIN), 0), 1 * MIN, 1 * MIN);
		expect(remainingMs(running, 1 * MIN)).toBe(5 * MIN);
		const paused = addTime(
			pauseTimer(startTimer(idleTimer(5 * MIN), 0), 1 * MIN),
			2 * MIN,
			5 * MIN
		);
		expect(remainingMs(paused, 10 * MIN)).toBe(9 * MIN);
		expect(remainingMs(addTime(idleTimer(5 * MIN), 0, 1 * MIN), 0)).toBe(6 * MIN);
		const expired = startTimer(idleTimer(1 * MIN), 0);
		expect(remainingMs(addTime(expired, 10 * MIN, 5 * MIN), 10 * MIN)).toBe(5 * MIN);
	});

	it('never goes below zero when time is taken away', () => {
		const t = addTime(startTimer(idleTimer(2 * MIN), 0), 0, -5 * MIN);
		expect(remainingMs(t, 0)).toBe(0);
	});

	it('resets to its full duration, not running', () => {
		const t = resetTimer(startTimer(idleTimer(7 * MIN), 0));
		expect(t).toEqual({ status: 'idle', durationMs: 7 * MIN });
	});

	it('shows the same remaining time on a client whose clock is minutes off', () => {
		const serverNow = 1_000_000;
		const t = startTimer(idleTimer(10 * MIN), serverNow);
		const clientSkew = -3 * MIN - 4_321;
		const samples = [40, 12, 90].map((rtt, i) => {
			const sentAt = serverNow + clientSkew + i * 1000;
			return { sentAt, serverTime: sentAt - clientSkew + rtt / 2, receivedAt: sentAt + rtt };
		});
		const offset = estimateOffset(samples);
		expect(Math.abs(offset - -clientSkew)).toBeLessThan(10);
		const clientNow = serverNow + clientSkew + 2 * MIN;
		expect(Math.abs(remainingMs(t, clientNow + offset) - 8 * MIN)).toBeLessThan(1000);
	});

	it('formats time as minutes and seconds, rounding up', () => {
		expect(formatRemaining(0)).toBe('0:00');
		expect(formatRemaining(1)).toBe('0:01');
		expect(formatRemaining(9 * MIN + 59_001)).toBe('10:00');
		expect(formatRemaining(75 * MIN)).toBe('1:15:00');
	});
});

describe('whether a timer has a time to show', () => {
	it('has one with a time box or once it ran, none for a phase without a time box', () => {
		expect(hasTimeBox(idleTimer(0))).toBe(false);
		expect(hasTimeBox(idleTimer(60_000))).toBe(true);
		expect(hasTimeBox(startTimer(idleTimer(0), 0, 60_000))).toBe(true);
	});
});
