import { buildExportModel } from '../../src/lib/domain/export/build';
import { exportFileName } from '../../src/lib/domain/export/file-name';
import {
	isExportFormat,
	type ExportFile,
	type ExportFormat,
	type ExportOptions,
	type ExportWriter
} from '../../src/lib/domain/export/model';
import { DEFAULT_TIME_ZONE } from '../../src/lib/domain/export/time-zone';
import type { DocAccess } from '../realtime/yjs/drafts';
import type { ControlService } from './control-service';
import { fail, ok, type Result } from './result';
import type { SessionService } from './session-service';
import type { VotingService } from './voting-service';

export interface ExportRequest {
	readonly named: boolean;
	/** Default: the session's language. */
	readonly locale?: ExportOptions['locale'];
	readonly delimiter: ExportOptions['delimiter'];
	/** Default: DEFAULT_TIME_ZONE. */
	readonly timeZone?: ExportOptions['timeZone'];
}

export interface RenderedExport {
	readonly file: ExportFile;
	/** `<ascii slug of the title>-<YYYY-MM-DD>.<extension>` */
	readonly fileName: string;
}

/**
 * Exports a session at any moment: the board as it is now (the live document
 * when it is loaded, else from storage), the control state and voting as the
 * services hold them, written by the format's writer.
 */
export class ExportService {
	constructor(
		private readonly sessions: SessionService,
		private readonly control: ControlService,
		private readonly voting: VotingService,
		private readonly docs: DocAccess,
		private readonly writers: Partial<Record<ExportFormat, ExportWriter>>,
		private readonly now: () => number = Date.now
	) {}

	/** Whether a format can be written here (the others answer `export_format_unknown`). */
	supports(format: string): format is ExportFormat {
		return isExportFormat(format) && this.writers[format] !== undefined;
	}

	async export(
		sessionId: string,
		format: string,
		request: ExportRequest
	): Promise<Result<RenderedExport>> {
		if (!this.supports(format)) return fail('export_format_unknown');
		const writer = this.writers[format]!;
		const session = await this.sessions.getSession(sessionId);
		const control = await this.control.state(sessionId);
		const rounds = await this.voting.snapshot(sessionId);
		if (!session || !control || !rounds) return fail('session_not_found');
		const participants = await this.sessions.participants(sessionId);
		const options: ExportOptions = {
			locale: request.locale ?? session.language,
			named: request.named,
			delimiter: request.delimiter,
			timeZone: request.timeZone ?? DEFAULT_TIME_ZONE
		};
		// Built inside the read: the model is one consistent state of the board.
		const model = await this.docs.read(session.boardId, sessionId, (board) =>
			buildExportModel(
				{
					session,
					agenda: control.agenda,
					participants,
					board,
					rounds,
					now: this.now(),
					finishedAt: control.finished?.at ?? null
				},
				options
			)
		);
		const file = await writer(model, options);
		// Rendering takes a while (seconds for a document): a session deleted meanwhile leaves nothing,
		// not even a file asked for before.
		if (!(await this.sessions.getSession(sessionId))) return fail('session_not_found');
		return ok({
			file,
			fileName: exportFileName(model.session.title, model.session.date, file.extension)
		});
	}
}
