import type { z } from 'zod';
import type { ErrorCode } from './errors';

/**
 * The error a command of the wrong shape gets. Where the shape says what is
 * wrong in words the API documents (a title too long, a phase with an unknown
 * mode or area), that code; otherwise `bad_request`. The same rules as the
 * services' own checks, so a client learns the same code whichever caught it.
 */
export function commandRefusal(type: string, issues: readonly z.core.$ZodIssue[]): ErrorCode {
	for (const { path, code } of issues) {
		const field = path.at(-1);
		if (type === 'session.update' && path.length === 1 && field === 'title' && code === 'too_big')
			return 'title_too_long';
		if (type === 'agenda.update' && path[0] === 'agenda' && path.length >= 3) {
			const key = path[2];
			if ((key === 'title' || key === 'question') && code === 'too_big')
				return 'phase_text_too_long';
			if (key === 'mode' || key === 'areas' || key === 'durationMin') return 'phase_invalid';
		}
	}
	return 'bad_request';
}
