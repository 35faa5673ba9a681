import type { Server as HttpServer, IncomingMessage } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { errorMessage } from '../../../src/lib/i18n/catalog';
import type { ErrorCode, ErrorDetail } from '../../../src/lib/protocol/errors';
import { unknownFieldsDetail } from '../../../src/lib/protocol/unknown-fields';
import {
	CONTROL_CONNECTIONS_PER_PERSON,
	CONTROL_OPENS_PER_PERSON,
	CONTROL_PACKETS_PER_PERSON,
	HandshakeAuthSchema,
	type ClientToServerEvents,
	type CommandResult,
	type InterServerEvents,
	type ServerToClientEvents,
	type SignOutCause,
	type SocketData,
	type SessionState
} from '../../../src/lib/protocol/realtime';
import { isSameOrigin, readCookie, sessionCookieName } from '../../http/cookies';
import { localeOf } from '../../http/http-io';
import { isAccessRefusal, statusOf } from '../../http/http-io';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import type { SessionRecord } from '../../persistence/ports';
import type { CommandLimiter } from '../../security/command-limit';
import type { RefusalLimit } from '../../security/refusal-limit';
import { RateLimiter } from '../../security/rate-limit';
import { clientAddress } from '../../http/client-address';
import type { Config } from '../../config';
import { originOf } from '../../http/origin';
import type { CommandBus } from '../../services/command-bus';
import type { ControlService } from '../../services/control-service';
import type { VotingService } from '../../services/voting-service';
import type { DraftCounter } from '../../services/draft-counter';
import { buildRoster } from '../../services/roster';
import type { SessionEvents, VotingChange } from '../../services/session-events';
import type { SessionService } from '../../services/session-service';

export type ControlServer = Server<
	ClientToServerEvents,
	ServerToClientEvents,
	InterServerEvents,
	SocketData
>;

/** How long roster changes are gathered before the roster goes out. */
const ROSTER_COALESCE_MS = 50;

/**
 * engine.io's heartbeat, shorter than its default (25 s + 20 s): a phone in a dead spot keeps its
 * socket open without a word, and its screen said "Verbunden" while nothing arrived, and the
 * facilitator counted it online, for up to 45 s. Now both know within 15 s (a ping every 10 s,
 * answered within 5 s), at a few bytes per screen every ten seconds.
 */
export const CONTROL_HEARTBEAT = { pingInterval: 10_000, pingTimeout: 5_000 } as const;

/** How often a live round's results go out at most, per session, while dots keep coming. */
const LIVE_RESULTS_INTERVAL_MS = 250;
const VOTING_CHANGES: readonly VotingChange[] = ['progress', 'open', 'all'];
const wider = (a: VotingChange, b: VotingChange): VotingChange =>
	VOTING_CHANGES.indexOf(a) >= VOTING_CHANGES.indexOf(b) ? a : b;

const room = (sessionId: string) => `session:${sessionId}`;
const staffRoom = (sessionId: string) => `session:${sessionId}:staff`;
/** The facilitator's screens: the only ones that may learn the presenter link. */
const facilitatorRoom = (sessionId: string) => `session:${sessionId}:facilitators`;
const memberRoom = (sessionId: string, participantId: string) =>
	`session:${sessionId}:member:${participantId}`;

function stateOf(session: SessionRecord): SessionState {
	return { title: session.title, settings: session.settings };
}

