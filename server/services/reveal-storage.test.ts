import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCard, readCards } from '../../src/lib/domain/board/cards';
import type { Actor } from '../../src/lib/domain/session/roles';
import { checkBoardUpdate } from '../../src/lib/domain/board/update-policy';
import { composeServices, SYNC_OPTIONS } from '../../tests/helpers/services';
import { sqliteStores } from '../persistence/sqlite';
import type { SyncDocStore } from '../persistence/update-journal';
import { BoardSync } from '../realtime/yjs/board-sync';
import { draftsDocId } from '../realtime/yjs/drafts';

// The services on SQLite, as app.ts composes them: the board's storage is what fails here.
const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-reveal-'));
const stores = sqliteStores(dir);
const { sessions, sync, bus, stop } = composeServices(stores);
afterAll(async () => {
	await stop();
	await stores.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('a reveal whose board cannot be stored', () => {
	it('keeps the drafts with their writers and the phase unrevealed, and reveals them once it can', async () => {
		const created = await sessions.create({ title: 'Platte voll', template: 'study' }, 'http://x');
		if (!created.ok) throw new Error(created.error);
		const { session, facilitator, joinToken } = created.value;
		const joined = await sessions.join(session.id, { joinToken, name: 'Ida' });
		if (!joined.ok) throw new Error(joined.error);
		const writer = joined.value.participant.id;
		const staff: Actor = {
			sessionId: session.id,
			participantId: facilitator.id,
			role: 'facilitator'
		};
		await bus.execute(staff, { type: 'phase.goto', phaseId: 'challenges' }, 'http://x');
		const drafts = draftsDocId(session.boardId, writer);
		await sync.change(drafts, session.id, (doc) =>
			createCard(doc, {
				id: 'entwurf',
				area: 'challenges',
				authorId: writer,
				createdAt: 2,
				text: 'Zu wenig Zeit',
				phaseId: 'challenges'
			})
		);
		// The board's write fails once (the database locked by a backup tool, say).
		const store = stores.docs as unknown as SyncDocStore;
		const append = store.appendNow.bind(store);
		let failed = false;
		store.appendNow = (updates) => {
			if (!failed && updates.some((u) => u.boardId === session.boardId)) {
				failed = true;
				throw Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });
			}
			return append(updates);
		};
		const answer = await bus
			.execute(staff, { type: 'drafts.reveal' }, 'http://x')
			.catch(() => ({ ok: false }));
		store.appendNow = append;
		expect(answer.ok).toBe(false);
		expect((await sessions.getSession(session.id))?.control.revealed).toEqual([]);
		// What a server starting afresh would read: the draft is still the writer's.
		const texts = async (docId: string) => {
			const fresh = new BoardSync(stores.docs, checkBoardUpdate, SYNC_OPTIONS);
			try {
				return await fresh.read(docId, session.id, (doc) => readCards(doc).map((c) => c.text));
			} finally {
				await fresh.close();
			}
		};
		expect(await texts(session.boardId)).toEqual([]);
		expect(await texts(drafts)).toEqual(['Zu wenig Zeit']);

		expect((await bus.execute(staff, { type: 'drafts.reveal' }, 'http://x')).ok).toBe(true);
		expect(await texts(session.boardId)).toEqual(['Zu wenig Zeit']);
		expect(await texts(drafts)).toEqual([]);
		expect((await sessions.getSession(session.id))?.control.revealed).toEqual(['challenges']);
	});
});
