import type { ExportFile, ExportModel, ExportOptions } from '../../src/lib/domain/export/model';
import type { ComparisonJobInput, ComparisonOutcome } from './comparison-job';
import type { ImportJobInput, ImportReading } from './import-job';
import type { HeavyFormat } from './heavy';

/** What the main thread asks the export worker for; models and files are plain data (structured clone). */
export type WorkerJob = ExportJob | ComparisonJob | ImportJob;

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

/** An import's body to read and check (POST /api/sessions/import); the session is made on the main thread. */
export interface ImportJob {
	readonly id: number;
	readonly importBody: ImportJobInput;
}

export type WorkerReply =
	| { readonly id: number; readonly ok: true; readonly file: ExportFile }
	| { readonly id: number; readonly ok: true; readonly outcome: ComparisonOutcome | ImportReading }
	| { readonly id: number; readonly ok: false; readonly message: string };
