import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/index';
import type {
	CreateSessionResponse,
	SessionResponse,
	StateResponse
} from '../../src/lib/protocol/api';
import { controlClient } from '../helpers/control';
import { api, createSession, joinSession, startTestServer, tempDataDir } from '../helpers/server';

/**
 * The authorisation matrix: every facilitator command, tried with every kind
 * of caller that must not send it, over HTTP and socket.io. None changes anything.
 */
let server: RunningServer;
const data = tempDataDir();
const cleanup: (() => void)[] = [];

beforeAll(async () => {
	server = await startTestServer(data.dir);
});
afterAll(async () => {
	cleanup.forEach((fn) => fn());
	await server.close();
	data.remove();
});

const COMMANDS = (phaseId: string, participantId: string) => [
	{ type: 'session.update', title: 'Übernommen', settings: { showAuthorNames: true } },
	{ type: 'phase.next' },
	{ type: 'phase.previous' },
	{ type: 'phase.goto', phaseId },
	{ type: 'timer.start' },
	{ type: 'timer.pause' },
	{ type: 'timer.resume' },
	{ type: 'timer.add', minutes: 5 },
	{ type: 'timer.reset' },
	{ type: 'board.lock' },
	{ type: 'board.unlock' },
	{ type: 'drafts.reveal', phaseId },
	{ type: 'card.spotlight', cardId: 'c1' },
	{ type: 'view.gather', x: 1, y: 2, zoom: 1 },
	{ type: 'agenda.update', agenda: [] },
	{ type: 'participant.rename', participantId, name: 'Umbenannt' },
	{ type: 'participant.remove', participantId },
	{ type: 'join.rotate' },
	{ type: 'presenter.rotate' },
	{ type: 'session.finish' },
	{ type: 'session.reopen' },
	{ type: 'groups.update', groups: [{ id: 'g-x', label: 'Übernommen' }] },
	{ type: 'voting.open', dotsPerParticipant: 9 },
	{ type: 'voting.close' },
	{ type: 'voting.cancel' }
];

interface Callers {
	session: CreateSessionResponse;
	participant: { token: string; participantId: string };
	observer: string;
	foreign: string;
	removed: string;
}

async function callers(): Promise<Callers> {
	const session = await createSession(server.url, 'Matrix', 'study');
	const participant = await joinSession(server.url, session, 'Jana');
	const removed = await joinSession(server.url, session, 'Weg');
	const bye = await api(
		server.url,
		'POST',
		`/api/sessions/${session.id}/commands`,
		{ type: 'participant.remove', participantId: removed.participantId },
		{ authorization: `Bearer ${session.facilitatorToken}` }
	);
	expect(bye.status).toBe(200);
	// An open round, so that closing or cancelling it would change something.
	const round = await api(
		server.url,
		'POST',
		`/api/sessions/${session.id}/commands`,
		{ type: 'voting.open' },
		{ authorization: `Bearer ${session.facilitatorToken}` }
	);
	expect(round.status).toBe(200);
	const foreign = (await createSession(server.url, 'Andere')).facilitatorToken;
	const observer = session.presenterUrl.split('#')[1]!;
	return { session, participant, observer, foreign, removed: removed.token };
}

/** What must not change: everything but the clock and who happens to be online. */
async function snapshot(c: Callers) {
	const state = await api<StateResponse>(
		server.url,
		'GET',
		`/api/sessions/${c.session.id}/state`,
		undefined,
		{
			authorization: `Bearer ${c.session.facilitatorToken}`
		}
	);
	const me = await api<SessionResponse>(
		server.url,
		'GET',
		`/api/sessions/${c.session.id}`,
		undefined,
		{
			authorization: `Bearer ${c.session.facilitatorToken}`
		}
	);
	const { serverTime: _t, ...control } = state.body.control;
	return {
		title: state.body.title,
		settings: state.body.settings,
		control,
		roster: state.body.roster.map(({ online: _o, ...r }) => r),
		voting: state.body.voting,
		participantUrl: me.body.participantUrl
	};
}

