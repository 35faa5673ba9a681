import { parseGroupList } from '../../src/lib/domain/session/stakeholder-groups';
import { validateAgenda } from '../../src/lib/domain/session/agenda';
import type { ExportModel } from '../../src/lib/domain/export/model';
import {
	IdMap,
	importedAgenda,
	importedFacilitatorName,
	importedGroups,
	importedParticipants,
	restoreBoard,
	restoreRounds
} from '../../src/lib/domain/export/restore';
import type { Locale } from '../../src/lib/i18n/catalog';
import { readImport, type ImportJobInput, type ImportReading } from '../exports/import-job';
import type { DocAccess } from '../realtime/yjs/drafts';
import { newId } from '../security/tokens';
import { fail, type Result } from './result';
import type { Admission, CreatedSession, SessionService } from './session-service';
import type { SessionEvents } from './session-events';
import type { VotingService } from './voting-service';

/**
 * Makes a new session from a JSON export: session, agenda and groups, the
 * participants as pseudonyms without usable tokens, the board and the voting
 * rounds with their results. The facilitator gets new credentials, as when
 * creating a session.
 */
export class ImportService {
	constructor(
		private readonly sessions: SessionService,
		private readonly voting: VotingService,
		private readonly docs: DocAccess,
		private readonly events: SessionEvents,
		/** Where a body is read: the export worker in production, this thread without one. */
		private readonly reader: (input: ImportJobInput) => Promise<ImportReading> = async (input) =>
			readImport(input)
	) {}

	/** Parses and checks an import's body; the refusal is written in the caller's language. */
	read(body: Uint8Array, callerLocale: Locale): Promise<ImportReading> {
		return this.reader({ body, callerLocale });
	}

	/** `admit` is asked once the file has passed every check of the session's rules (see Admission). */
	async import(
		model: ExportModel,
		origin: string,
		admit?: Admission
	): Promise<Result<CreatedSession>> {
		const agenda = importedAgenda(model);
		const agendaProblem = validateAgenda(agenda);
		if (agendaProblem) return fail(agendaProblem);
		const groups = parseGroupList(importedGroups(model), new Set());
		if (!groups.ok) return fail(groups.error);
		const participants = importedParticipants(model);

		const created = await this.sessions.create(
			{
				title: model.session.title,
				municipality: model.session.municipality,
				template: model.session.template,
				language: model.session.language
			},
			origin,
			{
				createdAt: model.session.createdAt,
				agenda,
				stakeholderGroups: groups.value,
				facilitatorName: importedFacilitatorName(model),
				participants
			},
			admit
		);
		if (!created.ok) return created;
		const { session, people } = created.value;

		const ids = new IdMap(() => newId());
		const [facilitator, observer, ...joined] = people;
		for (const p of model.participants)
			if (p.role === 'facilitator') ids.set('participant', p.id, facilitator!.id);
			else if (p.role === 'observer') ids.set('participant', p.id, observer!.id);
		participants.forEach((p, i) => ids.set('participant', p.oldId, joined[i]!.id));

		try {
			await this.docs.change(session.boardId, session.id, (doc) => restoreBoard(doc, model, ids));
			await this.voting.restore(session.id, restoreRounds(model, ids, session.id));
		} catch (error) {
			// Half a session is worse than none: the import either happens whole or not at all.
			await this.sessions.delete(session.id);
			this.events.emit('sessionDeleted', { sessionId: session.id, boardId: session.boardId });
			throw error;
		}
		return created;
	}
}
