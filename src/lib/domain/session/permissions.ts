import type { Role } from './roles';

/**
 * Which role may issue which command: the one authorisation table the server
 * consults for every command, whatever transport brought it.
 */
export const COMMAND_ROLES = {
	'session.update': ['facilitator']
} as const satisfies Record<string, readonly Role[]>;

export type CommandName = keyof typeof COMMAND_ROLES;

export function mayIssue(role: Role, command: CommandName): boolean {
	return (COMMAND_ROLES[command] as readonly Role[]).includes(role);
}

export function isCommandName(value: unknown): value is CommandName {
	return typeof value === 'string' && Object.hasOwn(COMMAND_ROLES, value);
}
