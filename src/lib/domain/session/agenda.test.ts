import { describe, expect, it } from 'vitest';
import { AREA_IDS } from '../board/areas';
import { participantCardAreas } from './agenda';

describe('where participants add cards', () => {
	it('adds into the phase’s areas in writing phases, into every area when it names none', () => {
		expect(participantCardAreas({ mode: 'open', areas: ['potentials'] })).toEqual(['potentials']);
		expect(participantCardAreas({ mode: 'silent', areas: ['challenges'] })).toEqual(['challenges']);
		expect(participantCardAreas({ mode: 'open', areas: [] })).toEqual(AREA_IDS);
	});

	it('adds nowhere while the group clusters, votes or discusses', () => {
		for (const mode of ['clustering', 'voting', 'discussion', 'closed'] as const)
			expect(participantCardAreas({ mode, areas: ['challenges'] })).toEqual([]);
	});
});
