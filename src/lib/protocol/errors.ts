import type { Locale } from '../i18n/catalog';

/**
 * Error codes on the wire (HTTP bodies, socket.io acknowledgements, websocket
 * close reasons). Clients translate a code with the message catalog key `error.<code>`.
 */
export const ERROR_CODES = [
	'bad_request',
	'invalid_json',
	'unsupported_media_type',
	'payload_too_large',
	'title_required',
	'title_too_long',
	'name_required',
	'name_too_long',
	'unknown_group',
	'unknown_template',
	'unauthorized',
	'participant_removed',
	'forbidden',
	'session_not_found',
	'session_finished',
	'session_full',
	'not_found',
	'method_not_allowed',
	'rate_limited',
	'unknown_command',
	'participant_not_found',
	'phase_not_found',
	'not_a_silent_phase',
	'timer_without_duration',
	'agenda_empty',
	'agenda_too_long',
	'phase_title_required',
	'phase_text_too_long',
	'phase_duplicate',
	'phase_invalid',
	'groups_empty',
	'groups_too_many',
	'group_invalid',
	'group_label_required',
	'group_duplicate',
	'group_in_use',
	'voting_scope_empty',
	'voting_options_invalid',
	'voting_not_found',
	'voting_already_open',
	'voting_round_limit',
	'voting_closed',
	'voting_no_results',
	'card_not_found',
	'card_out_of_scope',
	'no_dots_left',
	'card_dots_full',
	'no_dot_on_card',
	'municipality_too_long',
	'export_format_unknown',
	'import_invalid',
	'import_version_unsupported',
	'comparison_invalid',
	/** The browser has no connection to the server: nothing was sent (never sent by the server). */
	'offline',
	'internal'
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What exactly is wrong, in the caller's language, after the code's own message. */
export type ErrorDetail = (locale: Locale) => string;

export interface ErrorBody {
	readonly error: { readonly code: ErrorCode; readonly message: string };
}

export function isErrorCode(value: unknown): value is ErrorCode {
	return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
