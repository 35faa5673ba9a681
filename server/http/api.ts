import type { IncomingMessage, ServerResponse } from 'node:http';
import { allowedMethods } from './allowed-methods';
import { loggedPath } from './logged-path';
import { clientAddress as addressOf } from './client-address';
import { z } from 'zod';
import {
	CreateSessionRequest,
	JoinRequest,
	SignInRequest,
	EmptyRequest,
	type CreateSessionResponse,
	type JoinCodeResponse,
	type JoinInfoResponse,
	type JoinResponse,
	type Me,
	type MeResponse,
	type SessionResponse,
	type StateResponse
} from '../../src/lib/protocol/api';
import { errorMessage } from '../../src/lib/i18n/catalog';
import type { Config } from '../config';
import type { ParticipantRecord } from '../persistence/ports';
import type { Logger } from '../log';
import { errorFields } from '../log';
import { RateLimiter } from '../security/rate-limit';
import type { CommandLimiter } from '../security/command-limit';
import type { ControlView } from '../../src/lib/protocol/realtime';
import type { CommandBus } from '../services/command-bus';
import type { ControlService } from '../services/control-service';
import type { VotingService } from '../services/voting-service';
import type { ExportRequest, ExportService } from '../services/export-service';
import type { ImportService } from '../services/import-service';
import type { ComparisonService } from '../services/comparison-service';
import type { ErrorCode } from '../../src/lib/protocol/errors';
import {
	COMPARISON_MAX_BYTES,
	EXPORT_FILE_MAX_BYTES,
	isComparisonFormat
} from '../../src/lib/domain/export/comparison-rules';
import { unknownFieldsDetail, unknownFieldsText } from '../../src/lib/protocol/unknown-fields';
import { isLocale } from '../../src/lib/i18n/catalog';
import { isTimeZone } from '../../src/lib/domain/export/time-zone';
import type { SessionEvents } from '../services/session-events';
import type { Authentication, CreatedSession, SessionService } from '../services/session-service';
import type { Result } from '../services/result';
import { buildRoster } from '../services/roster';
import {
	clearedSessionCookie,
	isSameOrigin,
	readCookie,
	sessionCookie,
	sessionCookieName
} from './cookies';
import {
	HttpError,
	bearerToken,
	decodeSegment,
	hasBody,
	localeOf,
	readJson,
	readJsonBytes,
	sendError,
	sendFile,
	sendJson,
	isAccessRefusal,
	statusOf
} from './http-io';
import { isHttps as isHttpsRequest, originOf as requestOrigin } from './origin';

export interface ApiDeps {
	readonly config: Config;
	readonly sessions: SessionService;
	readonly commands: CommandBus;
	readonly control: ControlService;
	readonly voting: VotingService;
	readonly events: SessionEvents;
	readonly exports: ExportService;
	readonly imports: ImportService;
	readonly comparisons: ComparisonService;
	/** The command limit, shared with socket.io's commands: one budget per caller. */
	readonly commandLimit: CommandLimiter;
	readonly online: (sessionId: string) => Promise<Set<string>>;
	readonly health: () => Promise<void>;
	readonly log: Logger;
	readonly now?: () => number;
}

export type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** An export file of a long session is far larger than a command: up to 8 MiB may be imported. */
export const MAX_IMPORT_BODY = EXPORT_FILE_MAX_BYTES;

const EXPORT_OPTIONS = new Set(['named', 'lang', 'delimiter', 'timeZone']);

/**
 * `?named=true&lang=en&delimiter=semicolon&timeZone=Europe/Berlin`; anything else — another value,
 * a time zone Intl does not know, an option given twice, or an option this server does not know (a
 * typo would otherwise go unnoticed) — is a bad request.
 */
