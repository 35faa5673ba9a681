import { afterAll, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { createCard, readCards } from '../../src/lib/domain/board/cards';
import {
	api,
	connectBoard,
	createSession,
	joinSession,
	spawnServer,
	tempDataDir,
	until
} from '../helpers/server';

const data = tempDataDir();
const dirs = [data];
const children: ChildProcess[] = [];
const providers: { destroy(): void }[] = [];

afterAll(() => {
	providers.forEach((p) => p.destroy());
	children.forEach((c) => c.kill('SIGKILL'));
	dirs.forEach((d) => d.remove());
});

const exited = (child: ChildProcess) =>
	new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);

describe('durability', () => {
	it('refuses to start a second server on a data directory in use', async () => {
		const running = await spawnServer(data.dir);
		children.push(running.child);
		await expect(spawnServer(data.dir)).rejects.toThrow(/in use by another Fokusrunde server/);
		const gone = exited(running.child);
		running.child.kill('SIGTERM');
		await gone;
	});

	it('keeps a card another participant has received through kill -9 and a restart', async () => {
		const first = await spawnServer(data.dir);
		children.push(first.child);
		const s = await createSession(first.url);
		const alice = await joinSession(first.url, s, 'Alice');
		const bob = await joinSession(first.url, s, 'Bob');
		const a = connectBoard(first.url, s.boardId, alice.token);
		const b = connectBoard(first.url, s.boardId, bob.token);
		providers.push(a.provider, b.provider);
		await Promise.all([a.synced, b.synced]);
		createCard(a.doc, {
			id: 'seen',
			area: 'challenges',
			authorId: alice.participantId,
			createdAt: 1,
			text: 'Gesehen ist gespeichert'
		});
		await until(() => readCards(b.doc).length === 1, 5000, 'bob receives the card');

		const gone = exited(first.child);
		first.child.kill('SIGKILL');
		expect((await gone).signal).toBe('SIGKILL');
		a.provider.destroy();
		b.provider.destroy();

		const second = await spawnServer(data.dir);
		children.push(second.child);
		const c = connectBoard(second.url, s.boardId, bob.token);
		providers.push(c.provider);
		await c.synced;
		expect(readCards(c.doc).map((card) => card.text)).toEqual(['Gesehen ist gespeichert']);
		const session = await api<{ title: string }>(
			second.url,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			{
				authorization: `Bearer ${bob.token}`
			}
		);
		expect(session.body.title).toBe('Faire Beschaffung – Fokusgruppe Musterstadt');
	});

	it('stops gracefully on SIGTERM and keeps the board', async () => {
		const other = tempDataDir();
		dirs.push(other);
		const first = await spawnServer(other.dir);
		children.push(first.child);
		const s = await createSession(first.url);
		const a = connectBoard(first.url, s.boardId, s.facilitatorToken);
		providers.push(a.provider);
		await a.synced;
		for (let i = 0; i < 20; i++)
			createCard(a.doc, {
				id: `c${i}`,
				area: 'potentials',
				authorId: s.facilitatorId,
				createdAt: i,
				text: `Idee ${i}`
			});
		const probe = connectBoard(first.url, s.boardId, s.facilitatorToken);
		providers.push(probe.provider);
		await until(() => readCards(probe.doc).length === 20, 5000, 'cards relayed');
		const gone = exited(first.child);
		first.child.kill('SIGTERM');
		expect((await gone).code).toBe(0);
		a.provider.destroy();
		probe.provider.destroy();

		const second = await spawnServer(other.dir);
		children.push(second.child);
		const c = connectBoard(second.url, s.boardId, s.facilitatorToken);
		providers.push(c.provider);
		await c.synced;
		expect(readCards(c.doc)).toHaveLength(20);
	});
});
