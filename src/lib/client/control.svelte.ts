import { io, type Socket } from 'socket.io-client';
import type { ErrorCode } from '../protocol/errors';
import type {
	ClientToServerEvents,
	Command,
	CommandResult,
	RosterEntry,
	ServerToClientEvents,
	SessionState
} from '../protocol/realtime';

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * The session's control plane for the UI: session state and roster as reactive
 * state, and commands with a typed answer. Authenticated by the session cookie.
 */
export class ControlClient {
	state = $state<SessionState | null>(null);
	roster = $state.raw<RosterEntry[]>([]);
	connected = $state(false);
	signedOut = $state<ErrorCode | null>(null);

	private readonly socket: ControlSocket;

	constructor(sessionId: string, initial: SessionState) {
		this.state = initial;
		this.socket = io({ auth: { sessionId } });
		this.socket.on('connect', () => (this.connected = true));
		this.socket.on('disconnect', () => (this.connected = false));
		this.socket.on('session', (state) => (this.state = state));
		this.socket.on('roster', (roster) => (this.roster = roster));
		this.socket.on('signedOut', ({ code }) => (this.signedOut = code));
		this.socket.on('connect_error', (error: Error & { data?: { code?: ErrorCode } }) => {
			const code = error.data?.code;
			if (code === 'unauthorized' || code === 'forbidden' || code === 'session_not_found') {
				this.signedOut = code;
				this.socket.disconnect();
			}
		});
	}

	get online(): number {
		return this.roster.filter((entry) => entry.online).length;
	}

	send(command: Command): Promise<CommandResult> {
		return new Promise((resolve) => {
			this.socket
				.timeout(10_000)
				.emit('command', command, (error: Error | null, result: CommandResult) => {
					if (error) resolve({ ok: false, error: { code: 'internal', message: error.message } });
					else resolve(result);
				});
		});
	}

	destroy(): void {
		this.socket.disconnect();
	}
}