function exportRequest(query: URLSearchParams): ExportRequest {
	const keys = [...query.keys()];
	const unknown = keys.filter((key) => !EXPORT_OPTIONS.has(key));
	if (unknown.length > 0)
		throw new HttpError('bad_request', {}, (locale) => unknownFieldsText(locale, unknown));
	if (new Set(keys).size !== keys.length) throw new HttpError('bad_request');
	const named = query.get('named') ?? 'false';
	const lang = query.get('lang');
	const delimiter = query.get('delimiter') ?? 'comma';
	const timeZone = query.get('timeZone');
	if (
		!['true', 'false'].includes(named) ||
		(lang !== null && !isLocale(lang)) ||
		!['comma', 'semicolon'].includes(delimiter) ||
		(timeZone !== null && !isTimeZone(timeZone))
	)
		throw new HttpError('bad_request');
	return {
		named: named === 'true',
		...(lang !== null && isLocale(lang) ? { locale: lang } : {}),
		delimiter: delimiter === 'semicolon' ? ';' : ',',
		...(timeZone !== null ? { timeZone } : {})
	};
}

/** The caller as the session knows them (`me` in GET /api/sessions/:id and …/me). */
const meOf = (participant: ParticipantRecord): Me => ({
	participantId: participant.id,
	name: participant.name,
	group: participant.group,
	role: participant.role
});

/**
 * The HTTP API (docs/api.md), framework-free so that the production server and
 * Vite's dev server mount the same handler. Everything else falls through to `next`.
 */
