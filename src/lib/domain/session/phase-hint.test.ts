import { describe, expect, it } from 'vitest';
import { participantHint } from './phase-hint';

describe('the phase hint for participants', () => {
	it('asks for dots while a round is open, in any phase but a closed session', () => {
		expect(participantHint('voting', true, 'open')).toBe('votingOpen');
		expect(participantHint('discussion', true, 'open')).toBe('votingOpen');
		expect(participantHint('closed', true, 'open')).toBe('closed');
	});

	it('points to the result in a voting phase once the round has closed, and to the coming vote before', () => {
		expect(participantHint('voting', true, 'results')).toBe('votingResults');
		expect(participantHint('voting', true, 'none')).toBe('voting');
	});

	it('says the board is only for reading when a writing phase does not let the person write', () => {
		expect(participantHint('open', true, 'none')).toBe('readOnly');
		expect(participantHint('silent', true, 'results')).toBe('readOnly');
		expect(participantHint('open', false, 'none')).toBe('open');
		expect(participantHint('discussion', true, 'none')).toBe('discussion');
	});
});
