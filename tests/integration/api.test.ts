import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import type {
	CreateSessionResponse,
	JoinResponse,
	MeResponse,
	SessionResponse
} from '../../src/lib/protocol/api';
import { createCard, readCards, setCardText } from '../../src/lib/domain/board/cards';
import {
	api,
	connectBoard,
	createSession,
	joinSession,
	startTestServer,
	tempDataDir,
	until
} from '../helpers/server';

let server: RunningServer;
let base: string;
const data = tempDataDir();

beforeAll(async () => {
	server = await startTestServer(data.dir);
	base = server.url;
});
afterAll(async () => {
	await server.close();
	data.remove();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('HTTP API', () => {
	it('answers the health check with JSON', async () => {
		const res = await api(base, 'GET', '/healthz');
		expect(res.status).toBe(200);
		expect(res.body).toEqual({ status: 'ok' });
		// Answers quote what people wrote: no browser may take one for a page.
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		const refused = await api(base, 'GET', '/api/sessions/nothing-here');
		expect(refused.headers.get('x-content-type-options')).toBe('nosniff');
	});

	it('creates a session: 201 with ids, tokens and both links', async () => {
		const res = await api<CreateSessionResponse>(base, 'POST', '/api/sessions', {
			title: '  Faire Beschaffung – Fokusgruppe Musterstadt '
		});
		expect(res.status).toBe(201);
		const s = res.body;
		expect(Object.keys(s).sort()).toEqual(
			[
				'boardId',
				'facilitatorToken',
				'facilitatorUrl',
				'id',
				'joinToken',
				'participantUrl',
				'presenterUrl'
			].sort()
		);
		expect(s.participantUrl).toBe(`${base}/j/${s.id}#${s.joinToken}`);
		expect(s.facilitatorUrl).toBe(`${base}/f/${s.id}#${s.facilitatorToken}`);
		expect(Buffer.from(s.joinToken, 'base64url').length).toBeGreaterThanOrEqual(16);
		expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/);
		const session = await api<SessionResponse>(
			base,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		expect(session.body).toMatchObject({
			title: 'Faire Beschaffung – Fokusgruppe Musterstadt',
			template: 'study',
			me: { role: 'facilitator' },
			participantUrl: s.participantUrl
		});
	});

	it('leaves the links a role may not have out of the session, and refuses renaming or removing staff', async () => {
		const s = await createSession(base);
		const observer = s.presenterUrl.split('#')[1]!;
		const p = await joinSession(base, s, 'Kai');
		const keysOf = async (token: string) =>
			Object.keys(
				(await api<SessionResponse>(base, 'GET', `/api/sessions/${s.id}`, undefined, bearer(token)))
					.body
			);
		const links = ['participantUrl', 'joinCode', 'shortJoinUrl', 'presenterUrl'];
		expect((await keysOf(s.facilitatorToken)).filter((k) => links.includes(k))).toEqual(links);
		expect((await keysOf(observer)).filter((k) => links.includes(k))).toEqual(links.slice(0, 3));
		expect((await keysOf(p.token)).filter((k) => links.includes(k))).toEqual([]);
		const state = await api<{ roster: { participantId: string; role: string }[] }>(
			base,
			'GET',
			`/api/sessions/${s.id}/state`,
			undefined,
			bearer(s.facilitatorToken)
		);
		for (const { participantId, role } of state.body.roster) {
			if (role === 'participant') continue;
			for (const command of [
				{ type: 'participant.rename', participantId, name: 'X' },
				{ type: 'participant.remove', participantId }
			]) {
				const res = await api<{ error: { code: string } }>(
					base,
					'POST',
					`/api/sessions/${s.id}/commands`,
					command,
					bearer(s.facilitatorToken)
				);
				expect([res.status, res.body.error.code], `${command.type} ${role}`).toEqual([
					403,
					'forbidden'
				]);
			}
		}
	});

	it('keeps the municipality a session is held for, trimmed, and its language, and refuses a too long municipality', async () => {
		const res = await api<CreateSessionResponse>(base, 'POST', '/api/sessions', {
			title: 'Fokusgruppe',
			municipality: '  Stadt   Müllheim an der Ruhr ',
			language: 'en'
		});
		expect(res.status).toBe(201);
		const session = await api<SessionResponse>(
			base,
			'GET',
			`/api/sessions/${res.body.id}`,
			undefined,
			bearer(res.body.facilitatorToken)
		);
		expect(session.body.municipality).toBe('Stadt Müllheim an der Ruhr');
		// The language its agenda was written in, and the default language of its exports.
		expect(session.body.language).toBe('en');
		const without = await createSession(base);
		const plain = await api<SessionResponse>(
			base,
			'GET',
			`/api/sessions/${without.id}`,
			undefined,
			bearer(without.facilitatorToken)
		);
		expect(plain.body.municipality).toBe('');
		expect(plain.body.language).toBe('de');
		const long = await api<{ error: { code: string } }>(base, 'POST', '/api/sessions', {
			title: 'Fokusgruppe',
			municipality: 'x'.repeat(121)
		});
		expect(long.status).toBe(400);
		expect(long.body.error.code).toBe('municipality_too_long');
	});

	it('refuses an empty title with a message in the caller’s language', async () => {
		const de = await api<{ error: { code: string; message: string } }>(
			base,
			'POST',
			'/api/sessions',
			{ title: '   ' }
		);
		expect(de.status).toBe(400);
		expect(de.body.error).toEqual({
			code: 'title_required',
			message: 'Bitte geben Sie einen Titel ein.'
		});
		const en = await api<{ error: { message: string } }>(
			base,
			'POST',
			'/api/sessions',
			// No title at all is the same mistake as an empty one, not a malformed request.
			{},
			{ 'accept-language': 'en-GB,en;q=0.9' }
		);
		expect(en.body.error).toEqual({ code: 'title_required', message: 'Please enter a title.' });
	});

	it.each([
		['malformed JSON', '{"title": "x"', 'application/json', 400, 'invalid_json'],
		[
			'a non-JSON body',
			'title=x',
			'application/x-www-form-urlencoded',
			415,
			'unsupported_media_type'
		],
		[
			'an unknown template',
			JSON.stringify({ title: 'x', template: 'nope' }),
			'application/json',
			400,
			'unknown_template'
		],
		[
			'a body over 64 KiB',
			JSON.stringify({ title: 'x'.repeat(70_000) }),
			'application/json',
			413,
			'payload_too_large'
		]
	])('answers %s with a clear error', async (_what, body, type, status, code) => {
		const res = await fetch(`${base}/api/sessions`, {
			method: 'POST',
			headers: { 'content-type': type },
			body
		});
		expect(res.status).toBe(status);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe(code);
	});

	it('answers a value of the wrong type bad_request, and one of the right type the rule’s own code however long', async () => {
		// A server of its own: these requests would use up this file's budget of creations.
		const ownData = tempDataDir();
		const own = await startTestServer(ownData.dir);
		try {
			const codeOf = async (path: string, body: object) => {
				const res = await api<{ error?: { code: string } }>(own.url, 'POST', path, body);
				return res.status === 201 || res.status === 204 ? res.status : res.body.error?.code;
			};
			const creations: [object, string | number][] = [
				[{ title: 5 }, 'bad_request'],
				[{ title: null }, 'bad_request'],
				[{ title: ['Fokusgruppe'] }, 'bad_request'],
				[{}, 'title_required'],
				[{ title: ' \t ' }, 'title_required'],
				[{ title: 'x'.repeat(201) }, 'title_too_long'],
				[{ title: 'x'.repeat(5000) }, 'title_too_long'],
				[{ title: 'Fokusgruppe', municipality: 5 }, 'bad_request'],
				[{ title: 'Fokusgruppe', municipality: 'x'.repeat(5000) }, 'municipality_too_long'],
				[{ title: 'Fokusgruppe', template: 5 }, 'bad_request'],
				[{ title: 'Fokusgruppe', template: 'x'.repeat(100) }, 'unknown_template'],
				[{ title: 'Fokusgruppe', language: 'fr' }, 'bad_request']
			];
			for (const [body, code] of creations)
				expect(await codeOf('/api/sessions', body), JSON.stringify(body).slice(0, 60)).toBe(code);

			const s = await createSession(own.url, 'Typen');
			const joins: [object, string | number][] = [
				[{ joinToken: s.joinToken, name: 5 }, 'bad_request'],
				[{ joinToken: s.joinToken, name: null }, 'bad_request'],
				[{ joinToken: s.joinToken }, 'name_required'],
				[{ joinToken: s.joinToken, name: 'x'.repeat(2000) }, 'name_too_long'],
				[{ joinToken: s.joinToken, name: 'Jana', group: 5 }, 'bad_request'],
				[{ joinToken: s.joinToken, name: 'Jana', group: 'x'.repeat(100) }, 'unknown_group'],
				// Any string that is not the join token is a wrong join token.
				[{ joinToken: '', name: 'Jana' }, 'unauthorized'],
				[{ joinToken: 'x'.repeat(500), name: 'Jana' }, 'unauthorized'],
				[{ joinToken: 5, name: 'Jana' }, 'bad_request'],
				[{ joinToken: s.joinToken, name: 'Jana' }, 201]
			];
			for (const [body, code] of joins)
				expect(
					await codeOf(`/api/sessions/${s.id}/participants`, body),
					JSON.stringify(body).slice(0, 60)
				).toBe(code);

			const signIns: [object, string | number][] = [
				[{ token: '' }, 'unauthorized'],
				[{ token: 'x'.repeat(500) }, 'unauthorized'],
				[{ token: 5 }, 'bad_request'],
				[{ token: s.facilitatorToken }, 204]
			];
			for (const [body, code] of signIns)
				expect(
					await codeOf(`/api/sessions/${s.id}/sign-in`, body),
					JSON.stringify(body).slice(0, 60)
				).toBe(code);
		} finally {
			await own.close();
			ownData.remove();
		}
	});

	it('refuses a field no endpoint has with bad_request naming it, and changes nothing', async () => {
		type Refusal = { error: { code: string; message: string } };
		const s = await createSession(base);
		const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
			api<Refusal>(base, 'POST', path, body, headers);
		const en = { 'accept-language': 'en' };

		const created = await post('/api/sessions', { title: 'x', extra: 1 });
		expect([created.status, created.body.error]).toEqual([
			400,
			{ code: 'bad_request', message: 'Die Anfrage ist ungültig. Unbekanntes Feld: „extra“.' }
		]);
		// A misspelt optional field is not silently dropped either.
		const misspelt = await post('/api/sessions', { title: 'x', municiplaity: 'Musterstadt' }, en);
		expect(misspelt.body.error).toEqual({
			code: 'bad_request',
			message: 'The request is not valid. Unknown field: “municiplaity”.'
		});

		// Joining cannot choose a role: the field is refused, no participant is made.
		const join = { joinToken: s.joinToken, name: 'Eva', role: 'facilitator' };
		const joined = await post(`/api/sessions/${s.id}/participants`, join, en);
		expect([joined.status, joined.body.error]).toEqual([
			400,
			{ code: 'bad_request', message: 'The request is not valid. Unknown field: “role”.' }
		]);
		const state = await api<{ roster: { name: string }[] }>(
			base,
			'GET',
			`/api/sessions/${s.id}/state`,
			undefined,
			bearer(s.facilitatorToken)
		);
		expect(state.body.roster.map((r) => r.name)).not.toContain('Eva');

		const signIn = await post(
			`/api/sessions/${s.id}/sign-in`,
			{ token: s.facilitatorToken, remember: true, device: 'Beamer' },
			en
		);
		expect([signIn.status, signIn.body.error]).toEqual([
			400,
			{
				code: 'bad_request',
				message: 'The request is not valid. Unknown fields: “remember”, “device”.'
			}
		]);
		expect(signIn.headers.get('set-cookie')).toBeNull();

		// Signing out needs no body; one that is sent holds nothing.
		expect((await api(base, 'POST', `/api/sessions/${s.id}/sign-out`)).status).toBe(204);
		expect((await post(`/api/sessions/${s.id}/sign-out`, {})).status).toBe(204);
		const signOut = await post(`/api/sessions/${s.id}/sign-out`, { everywhere: true }, en);
		expect([signOut.status, signOut.body.error.message]).toEqual([
			400,
			'The request is not valid. Unknown field: “everywhere”.'
		]);

		// A command names the field too, nested ones with their path.
		for (const [command, field] of [
			[{ type: 'board.lock', extra: true }, '“extra”'],
			[
				{ type: 'session.update', settings: { showAuthorNames: true, colour: 'red' } },
				'“settings.colour”'
			],
			[
				{ type: 'groups.update', groups: [{ id: 'admin', lable: 'Verwaltung' }] },
				'“groups[0].lable”'
			]
		] as const) {
			const refused = await post(`/api/sessions/${s.id}/commands`, command, {
				...en,
				...bearer(s.facilitatorToken)
			});
			expect([refused.status, refused.body.error], JSON.stringify(command)).toEqual([
				400,
				{ code: 'bad_request', message: `The request is not valid. Unknown field: ${field}.` }
			]);
		}
		const after = await api<SessionResponse>(
			base,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		expect([after.body.control.locked, after.body.settings.showAuthorNames]).toEqual([
			false,
			false
		]);
	});

	it('lets a participant join with the join token and keep their own credential', async () => {
		const s = await createSession(base);
		const res = await api<{ participantId: string; token: string }>(
			base,
			'POST',
			`/api/sessions/${s.id}/participants`,
			{
				joinToken: s.joinToken,
				name: 'Repair-Café Nord',
				group: 'repair'
			}
		);
		expect(res.status).toBe(201);
		expect(res.headers.get('set-cookie')).toContain(`fokusrunde_s_${s.id}=${res.body.token}`);
		const me = await api<SessionResponse>(
			base,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(res.body.token)
		);
		expect(me.status).toBe(200);
		expect(me.body.me).toEqual({
			participantId: res.body.participantId,
			name: 'Repair-Café Nord',
			group: 'repair',
			role: 'participant'
		});
		expect(me.body.participantUrl).toBeUndefined();
	});

	it('answers a wrong join token 401, an unknown session 404, bad names and groups 400', async () => {
		const s = await createSession(base);
		const join = (id: string, body: object) =>
			api<{ error: { code: string } }>(base, 'POST', `/api/sessions/${id}/participants`, body);
		expect((await join(s.id, { joinToken: s.facilitatorToken, name: 'X' })).status).toBe(401);
		const unknown = await join('doesnotexist', { joinToken: s.joinToken, name: 'X' });
		expect([unknown.status, unknown.body.error.code]).toEqual([404, 'session_not_found']);
		const empty = await join(s.id, { joinToken: s.joinToken, name: ' \n ' });
		expect([empty.status, empty.body.error.code]).toEqual([400, 'name_required']);
		const group = await join(s.id, { joinToken: s.joinToken, name: 'X', group: 'aliens' });
		expect([group.status, group.body.error.code]).toEqual([400, 'unknown_group']);
		expect((await join(s.id, { name: 'X' })).status).toBe(400);
	});

	it('answers 401 without or with a wrong token and 403 for a token of another session', async () => {
		const a = await createSession(base);
		const b = await createSession(base);
		expect((await api(base, 'GET', `/api/sessions/${a.id}`)).status).toBe(401);
		expect(
			(await api(base, 'GET', `/api/sessions/${a.id}`, undefined, bearer('x'.repeat(43)))).status
		).toBe(401);
		expect(
			(await api(base, 'GET', `/api/sessions/${a.id}`, undefined, bearer(b.facilitatorToken)))
				.status
		).toBe(403);
		expect(
			(await api(base, 'GET', `/api/sessions/${a.id}/state`, undefined, bearer(b.facilitatorToken)))
				.status
		).toBe(403);
	});

	it('tells a caller who they are in a session, and null without a credential of it, never 401', async () => {
		const a = await createSession(base);
		const b = await createSession(base);
		const me = (id: string, headers: Record<string, string> = {}) =>
			api<MeResponse & { error?: { code: string } }>(
				base,
				'GET',
				`/api/sessions/${id}/me`,
				undefined,
				headers
			);
		const joined = await api<JoinResponse>(base, 'POST', `/api/sessions/${a.id}/participants`, {
			joinToken: a.joinToken,
			name: 'Jana',
			group: 'civil'
		});
		const cookie = joined.headers.get('set-cookie')!.split(';')[0]!;
		// A browser that joined: its cookie says who it is.
		expect(await me(a.id, { cookie })).toMatchObject({
			status: 200,
			body: {
				me: {
					participantId: joined.body.participantId,
					name: 'Jana',
					group: 'civil',
					role: 'participant'
				}
			}
		});
		expect((await me(a.id, bearer(a.facilitatorToken))).body.me).toMatchObject({
			role: 'facilitator'
		});
		// Not (yet) anyone in this session: a normal answer, not an error.
		for (const [what, headers] of [
			['no credential', {}],
			['a wrong token', bearer('x'.repeat(43))],
			['the join token', bearer(a.joinToken)],
			['a token of another session', bearer(b.facilitatorToken)],
			['the cookie sent from another site', { cookie, origin: 'https://evil.example' }]
		] as const)
			expect(await me(a.id, headers), what).toEqual(
				expect.objectContaining({ status: 200, body: { me: null } })
			);
		await api(
			base,
			'POST',
			`/api/sessions/${a.id}/commands`,
			{ type: 'participant.remove', participantId: joined.body.participantId },
			bearer(a.facilitatorToken)
		);
		expect((await me(a.id, { cookie })).body).toEqual({ me: null });
		expect(await me('doesnotexist')).toMatchObject({
			status: 404,
			body: { error: { code: 'session_not_found' } }
		});
	});

	it('lets only the facilitator change the session', async () => {
		const s = await createSession(base);
		const p = await joinSession(base, s, 'Elke S.');
		const rename = {
			type: 'session.update',
			title: 'Neuer Titel',
			settings: { showAuthorNames: true }
		};
		const refused = await api(
			base,
			'POST',
			`/api/sessions/${s.id}/commands`,
			rename,
			bearer(p.token)
		);
		expect(refused.status).toBe(403);
		const state = await api<{ title: string }>(
			base,
			'GET',
			`/api/sessions/${s.id}/state`,
			undefined,
			bearer(p.token)
		);
		expect(state.body.title).toBe('Faire Beschaffung – Fokusgruppe Musterstadt');
		const accepted = await api(
			base,
			'POST',
			`/api/sessions/${s.id}/commands`,
			rename,
			bearer(s.facilitatorToken)
		);
		expect(accepted.status).toBe(200);
		const after = await api<{ title: string; settings: object; roster: unknown[] }>(
			base,
			'GET',
			`/api/sessions/${s.id}/state`,
			undefined,
			bearer(p.token)
		);
		expect(after.body).toMatchObject({ title: 'Neuer Titel', settings: { showAuthorNames: true } });
		expect(after.body.roster.map((r) => (r as { role: string }).role)).toEqual([
			'facilitator',
			'observer',
			'participant'
		]);
		const bad = await api<{ error: { code: string } }>(
			base,
			'POST',
			`/api/sessions/${s.id}/commands`,
			{ type: 'session.update', title: 3 },
			bearer(s.facilitatorToken)
		);
		expect([bad.status, bad.body.error.code]).toEqual([400, 'bad_request']);
		const unknown = await api<{ error: { code: string } }>(
			base,
			'POST',
			`/api/sessions/${s.id}/commands`,
			{ type: 'board.explode' },
			bearer(s.facilitatorToken)
		);
		expect([unknown.status, unknown.body.error.code]).toEqual([400, 'unknown_command']);
	});

	it('exchanges a link token for a session cookie, and refuses a cookie sent from another site', async () => {
		const s = await createSession(base);
		const signIn = await api(base, 'POST', `/api/sessions/${s.id}/sign-in`, {
			token: s.facilitatorToken
		});
		expect(signIn.status).toBe(204);
		const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
		expect((await api(base, 'GET', `/api/sessions/${s.id}`, undefined, { cookie })).status).toBe(
			200
		);
		expect(
			(
				await api(base, 'GET', `/api/sessions/${s.id}`, undefined, {
					cookie,
					origin: 'https://evil.example'
				})
			).status
		).toBe(401);
		expect(
			(await api(base, 'POST', `/api/sessions/${s.id}/sign-in`, { token: s.joinToken })).status
		).toBe(401);
	});

	it('deletes a session and everything in it, for the facilitator only', async () => {
		const s = await createSession(base);
		const p = await joinSession(base, s, 'Chris');
		// The Bearer scheme counts in any case (RFC 7235); a header without a token is no credential.
		const read = (authorization: string) =>
			fetch(`${base}/api/sessions/${s.id}`, { headers: { authorization } }).then((r) => r.status);
		expect(await read(`bearer ${s.facilitatorToken}`)).toBe(200);
		expect(await read(`BEARER  ${s.facilitatorToken}`)).toBe(200);
		expect(await read('Bearer ')).toBe(401);
		expect(await read(`Basic ${s.facilitatorToken}`)).toBe(401);
		expect(
			(await api(base, 'DELETE', `/api/sessions/${s.id}`, undefined, bearer(p.token))).status
		).toBe(403);
		// A body, if any, is `{}`: a field the endpoint does not know is refused, not ignored.
		const odd = await api<{ error: { code: string; message: string } }>(
			base,
			'DELETE',
			`/api/sessions/${s.id}`,
			{ confirm: true },
			bearer(s.facilitatorToken)
		);
		expect(odd.status).toBe(400);
		expect(odd.body.error.code).toBe('bad_request');
		expect(odd.body.error.message).toContain('confirm');
		expect(
			(await api(base, 'GET', `/api/sessions/${s.id}`, undefined, bearer(s.facilitatorToken)))
				.status
		).toBe(200);
		expect(
			(await api(base, 'DELETE', `/api/sessions/${s.id}`, {}, bearer(s.facilitatorToken))).status
		).toBe(204);
		expect(
			(await api(base, 'GET', `/api/sessions/${s.id}`, undefined, bearer(s.facilitatorToken)))
				.status
		).toBe(404);
		expect(
			(
				await api(base, 'POST', `/api/sessions/${s.id}/participants`, {
					joinToken: s.joinToken,
					name: 'X'
				})
			).status
		).toBe(404);
	});

	it('leaves none of a deleted session’s names and card texts in the data directory', async () => {
		const s = await createSession(base);
		const name = 'Ayşe Löschprobe';
		const p = await joinSession(base, s, name);
		const writer = connectBoard(base, s.boardId, p.token);
		await writer.synced;
		const secret = 'Vertraulich: Rahmenvertrag 7f3a9c';
		createCard(writer.doc, {
			id: 'secret',
			area: 'challenges',
			authorId: p.participantId,
			createdAt: Date.now(),
			text: secret
		});
		setCardText(writer.doc, 'secret', `${secret} (ergänzt)`);
		const reader = connectBoard(base, s.boardId, s.facilitatorToken);
		await until(() => readCards(reader.doc).some((c) => c.text === `${secret} (ergänzt)`));
		// Nobody left on the board: it is merged and unloaded, which frees the updates it replaced.
		writer.provider.destroy();
		reader.provider.destroy();
		const inDataDir = (text: string) => {
			const needle = Buffer.from(text, 'utf8');
			return readdirSync(data.dir).some((f) =>
				readFileSync(path.join(data.dir, f)).includes(needle)
			);
		};
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(inDataDir(secret)).toBe(true);
		expect(inDataDir(name)).toBe(true);

		const res = await api(
			base,
			'DELETE',
			`/api/sessions/${s.id}`,
			undefined,
			bearer(s.facilitatorToken)
		);
		expect(res.status).toBe(204);
		await until(() => !inDataDir(secret) && !inDataDir(name), 5000, 'the deleted data to be gone');
		// A participant's browser that comes back is told the session is gone, and to forget its cookie.
		const cookie = `fokusrunde_s_${s.id}=${p.token}`;
		const back = await api(base, 'GET', `/api/sessions/${s.id}/me`, undefined, { cookie });
		expect(back.status).toBe(404);
		expect(back.headers.get('set-cookie')).toMatch(
			new RegExp(`^fokusrunde_s_${s.id}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`)
		);
		// Without that cookie there is nothing to forget.
		const stranger = await api(base, 'GET', `/api/sessions/${s.id}/me`);
		expect(stranger.headers.get('set-cookie')).toBeNull();
	});

	it('answers unknown API paths with 404 JSON', async () => {
		const res = await api<{ error: { code: string } }>(base, 'GET', '/api/nothing');
		expect([res.status, res.body.error.code]).toEqual([404, 'not_found']);
		// Paths under /api/sessions that name no session are nothing, not a session that is missing.
		for (const [method, path] of [
			['POST', '/api/sessions/'],
			['GET', '/api/sessions/import/state']
		] as const) {
			const answer = await api<{ error: { code: string } }>(
				base,
				method,
				path,
				method === 'POST' ? {} : undefined
			);
			expect([answer.status, answer.body.error.code], `${method} ${path}`).toEqual([
				404,
				'not_found'
			]);
		}
	});

	it('answers a known path asked with another method 405, saying which methods it takes', async () => {
		const s = await createSession(base);
		const auth = { authorization: `Bearer ${s.facilitatorToken}` };
		for (const [method, path, allow] of [
			['PUT', `/api/sessions/${s.id}`, 'GET, DELETE'],
			['GET', `/api/sessions/${s.id}/commands`, 'POST'],
			['GET', `/api/sessions/${s.id}/participants`, 'POST'],
			['POST', `/api/sessions/${s.id}/state`, 'GET'],
			['POST', `/api/sessions/${s.id}/export/csv`, 'GET'],
			['GET', '/api/sessions/import', 'POST'],
			['GET', '/api/sessions', 'POST'],
			['DELETE', '/healthz', 'GET, HEAD']
		] as const) {
			const res = await fetch(base + path, {
				method,
				headers: { ...auth, 'accept-language': 'en' }
			});
			const body = (await res.json()) as { error: { code: string; message: string } };
			expect([res.status, res.headers.get('allow'), body.error.code], `${method} ${path}`).toEqual([
				405,
				allow,
				'method_not_allowed'
			]);
			expect(body.error.message).toContain('request method');
		}
		// Nothing was changed by them: the session is there, unchanged.
		const after = await api<{ title: string }>(
			base,
			'GET',
			`/api/sessions/${s.id}`,
			undefined,
			auth
		);
		expect(after.status).toBe(200);
	});

	it('answers a path with broken percent-encoding 404, not as a server error', async () => {
		const s = await createSession(base);
		const auth = { authorization: `Bearer ${s.facilitatorToken}` };
		const exported = await fetch(`${base}/api/sessions/${s.id}/export/%E0`, { headers: auth });
		expect(exported.status).toBe(404);
		const code = await fetch(`${base}/api/join-codes/%E0%A4`);
		expect(code.status).toBe(404);
		expect(((await code.json()) as { error: { code: string } }).error.code).toBe('not_found');
	});

	it('keeps no token readable in the database', async () => {
		const s = await createSession(base);
		const p = await joinSession(base, s, 'Sabine W.');
		const files = readdirSync(data.dir).filter((f) => f.startsWith('fokusrunde.sqlite'));
		const bytes = files
			.map((f) => readFileSync(path.join(data.dir, f)).toString('latin1'))
			.join('');
		expect(bytes).toContain(s.id);
		for (const token of [s.facilitatorToken, s.joinToken, p.token])
			expect(bytes).not.toContain(token);
	});

	// Last in this file: the join-code limit it runs into holds for this address from here on.
	it('answers a flood with 429, a clear message and when to try again', async () => {
		let last: Response | null = null;
		for (let i = 0; i < 25 && last?.status !== 429; i++)
			last = await fetch(`${base}/api/join-codes/NOPE-${i}`, {
				headers: { 'accept-language': 'de' }
			});
		expect(last!.status).toBe(429);
		// Join codes come back one every five seconds.
		expect(last!.headers.get('retry-after')).toBe('5');
		const body = (await last!.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('rate_limited');
		expect(body.error.message.length).toBeGreaterThan(10);
		// Other endpoints still answer.
		expect((await fetch(`${base}/healthz`)).status).toBe(200);
	});
});