export function createApi(deps: ApiDeps): NodeHandler {
	const now = deps.now ?? Date.now;
	// Rooms full of people share one address behind municipal NAT: bursts must fit a whole group.
	const creating = new RateLimiter({ capacity: 20, perSecond: 0.2 });
	const joining = new RateLimiter({ capacity: 120, perSecond: 2 });
	const general = new RateLimiter({ capacity: 600, perSecond: 20 });
	// A short code has about 40 bits: guessing must stay slow.
	const codes = new RateLimiter({ capacity: 20, perSecond: 0.2 });
	// Documents and pictures cost CPU: every format at once is fine, a loop of them is not.
	const exporting = new RateLimiter({ capacity: 20, perSecond: 0.5 });

	const clientAddress = (req: IncomingMessage): string => addressOf(req, deps.config.trustProxy);

	const isHttps = (req: IncomingMessage) => isHttpsRequest(req, deps.config);
	const originOf = (req: IncomingMessage) => requestOrigin(req, deps.config);

	/** A new session, created or imported: its credentials, with the facilitator's cookie. */
	const sendCreated = (req: IncomingMessage, res: ServerResponse, c: CreatedSession) => {
		const response: CreateSessionResponse = {
			id: c.session.id,
			boardId: c.session.boardId,
			facilitatorToken: c.facilitatorToken,
			joinToken: c.joinToken,
			facilitatorUrl: c.facilitatorUrl,
			participantUrl: c.participantUrl,
			presenterUrl: c.presenterUrl
		};
		sendJson(res, 201, response, {
			'set-cookie': sessionCookie(c.session.id, c.facilitatorToken, isHttps(req)),
			location: `/api/sessions/${c.session.id}`
		});
	};

	/** Bearer token first (scripts), then the session cookie (browsers, our own origin only). */
	const credentialOf = (req: IncomingMessage, sessionId: string): string | undefined => {
		const header = req.headers.authorization;
		const bearer = bearerToken(header);
		if (bearer !== undefined) return bearer;
		const cookie = readCookie(req.headers.cookie, sessionCookieName(sessionId));
		if (cookie !== undefined && !isSameOrigin(req, deps.config.publicUrl)) return undefined;
		return cookie;
	};

	const authenticate = async (req: IncomingMessage, sessionId: string) => {
		const result: Authentication = await deps.sessions.authenticate(
			sessionId,
			credentialOf(req, sessionId)
		);
		if (!result.ok) throw new HttpError(result.error);
		return result.credential;
	};

	const parse = async <S extends z.ZodType>(
		req: IncomingMessage,
		schema: S
	): Promise<z.infer<S>> => {
		const body = await readJson(req);
		const parsed = schema.safeParse(body);
		if (!parsed.success)
			throw new HttpError('bad_request', {}, unknownFieldsDetail(parsed.error.issues));
		return parsed.data;
	};

	const controlView = async (sessionId: string): Promise<ControlView> => {
		const control = await deps.control.state(sessionId);
		if (!control) throw new HttpError('session_not_found');
		return { ...control, serverTime: now() };
	};

	const rateLimited = (limiter: RateLimiter, req: IncomingMessage) => {
		// How long to wait, so that a well-behaved client need not guess (RFC 9110, Retry-After).
		const seconds = Math.max(1, limiter.retryAfter(clientAddress(req), now()));
		return new HttpError('rate_limited', { 'retry-after': String(seconds) });
	};

	const limit = (limiter: RateLimiter, req: IncomingMessage) => {
		if (!limiter.take(clientAddress(req), now())) throw rateLimited(limiter, req);
	};

	/**
	 * Creating and importing: only a session that is made counts against the address's budget
	 * (the service takes from it once the input passed its checks), so a script's mistakes do
	 * not use it up. An address with nothing left is told before its body is read: an import
	 * may be 8 MiB, and reading and checking it costs nearly as much as making the session.
	 */
	const creation = (req: IncomingMessage) => {
		if (creating.retryAfter(clientAddress(req), now()) > 0) throw rateLimited(creating, req);
		return () => creating.take(clientAddress(req), now());
	};
	const created = <T>(result: Result<T>, req: IncomingMessage): T => {
		if (result.ok) return result.value;
		if (result.error === 'rate_limited') throw rateLimited(creating, req);
		throw new HttpError(result.error);
	};

	/** A refusal from the export worker, its words already in the caller's language. */
	const refusedIn = ({ error, detail }: { error: ErrorCode; detail: string | null }) =>
		new HttpError(error, {}, detail === null ? undefined : () => detail);

	/**
	 * Several export files the caller holds as one file (docs/api.md): nothing is stored. The
	 * export budget is asked before the body is read (up to 32 MiB) and used by every body the
	 * worker has read, compared or refused; one refused for its size or type uses none.
	 */
	async function compare(req: IncomingMessage, res: ServerResponse, segment: string) {
		const format = decodeSegment(segment);
		if (!isComparisonFormat(format)) throw new HttpError('export_format_unknown');
		if (exporting.retryAfter(clientAddress(req), now()) > 0) throw rateLimited(exporting, req);
		const body = await readJsonBytes(req, COMPARISON_MAX_BYTES);
		const outcome = await deps.comparisons.compare(body, format, localeOf(req));
		if (!outcome.ok) {
			// Read and checked in the export worker, a refused body cost as much as a small
			// comparison: it uses up the budget too, so that refusals cannot keep the worker busy.
			exporting.take(clientAddress(req), now());
			throw refusedIn(outcome);
		}
		limit(exporting, req);
		deps.log.info('sessions.compared', { sessions: outcome.sessions, format });
		sendFile(res, outcome);
	}

	async function route(
		req: IncomingMessage,
		res: ServerResponse,
		path: string,
		query: URLSearchParams
	): Promise<boolean> {
		const method = req.method ?? 'GET';
		const allowed = allowedMethods(path);
		const refuseMethod = () => {
			if (allowed && !allowed.includes(method))
				throw new HttpError('method_not_allowed', { allow: allowed.join(', ') });
		};
		if (path === '/healthz') {
			refuseMethod();
			await deps.health();
			sendJson(res, 200, { status: 'ok' });
			return true;
		}
		if (!path.startsWith('/api/')) return false;
		limit(general, req);
		refuseMethod();
		const parts = path.slice('/api/'.length).split('/');
		if (parts[0] === 'join-codes' && parts.length === 2 && method === 'GET') {
			limit(codes, req);
			const code = decodeSegment(parts[1]!);
			if (code === null) throw new HttpError('not_found');
			const resolved = await deps.sessions.resolveJoinCode(code, originOf(req));
			if (!resolved.ok) throw new HttpError(resolved.error);
			const response: JoinCodeResponse = resolved.value;
			sendJson(res, 200, response);
			return true;
		}
		if (parts[0] === 'comparisons' && parts.length === 2 && method === 'POST') {
			await compare(req, res, parts[1]!);
			return true;
		}
		if (parts[0] !== 'sessions') throw new HttpError('not_found');

		if (parts.length === 1) {
			if (method !== 'POST') throw new HttpError('not_found');
			const admit = creation(req);
			const body = await parse(req, CreateSessionRequest);
			const c = created(
				await deps.sessions.create(
					{ ...body, language: body.language ?? localeOf(req) },
					originOf(req),
					undefined,
					admit
				),
				req
			);
			deps.log.info('session.created', { sessionId: c.session.id, template: c.session.template });
			sendCreated(req, res, c);
			return true;
		}

		if (parts.length === 2 && parts[1] === 'import' && method === 'POST') {
			const admit = creation(req);
			const reading = await deps.imports.read(
				await readJsonBytes(req, MAX_IMPORT_BODY),
				localeOf(req)
			);
			if (!reading.ok) throw refusedIn(reading);
			const { document } = reading;
			const c = created(await deps.imports.import(document, originOf(req), admit), req);
			deps.log.info('session.imported', { sessionId: c.session.id, cards: document.cards.length });
			sendCreated(req, res, c);
			return true;
		}

		const sessionId = parts[1]!;
		// `/api/sessions/` and `/api/sessions/import` name no session: there is just nothing there.
		if (sessionId === '' || sessionId === 'import') throw new HttpError('not_found');
		if (!SESSION_ID.test(sessionId)) throw new HttpError('session_not_found');
		const action = parts.slice(2).join('/');

		if (parts[2] === 'export' && parts.length === 4 && method === 'GET') {
			const { session, actor } = await authenticate(req, sessionId);
			if (actor.role !== 'facilitator') throw new HttpError('forbidden');
			const request = exportRequest(query);
			const format = decodeSegment(parts[3]!);
			if (format === null || !deps.exports.supports(format))
				throw new HttpError('export_format_unknown');
			// Only what is rendered costs CPU: a refused request does not use up the export budget.
			limit(exporting, req);
			const rendered = await deps.exports.export(session.id, format, request);
			if (!rendered.ok) throw new HttpError(rendered.error);
			sendFile(res, rendered.value);
			return true;
		}

		if (action === '' && method === 'GET') {
			const { session, participant, actor } = await authenticate(req, sessionId);
			const response: SessionResponse = {
				id: session.id,
				boardId: session.boardId,
				title: session.title,
				municipality: session.municipality,
				template: session.template,
				language: session.language,
				createdAt: session.createdAt,
				settings: session.settings,
				me: meOf(participant),
				control: await controlView(session.id),
				...(actor.role === 'participant'
					? {}
					: await deps.sessions.invitationOf(session, originOf(req))),
				...(actor.role === 'facilitator'
					? { presenterUrl: await deps.sessions.presenterUrl(session, originOf(req)) }
					: {})
			};
			sendJson(res, 200, response);
			return true;
		}

		if (action === 'me' && method === 'GET') {
			// Asked before someone joins (the join page: has this browser joined already?), so that
			// no credential is a normal answer, not a 401 every participant's browser logs as an error.
			const result = await deps.sessions.authenticate(sessionId, credentialOf(req, sessionId));
			if (!result.ok && result.error === 'session_not_found') throw new HttpError(result.error);
			const participant = result.ok ? result.credential.participant : null;
			const response: MeResponse = {
				me: participant && meOf(participant)
			};
			sendJson(res, 200, response);
			return true;
		}

		if (action === '' && method === 'DELETE') {
			const { session, actor } = await authenticate(req, sessionId);
			if (actor.role !== 'facilitator') throw new HttpError('forbidden');
			if (hasBody(req)) await parse(req, EmptyRequest);
			await deps.sessions.delete(session.id);
			deps.events.emit('sessionDeleted', { sessionId: session.id, boardId: session.boardId });
			deps.log.info('session.deleted', { sessionId: session.id });
			res.writeHead(204, { 'set-cookie': clearedSessionCookie(session.id) }).end();
			return true;
		}

		if (action === 'invitation' && method === 'GET') {
			limit(joining, req);
			const header = req.headers.authorization;
			const joinToken = bearerToken(header);
			const invited = await deps.sessions.invitation(sessionId, joinToken);
			if (!invited.ok) throw new HttpError(invited.error);
			const response: JoinInfoResponse = {
				id: invited.value.id,
				title: invited.value.title,
				language: invited.value.language,
				stakeholderGroups: invited.value.settings.stakeholderGroups
			};
			sendJson(res, 200, response);
			return true;
		}

		if (action === 'participants' && method === 'POST') {
			limit(joining, req);
			const body = await parse(req, JoinRequest);
			const joined = await deps.sessions.join(sessionId, body);
			if (!joined.ok) throw new HttpError(joined.error);
			deps.events.emit('rosterChanged', { sessionId });
			const response: JoinResponse = {
				participantId: joined.value.participant.id,
				token: joined.value.token
			};
			sendJson(res, 201, response, {
				'set-cookie': sessionCookie(sessionId, joined.value.token, isHttps(req))
			});
			return true;
		}

		if (action === 'sign-in' && method === 'POST') {
			limit(joining, req);
			const { token } = await parse(req, SignInRequest);
			const result = await deps.sessions.authenticate(sessionId, token);
			if (!result.ok) throw new HttpError(result.error);
			res.writeHead(204, { 'set-cookie': sessionCookie(sessionId, token, isHttps(req)) }).end();
			return true;
		}

		if (action === 'sign-out' && method === 'POST') {
			if (hasBody(req)) await parse(req, EmptyRequest);
			res.writeHead(204, { 'set-cookie': clearedSessionCookie(sessionId) }).end();
			return true;
		}

		if (action === 'state' && method === 'GET') {
			const { session, actor } = await authenticate(req, sessionId);
			const participants = await deps.sessions.participants(session.id);
			const state: StateResponse = {
				title: session.title,
				settings: session.settings,
				control: await controlView(session.id),
				roster: buildRoster(participants, await deps.online(session.id)),
				voting: (await deps.voting.view(session.id)) ?? { rounds: [] },
				ballot:
					actor.role === 'participant'
						? await deps.voting.ballot(session.id, actor.participantId)
						: null
			};
			sendJson(res, 200, state);
			return true;
		}

		if (action === 'commands' && method === 'POST') {
			const { actor } = await authenticate(req, sessionId);
			// The caller's command budget, the same whichever transport brings the command.
			if (!deps.commandLimit.take(actor, now())) {
				const seconds = Math.max(1, deps.commandLimit.retryAfter(actor, now()));
				throw new HttpError('rate_limited', { 'retry-after': String(seconds) });
			}
			const command = await readJson(req);
			const result = await deps.commands.execute(actor, command, originOf(req));
			if (!result.ok) throw new HttpError(result.error, {}, result.detail);
			sendJson(
				res,
				200,
				result.value === undefined ? { ok: true } : { ok: true, value: result.value }
			);
			return true;
		}

		throw new HttpError('not_found');
	}

	/**
	 * A browser still holding the cookie of a session that is gone (deleted while it was away) is
	 * told to forget it when it next asks about the session: the cookie lets nobody in any more,
	 * but it named a session the browser took part in.
	 */
	const forgetDeleted = (req: IncomingMessage, path: string, error: HttpError) => {
		const id = /^\/api\/sessions\/([^/]+)/.exec(path)?.[1];
		if (error.code !== 'session_not_found' || !id || !SESSION_ID.test(id)) return error.headers;
		if (readCookie(req.headers.cookie, sessionCookieName(id)) === undefined) return error.headers;
		return { ...error.headers, 'set-cookie': clearedSessionCookie(id) };
	};

	return (req, res, next) => {
		const [path = '/', search = ''] = (req.url ?? '/').split('?', 2);
		route(req, res, path, new URLSearchParams(search))
			.then((handled) => {
				if (!handled) next();
			})
			.catch((error: unknown) => {
				if (res.headersSent) return;
				if (error instanceof HttpError) {
					const status = statusOf(error.code);
					// A wrong credential or a flood, for whoever runs the server to see; the rest is
					// the caller's business. Ids only: no token, no address, no join code.
					const refused = { method: req.method, path: loggedPath(path), status, code: error.code };
					if (isAccessRefusal(status)) deps.log.info('http.refused', refused);
					else deps.log.debug('http.refused', refused);
					sendError(req, res, error.code, forgetDeleted(req, path, error), error.detail);
					return;
				}
				deps.log.error('http.failed', {
					method: req.method,
					path: loggedPath(path),
					...errorFields(error)
				});
				sendJson(res, statusOf('internal'), {
					error: { code: 'internal', message: errorMessage(localeOf(req), 'internal') }
				});
			});
	};
}
