import type { ExportFile, ExportModel, ExportOptions } from '../../src/lib/domain/export/model';
import type { ComparisonJobInput, ComparisonOutcome } from './comparison-job';
import type { HeavyFormat } from './heavy';

/** What the main thread asks the export worker for; models and files are plain data (structured clone). */
export type WorkerJob = ExportJob | ComparisonJob;

export interface ExportJob {
	readonly id: number;
	readonly format: HeavyFormat;
	readonly model: ExportModel;
	readonly options: ExportOptions;
}

/** A whole comparison of sessions, from the request's body (POST /api/comparisons/:format). */
export interface ComparisonJob {
	readonly id: number;
	readonly comparison: ComparisonJobInput;
}

export type WorkerReply =
	| { readonly id: number; readonly ok: true; readonly file: ExportFile }
	| { readonly id: number; readonly ok: true; readonly outcome: ComparisonOutcome }
	| { readonly id: number; readonly ok: false; readonly message: string };
