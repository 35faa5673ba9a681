import { z } from 'zod';
import type { Role } from '../domain/session/roles';
import type { SessionSettings } from '../domain/session/session';
import type { StakeholderGroupId } from '../domain/session/stakeholder-groups';
import type { ErrorCode } from './errors';
import { COMMAND_ROLES } from '../domain/session/permissions';

/**
 * The socket.io control plane (docs/realtime.md): typed event maps shared by
 * `new Server<…>()` and the browser's socket. Bump the version when a payload changes meaning.
 */
export const PROTOCOL_VERSION = 1;

export interface HandshakeAuth {
	readonly sessionId: string;
	/** Optional: browsers authenticate with the session cookie instead. */
	readonly token?: string;
}

export const HandshakeAuthSchema = z.object({
	sessionId: z.string().min(1).max(64),
	token: z.string().min(1).max(200).optional()
});

export const CommandSchema = z.discriminatedUnion('type', [
	z.object({
		type: z.literal('session.update'),
		title: z.string().max(1000).optional(),
		settings: z.object({ showAuthorNames: z.boolean().optional() }).strict().optional()
	})
]);

export type Command = z.infer<typeof CommandSchema>;
export type CommandType = Command['type'];

export type CommandResult =
	| { readonly ok: true }
	| { readonly ok: false; readonly error: { readonly code: ErrorCode; readonly message: string } };

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
	/** The session's control state; sent on connect and after every change. */
	session: (state: SessionState) => void;
	/** Everyone who joined, with who is online now; sent on connect and on every change. */
	roster: (roster: RosterEntry[]) => void;
	/** The caller's credential stopped working; the client shows why and stops reconnecting. */
	signedOut: (reason: { code: ErrorCode; message: string }) => void;
}

export interface ClientToServerEvents {
	command: (command: unknown, ack: (result: CommandResult) => void) => void;
}

export type InterServerEvents = Record<string, never>;

export interface SocketData {
	sessionId: string;
	participantId: string;
	role: Role;
	locale: 'de' | 'en';
}

// Every command on the wire has a row in the authorisation table (a compile-time check).
COMMAND_ROLES satisfies Record<CommandType, readonly string[]>;
