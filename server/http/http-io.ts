import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ExportFile } from '../../src/lib/domain/export/model';
import type { ErrorCode, ErrorDetail } from '../../src/lib/protocol/errors';
import {
	type Locale,
	LOCALE_COOKIE,
	errorMessage,
	negotiateLocale
} from '../../src/lib/i18n/catalog';
import { readCookie } from './cookies';

export const MAX_JSON_BODY = 64 * 1024;

const STATUS: Record<ErrorCode, number> = {
	bad_request: 400,
	invalid_json: 400,
	unsupported_media_type: 415,
	payload_too_large: 413,
	title_required: 400,
	title_too_long: 400,
	name_required: 400,
	name_too_long: 400,
	unknown_group: 400,
	unknown_template: 400,
	unknown_command: 400,
	participant_not_found: 404,
	phase_not_found: 404,
	not_a_silent_phase: 409,
	timer_without_duration: 409,
	agenda_empty: 400,
	agenda_too_long: 400,
	phase_title_required: 400,
	phase_text_too_long: 400,
	phase_duplicate: 400,
	phase_invalid: 400,
	unauthorized: 401,
	participant_removed: 401,
	forbidden: 403,
	session_not_found: 404,
	session_finished: 409,
	session_full: 409,
	not_found: 404,
	method_not_allowed: 405,
	rate_limited: 429,
	groups_empty: 400,
	groups_too_many: 400,
	group_invalid: 400,
	group_label_required: 400,
	group_duplicate: 400,
	group_in_use: 409,
	voting_scope_empty: 400,
	voting_options_invalid: 400,
	voting_not_found: 404,
	voting_already_open: 409,
	voting_round_limit: 409,
	voting_closed: 409,
	voting_no_results: 409,
	card_not_found: 404,
	card_out_of_scope: 409,
	no_dots_left: 409,
	card_dots_full: 409,
	no_dot_on_card: 409,
	municipality_too_long: 400,
	export_format_unknown: 404,
	import_invalid: 400,
	import_version_unsupported: 400,
	comparison_invalid: 400,
	offline: 503,
	internal: 500
};

export function statusOf(code: ErrorCode): number {
	return STATUS[code];
}

export function localeOf(req: IncomingMessage): Locale {
	return negotiateLocale(
		readCookie(req.headers.cookie, LOCALE_COOKIE),
		req.headers['accept-language'] ?? null
	);
}

/** A wrong or missing credential, a foreign origin or a flood: what whoever runs the server should see. */
export function isAccessRefusal(status: number): boolean {
	return status === 401 || status === 403 || status === 429;
}

export function sendJson(
	res: ServerResponse,
	status: number,
	body: unknown,
	headers: Record<string, string | string[]> = {}
): void {
	const text = JSON.stringify(body);
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store',
		// Answers quote what people wrote (titles, names): never to be sniffed as a page.
		'x-content-type-options': 'nosniff',
		...headers
	});
	res.end(text);
}

/** An export file as an attachment that no browser renders: card texts stay text whatever the format. */
export function sendFile(
	res: ServerResponse,
	{ file, fileName }: { file: ExportFile; fileName: string }
): void {
	const body = typeof file.body === 'string' ? Buffer.from(file.body, 'utf8') : file.body;
	res.writeHead(200, {
		'content-type': file.contentType,
		'content-length': body.byteLength,
		'content-disposition': `attachment; filename="${fileName}"`,
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		'content-security-policy': "default-src 'none'; sandbox"
	});
	res.end(body);
}

export function sendError(
	req: IncomingMessage,
	res: ServerResponse,
	code: ErrorCode,
	headers: Record<string, string> = {},
	detail?: ErrorDetail
): void {
	const locale = localeOf(req);
	const message = errorMessage(locale, code);
	sendJson(
		res,
		statusOf(code),
		{ error: { code, message: detail ? `${message} ${detail(locale)}` : message } },
		headers
	);
}

/** A path segment decoded; null when its percent-encoding is broken (`%E0`), which names nothing. */
export function decodeSegment(segment: string): string | null {
	try {
		return decodeURIComponent(segment);
	} catch {
		return null;
	}
}

export class HttpError extends Error {
	constructor(
		readonly code: ErrorCode,
		/** Headers the answer carries, such as `Retry-After` on a 429. */
		readonly headers: Record<string, string> = {},
		/** What exactly is wrong, added to the message (an import's problem). */
		readonly detail?: ErrorDetail
	) {
		super(code);
	}
}

/** Whether the request carries a body at all (an empty one is none). */
export function hasBody(req: IncomingMessage): boolean {
	const length = req.headers['content-length'];
	return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** Reads a JSON body of at most `limit` bytes (MAX_JSON_BODY unless an endpoint needs more). */
export async function readJson(req: IncomingMessage, limit = MAX_JSON_BODY): Promise<unknown> {
	const body = await readJsonBytes(req, limit);
	try {
		return JSON.parse(body.toString('utf8'));
	} catch {
		throw new HttpError('invalid_json');
	}
}

/** A JSON body of at most `limit` bytes, unparsed: for a body too large to parse on the main thread. */
export async function readJsonBytes(req: IncomingMessage, limit: number): Promise<Buffer> {
	const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
	if (type !== 'application/json') throw new HttpError('unsupported_media_type');
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) throw new HttpError('payload_too_large');
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > limit) throw new HttpError('payload_too_large');
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/** The token of an `Authorization: Bearer <token>` header; the scheme is case-insensitive (RFC 7235). */
export function bearerToken(header: string | undefined): string | undefined {
	const match = header === undefined ? null : /^bearer[ \t]+(\S+)\s*$/i.exec(header);
	return match ? match[1] : undefined;
}
