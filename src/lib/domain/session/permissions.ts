import type { Role } from './roles';

/**
 * Which role may issue which command: the one authorisation table the server
 * consults for every command, whatever transport brought it.
 */
const FACILITATOR = ['facilitator'] as const;
/** Dots are the participants' voice; staff (facilitator, observers) do not vote. */
const PARTICIPANT = ['participant'] as const;
/**
 * Staff name themselves; participants give their name when they join, and the
 * facilitator renames them (`participant.rename`).
 */
const STAFF = ['facilitator', 'observer'] as const;

export const COMMAND_ROLES = {
	'session.update': FACILITATOR,
	'phase.next': FACILITATOR,
	'phase.previous': FACILITATOR,
	'phase.goto': FACILITATOR,
	'timer.start': FACILITATOR,
	'timer.pause': FACILITATOR,
	'timer.resume': FACILITATOR,
	'timer.add': FACILITATOR,
	'timer.reset': FACILITATOR,
	'board.lock': FACILITATOR,
	'board.unlock': FACILITATOR,
	'session.finish': FACILITATOR,
	'session.reopen': FACILITATOR,
	'drafts.reveal': FACILITATOR,
	'card.spotlight': FACILITATOR,
	'view.gather': FACILITATOR,
	'agenda.update': FACILITATOR,
	'participant.rename': FACILITATOR,
	'participant.remove': FACILITATOR,
	'me.rename': STAFF,
	'join.rotate': FACILITATOR,
	'presenter.rotate': FACILITATOR,
	'groups.update': FACILITATOR,
	'voting.open': FACILITATOR,
	'voting.close': FACILITATOR,
	'results.show': FACILITATOR,
	'voting.cancel': FACILITATOR,
	'vote.add': PARTICIPANT,
	'vote.remove': PARTICIPANT
} as const satisfies Record<string, readonly Role[]>;

export type CommandName = keyof typeof COMMAND_ROLES;

export function mayIssue(role: Role, command: CommandName): boolean {
	return (COMMAND_ROLES[command] as readonly Role[]).includes(role);
}

export function isCommandName(value: unknown): value is CommandName {
	return typeof value === 'string' && Object.hasOwn(COMMAND_ROLES, value);
}
