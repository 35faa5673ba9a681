import { io as connect, type Socket } from 'socket.io-client';
import type {
	ClientToServerEvents,
	CommandResult,
	ControlView,
	RosterEntry,
	ServerToClientEvents
} from '../../src/lib/protocol/realtime';

export type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A socket.io client of the control plane that remembers everything it received. */
export function controlClient(base: string, sessionId: string, token?: string) {
	const socket: ControlSocket = connect(base, {
		auth: token ? { sessionId, token } : { sessionId },
		transports: ['websocket'],
		reconnection: false
	});
	const seen = {
		control: null as ControlView | null,
		roster: [] as RosterEntry[],
		signedOut: null as { code: string } | null,
		/** Every event with its payload, as JSON: for proofs that something was never sent. */
		frames: [] as string[]
	};
	socket.on('control', (c) => (seen.control = c));
	socket.on('roster', (r) => (seen.roster = r));
	socket.on('signedOut', (s) => (seen.signedOut = s));
	socket.onAny((event: string, ...args: unknown[]) =>
		seen.frames.push(JSON.stringify([event, ...args]))
	);
	const connected = new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	const command = (payload: unknown) =>
		new Promise<CommandResult>((resolve) => socket.emit('command', payload, resolve));
	return { socket, seen, connected, command };
}
