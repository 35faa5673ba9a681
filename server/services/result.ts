import type { ErrorCode, ErrorDetail } from '../../src/lib/protocol/errors';

export type Result<T> =
	| { readonly ok: true; readonly value: T }
	| { readonly ok: false; readonly error: ErrorCode; readonly detail?: ErrorDetail };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: ErrorCode, detail?: ErrorDetail): Result<T> =>
	detail ? { ok: false, error, detail } : { ok: false, error };
