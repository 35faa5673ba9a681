import type {
	CreateSessionResponse,
	JoinCodeResponse,
	JoinInfoResponse,
	JoinResponse,
	MeResponse,
	SessionResponse
} from '../protocol/api';
import { type ErrorCode, isErrorCode } from '../protocol/errors';
import type { StakeholderGroupId } from '../domain/session/stakeholder-groups';
import type { TemplateId } from '../domain/session/templates';
import type { Locale } from '../i18n/catalog';
import type { ExportFormat } from '../domain/export/model';
import type { ComparisonFormat } from '../domain/export/comparison-rules';

/** The browser's side of the HTTP API (docs/api.md); credentials travel as the session cookie. */
export type ApiResult<T> =
	| { ok: true; value: T }
	/** `message`: the server's own words, for details the code does not carry. */
	| { ok: false; code: ErrorCode | 'network'; message?: string };

async function call<T>(
	method: string,
	path: string,
	body?: unknown,
	token?: string
): Promise<ApiResult<T>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: {
				...(body === undefined ? {} : { 'content-type': 'application/json' }),
				...(token ? { authorization: `Bearer ${token}` } : {})
			},
			body: body === undefined ? undefined : JSON.stringify(body),
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, code: 'network' };
	}
	if (response.status === 204) return { ok: true, value: undefined as T };
	const payload: unknown = await response.json().catch(() => null);
	if (response.ok) return { ok: true, value: payload as T };
	return refusal(payload);
}

/** The server's error body as a result: its code (one this client knows, else `internal`) and words. */
function refusal(payload: unknown): { ok: false; code: ErrorCode; message?: string } {
	const error = (payload as { error?: { code?: unknown; message?: unknown } } | null)?.error;
	const code = error?.code;
	return {
		ok: false,
		code: isErrorCode(code) ? code : 'internal',
		...(typeof error?.message === 'string' ? { message: error.message } : {})
	};
}

const session = (id: string) => `/api/sessions/${encodeURIComponent(id)}`;

export const api = {
	createSession: (title: string, template: TemplateId, language: Locale, municipality = '') =>
		call<CreateSessionResponse>('POST', '/api/sessions', {
			title,
			template,
			language,
			...(municipality ? { municipality } : {})
		}),
	invitation: (sessionId: string, joinToken: string) =>
		call<JoinInfoResponse>('GET', `${session(sessionId)}/invitation`, undefined, joinToken),
	join: (sessionId: string, joinToken: string, name: string, group: StakeholderGroupId | null) =>
		call<JoinResponse>('POST', `${session(sessionId)}/participants`, { joinToken, name, group }),
	signIn: (sessionId: string, token: string) =>
		call<void>('POST', `${session(sessionId)}/sign-in`, { token }),
	session: (sessionId: string) => call<SessionResponse>('GET', session(sessionId)),
	/** Who this browser is in the session; `me: null` without a credential for it (no 401). */
	me: (sessionId: string) => call<MeResponse>('GET', `${session(sessionId)}/me`),
	/** Deletes the session and everything in it (facilitator only); every open screen is signed out. */
	deleteSession: (sessionId: string) => call<void>('DELETE', session(sessionId)),
	joinCode: (code: string) =>
		call<JoinCodeResponse>('GET', `/api/join-codes/${encodeURIComponent(code)}`),
	/** A JSON export (already parsed) becomes a new session; answers like `createSession`. */
	importSession: (document: unknown) =>
		call<CreateSessionResponse>('POST', '/api/sessions/import', document),
	exportFile,
	compareSessions
};

/** An export as a file to save: its bytes and the name the server gave it. */
async function exportFile(
	sessionId: string,
	format: ExportFormat,
	options: { named: boolean; delimiter: ',' | ';'; locale: Locale; timeZone: string | undefined }
): Promise<ApiResult<{ blob: Blob; fileName: string }>> {
	const query = new URLSearchParams({
		named: String(options.named),
		lang: options.locale,
		delimiter: options.delimiter === ';' ? 'semicolon' : 'comma',
		// A browser that knows no zone of its own leaves it to the server's default.
		...(options.timeZone ? { timeZone: options.timeZone } : {})
	});
	let response: Response;
	try {
		response = await fetch(`${session(sessionId)}/export/${format}?${query}`, {
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, code: 'network' };
	}
	return downloaded(response, `fokusrunde.${format}`);
}

/**
 * Several JSON exports (already parsed) as one comparison file; nothing is stored on the server.
 * A refusal's `message` says which file and why, in the page's language.
 */
async function compareSessions(
	documents: readonly unknown[],
	format: ComparisonFormat,
	options: { delimiter: ',' | ';'; locale: Locale }
): Promise<ApiResult<{ blob: Blob; fileName: string }>> {
	let response: Response;
	try {
		response = await fetch(`/api/comparisons/${format}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				sessions: documents,
				lang: options.locale,
				delimiter: options.delimiter === ';' ? 'semicolon' : 'comma'
			}),
			credentials: 'same-origin'
		});
	} catch {
		return { ok: false, code: 'network' };
	}
	return downloaded(response, `fokusrunde.${format}`);
}

/** A file answer as a blob with the name the server gave it, or the server's error. */
async function downloaded(
	response: Response,
	fallbackName: string
): Promise<ApiResult<{ blob: Blob; fileName: string }>> {
	if (!response.ok) return refusal(await response.json().catch(() => null));
	const disposition = response.headers.get('content-disposition') ?? '';
	const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
	return { ok: true, value: { blob: await response.blob(), fileName } };
}
