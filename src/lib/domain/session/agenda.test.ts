import { describe, expect, it } from 'vitest';
import { AREA_IDS } from '../board/areas';
import { participantCardAreas, silentPhasesLeaving } from './agenda';

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

describe('silent phases an agenda change lets go of', () => {
	it('names those removed or given another mode, not those kept silent or other modes', () => {
		const before = [
			{ id: 'a', mode: 'silent' as const },
			{ id: 'b', mode: 'silent' as const },
			{ id: 'c', mode: 'silent' as const },
			{ id: 'd', mode: 'open' as const }
		];
		const after = [
			{ id: 'b', mode: 'open' as const },
			{ id: 'c', mode: 'silent' as const },
			{ id: 'e', mode: 'silent' as const }
		];
		expect(silentPhasesLeaving(before, after)).toEqual(['a', 'b']);
		expect(silentPhasesLeaving(before, before)).toEqual([]);
	});
});
