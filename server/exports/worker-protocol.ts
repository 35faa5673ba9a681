import type { ExportFile, ExportModel, ExportOptions } from '../../src/lib/domain/export/model';
import type { HeavyFormat } from './heavy';

/** What the main thread asks the export worker for; models and files are plain data (structured clone). */
export interface WorkerJob {
	readonly id: number;
	readonly format: HeavyFormat;
	readonly model: ExportModel;
	readonly options: ExportOptions;
}

export type WorkerReply =
	| { readonly id: number; readonly ok: true; readonly file: ExportFile }
	| { readonly id: number; readonly ok: false; readonly message: string };
