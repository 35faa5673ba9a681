import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import { controlClient } from '../helpers/control';
import type { CreateSessionResponse } from '../../src/lib/protocol/api';
import { api, createSession, joinSession, startTestServer, tempDataDir } from '../helpers/server';

/**
 * The command limit with COMMAND_RATE=1, so that budgets are small and refill
 * slowly: a participant may send 6 commands in a burst, then one per second;
 * staff ten times as many (60, then 10 per second).
 */
let server: RunningServer;
const data = tempDataDir();
const cleanup: (() => void)[] = [];

beforeAll(async () => {
	server = await startTestServer(data.dir, { COMMAND_RATE: '1' });
});
afterAll(async () => {
	cleanup.forEach((fn) => fn());
	await server.close();
	data.remove();
});

const post = (sessionId: string, token: string, payload: object) =>
	api<{ ok?: boolean; error?: { code: string } }>(
		server.url,
		'POST',
		`/api/sessions/${sessionId}/commands`,
		payload,
		{ authorization: `Bearer ${token}` }
	);

describe('the command limit', () => {
	it('never refuses a facilitator clicking through a meeting, on either transport, but stops a flood', async () => {
		const s = await createSession(server.url, 'Zügig moderiert', 'study');
		const facilitator = controlClient(server.url, s.id, s.facilitatorToken);
		cleanup.push(() => facilitator.socket.disconnect());
		await facilitator.connected;
		// Forty steps one after another: far more than a participant's burst.
		const steps = ['phase.next', 'board.lock', 'timer.reset', 'board.unlock', 'phase.previous'];
		for (let i = 0; i < 40; i++) {
			const type = steps[i % steps.length]!;
			expect(await facilitator.command({ type }), `${type} (${i + 1}.)`).toMatchObject({
				ok: true
			});
		}
		for (let i = 0; i < 10; i++)
			expect((await post(s.id, s.facilitatorToken, { type: 'phase.previous' })).status).toBe(200);

		// A script that floods the server is still stopped.
		const flood = await Promise.all(
			Array.from({ length: 200 }, () => facilitator.command({ type: 'board.lock' }))
		);
		const refused = flood.filter((r) => !r.ok);
		expect(refused.length).toBeGreaterThan(100);
		for (const r of refused) expect(r).toMatchObject({ error: { code: 'rate_limited' } });
	});

	it('counts a participant’s commands over HTTP against the same budget as over socket.io', async () => {
		const s = await createSession(server.url, 'Ein Budget', 'study');
		const p = await joinSession(server.url, s, 'Ole');
		const other = await joinSession(server.url, s, 'Pia');
		const socket = controlClient(server.url, s.id, p.token);
		cleanup.push(() => socket.socket.disconnect());
		await socket.connected;
		// No round is open: each dot is refused (there is no round to place it in), and each counts.
		const dot = { type: 'vote.add', cardId: 'c1' };
		for (let i = 0; i < 6; i++)
			expect((await post(s.id, p.token, dot)).body.error?.code, `dot ${i + 1}`).toBe(
				'voting_not_found'
			);
		const limited = await post(s.id, p.token, dot);
		expect([limited.status, limited.body.error?.code]).toEqual([429, 'rate_limited']);
		expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		// The budget is the caller's, not the transport's…
		expect(await socket.command(dot)).toMatchObject({
			ok: false,
			error: { code: 'rate_limited' }
		});
		// …and not anyone else's.
		expect((await post(s.id, other.token, dot)).body.error?.code).toBe('voting_not_found');
	});
});

describe('the limit on creating and importing sessions', () => {
	it('counts only sessions that are made (20 at once, then one every 5 s): refused requests use up nothing', async () => {
		// A server of its own: the budget is per address, and this test spends all of it.
		const ownData = tempDataDir();
		const own = await startTestServer(ownData.dir);
		cleanup.push(() => ownData.remove());
		const send = async (path: string, body: string, type = 'application/json') => {
			const response = await fetch(own.url + path, {
				method: 'POST',
				headers: { 'content-type': type },
				body
			});
			const answer = (await response.json()) as CreateSessionResponse & {
				error?: { code: string };
			};
			return {
				status: response.status,
				code: answer.error?.code,
				answer,
				headers: response.headers
			};
		};
		const create = (body: unknown) => send('/api/sessions', JSON.stringify(body));
		const importing = (body: unknown) => send('/api/sessions/import', JSON.stringify(body));

		// The first session made, and its export to import again.
		const { answer: s } = await create({ title: 'Zum Exportieren', template: 'blank' });
		const exported = (await (
			await fetch(`${own.url}/api/sessions/${s.id}/export/json`, {
				headers: { authorization: `Bearer ${s.facilitatorToken}` }
			})
		).json()) as { session: { title: string }; agenda: unknown[] };

		// A script's mistakes, each refused, none of them a session: 25 rounds of them.
		const mistakes = [
			() => create({ title: '' }),
			() => create({ title: 5 }),
			() => create({ title: 'x', template: 'nope' }),
			() => send('/api/sessions', '{"title": "x"'),
			() => send('/api/sessions', 'title=x', 'application/x-www-form-urlencoded'),
			() => create({ title: 'x'.repeat(70_000) }),
			() => importing({ version: 99 }),
			() => importing({ hello: 'world' }),
			() => importing({ ...exported, session: { ...exported.session, title: '' } }),
			() => importing({ ...exported, agenda: [] })
		];
		for (let round = 0; round < 25; round++)
			for (const [i, mistake] of mistakes.entries()) {
				const refused = await mistake();
				expect([400, 413, 415], `mistake ${i + 1} in round ${round + 1}`).toContain(refused.status);
			}
		// One made so far; nineteen more fit, creations and imports alike.
		for (let i = 0; i < 10; i++)
			expect((await create({ title: `Sitzung ${i}` })).status, `session ${i + 2}`).toBe(201);
		for (let i = 0; i < 9; i++)
			expect((await importing(exported)).status, `import ${i + 1}`).toBe(201);
		for (const attempt of [() => create({ title: 'Eine zu viel' }), () => importing(exported)]) {
			const limited = await attempt();
			expect([limited.status, limited.code]).toEqual([429, 'rate_limited']);
			expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
		}
		// With nothing left, the address is told so before its body is read, whatever it holds.
		expect((await create({ title: '' })).status).toBe(429);
		await own.close();
	});
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
	it('counts the address the proxy appended, not what the client wrote before it', async () => {
		const proxied = tempDataDir();
		const behind = await startTestServer(proxied.dir, { TRUST_PROXY: 'true' });
		try {
			// As nginx's $proxy_add_x_forwarded_for passes it on: the client's own header, then its address.
			const lookUp = (forwardedFor: string) =>
				fetch(`${behind.url}/api/join-codes/ABCD-EFGH`, {
					headers: { 'x-forwarded-for': forwardedFor }
				}).then((r) => r.status);
			const statuses: number[] = [];
			for (let i = 0; i < 30; i++) statuses.push(await lookUp(`10.9.${i}.1, 203.0.113.7`));
			expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true);
			expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
			expect(await lookUp('10.9.0.1, 203.0.113.8')).toBe(404);
		} finally {
			await behind.close();
			proxied.remove();
		}
	});
});
