import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
	YJS_CLOSE,
	YJS_CONNECTIONS_PER_PERSON,
	YJS_OPENS_PER_PERSON,
	YJS_MAX_FRAME,
	YJS_PATH
} from '../../../src/lib/protocol/yjs';
import type { ErrorCode } from '../../../src/lib/protocol/errors';
import { errorMessage } from '../../../src/lib/i18n/catalog';
import { isSameOrigin, readCookie, sessionCookieName } from '../../http/cookies';
import {
	bearerToken,
	decodeSegment,
	isAccessRefusal,
	localeOf,
	statusOf
} from '../../http/http-io';
import type { Logger } from '../../log';
import { errorFields } from '../../log';
import { RateLimiter } from '../../security/rate-limit';
import type { RefusalLimit } from '../../security/refusal-limit';
import { clientAddress } from '../../http/client-address';
import type { SessionService } from '../../services/session-service';
import type { BoardConnection } from './board-room';
import type { ControlService } from '../../services/control-service';
import type { BoardSync } from './board-sync';
import { draftsDocId } from './drafts';
import { WsTransport } from './ws-transport';

const BOARD_ID = /^[A-Za-z0-9_-]{1,64}$/;
const HEARTBEAT_MS = 30_000;

export interface YjsEndpoint {
	/** True if the request was for the board endpoint (and is now handled). */
	handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Stops the heartbeat and closes every board connection. */
	close(): void;
}

/**
 * The y-websocket endpoint at /yjs/<boardId>. A stock WebsocketProvider
 * (`new WebsocketProvider('ws://host/yjs', boardId, doc, { params: { token } })`)
 * connects here; other clients may send the token as `Authorization: Bearer`, and browsers
 * the session cookie instead.
 */
