import { describe, expect, it } from 'vitest';
import { checkBoardUpdate } from '../../src/lib/domain/board/update-policy';
import type { ExportFile } from '../../src/lib/domain/export/model';
import { createLogger } from '../log';
import { memoryStores } from '../persistence/memory';
import { BoardSync, DEFAULT_SYNC_OPTIONS } from '../realtime/yjs/board-sync';
import { SecretBox } from '../security/secret-box';
import { ControlService } from './control-service';
import { ExportService } from './export-service';
import { SessionEvents } from './session-events';
import { SessionService } from './session-service';
import { VotingService } from './voting-service';

describe('an export asked for just before the session is deleted', () => {
	it('is not handed out once the session is gone', async () => {
		const stores = memoryStores();
		const events = new SessionEvents();
		const sessions = new SessionService(stores.sessions, SecretBox.ephemeral());
		const control = new ControlService(sessions, events);
		const sync = new BoardSync(stores.docs, checkBoardUpdate, {
			...DEFAULT_SYNC_OPTIONS,
			log: createLogger('silent'),
			unloadDelayMs: 0
		});
		const voting = new VotingService(stores.voting, sessions, sync, events, async () => false);
		// A writer that takes its time, as a document does; the session is deleted while it renders.
		let rendering: () => void = () => {};
		const rendered = new Promise<void>((resolve) => (rendering = resolve));
		let release: () => void = () => {};
		const held = new Promise<void>((resolve) => (release = resolve));
		const exports = new ExportService(sessions, control, voting, sync, {
			json: async (): Promise<ExportFile> => {
				rendering();
				await held;
				return { body: '{}', contentType: 'application/json', extension: 'json' };
			}
		});
		const created = await sessions.create({ title: 'Gleich weg', template: 'blank' }, 'http://x');
		if (!created.ok) throw new Error(created.error);
		const asked = exports.export(created.value.session.id, 'json', {
			named: true,
			delimiter: ','
		});
		await rendered;
		expect(await sessions.delete(created.value.session.id)).toBe(true);
		release();
		expect(await asked).toEqual({ ok: false, error: 'session_not_found' });
		voting.stop();
		await sync.close();
	});
});
