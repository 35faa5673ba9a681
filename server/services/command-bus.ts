import { isCommandName, mayIssue } from '../../src/lib/domain/session/permissions';
import type { Actor } from '../../src/lib/domain/session/roles';
import { type Command, CommandSchema } from '../../src/lib/protocol/realtime';
import { fail, ok, type Result } from './result';
import type { SessionEvents } from './session-events';
import type { SessionService } from './session-service';

/**
 * Every command of a facilitator or participant, from socket.io or HTTP, goes
 * through `execute`: authorise → validate → apply → persist → broadcast.
 */
export class CommandBus {
	constructor(
		private readonly sessions: SessionService,
		private readonly events: SessionEvents
	) {}

	async execute(actor: Actor, raw: unknown): Promise<Result<void>> {
		const type = (raw as { type?: unknown } | null)?.type;
		if (!isCommandName(type)) return fail('unknown_command');
		if (!mayIssue(actor.role, type)) return fail('forbidden');
		const parsed = CommandSchema.safeParse(raw);
		if (!parsed.success) return fail('bad_request');
		return this.apply(actor, parsed.data);
	}

	private async apply(actor: Actor, command: Command): Promise<Result<void>> {
		switch (command.type) {
			case 'session.update': {
				const updated = await this.sessions.update(actor.sessionId, {
					title: command.title,
					settings: command.settings
				});
				if (!updated.ok) return updated;
				this.events.emit('sessionChanged', updated.value);
				return ok(undefined);
			}
		}
	}
}
