import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { RunningServer } from '../../server/index';
import type { StateResponse } from '../../src/lib/protocol/api';
import {
	CONTROL_CONNECTIONS_PER_PERSON,
	type ClientToServerEvents,
	type CommandResult,
	type RosterEntry,
	type ServerToClientEvents,
	type SessionState
} from '../../src/lib/protocol/realtime';
import { createSession, joinSession, startTestServer, tempDataDir, until } from '../helpers/server';

type ControlSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

let server: RunningServer;
const data = tempDataDir();
const sockets: ControlSocket[] = [];

beforeAll(async () => {
	server = await startTestServer(data.dir);
});
afterAll(async () => {
	sockets.forEach((s) => s.disconnect());
	await server.close();
	data.remove();
});

function control(sessionId: string, token?: string, headers: Record<string, string> = {}) {
	const socket: ControlSocket = connect(server.url, {
		auth: token ? { sessionId, token } : { sessionId },
		transports: ['websocket'],
		reconnection: false,
		extraHeaders: headers
	});
	sockets.push(socket);
	const seen = { session: null as SessionState | null, roster: [] as RosterEntry[] };
	socket.on('session', (s) => (seen.session = s));
	socket.on('roster', (r) => (seen.roster = r));
	return { socket, seen };
}

const connected = (socket: ControlSocket) =>
	new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});

const command = (socket: ControlSocket, payload: unknown) =>
	new Promise<CommandResult>((resolve) => socket.emit('command', payload, resolve));

