import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createCard } from '../../src/lib/domain/board/cards';
import {
	api,
	connectBoard,
	createSession,
	spawnServer,
	startTestServer,
	tempDataDir
} from '../helpers/server';

const dirs: { remove: () => void }[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));
const fresh = () => {
	const data = tempDataDir();
	dirs.push(data);
	return data.dir;
};
const modeOf = (file: string) => (statSync(file).mode & 0o777).toString(8);

describe('the data directory', () => {
	it('keeps names and card texts readable by the server’s user only', async () => {
		const dir = path.join(fresh(), 'fokusrunde');
		const server = await startTestServer(dir);
		const session = await createSession(server.url);
		const board = connectBoard(server.url, session.boardId, session.facilitatorToken);
		await board.synced;
		createCard(board.doc, {
			id: 'c1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Vergabestellen kennen die Betriebe vor Ort kaum'
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		const files = ['fokusrunde.sqlite', 'fokusrunde.sqlite-wal', 'instance.key'];
		const journal = path.join(dir, 'board-updates.journal');
		expect(modeOf(dir)).toBe('700');
		for (const file of files) expect(modeOf(path.join(dir, file)), file).toBe('600');
		if (existsSync(journal)) expect(modeOf(journal)).toBe('600');
		board.provider.destroy();
		await server.close();
	});

	it('refuses to start on a database restored without its instance key, or with another one', async () => {
		const dir = fresh();
		const first = await startTestServer(dir);
		const session = await createSession(first.url);
		await first.close();
		const keyFile = path.join(dir, 'instance.key');
		const key = readFileSync(keyFile);

		unlinkSync(keyFile);
		await expect(startTestServer(dir)).rejects.toThrow(
			/instance\.key is missing, but the database beside it holds sessions/
		);
		// Nothing was made up in its place: putting the right key back is all it takes.
		expect(existsSync(keyFile)).toBe(false);

		writeFileSync(keyFile, randomBytes(32).toString('base64url') + '\n', { mode: 0o600 });
		await expect(startTestServer(dir)).rejects.toThrow(
			/instance\.key is not the key that sealed the links/
		);

		writeFileSync(keyFile, key);
		const restored = await startTestServer(dir);
		const view = await api<{ participantUrl: string }>(
			restored.url,
			'GET',
			`/api/sessions/${session.id}`,
			undefined,
			{ authorization: `Bearer ${session.facilitatorToken}` }
		);
		expect(view.status).toBe(200);
		expect(view.body.participantUrl).toContain(session.id);
		await restored.close();
	});

	it('says which DATA_DIR cannot hold the database, in one line without a stack trace', async () => {
		// A file where a directory should be: ENOTDIR, also for root.
		const file = path.join(fresh(), 'not-a-directory');
		writeFileSync(file, '');
		const failed = await spawnServer(path.join(file, 'data')).then(
			() => 'started',
			(error: Error) => error.message
		);
		expect(failed).toMatch(/exited with 1/);
		expect(failed).toContain(`Fokusrunde failed to start: DATA_DIR=${path.join(file, 'data')}`);
		expect(failed).not.toMatch(/\n\s+at /);

		// DATA_DIR naming the file itself: EEXIST from creating the directory.
		const itself = await spawnServer(file).then(
			() => 'started',
			(error: Error) => error.message
		);
		expect(itself).toMatch(/exited with 1/);
		expect(itself).toContain(`Fokusrunde failed to start: DATA_DIR=${file}`);
		expect(itself).not.toMatch(/\n\s+at /);
	});

	it('says so too where no directory can be made (under /proc), instead of hanging at start', async () => {
		const dir = '/proc/fokusrunde-data-dir-test/data';
		const failed = await spawnServer(dir).then(
			() => 'started',
			(error: Error) => error.message
		);
		expect(failed).toMatch(/exited with 1/);
		expect(failed).toContain(`Fokusrunde failed to start: DATA_DIR=${dir}`);
		expect(failed).not.toMatch(/\n\s+at /);
	});
});
