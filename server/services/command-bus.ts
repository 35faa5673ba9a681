import { commandRefusal } from '../../src/lib/protocol/command-refusal';
import { unknownFieldsDetail } from '../../src/lib/protocol/unknown-fields';
import type { ControlCommand, ControlEffect } from '../../src/lib/domain/session/control';
import { isCommandName, mayIssue } from '../../src/lib/domain/session/permissions';
import type { Actor } from '../../src/lib/domain/session/roles';
import {
	type Command,
	CommandSchema,
	type CommandValue as ProtocolValue
} from '../../src/lib/protocol/realtime';
import { groupsNamedOnBoard, hasCard } from '../../src/lib/domain/board/cards';
import { pickRound } from '../../src/lib/domain/voting/shown-round';
import type { DocAccess } from '../realtime/yjs/drafts';
import type { VotingService } from './voting-service';
import type { ControlService } from './control-service';
import { fail, ok, type Result } from './result';
import type { SessionEvents } from './session-events';
import type { SessionService } from './session-service';

/** What a command gives back beyond success (see CommandValue in the protocol). */
export type CommandValue = ProtocolValue | undefined;

/** Publishes the drafts of a silent phase onto the board (the board sync implements it). */
export interface DraftPublisher {
	reveal(sessionId: string, phaseId: string): Promise<void>;
}

/**
 * Every command of a facilitator or participant, from socket.io or HTTP, goes
 * through `execute`: authorise → validate → apply → persist → broadcast.
 */
export class CommandBus {
	constructor(
		private readonly sessions: SessionService,
		private readonly control: ControlService,
		private readonly drafts: DraftPublisher,
		private readonly events: SessionEvents,
		private readonly voting: VotingService,
		private readonly board: DocAccess
	) {}

	async execute(actor: Actor, raw: unknown, origin: string): Promise<Result<CommandValue>> {
		// Only a command that names its type can name one this server does not know: anything else
		// (null, a string, an array, an object without a string `type`) is malformed.
		if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail('bad_request');
		const type = (raw as { type?: unknown }).type;
		if (typeof type !== 'string') return fail('bad_request');
		if (!isCommandName(type)) return fail('unknown_command');
		if (!mayIssue(actor.role, type)) return fail('forbidden');
		const parsed = CommandSchema.safeParse(raw);
		if (!parsed.success) {
			const refusal = commandRefusal(type, parsed.error.issues, raw);
			const detail =
				refusal === 'bad_request' ? unknownFieldsDetail(parsed.error.issues) : undefined;
			return fail(refusal, detail);
		}
		return this.apply(actor, parsed.data, origin);
	}

