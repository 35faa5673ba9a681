import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sqliteStores } from '../../server/persistence/sqlite';
import { storageContract } from './storage-contract';

const dirs: string[] = [];
function freshDir(): string {
	const dir = mkdtempSync(path.join(tmpdir(), 'fokusrunde-sqlite-'));
	dirs.push(dir);
	return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

storageContract('sqlite', async () => sqliteStores(freshDir()));

describe('sqlite: durability', () => {
	it('keeps sessions and updates across a reopen of the same directory', async () => {
		const dir = freshDir();
		const first = sqliteStores(dir);
		const doc = new Y.Doc();
		doc.getText('t').insert(0, 'Gemeinwohl');
		const update = Y.encodeStateAsUpdate(doc);
		await first.docs.appendUpdates([{ boardId: 'b', update }]);
		await first.close();
		const second = sqliteStores(dir);
		expect(await second.docs.loadUpdates('b')).toEqual([update]);
		await second.close();
	});
});
