import { describe, expect, it } from 'vitest';
import { CommandLimiter, commandRules } from './command-limit';

const participant = { participantId: 'p1', role: 'participant' } as const;
const facilitator = { participantId: 'f1', role: 'facilitator' } as const;
const observer = { participantId: 'o1', role: 'observer' } as const;

/** How many commands one caller gets through at one moment. */
function burst(limiter: CommandLimiter, caller: typeof participant | typeof facilitator, now = 0) {
	let passed = 0;
	while (limiter.take(caller, now)) passed++;
	return passed;
}

describe('the command limit', () => {
	it('gives participants a burst of six times the rate, then the rate per second', () => {
		expect(commandRules(5).participant).toEqual({ capacity: 30, perSecond: 5 });
		const limiter = new CommandLimiter(5);
		expect(burst(limiter, participant)).toBe(30);
		expect(limiter.retryAfter(participant, 0)).toBe(1);
		expect(burst(limiter, participant, 1000)).toBe(5);
	});

	it('gives staff ten times as much: a flood guard that clicking through a meeting never reaches', () => {
		expect(commandRules(5).staff).toEqual({ capacity: 300, perSecond: 50 });
		const limiter = new CommandLimiter(5);
		expect(burst(limiter, facilitator)).toBe(300);
		expect(limiter.take(facilitator, 0)).toBe(false);
		expect(burst(limiter, facilitator, 1000)).toBe(50);
		expect(limiter.take(observer, 0)).toBe(true);
	});

	it('keeps each caller’s budget apart', () => {
		const limiter = new CommandLimiter(1);
		expect(burst(limiter, participant)).toBe(6);
		expect(limiter.take({ participantId: 'p2', role: 'participant' }, 0)).toBe(true);
		expect(limiter.take(facilitator, 0)).toBe(true);
		expect(limiter.take(participant, 0)).toBe(false);
	});
});
