import type { ComparisonFormat } from '../../src/lib/domain/export/comparison-rules';
import type { Locale } from '../../src/lib/i18n/catalog';
import {
	runComparison,
	type ComparisonJobInput,
	type ComparisonOutcome
} from '../exports/comparison-job';

/** Where a comparison runs: the export worker in production, this thread without one. */
export type ComparisonRunner = (input: ComparisonJobInput) => Promise<ComparisonOutcome>;

/**
 * Compares sessions from export files the caller holds (POST /api/comparisons/:format): nothing
 * is read from or written to storage, so any number of sessions of any server can be compared.
 */
export class ComparisonService {
	constructor(
		private readonly run: ComparisonRunner = runComparison,
		private readonly now: () => number = Date.now
	) {}

	compare(body: Uint8Array, format: ComparisonFormat, callerLocale: Locale) {
		return this.run({ body, format, callerLocale, now: this.now() });
	}
}
