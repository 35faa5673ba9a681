import { describe, expect, it } from 'vitest';
import { countDrafts, draftCountShown, draftsLeftBehind } from './draft-count';

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

	it('is shown in the current phase until its drafts are revealed', () => {
		const count = { phaseId: 'challenges', writers: 3, drafts: 5 };
		expect(draftCountShown(count, { phaseId: 'challenges', revealed: [] })).toBe(count);
		// After the reveal the count of drafts left (0) is no news.
		const after = { phaseId: 'challenges', writers: 0, drafts: 0 };
		expect(draftCountShown(after, { phaseId: 'challenges', revealed: ['challenges'] })).toBeNull();
		expect(draftCountShown(count, { phaseId: 'potentials', revealed: [] })).toBeNull();
		expect(draftCountShown(null, { phaseId: 'challenges', revealed: [] })).toBeNull();
	});
});

describe('drafts left behind when the facilitator leaves a phase', () => {
	const count = { phaseId: 'challenges', writers: 2, drafts: 3 };

	it('are the phase’s drafts not yet on the board, also after a reveal', () => {
		expect(draftsLeftBehind(count, 'challenges')).toEqual(count);
	});

	it('are none when nobody has a draft, or the count is of another phase', () => {
		expect(draftsLeftBehind({ ...count, writers: 0, drafts: 0 }, 'challenges')).toBeNull();
		expect(draftsLeftBehind(count, 'potentials')).toBeNull();
		expect(draftsLeftBehind(null, 'challenges')).toBeNull();
	});
});