export function createYjsEndpoint(deps: {
	sessions: SessionService;
	/** Refused handshakes per address, shared with the control socket. */
	refusals: RefusalLimit;
	/** Whether X-Forwarded-For names the client (TRUST_PROXY). */
	trustProxy: boolean;
	control: ControlService;
	sync: BoardSync;
	log: Logger;
	/** PUBLIC_URL's origin: our pages' origin behind a proxy that rewrites Host. */
	publicUrl: string | null;
}): YjsEndpoint {
	const wss = new WebSocketServer({
		noServer: true,
		maxPayload: YJS_MAX_FRAME,
		perMessageDeflate: false
	});
	const alive = new WeakMap<WebSocket, boolean>();
	const heartbeat = setInterval(() => {
		for (const ws of wss.clients) {
			if (alive.get(ws) === false) {
				ws.terminate();
				continue;
			}
			alive.set(ws, false);
			ws.ping();
		}
	}, HEARTBEAT_MS);
	heartbeat.unref();

	// Open board connections per person (participant id within a session): every tab needs one or
	// two, and a credential opening thousands would hold the server's memory.
	const open = new Map<string, number>();
	const person = (actor: BoardConnection['actor']) => `${actor.sessionId}/${actor.participantId}`;
	const mayOpen = (actor: BoardConnection['actor']) =>
		(open.get(person(actor)) ?? 0) <
		YJS_CONNECTIONS_PER_PERSON[actor.role === 'participant' ? 'participant' : 'staff'];
	const opens = {
		participant: new RateLimiter(YJS_OPENS_PER_PERSON.participant),
		staff: new RateLimiter(YJS_OPENS_PER_PERSON.staff)
	};

	function refuse(
		req: IncomingMessage,
		socket: Duplex,
		code: ErrorCode,
		retryAfter?: number,
		/** Past the address's budget: said once (RefusalLimit.newlyLimited), not for every try. */
		quiet = false
	): void {
		const status = statusOf(code);
		// The server's own failure is not the caller's refusal.
		if (status === 500) deps.refusals.admitted(clientAddress(req, deps.trustProxy), Date.now());
		else if (isAccessRefusal(status) && !quiet)
			deps.log.info('yjs.upgrade.refused', { status, code });
		const body = JSON.stringify({ error: { code, message: errorMessage(localeOf(req), code) } });
		socket.end(
			`HTTP/1.1 ${status} ${code}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
				(retryAfter === undefined ? '' : `Retry-After: ${retryAfter}\r\n`) +
				`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`
		);
	}

	async function authorise(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
		// Past its budget of refusals an address is refused before anything is looked up, and not
		// logged for every try (see RefusalLimit: each try reserves a refusal until it is let in).
		const address = clientAddress(req, deps.trustProxy);
		if (!deps.refusals.attempt(address, Date.now())) {
			if (deps.refusals.newlyLimited(address)) deps.log.warn('yjs.upgrade.limited', {});
			const seconds = Math.max(1, deps.refusals.retryAfter(address, Date.now()));
			return refuse(req, socket, 'rate_limited', seconds, true);
		}
		const url = new URL(req.url ?? '/', 'http://localhost');
		// /yjs/<boardId> is the shared board; /yjs/<boardId>/drafts the caller's own drafts.
		const path = decodeSegment(url.pathname.slice(YJS_PATH.length + 1));
		if (path === null) return refuse(req, socket, 'not_found');
		const [boardId = '', kind, ...rest] = path.split('/');
		if (!BOARD_ID.test(boardId) || rest.length > 0 || (kind !== undefined && kind !== 'drafts'))
			return refuse(req, socket, 'not_found');
		const session = await deps.sessions.sessionOfBoard(boardId);
		if (!session) return refuse(req, socket, 'not_found');
		// A browser cannot set headers on a websocket, so a bearer header is never ambient like a cookie.
		let token = url.searchParams.get('token') ?? bearerToken(req.headers.authorization);
		if (token === undefined) {
			token = readCookie(req.headers.cookie, sessionCookieName(session.id));
			if (token !== undefined && !isSameOrigin(req, deps.publicUrl))
				return refuse(req, socket, 'forbidden');
		}
		const auth = await deps.sessions.authenticateInSession(session, token);
		if (!auth.ok)
			return refuse(req, socket, auth.error === 'session_not_found' ? 'not_found' : auth.error);
		const { actor } = auth.credential;
		// Drafts are written by participants only, each into their own document.
		if (kind === 'drafts' && actor.role !== 'participant') return refuse(req, socket, 'forbidden');
		const docId = kind === 'drafts' ? draftsDocId(boardId, actor.participantId) : boardId;
		// The write gate reads the session's phase and lock without waiting: have them loaded.
		await deps.control.state(session.id);
		// So do the session's people, whom the facilitator's cards name as authors.
		if (actor.role === 'facilitator') await deps.sessions.peopleOf(session.id);
		// The credential is valid: what follows are its own limits, not the address's.
		deps.refusals.admitted(address, Date.now());
		// Checked after the waits (others may have come in meanwhile), counted as the socket is taken.
		if (!mayOpen(actor)) return refuse(req, socket, 'rate_limited', 10);
		const openings = opens[actor.role === 'participant' ? 'participant' : 'staff'];
		if (!openings.take(person(actor), Date.now()))
			return refuse(
				req,
				socket,
				'rate_limited',
				Math.max(1, openings.retryAfter(person(actor), Date.now()))
			);
		wss.handleUpgrade(req, socket, head, (ws) => {
			const who = person(actor);
			open.set(who, (open.get(who) ?? 0) + 1);
			ws.once('close', () => {
				const left = (open.get(who) ?? 1) - 1;
				if (left > 0) open.set(who, left);
				else open.delete(who);
			});
			accept(ws, socket, docId, actor);
		});
	}

	function accept(
		ws: WebSocket,
		socket: Duplex,
		boardId: string,
		actor: BoardConnection['actor']
	): void {
		alive.set(ws, true);
		ws.on('pong', () => alive.set(ws, true));
		const transport = new WsTransport(ws, socket);
		let connection: BoardConnection | null = null;
		const early: Uint8Array[] = [];
		ws.on('message', (data, isBinary) => {
			if (!isBinary) {
				ws.close(YJS_CLOSE.malformed, 'binary frames only');
				return;
			}
			const frame = data as Buffer;
			if (connection) deps.sync.receive(connection, frame);
			else early.push(frame);
		});
		ws.on('close', () => {
			if (connection) deps.sync.leave(connection);
		});
		ws.on('error', () => ws.terminate());
		deps.sync.join(boardId, actor, transport).then(
			(joined) => {
				connection = joined;
				if (ws.readyState !== ws.OPEN) {
					deps.sync.leave(joined);
					return;
				}
				for (const frame of early.splice(0)) deps.sync.receive(joined, frame);
			},
			(error: unknown) => {
				deps.log.error('yjs.join.failed', { boardId, ...errorFields(error) });
				ws.close(YJS_CLOSE.unavailable, 'board unavailable');
			}
		);
	}

	return {
		handleUpgrade(req, socket, head) {
			const path = (req.url ?? '').split('?')[0]!;
			if (!path.startsWith(YJS_PATH + '/')) return false;
			socket.on('error', () => socket.destroy());
			authorise(req, socket, head).catch((error: unknown) => {
				deps.log.error('yjs.upgrade.failed', errorFields(error));
				refuse(req, socket, 'internal');
			});
			return true;
		},
		close() {
			clearInterval(heartbeat);
			for (const ws of wss.clients) ws.close(YJS_CLOSE.goingAway, 'server shutting down');
			wss.close();
		}
	};
}
