import { describe, expect, it } from 'vitest';
import { COMMAND_ROLES, mayIssue } from './permissions';
import { ROLES } from './roles';

describe('authorisation table', () => {
	it('lets only the facilitator change the session', () => {
		expect(mayIssue('facilitator', 'session.update')).toBe(true);
		expect(mayIssue('participant', 'session.update')).toBe(false);
	});

	it('names only known roles', () => {
		for (const roles of Object.values(COMMAND_ROLES))
			for (const role of roles) expect(ROLES).toContain(role);
	});
});
