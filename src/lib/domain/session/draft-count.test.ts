import { describe, expect, it } from 'vitest';
import { countDrafts } from './draft-count';

describe('counting drafts', () => {
	it('counts the people who wrote and their drafts of the phase only', () => {
		const jana = [{ phaseId: 'challenges' }, { phaseId: 'challenges' }, { phaseId: 'potentials' }];
		const murat = [{ phaseId: 'potentials' }];
		const elke = [{ phaseId: 'challenges' }];
		expect(countDrafts('challenges', [jana, murat, elke, []])).toEqual({
			phaseId: 'challenges',
			writers: 2,
			drafts: 3
		});
		expect(countDrafts('potentials', [jana, murat])).toEqual({
			phaseId: 'potentials',
			writers: 2,
			drafts: 2
		});
	});

	it('counts nobody before anyone writes', () => {
		expect(countDrafts('challenges', [[], []])).toEqual({
			phaseId: 'challenges',
			writers: 0,
			drafts: 0
		});
	});
});
