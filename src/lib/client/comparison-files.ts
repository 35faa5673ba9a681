import {
	COMPARISON_MAX_BYTES,
	COMPARISON_MAX_SESSIONS,
	COMPARISON_MIN_SESSIONS,
	EXPORT_FILE_MAX_BYTES
} from '../domain/export/comparison-rules';
import type { MessageKey, MessageParams } from '../i18n/catalog';

const MIB = 1024 * 1024;

/** What the page says about files it does not send: a catalog key with its parameters. */
export interface FileProblem {
	readonly key: MessageKey;
	readonly params?: MessageParams;
}

/**
 * The export files chosen for a comparison, parsed — or why they are not sent: too few or too
 * many, one too large or all together, one that is no JSON. The server checks all of it again;
 * this spares an upload of 32 MiB that would be refused, and names the file by its name.
 */
export async function readComparisonFiles(
	files: readonly File[]
): Promise<{ ok: true; documents: unknown[] } | { ok: false; problem: FileProblem }> {
	if (files.length < COMPARISON_MIN_SESSIONS) return refuse('compare.noFiles');
	if (files.length > COMPARISON_MAX_SESSIONS)
		return refuse('compare.problem.tooMany', {
			max: COMPARISON_MAX_SESSIONS,
			count: files.length
		});
	const large = files.find((f) => f.size > EXPORT_FILE_MAX_BYTES);
	if (large)
		return refuse('compare.fileTooLarge', { name: large.name, max: EXPORT_FILE_MAX_BYTES / MIB });
	if (files.reduce((sum, f) => sum + f.size, 0) > COMPARISON_MAX_BYTES)
		return refuse('compare.filesTooLarge', { max: COMPARISON_MAX_BYTES / MIB });
	const documents: unknown[] = [];
	for (const file of files) {
		try {
			documents.push(JSON.parse(await file.text()));
		} catch {
			return refuse('compare.notJson', { name: file.name });
		}
	}
	return { ok: true, documents };
}

function refuse(key: MessageKey, params?: MessageParams): { ok: false; problem: FileProblem } {
	return { ok: false, problem: params ? { key, params } : { key } };
}
