import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { errorMessage } from '../../../src/lib/i18n/catalog';
import type { ErrorCode } from '../../../src/lib/protocol/errors';
import {
	HandshakeAuthSchema,
	type ClientToServerEvents,
	type CommandResult,
	type InterServerEvents,
	type ServerToClientEvents,
	type SocketData,
	type SessionState
} from '../../../src/lib/protocol/realtime';
import { isSameOrigin, readCookie, sessionCookieName } from '../../http/cookies';
import { localeOf } from '../../http/http-io';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import type { SessionRecord } from '../../persistence/ports';
import { RateLimiter } from '../../security/rate-limit';
import type { CommandBus } from '../../services/command-bus';
import { buildRoster } from '../../services/roster';
import type { SessionEvents } from '../../services/session-events';
import type { SessionService } from '../../services/session-service';

export type ControlServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;

const room = (sessionId: string) => `session:${sessionId}`;

function stateOf(session: SessionRecord): SessionState {
	return { title: session.title, settings: session.settings };
}

class HandshakeError extends Error {
	readonly data: { code: ErrorCode; message: string };
	constructor(code: ErrorCode, message: string) {
		super(code);
		this.data = { code, message };
	}
}

/**
 * The socket.io control plane on the shared HTTP server: authenticates each
 * socket once at the handshake, runs commands through the command bus and
 * broadcasts session state and roster to the session's room.
 */
export function attachControl(
	httpServer: HttpServer,
	deps: {
		sessions: SessionService;
		commands: CommandBus;
		events: SessionEvents;
		log: Logger;
		now?: () => number;
	},
	options: Partial<ServerOptions> = {}
): {
	io: ControlServer;
	online: (sessionId: string) => Promise<Set<string>>;
	close: () => Promise<void>;
} {
	const now = deps.now ?? Date.now;
	const io: ControlServer = new Server(httpServer, {
		// The board websocket shares this HTTP server; engine.io must not end upgrades it does not own.
		destroyUpgrade: false,
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		...options
	});
	const commandRate = new RateLimiter({ capacity: 30, perSecond: 5 });

	io.use((socket, next) => {
		const locale = localeOf(socket.request);
		const reject = (code: ErrorCode) => next(new HandshakeError(code, errorMessage(locale, code)));
		const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
		if (!auth.success) return reject('bad_request');
		let token = auth.data.token;
		if (token === undefined) {
			token = readCookie(socket.request.headers.cookie, sessionCookieName(auth.data.sessionId));
			if (token !== undefined && !isSameOrigin(socket.request)) return reject('forbidden');
		}
		deps.sessions.authenticate(auth.data.sessionId, token).then(
			(result) => {
				if (!result.ok) return reject(result.error);
				const { actor } = result.credential;
				socket.data = {
					sessionId: actor.sessionId,
					participantId: actor.participantId,
					role: actor.role,
					locale
				};
				next();
			},
			(error: unknown) => {
				deps.log.error('control.handshake.failed', errorFields(error));
				reject('internal');
			}
		);
	});

	async function online(sessionId: string): Promise<Set<string>> {
		const sockets = await io.in(room(sessionId)).fetchSockets();
		return new Set(sockets.map((s) => s.data.participantId));
	}

	async function publishRoster(sessionId: string): Promise<void> {
		const [participants, present] = await Promise.all([
			deps.sessions.participants(sessionId),
			online(sessionId)
		]);
		io.to(room(sessionId)).emit('roster', buildRoster(participants, present));
	}

	const safely = (what: string, work: Promise<unknown>) =>
		work.catch((error: unknown) => deps.log.error(what, errorFields(error)));

	io.on('connection', (socket) => {
		const { sessionId } = socket.data;
		void socket.join(room(sessionId));
		safely(
			'control.connect.failed',
			deps.sessions.getSession(sessionId).then((session) => {
				if (session) socket.emit('session', stateOf(session));
				return publishRoster(sessionId);
			})
		);

		socket.on('command', (raw, ack) => {
			if (typeof ack !== 'function') return;
			const answer = (result: CommandResult) => ack(result);
			const failWith = (code: ErrorCode) =>
				answer({ ok: false, error: { code, message: errorMessage(socket.data.locale, code) } });
			if (!commandRate.take(socket.data.participantId, now())) return failWith('rate_limited');
			const actor = {
				sessionId,
				participantId: socket.data.participantId,
				role: socket.data.role
			};
			deps.commands.execute(actor, raw).then(
				(result) => (result.ok ? answer({ ok: true }) : failWith(result.error)),
				(error: unknown) => {
					deps.log.error('control.command.failed', errorFields(error));
					failWith('internal');
				}
			);
		});

		socket.on('disconnect', () => {
			safely('control.roster.failed', publishRoster(sessionId));
		});
	});

	const unsubscribe = [
		deps.events.on('sessionChanged', (session) => {
			io.to(room(session.id)).emit('session', stateOf(session));
		}),
		deps.events.on('rosterChanged', ({ sessionId }) => {
			safely('control.roster.failed', publishRoster(sessionId));
		}),
		deps.events.on('sessionDeleted', ({ sessionId }) => {
			const code: ErrorCode = 'session_not_found';
			safely(
				'control.signout.failed',
				io
					.in(room(sessionId))
					.fetchSockets()
					.then((sockets) => {
						for (const s of sockets) {
							s.emit('signedOut', { code, message: errorMessage(s.data.locale, code) });
							s.disconnect(true);
						}
					})
			);
		})
	];

	return {
		io,
		online,
		close: async () => {
			unsubscribe.forEach((off) => off());
			io.disconnectSockets(true);
			await new Promise<void>((resolve) => {
				// Closing the engine only: the HTTP server is closed by its owner.
				io.engine.close();
				resolve();
			});
		}
	};
}