/** The acknowledgement of an event: its last argument, when that is a function. */
export function acknowledgementOf(
	args: readonly unknown[]
): ((...answer: unknown[]) => void) | null {
	const last = args.at(-1);
	return typeof last === 'function' ? (last as (...answer: unknown[]) => void) : null;
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
		control: ControlService;
		voting: VotingService;
		/** How far silent writing has come, told to staff. */
		drafts: Pick<DraftCounter, 'current'>;
		config: Config;
		/** The command limit, shared with POST /api/sessions/:id/commands. */
		commandLimit: CommandLimiter;
		/** Refused handshakes per address, shared with the board websocket. */
		refusals: RefusalLimit;
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
	const addressOf = (req: IncomingMessage) => clientAddress(req, deps.config.trustProxy);
	const io: ControlServer = new Server(httpServer, {
		// The board websocket shares this HTTP server; engine.io must not end upgrades it does not own.
		destroyUpgrade: false,
		// An address that used up its refused handshakes opens no new connection until it regains some.
		allowRequest: (req, callback) =>
			callback(
				errorMessage(localeOf(req), 'rate_limited'),
				!deps.refusals.exhausted(addressOf(req), now())
			),
		serveClient: false,
		maxHttpBufferSize: 64 * 1024,
		...CONTROL_HEARTBEAT,
		...options
	});
	/** Open sockets per person (session id / participant id). */
	const openSockets = new Map<string, number>();
	const opens = {
		participant: new RateLimiter(CONTROL_OPENS_PER_PERSON.participant),
		staff: new RateLimiter(CONTROL_OPENS_PER_PERSON.staff)
	};
	const packets = {
		participant: new RateLimiter(CONTROL_PACKETS_PER_PERSON.participant),
		staff: new RateLimiter(CONTROL_PACKETS_PER_PERSON.staff)
	};
	io.use((socket, next) => {
		const locale = localeOf(socket.request);
		const address = addressOf(socket.request);
		// A refused handshake leaves its connection open for another try: one connection tried
		// hundreds of thousands of tokens, each a lookup and a log line. Past its budget an address
		// is refused without either: its connection is closed, with no refusal a client would take
		// as final (socket.io's client never tries again after one), so that a phone behind the same
		// address as a script reconnects by itself once the address has regained some budget, and
		// engine.io refuses new connections from it until then (allowRequest).
		if (!deps.refusals.attempt(address, now())) {
			if (deps.refusals.newlyLimited(address)) deps.log.warn('control.handshake.limited', {});
			socket.conn.close();
			return;
		}
		const reject = (code: ErrorCode, detail?: ErrorDetail) => {
			const status = statusOf(code);
			// The server's own failure is not the caller's refusal.
			if (status === 500) deps.refusals.admitted(address, now());
			else if (isAccessRefusal(status))
				deps.log.info('control.handshake.refused', { status, code });
			const message = errorMessage(locale, code);
			next(new HandshakeError(code, detail ? `${message} ${detail(locale)}` : message));
		};
		const auth = HandshakeAuthSchema.safeParse(socket.handshake.auth);
		if (!auth.success) return reject('bad_request', unknownFieldsDetail(auth.error.issues));
		let token = auth.data.token;
		if (token === undefined) {
			token = readCookie(socket.request.headers.cookie, sessionCookieName(auth.data.sessionId));
			if (token !== undefined && !isSameOrigin(socket.request, deps.config.publicUrl))
				return reject('forbidden');
		}
		deps.sessions.authenticate(auth.data.sessionId, token).then(
			(result) => {
				if (!result.ok) return reject(result.error);
				const { actor } = result.credential;
				const person = `${actor.sessionId}/${actor.participantId}`;
				const open = openSockets.get(person) ?? 0;
				const limit =
					CONTROL_CONNECTIONS_PER_PERSON[actor.role === 'participant' ? 'participant' : 'staff'];
				// A valid credential with too many tabs, or opening sockets without end: its own limits,
				// not the address's.
				const kind = actor.role === 'participant' ? 'participant' : 'staff';
				if (open >= limit || !opens[kind].take(person, now())) {
					deps.refusals.admitted(address, now());
					return reject('rate_limited');
				}
				openSockets.set(person, open + 1);
				let counted = true;
				const release = () => {
					if (!counted) return;
					counted = false;
					const left = (openSockets.get(person) ?? 1) - 1;
					if (left > 0) openSockets.set(person, left);
					else openSockets.delete(person);
				};
				socket.once('disconnect', release);
				socket.conn.once('close', release);
				socket.data = {
					sessionId: actor.sessionId,
					participantId: actor.participantId,
					role: actor.role,
					group: actor.group ?? null,
					locale
				};
				deps.refusals.admitted(address, now());
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

	async function sendRoster(sessionId: string): Promise<void> {
		const [participants, present] = await Promise.all([
			deps.sessions.participants(sessionId),
			online(sessionId)
		]);
		io.to(room(sessionId)).emit('roster', buildRoster(participants, present));
	}

	// Sockets coming and going in a burst (a room of phones joining, a server restart) send the
	// roster once per burst, not once per socket to every socket.
	const rosterDue = new Set<string>();
	async function publishRoster(sessionId: string): Promise<void> {
		if (rosterDue.has(sessionId)) return;
		rosterDue.add(sessionId);
		await new Promise((resolve) => setTimeout(resolve, ROSTER_COALESCE_MS));
		rosterDue.delete(sessionId);
		await sendRoster(sessionId);
	}

	const safely = (what: string, work: Promise<unknown>) =>
		work.catch((error: unknown) => deps.log.error(what, errorFields(error)));

	/** Signs out the sockets of a session (or of one participant in it), each in its own language. */
	function signOut(
		sessionId: string,
		code: ErrorCode,
		participantId?: string,
		cause?: SignOutCause
	): Promise<void> {
		return io
			.in(room(sessionId))
			.fetchSockets()
			.then((sockets) => {
				for (const s of sockets) {
					if (participantId && s.data.participantId !== participantId) continue;
					s.emit('signedOut', {
						code,
						message: errorMessage(s.data.locale, code),
						...(cause ? { cause } : {})
					});
					s.disconnect(true);
				}
			});
	}

	io.on('connection', (socket) => {
		const { sessionId, role } = socket.data;
		void socket.join(room(sessionId));
		// Staff see the participant link; participants never receive it.
		if (role === 'participant') void socket.join(memberRoom(sessionId, socket.data.participantId));
		else void socket.join(staffRoom(sessionId));
		if (role === 'facilitator') void socket.join(facilitatorRoom(sessionId));
		safely(
			'control.connect.failed',
			Promise.all([
				deps.sessions.getSession(sessionId),
				deps.control.state(sessionId),
				// Voting must not keep the rest of the state from a socket that just connected.
				deps.voting.view(sessionId).catch((error: unknown) => {
					deps.log.error('control.voting.failed', errorFields(error));
					return null;
				}),
				role === 'participant'
					? deps.voting.ballot(sessionId, socket.data.participantId).catch(() => null)
					: Promise.resolve(null)
			]).then(([session, control, voting, ballot]) => {
				if (session) socket.emit('session', stateOf(session));
				if (control) socket.emit('control', { ...control, serverTime: now() });
				if (voting) socket.emit('voting', voting);
				if (role === 'participant') socket.emit('ballot', ballot);
				else
					safely(
						'control.drafts.failed',
						deps.drafts.current(sessionId).then((count) => socket.emit('drafts', count))
					);
				// A screen that was away when a link was replaced (and reconnects without a reload)
				// learns the links as they are now.
				if (session && role !== 'participant') {
					const origin = originOf(socket.request, deps.config);
					safely(
						'control.links.failed',
						Promise.all([
							deps.sessions.invitationOf(session, origin),
							role === 'facilitator' ? deps.sessions.presenterUrl(session, origin) : null
						]).then(([invitation, presenterUrl]) => {
							socket.emit('invitation', invitation);
							if (presenterUrl) socket.emit('presenterLink', { presenterUrl });
						})
					);
				}
				return publishRoster(sessionId);
			})
		);

		// Only commands had a budget (and answer `rate_limited` past it): one participant's four
		// sockets sent 1,700 clock requests of 60 KiB a second, and everyone else's commands waited.
		// The budget is the person's, over all their sockets: a new socket starts no new one.
		const person = `${sessionId}/${socket.data.participantId}`;
		const budget = packets[role === 'participant' ? 'participant' : 'staff'];
		socket.use(([event], next) => {
			if (event === 'command' || budget.take(person, now())) return next();
			deps.log.warn('control.socket.flood', { role });
			socket.disconnect(true);
		});

		// Whatever else a client sends along, its acknowledgement is answered: socket.io passes it as
		// the last argument, which is the first when the payload is missing.
		socket.on('clock', ((...args: unknown[]) => {
			acknowledgementOf(args)?.(now());
		}) as ClientToServerEvents['clock']);

		socket.on('command', ((...args: unknown[]) => {
			const ack = acknowledgementOf(args);
			// Without an acknowledgement nobody would learn the outcome: the command is not run.
			if (!ack) return;
			const answer = (result: CommandResult) => ack(result);
			const failWith = (code: ErrorCode, detail?: ErrorDetail) => {
				const message = errorMessage(socket.data.locale, code);
				const said = detail ? `${message} ${detail(socket.data.locale)}` : message;
				answer({ ok: false, error: { code, message: said } });
			};
			if (!deps.commandLimit.take(socket.data, now())) return failWith('rate_limited');
			// A command is one payload and the acknowledgement: none, or more, is no command.
			if (args.length !== 2) return failWith('bad_request');
			const raw = args[0];
			const actor = {
				sessionId,
				participantId: socket.data.participantId,
				role: socket.data.role,
				group: socket.data.group
			};
			deps.commands.execute(actor, raw, originOf(socket.request, deps.config)).then(
				(result) =>
					result.ok
						? answer(result.value === undefined ? { ok: true } : { ok: true, value: result.value })
						: failWith(result.error, result.detail),
				(error: unknown) => {
					deps.log.error('control.command.failed', errorFields(error));
					failWith('internal');
				}
			);
		}) as ClientToServerEvents['command']);

		socket.on('disconnect', () => {
			safely('control.roster.failed', publishRoster(sessionId));
		});
	});

	// A burst of dots becomes one voting broadcast per session and tick, and sends no more than the
	// dots changed: the open round's progress when its results are hidden, the open round alone when
	// they are live (every round's results to every phone, on each dot, took megabytes a dot). Live
	// results go out at most every LIVE_RESULTS_INTERVAL_MS per session: a room dotting at once
	// gets a few updates a second, not one per dot.
	const votingDue = new Map<string, { changed: VotingChange; timer: NodeJS.Timeout | null }>();
	const liveSentAt = new Map<string, number>();
	function publishVoting(sessionId: string, changed: VotingChange): void {
		const due = votingDue.get(sessionId);
		if (due) {
			due.changed = wider(due.changed, changed);
			// Rounds opening or ending do not wait for the live results' interval.
			if (due.changed !== 'open' && due.timer) {
				clearTimeout(due.timer);
				due.timer = null;
				setImmediate(() => flushVoting(sessionId));
			}
			return;
		}
		const wait =
			changed === 'open'
				? (liveSentAt.get(sessionId) ?? -Infinity) + LIVE_RESULTS_INTERVAL_MS - now()
				: 0;
		const timer = wait > 0 ? setTimeout(() => flushVoting(sessionId), wait) : null;
		if (!timer) setImmediate(() => flushVoting(sessionId));
		votingDue.set(sessionId, { changed, timer });
	}
	function flushVoting(sessionId: string): void {
		const due = votingDue.get(sessionId);
		if (!due) return;
		votingDue.delete(sessionId);
		if (due.changed === 'open') {
			const sentAt = now();
			liveSentAt.set(sessionId, sentAt);
			// Needed only until the interval has passed: kept, it would grow with every session.
			setTimeout(() => {
				if (liveSentAt.get(sessionId) === sentAt) liveSentAt.delete(sessionId);
			}, LIVE_RESULTS_INTERVAL_MS).unref();
		}
		safely(
			'control.voting.failed',
			due.changed === 'progress'
				? deps.voting.progress(sessionId).then((progress) => {
						if (progress) io.to(room(sessionId)).emit('votingProgress', progress);
					})
				: due.changed === 'open'
					? deps.voting.openRoundView(sessionId).then((round) => {
							if (round) io.to(room(sessionId)).emit('votingRound', round);
						})
					: deps.voting.view(sessionId).then((view) => {
							if (view) io.to(room(sessionId)).emit('voting', view);
						})
		);
	}

	/** Each participant's own dots go to their own sockets only. */
	async function publishBallot(sessionId: string, participantId: string | null): Promise<void> {
		const ids =
			participantId !== null
				? [participantId]
				: [
						...new Set(
							(await io.in(room(sessionId)).fetchSockets())
								.filter((s) => s.data.role === 'participant')
								.map((s) => s.data.participantId)
						)
					];
		for (const id of ids) {
			const ballot = await deps.voting.ballot(sessionId, id);
			io.to(memberRoom(sessionId, id)).emit('ballot', ballot);
		}
	}

	const unsubscribe = [
		deps.events.on('votingChanged', ({ sessionId, changed }) => publishVoting(sessionId, changed)),
		deps.events.on('ballotChanged', ({ sessionId, participantId }) => {
			safely('control.ballot.failed', publishBallot(sessionId, participantId));
		}),
		deps.events.on('draftsCounted', ({ sessionId, count }) => {
			io.to(staffRoom(sessionId)).emit('drafts', count);
		}),
		deps.events.on('sessionChanged', (session) => {
			io.to(room(session.id)).emit('session', stateOf(session));
		}),
		deps.events.on('controlChanged', ({ sessionId, control }) => {
			io.to(room(sessionId)).emit('control', { ...control, serverTime: now() });
		}),
		deps.events.on('rosterChanged', ({ sessionId }) => {
			safely('control.roster.failed', publishRoster(sessionId));
		}),
		deps.events.on('invitationChanged', ({ sessionId, invitation }) => {
			io.to(staffRoom(sessionId)).emit('invitation', invitation);
		}),
		deps.events.on('presenterLinkChanged', ({ sessionId, presenterUrl }) => {
			io.to(facilitatorRoom(sessionId)).emit('presenterLink', { presenterUrl });
		}),
		deps.events.on('participantRemoved', ({ sessionId, participantId }) => {
			safely(
				'control.signout.failed',
				signOut(sessionId, 'unauthorized', participantId, 'removed')
			);
		}),
		deps.events.on('credentialReplaced', ({ sessionId, participantId }) => {
			safely('control.signout.failed', signOut(sessionId, 'unauthorized', participantId));
		}),
		deps.events.on('sessionDeleted', ({ sessionId }) => {
			liveSentAt.delete(sessionId);
			const due = votingDue.get(sessionId);
			if (due?.timer) clearTimeout(due.timer);
			votingDue.delete(sessionId);
			safely('control.signout.failed', signOut(sessionId, 'session_not_found'));
		})
	];

	return {
		io,
		online,
		close: async () => {
			unsubscribe.forEach((off) => off());
			for (const due of votingDue.values()) if (due.timer) clearTimeout(due.timer);
			votingDue.clear();
			io.disconnectSockets(true);
			await new Promise<void>((resolve) => {
				// Closing the engine only: the HTTP server is closed by its owner.
				io.engine.close();
				resolve();
			});
		}
	};
}
