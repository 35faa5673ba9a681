import { describe, expect, it } from 'vitest';
import { facilitatorHint, participantHint } from './phase-hint';

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

	it('says everyone sees the cards once a silent phase’s drafts are revealed', () => {
		expect(participantHint('silent', false, 'none', true)).toBe('silentRevealed');
		expect(participantHint('silent', false, 'none', false)).toBe('silent');
		// Locked after the reveal, the board is for reading.
		expect(participantHint('silent', true, 'none', true)).toBe('readOnly');
	});
});

describe('the phase hint for the facilitator', () => {
	it('says the board is locked in any phase the lock carried into', () => {
		expect(facilitatorHint('open', true, false)).toBe('locked');
		expect(facilitatorHint('voting', true, false)).toBe('locked');
		expect(facilitatorHint('open', false, false)).toBe('open');
		expect(facilitatorHint('closed', true, false)).toBe('closed');
	});

	it('says the drafts are revealed after the reveal', () => {
		expect(facilitatorHint('silent', false, true)).toBe('silentRevealed');
		expect(facilitatorHint('silent', false, false)).toBe('silent');
	});

	it('says the meeting has ended, whatever the phase, the lock or a round say', () => {
		expect(participantHint('open', false, 'none', false, true)).toBe('finished');
		expect(participantHint('voting', true, 'results', false, true)).toBe('finished');
		expect(facilitatorHint('silent', true, false, true)).toBe('finished');
		expect(facilitatorHint('discussion', false, false, false)).toBe('discussion');
	});
});
