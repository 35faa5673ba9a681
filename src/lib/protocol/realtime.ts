import { z } from 'zod';
import type { Role } from '../domain/session/roles';
import type { SessionSettings } from '../domain/session/session';
import type { StakeholderGroupId } from '../domain/session/stakeholder-groups';
import type { ErrorCode } from './errors';
import { COMMAND_ROLES } from '../domain/session/permissions';
import { AREA_IDS } from '../domain/board/areas';
import { CARD_ID_PATTERN } from '../domain/board/schema';
import { PHASE_ID_PATTERN, PHASE_MODES } from '../domain/session/agenda';
import { TIMER_MAX_MIN } from '../domain/session/timer';
import type { ControlState } from '../domain/session/control';
import type { DraftCount } from '../domain/session/draft-count';
import type { BallotView, RoundView, VotingView } from '../domain/voting/view';
import type { RoundProgress } from '../domain/voting/tally';

/** Why a socket was signed out, when the code alone does not say: the participant was removed. */
export type SignOutCause = 'removed';

/**
 * The socket.io control plane (docs/realtime.md): typed event maps shared by
 * `new Server<…>()` and the browser's socket. Bump the version when a payload changes meaning.
 */
export const PROTOCOL_VERSION = 1;

/**
 * Control-plane sockets one credential may have open at once: a tab needs one. Every socket
 * that comes or goes sends the roster to everyone in the session, so a credential opening
 * thousands stalled the server. Staff links are shared, as on the board. Past it the handshake
 * fails with `rate_limited`.
 */
export const CONTROL_CONNECTIONS_PER_PERSON = { participant: 32, staff: 320 } as const;

/**
 * Messages other than commands (which have their budget, answered `rate_limited`) one credential
 * may send over all its control sockets: a burst, then so many a second. A page asks the clock five
 * times as it connects and once a minute after; thirty tabs reconnecting at once (a person may have 32 sockets) stay within it, a
 * script's flood of clock requests does not. Past it the socket is closed.
 */
export const CONTROL_PACKETS_PER_PERSON = {
	participant: { capacity: 200, perSecond: 20 },
	staff: { capacity: 2000, perSecond: 200 }
} as const;

/**
 * Control sockets one credential may open: a burst, then so many a second, whether or not earlier
 * ones are still open. A page opens one, and one again after a lost connection; each costs a
 * lookup and a roster for everyone. Past it the handshake is refused with `rate_limited`.
 */
export const CONTROL_OPENS_PER_PERSON = {
	participant: { capacity: 60, perSecond: 0.5 },
	staff: { capacity: 600, perSecond: 5 }
} as const;

export interface HandshakeAuth {
	readonly sessionId: string;
	/** Optional: browsers authenticate with the session cookie instead. */
	readonly token?: string;
}

// A token of the wrong length is a wrong token (unauthorized, as over HTTP), not a malformed
// handshake; only its size is bounded here. Fields beside these two are refused, as in HTTP bodies.
export const HandshakeAuthSchema = z
	.object({
		sessionId: z.string().min(1).max(64),
		token: z.string().max(4096).optional()
	})
	.strict();

const id = z.string().min(1).max(64);
const noPayload = <T extends string>(type: T) => z.object({ type: z.literal(type) }).strict();

// A phase's mode, areas and time box get phase_invalid when they are of the right type but not one
// the agenda allows (see commandRefusal); whether a time box is whole and in range is the domain's
// rule (validateAgenda). Areas may repeat (each counts once): the frame's size bounds the list. The
// texts' lengths are the domain's too, counted once tidied (api.md): a title padded with spaces or
// control characters beyond any length the schema set would be refused though its tidied text fits.
export const PhaseSchema = z
	.object({
		id: z.string().regex(PHASE_ID_PATTERN),
		title: z.string(),
		question: z.string(),
		areas: z.array(z.enum(AREA_IDS)),
		durationMin: z.number().nullable(),
		mode: z.enum(PHASE_MODES)
	})
	.strict();