describe('control plane over socket.io', () => {
	it('shows who is online to everyone in the session', async () => {
		const s = await createSession(server.url);
		const elke = await joinSession(server.url, s, 'Elke S.');
		const f = control(s.id, s.facilitatorToken);
		await connected(f.socket);
		await until(() => f.seen.session !== null && f.seen.roster.length === 3, 5000, 'first roster');
		expect(f.seen.roster.find((r) => r.role === 'facilitator')?.online).toBe(true);
		expect(f.seen.roster.find((r) => r.name === 'Elke S.')?.online).toBe(false);
		const p = control(s.id, elke.token);
		await connected(p.socket);
		await until(
			() => f.seen.roster.find((r) => r.name === 'Elke S.')?.online === true,
			5000,
			'elke online'
		);
		p.socket.disconnect();
		await until(
			() => f.seen.roster.find((r) => r.name === 'Elke S.')?.online === false,
			5000,
			'elke offline'
		);
	});

	it('refuses a credential’s sockets past the limit, and sends a burst of arrivals one roster', async () => {
		const s = await createSession(server.url);
		const mallory = await joinSession(server.url, s, 'Mallory');
		const f = control(s.id, s.facilitatorToken);
		await connected(f.socket);
		await until(() => f.seen.roster.length === 3, 5000, 'first roster');
		let rosters = 0;
		f.socket.on('roster', () => rosters++);
		const limit = CONTROL_CONNECTIONS_PER_PERSON.participant;
		const own = Array.from({ length: limit }, () => control(s.id, mallory.token));
		await Promise.all(own.map((c) => connected(c.socket)));
		const refused = control(s.id, mallory.token);
		const error = await connected(refused.socket).then(
			() => null,
			(e: Error & { data?: { code?: string } }) => e
		);
		expect(error?.data?.code).toBe('rate_limited');
		// The others are not held to Mallory's limit.
		const f2 = control(s.id, s.facilitatorToken);
		await connected(f2.socket);
		await new Promise((resolve) => setTimeout(resolve, 300));
		// 33 arrivals in a burst: far fewer rosters than sockets.
		expect(rosters).toBeGreaterThan(0);
		expect(rosters).toBeLessThan(limit / 2);
		// One of hers closes: she may open another.
		own[0]!.socket.disconnect();
		await new Promise((resolve) => setTimeout(resolve, 100));
		const again = control(s.id, mallory.token);
		await connected(again.socket);
		for (const c of [...own, again, f2]) c.socket.disconnect();
	});

	it('broadcasts the facilitator’s settings and refuses them from a participant', async () => {
		const s = await createSession(server.url);
		const p = await joinSession(server.url, s, 'Thomas B.');
		const f = control(s.id, s.facilitatorToken);
		const t = control(s.id, p.token, { 'accept-language': 'en' });
		await Promise.all([connected(f.socket), connected(t.socket)]);
		const refused = await command(t.socket, {
			type: 'session.update',
			settings: { showAuthorNames: true }
		});
		expect(refused).toEqual({
			ok: false,
			error: { code: 'forbidden', message: 'You are not allowed to do this.' }
		});
		const accepted = await command(f.socket, {
			type: 'session.update',
			title: 'Fokusgruppe Musterstadt, 2. Treffen',
			settings: { showAuthorNames: true }
		});
		expect(accepted).toEqual({ ok: true });
		await until(
			() => t.seen.session?.title === 'Fokusgruppe Musterstadt, 2. Treffen',
			5000,
			'new title'
		);
		expect(t.seen.session?.settings.showAuthorNames).toBe(true);
		const invalid = await command(f.socket, { type: 'session.update', title: '' });
		expect(invalid).toMatchObject({ ok: false, error: { code: 'title_required' } });
		// However long: the documented code, not a generic one.
		for (const title of ['x'.repeat(201), 'x'.repeat(5000)])
			expect(await command(f.socket, { type: 'session.update', title })).toMatchObject({
				ok: false,
				error: { code: 'title_too_long' }
			});
		const phase = { id: 'p', title: 'P', question: '', areas: [], durationMin: null };
		expect(
			await command(f.socket, { type: 'agenda.update', agenda: [{ ...phase, mode: 'brainstorm' }] })
		).toMatchObject({ ok: false, error: { code: 'phase_invalid' } });
		// Lengths count the tidied text (api.md), as when the session is created: padding of spaces
		// and control characters, however long, is no length.
		const padding = ' \u0000\u200b'.repeat(700);
		expect(
			await command(f.socket, { type: 'session.update', title: padding + 'Fokusgruppe' + padding })
		).toEqual({ ok: true });
		await until(() => t.seen.session?.title === 'Fokusgruppe', 5000, 'tidied title');
		expect(
			await command(f.socket, {
				type: 'agenda.update',
				agenda: [{ ...phase, mode: 'open', title: padding + 'P', question: padding + 'Was?' }]
			})
		).toEqual({ ok: true });
		const state = (await (
			await fetch(`${server.url}/api/sessions/${s.id}/state`, {
				headers: { authorization: `Bearer ${s.facilitatorToken}` }
			})
		).json()) as StateResponse;
		expect(state.control.agenda[0]).toMatchObject({ title: 'P', question: 'Was?' });
		expect(await command(f.socket, { type: 'nonsense' })).toMatchObject({
			ok: false,
			error: { code: 'unknown_command' }
		});
		// A field the command does not have is malformed, and the answer names it.
		expect(
			await command(f.socket, { type: 'session.update', title: 'Neu', subtitle: 'Treffen 2' })
		).toEqual({
			ok: false,
			error: {
				code: 'bad_request',
				message: 'Die Anfrage ist ungültig. Unbekanntes Feld: „subtitle“.'
			}
		});
		// Not a command object at all: malformed (docs/realtime.md), not a command of unknown type.
		for (const payload of ['nonsense', null, [], 42, {}, { type: null }])
			expect(await command(f.socket, payload), JSON.stringify(payload)).toMatchObject({
				ok: false,
				error: { code: 'bad_request' }
			});
	});

	it('answers every acknowledgement, also of a command without payload or a clock with extra arguments', async () => {
		const s = await createSession(server.url);
		const f = control(s.id, s.facilitatorToken);
		await connected(f.socket);
		// As a client without the typed event map sends them.
		const raw = f.socket as unknown as Socket;
		const answer = (...args: unknown[]) =>
			new Promise<unknown>((resolve) => {
				const timer = setTimeout(() => resolve('no answer'), 2000);
				raw.emit(args[0] as string, ...args.slice(1), (result: unknown) => {
					clearTimeout(timer);
					resolve(result);
				});
			});
		for (const args of [['command'], ['command', { type: 'phase.next' }, 'extra']])
			expect(await answer(...args), JSON.stringify(args)).toMatchObject({
				ok: false,
				error: { code: 'bad_request' }
			});
		for (const args of [['clock'], ['clock', null], ['clock', 1, 'two']])
			expect(typeof (await answer(...args)), JSON.stringify(args)).toBe('number');
		expect(await answer('command', { type: 'phase.next' })).toEqual({ ok: true });
	});

	it('moves one phase when two facilitator screens press "next" at once from the same phase', async () => {
		const s = await createSession(server.url, 'Zwei Bildschirme', 'study');
		const one = control(s.id, s.facilitatorToken);
		const two = control(s.id, s.facilitatorToken);
		await Promise.all([connected(one.socket), connected(two.socket)]);
		const phaseId = async () =>
			(
				(await (
					await fetch(`${server.url}/api/sessions/${s.id}/state`, {
						headers: { authorization: `Bearer ${s.facilitatorToken}` }
					})
				).json()) as StateResponse
			).control.phaseId;
		expect(await phaseId()).toBe('welcome');
		const answers = await Promise.all(
			[one, two].map((screen) => command(screen.socket, { type: 'phase.next', from: 'welcome' }))
		);
		// Both answered ok, no error to show: the other screen's press did what this one wanted. The
		// silent phase after the welcome is not skipped.
		expect(answers).toEqual([{ ok: true }, { ok: true }]);
		expect(await phaseId()).toBe('challenges');
		expect(await command(one.socket, { type: 'phase.previous', from: 'potentials' })).toEqual({
			ok: true
		});
		expect(await phaseId()).toBe('challenges');
		// A client that does not say where it moves from moves as before.
		expect(await command(two.socket, { type: 'phase.next' })).toEqual({ ok: true });
		expect(await phaseId()).toBe('potentials');
	});

	it('answers too many phases or groups and a too long group id or label with the documented codes, however far off', async () => {
		const s = await createSession(server.url);
		const f = control(s.id, s.facilitatorToken);
		await connected(f.socket);
		const phase = (i: number) => ({
			id: `p${i}`,
			title: `Phase ${i}`,
			question: '',
			areas: [],
			durationMin: null,
			mode: 'open'
		});
		for (const phases of [31, 101])
			expect(
				await command(f.socket, {
					type: 'agenda.update',
					agenda: Array.from({ length: phases }, (_, i) => phase(i))
				}),
				`${phases} phases`
			).toMatchObject({ ok: false, error: { code: 'agenda_too_long' } });
		const groups = (count: number) =>
			Array.from({ length: count }, (_, i) => ({ id: `g${i}`, label: `Gruppe ${i}` }));
		for (const count of [31, 101])
			expect(
				await command(f.socket, { type: 'groups.update', groups: groups(count) }),
				`${count} groups`
			).toMatchObject({ ok: false, error: { code: 'groups_too_many' } });
		for (const group of [
			{ id: 'g'.repeat(41), label: 'Lang' },
			{ id: 'g'.repeat(100), label: 'Länger' },
			{ id: 'lang', label: 'x'.repeat(81) },
			{ id: 'lang', label: 'x'.repeat(500) }
		])
			expect(
				await command(f.socket, { type: 'groups.update', groups: [group] }),
				`${group.id.length}, ${group.label.length}`
			).toMatchObject({ ok: false, error: { code: 'group_invalid' } });
		// A value of the wrong type is still a malformed command.
		expect(
			await command(f.socket, { type: 'groups.update', groups: [{ id: 5, label: 'Fünf' }] })
		).toMatchObject({ ok: false, error: { code: 'bad_request' } });
	});

	it('refuses a socket without a valid token, with a typed error', async () => {
		const s = await createSession(server.url);
		const other = await createSession(server.url);
		for (const [token, code] of [
			[undefined, 'unauthorized'],
			['A'.repeat(43), 'unauthorized'],
			[other.facilitatorToken, 'forbidden']
		] as const) {
			const c = control(s.id, token);
			const error = await connected(c.socket).then(
				() => null,
				(e: Error & { data?: { code: string } }) => e
			);
			expect(error?.data?.code).toBe(code);
		}
		const refusal = async (auth: object) => {
			const socket = connect(server.url, { auth, transports: ['websocket'], reconnection: false });
			sockets.push(socket);
			const error = await connected(socket).then(
				() => null,
				(e: Error & { data?: { code: string } }) => e
			);
			return error?.data?.code;
		};
		expect(await refusal({ nope: 1 })).toBe('bad_request');
		// A token of any wrong shape is a wrong token, as over HTTP; fields beside them are refused.
		expect(await refusal({ sessionId: s.id, token: '' })).toBe('unauthorized');
		expect(await refusal({ sessionId: s.id, token: 'A'.repeat(300) })).toBe('unauthorized');
		expect(await refusal({ sessionId: s.id, token: s.facilitatorToken, x: 1 })).toBe('bad_request');
		// …and named, so that an integrator does not have to guess which one.
		const socket = connect(server.url, {
			auth: { sessionId: s.id, token: s.facilitatorToken, room: 'r1' },
			transports: ['websocket'],
			reconnection: false,
			extraHeaders: { 'accept-language': 'en' }
		});
		sockets.push(socket);
		const named = await connected(socket).then(
			() => null,
			(e: Error & { data?: { code: string; message: string } }) => e.data
		);
		expect(named).toEqual({ code: 'bad_request', message: expect.stringContaining('“room”') });
	});
});