describe('authorisation matrix', () => {
	it('refuses every facilitator command over HTTP from anyone else, changing nothing', async () => {
		const c = await callers();
		const before = await snapshot(c);
		const tokens: [string, string | null, number][] = [
			['participant', c.participant.token, 403],
			['observer', c.observer, 403],
			['foreign facilitator', c.foreign, 403],
			['removed participant', c.removed, 401],
			['nobody', null, 401]
		];
		for (const command of COMMANDS('challenges', c.participant.participantId)) {
			for (const [who, token, status] of tokens) {
				const res = await api<{ error: { code: string } }>(
					server.url,
					'POST',
					`/api/sessions/${c.session.id}/commands`,
					command,
					token ? { authorization: `Bearer ${token}` } : {}
				);
				expect(res.status, `${command.type} by ${who}`).toBe(status);
				if (who === 'removed participant')
					expect(res.body.error.code, `${command.type} by ${who}`).toBe('participant_removed');
			}
		}
		expect(await snapshot(c)).toEqual(before);
	});

	it('refuses every facilitator command over socket.io from anyone else, changing nothing', async () => {
		const c = await callers();
		const before = await snapshot(c);
		const participant = controlClient(server.url, c.session.id, c.participant.token);
		const observer = controlClient(server.url, c.session.id, c.observer);
		cleanup.push(
			() => participant.socket.disconnect(),
			() => observer.socket.disconnect()
		);
		await Promise.all([participant.connected, observer.connected]);
		for (const command of COMMANDS('challenges', c.participant.participantId)) {
			for (const [who, client] of [
				['participant', participant],
				['observer', observer]
			] as const) {
				expect(await client.command(command), `${command.type} by ${who}`).toMatchObject({
					ok: false,
					error: { code: 'forbidden' }
				});
			}
		}
		for (const [who, token, code] of [
			['foreign facilitator', c.foreign, 'forbidden'],
			['removed participant', c.removed, 'participant_removed'],
			['nobody', undefined, 'unauthorized']
		] as const) {
			const refused = controlClient(server.url, c.session.id, token);
			cleanup.push(() => refused.socket.disconnect());
			const error = await refused.connected.then(
				() => null,
				(e: Error & { data?: { code: string } }) => e.data?.code
			);
			expect(error, who).toBe(code);
		}
		expect(await snapshot(c)).toEqual(before);
	});

	it('answers a malformed command 400 and an unknown one as unknown, for the facilitator too', async () => {
		const c = await callers();
		const post = (command: unknown) =>
			api<{ error: { code: string } }>(
				server.url,
				'POST',
				`/api/sessions/${c.session.id}/commands`,
				command,
				{
					authorization: `Bearer ${c.session.facilitatorToken}`
				}
			);
		expect((await post({ type: 'timer.add', minutes: 'viele' })).status).toBe(400);
		expect((await post({ type: 'phase.goto' })).status).toBe(400);
		expect((await post({ type: 'board.lock', extra: true })).status).toBe(400);
		expect((await post({ type: 'phase.goto', phaseId: 'nope' })).body.error.code).toBe(
			'phase_not_found'
		);
		expect((await post({ type: 'drafts.reveal', phaseId: 'welcome' })).body.error.code).toBe(
			'not_a_silent_phase'
		);
		expect((await post({ type: 'self.destruct' })).body.error.code).toBe('unknown_command');
		// A body that is no command object names no type at all: malformed, not unknown.
		for (const body of [[], null, '"phase.next"', 5, {}, { type: 5 }, [{ type: 'phase.next' }]]) {
			const refused = await post(body);
			expect([refused.status, refused.body.error.code], JSON.stringify(body)).toEqual([
				400,
				'bad_request'
			]);
		}
	});
});
