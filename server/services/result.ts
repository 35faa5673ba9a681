import type { ErrorCode } from '../../src/lib/protocol/errors';

export type Result<T> =
	{ readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ErrorCode };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = <T = never>(error: ErrorCode): Result<T> => ({ ok: false, error });
