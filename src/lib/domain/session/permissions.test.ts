import { describe, expect, it } from 'vitest';
import { COMMAND_ROLES, mayIssue } from './permissions';
import { ROLES } from './roles';

describe('authorisation table', () => {
	it('lets only the facilitator steer the session, only participants place dots, and staff name themselves', () => {
		const dots = ['vote.add', 'vote.remove'];
		const ownName = ['me.rename'];
		for (const command of Object.keys(COMMAND_ROLES) as (keyof typeof COMMAND_ROLES)[]) {
			const voting = dots.includes(command);
			const naming = ownName.includes(command);
			expect(mayIssue('facilitator', command), command).toBe(!voting);
			expect(mayIssue('participant', command), command).toBe(voting);
			expect(mayIssue('observer', command), command).toBe(naming);
		}
	});

	it('names only known roles', () => {
		for (const roles of Object.values(COMMAND_ROLES))
			for (const role of roles) expect(ROLES).toContain(role);
	});
});
