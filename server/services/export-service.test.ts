import { describe, expect, it } from 'vitest';
import type { ExportFile } from '../../src/lib/domain/export/model';
import { composeServices } from '../../tests/helpers/services';
import { memoryStores } from '../persistence/memory';
import { ExportService } from './export-service';

describe('an export asked for just before the session is deleted', () => {
	it('is not handed out once the session is gone', async () => {
		const stores = memoryStores();
		const { sessions, control, sync, voting, stop } = composeServices(stores);
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
		await stop();
	});
});
