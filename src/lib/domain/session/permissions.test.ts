import { describe, expect, it } from 'vitest';
import { COMMAND_ROLES, mayIssue } from './permissions';
import { ROLES } from './roles';

describe('authorisation table', () => {
	it('lets only the facilitator steer the session', () => {
		for (const command of Object.keys(COMMAND_ROLES) as (keyof typeof COMMAND_ROLES)[]) {
			expect(mayIssue('facilitator', command), command).toBe(true);
			expect(mayIssue('participant', command), command).toBe(false);
			expect(mayIssue('observer', command), command).toBe(false);
		}
	});

	it('names only known roles', () => {
		for (const roles of Object.values(COMMAND_ROLES))
			for (const role of roles) expect(ROLES).toContain(role);
	});
});