/** Every command of the control plane, over socket.io or POST /api/sessions/:id/commands. */
export const CommandSchema = z.discriminatedUnion('type', [
	z
		.object({
			type: z.literal('session.update'),
			// Its length is parseTitle's rule, on the tidied text, as when the session is created.
			title: z.string().optional(),
			settings: z.object({ showAuthorNames: z.boolean().optional() }).strict().optional()
		})
		.strict(),
	// `from`: the phase the sender's screen shows; a move from a phase the session has left is done.
	z.object({ type: z.literal('phase.next'), from: id.optional() }).strict(),
	z.object({ type: z.literal('phase.previous'), from: id.optional() }).strict(),
	z.object({ type: z.literal('phase.goto'), phaseId: id }).strict(),
	// A timer of no time would run out as it starts: a duration, when given, is more than 0.
	z
		.object({
			type: z.literal('timer.start'),
			durationMin: z.number().positive().max(TIMER_MAX_MIN).optional()
		})
		.strict(),
	noPayload('timer.pause'),
	noPayload('timer.resume'),
	z.object({ type: z.literal('timer.add'), minutes: z.number().min(-60).max(60) }).strict(),
	noPayload('timer.reset'),
	noPayload('board.lock'),
	noPayload('board.unlock'),
	noPayload('session.finish'),
	noPayload('session.reopen'),
	z.object({ type: z.literal('drafts.reveal'), phaseId: id.optional() }).strict(),
	z.object({ type: z.literal('card.spotlight'), cardId: id.nullable() }).strict(),
	z
		.object({
			type: z.literal('view.gather'),
			x: z.number().finite().min(-100_000).max(100_000),
			y: z.number().finite().min(-100_000).max(100_000),
			zoom: z.number().min(0.1).max(4),
			// The facilitator's visible part of the board: a phone fits it instead of taking a
			// laptop's zoom, which would show it a corner of what the room is looking at.
			width: z.number().finite().min(1).max(100_000).optional(),
			height: z.number().finite().min(1).max(100_000).optional()
		})
		.strict(),
	// How many phases, how long a name, how many groups and what makes a group's id or label are the
	// domain's rules, which answer with the documented codes (agenda_too_long, name_too_long,
	// groups_too_many, group_invalid) however far off the value is: the frame's size (64 KiB) bounds it.
	z.object({ type: z.literal('agenda.update'), agenda: z.array(PhaseSchema) }).strict(),
	z
		.object({
			type: z.literal('participant.rename'),
			participantId: id,
			name: z.string()
		})
		.strict(),
	z.object({ type: z.literal('participant.remove'), participantId: id }).strict(),
	z.object({ type: z.literal('me.rename'), name: z.string() }).strict(),
	noPayload('join.rotate'),
	noPayload('presenter.rotate'),
	z
		.object({
			type: z.literal('groups.update'),
			groups: z.array(
				z.object({ id: z.string(), label: z.string().nullable().optional() }).strict()
			)
		})
		.strict(),
	// The round's numbers and title are checked by the voting rules (votingOptions), so that a
	// number out of range or a too long title gets voting_options_invalid, as documented, whatever
	// its size; the schema checks only that each is a number or a string.
	z
		.object({
			type: z.literal('voting.open'),
			title: z.string().optional(),
			scope: z
				.object({
					areas: z.array(z.enum(AREA_IDS)).max(AREA_IDS.length).optional(),
					clusters: z.array(z.string().regex(CARD_ID_PATTERN)).max(200).optional()
				})
				.strict()
				.optional(),
			dotsPerParticipant: z.number().optional(),
			maxPerCard: z.number().optional(),
			anonymous: z.boolean().optional(),
			visibility: z.enum(['hidden', 'live']).optional(),
			durationMin: z.number().nullable().optional()
		})
		.strict(),
	z.object({ type: z.literal('results.show'), roundId: id.nullable() }).strict(),
	z.object({ type: z.literal('voting.close'), roundId: id.optional() }).strict(),
	z.object({ type: z.literal('voting.cancel'), roundId: id.optional() }).strict(),
	z.object({ type: z.literal('vote.add'), cardId: id, roundId: id.optional() }).strict(),
	z.object({ type: z.literal('vote.remove'), cardId: id, roundId: id.optional() }).strict()
]);

export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];

/**
 * What a command gives back where the caller needs it: join.rotate the new
 * link, presenter.rotate the new presenter link, voting.open/close/cancel the round as the
 * `voting` event shows it (with its progress), vote.add/remove the caller's ballot.
 */
export type CommandValue = Invitation | PresenterLink | RoundView | BallotView;

/** The presenter link (projector and observers) after `presenter.rotate`. */
export interface PresenterLink {
	readonly presenterUrl: string;
}

export type CommandResult =
	| { readonly ok: true; readonly value?: CommandValue }
	| { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } };

/** How people join: the participant link, and the short code and link shown on the projector. */
export interface Invitation {
	readonly participantUrl: string;
	readonly joinCode: string;
	readonly shortJoinUrl: string;
}

/** The control state as clients receive it, with the server's clock for their offset estimate. */
export interface ControlView extends ControlState {
	readonly serverTime: number;
}

export interface RosterEntry {
	readonly participantId: string;
	readonly name: string;
	readonly group: StakeholderGroupId | null;
	readonly role: Role;
	readonly online: boolean;
}

export interface SessionState {
	readonly title: string;
	readonly settings: SessionSettings;
}

export interface ServerToClientEvents {
	/** Title and settings; sent on connect and after every change. */
	session: (state: SessionState) => void;
	/** Agenda, phase, timer, lock, spotlight; sent on connect and after every change. */
	control: (state: ControlView) => void;
	/** The participant link changed (staff only: facilitator and observers). */
	invitation: (invitation: Invitation) => void;
	/** The presenter link was replaced (`presenter.rotate`); to the facilitator's screens only. */
	presenterLink: (link: { presenterUrl: string }) => void;
	/** Everyone who joined, with who is online now; sent on connect and on every change. */
	roster: (roster: RosterEntry[]) => void;
	/** Every voting round as everyone may see it; sent on connect and after every change. */
	voting: (voting: VotingView) => void;
	/** A dot changed in the open round whose results are live: that round alone, to replace in `voting`. */
	votingRound: (round: RoundView) => void;
	/** A dot changed in the open round whose results are hidden: its new progress only. */
	votingProgress: (update: { roundId: string; progress: RoundProgress }) => void;
	/** The receiver's own dots in the open round (participants only); null when none is open. */
	ballot: (ballot: BallotView | null) => void;
	/**
	 * Staff only: how many people have written how many drafts in the current silent
	 * phase (null outside one); sent on connect and, a moment later, after every change.
	 */
	drafts: (count: DraftCount | null) => void;
	/** The caller's credential stopped working; the client shows why and stops reconnecting. */
	signedOut: (reason: { code: ErrorCode; message: string; cause?: SignOutCause }) => void;
}

export interface ClientToServerEvents {
	command: (command: unknown, ack: (result: CommandResult) => void) => void;
	/** Answers with the server's clock, for the timer's offset estimate. */
	clock: (ack: (serverTime: number) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
	sessionId: string;
	participantId: string;
	role: Role;
	/** The participant's stakeholder group, recorded with their dots. */
	group: StakeholderGroupId | null;
	locale: 'de' | 'en';
}

// Every command on the wire has a row in the authorisation table (a compile-time check).
COMMAND_ROLES satisfies Record<CommandType, readonly string[]>;