	private async apply(
		actor: Actor,
		command: Command,
		origin: string
	): Promise<Result<CommandValue>> {
		const sessionId = actor.sessionId;
		switch (command.type) {
			case 'session.update': {
				const updated = await this.sessions.update(sessionId, {
					title: command.title,
					settings: command.settings
				});
				if (!updated.ok) return updated;
				this.events.emit('sessionChanged', updated.value);
				return ok(undefined);
			}
			case 'participant.rename': {
				const renamed = await this.sessions.rename(sessionId, command.participantId, command.name);
				if (!renamed.ok) return renamed;
				this.events.emit('rosterChanged', { sessionId });
				return ok(undefined);
			}
			case 'me.rename': {
				const renamed = await this.sessions.nameStaff(sessionId, actor.participantId, command.name);
				if (!renamed.ok) return renamed;
				this.events.emit('rosterChanged', { sessionId });
				return ok(undefined);
			}
			case 'participant.remove': {
				const removed = await this.sessions.remove(sessionId, command.participantId);
				if (!removed.ok) return removed;
				this.events.emit('participantRemoved', { sessionId, participantId: command.participantId });
				this.events.emit('rosterChanged', { sessionId });
				return ok(undefined);
			}
			case 'groups.update': {
				// Groups that cards on the board name (an author's, a next step's) stay, like those people chose.
				const session = await this.sessions.getSession(sessionId);
				if (!session) return fail('session_not_found');
				const named = await this.board.read(session.boardId, sessionId, groupsNamedOnBoard);
				const updated = await this.sessions.updateGroups(sessionId, command.groups, named);
				if (!updated.ok) return updated;
				this.events.emit('sessionChanged', updated.value);
				return ok(undefined);
			}
			case 'voting.open': {
				const { type: _type, ...options } = command;
				return this.voting.open(sessionId, {
					...options,
					// A scope that names neither areas nor clusters is the whole board.
					scope:
						options.scope && (options.scope.areas || options.scope.clusters)
							? { areas: options.scope.areas ?? [], clusters: options.scope.clusters ?? [] }
							: undefined
				});
			}
			case 'results.show': {
				if (command.roundId === null)
					return this.applyControl(sessionId, { type: 'results.show', pick: null });
				const voting = await this.voting.view(sessionId);
				if (!voting) return fail('session_not_found');
				const picked = pickRound(voting.rounds, command.roundId);
				if (!picked.ok) return fail(picked.error);
				return this.applyControl(sessionId, { type: 'results.show', pick: picked.pick });
			}
			case 'voting.close':
				return this.voting.close(sessionId, command.roundId);
			case 'session.finish': {
				const finished = await this.applyControl(sessionId, command);
				if (!finished.ok) return finished;
				// A round still open ends with the meeting, with its results. After the end is stored:
				// a round opened meanwhile is closed here, and none opens after (VotingService asks).
				const closed = await this.voting.close(sessionId);
				if (!closed.ok && closed.error !== 'voting_not_found' && closed.error !== 'voting_closed')
					return closed;
				return finished;
			}
			case 'voting.cancel':
				return this.voting.cancel(sessionId, command.roundId);
			case 'vote.add':
				return this.voting.addDot(actor, command.cardId, command.roundId);
			case 'vote.remove':
				return this.voting.removeDot(actor, command.cardId, command.roundId);
			case 'card.spotlight': {
				// The control state keeps only the card's id: it must name a card on the board now,
				// or every screen would be asked to show one that is not there.
				if (command.cardId !== null) {
					const cardId = command.cardId;
					const session = await this.sessions.getSession(sessionId);
					if (!session) return fail('session_not_found');
					const onBoard = await this.board.read(session.boardId, sessionId, (doc) =>
						hasCard(doc, cardId)
					);
					if (!onBoard) return fail('card_not_found');
				}
				return this.applyControl(sessionId, command);
			}
			case 'presenter.rotate': {
				const rotated = await this.sessions.rotatePresenter(sessionId, origin);
				if (!rotated.ok) return rotated;
				const { presenterUrl, revoked } = rotated.value;
				if (revoked) this.events.emit('credentialReplaced', { sessionId, participantId: revoked });
				this.events.emit('presenterLinkChanged', { sessionId, presenterUrl });
				return ok({ presenterUrl });
			}
			case 'join.rotate': {
				const rotated = await this.sessions.rotateJoinToken(sessionId, origin);
				if (!rotated.ok) return rotated;
				this.events.emit('invitationChanged', { sessionId, invitation: rotated.value });
				return ok(rotated.value);
			}
			default:
				return this.applyControl(sessionId, command);
		}
	}

	private async applyControl(
		sessionId: string,
		command: ControlCommand
	): Promise<Result<CommandValue>> {
		const applied = await this.control.apply(sessionId, command, (effects) =>
			this.run(sessionId, effects)
		);
		if (!applied.ok) return applied;
		return ok(undefined);
	}

	private async run(sessionId: string, effects: readonly ControlEffect[]): Promise<void> {
		for (const effect of effects) {
			if (effect.kind === 'revealDrafts') await this.drafts.reveal(sessionId, effect.phaseId);
		}
	}
}
