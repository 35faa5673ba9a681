/**
 * Vote throughput: how many dot commands per second the server accepts, with
 * the budget and per-card cap checked and every dot stored, under V concurrent
 * voters on socket.io.
 *
 *   npx tsx bench/vote-throughput.ts [--voters 100] [--cards 50] [--duration 10] [--inflight 4]
 *     [--visibility hidden|live] [--closed 0]
 *
 * The production server runs in its own process (with the stats probe for its
 * CPU time) on SQLite, with COMMAND_RATE raised so that the per-participant
 * rate limit does not cap what is measured. Each voter keeps `inflight`
 * commands in flight: a dot on a random card of the round, or, when the budget
 * is spent, takes one back. Afterwards every voter's stored ballot is checked
 * against the rules, and a burst phase fires 50 concurrent dots per voter at
 * once: exactly the budget must be accepted.
 *
 * `--visibility live` measures a round whose results everyone sees as they grow, `--closed N`
 * closes N rounds with results before it: what the voting broadcasts cost every screen then is
 * printed as the bytes of voting events the voters received per accepted command.
 */
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { createCard } from '../src/lib/domain/board/cards';
import type { CreateSessionResponse, JoinResponse, StateResponse } from '../src/lib/protocol/api';
import type {
	ClientToServerEvents,
	CommandResult,
	ServerToClientEvents
} from '../src/lib/protocol/realtime';
import { fixed, percentile, table } from './lib/stats';
import { startFokusrunde, tempDataDir } from './lib/targets';

const { values } = parseArgs({
	options: {
		voters: { type: 'string', default: '100' },
		cards: { type: 'string', default: '50' },
		duration: { type: 'string', default: '10' },
		inflight: { type: 'string', default: '4' },
		visibility: { type: 'string', default: 'hidden' },
		closed: { type: 'string', default: '0' }
	}
});
const VISIBILITY = values.visibility === 'live' ? 'live' : 'hidden';
const CLOSED = Number(values.closed);
const VOTERS = Number(values.voters);
const CARDS = Number(values.cards);
const DURATION_MS = Number(values.duration) * 1000;
const INFLIGHT = Number(values.inflight);
const BUDGET = 5;

type VoteSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

async function post<T>(base: string, path: string, body: unknown, headers = {}): Promise<T> {
	const res = await fetch(base + path, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...headers },
		body: JSON.stringify(body)
	});
	if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
	return (await res.json()) as T;
}

const command = (socket: VoteSocket, payload: unknown) =>
	new Promise<CommandResult>((resolve) => socket.emit('command', payload, resolve));

process.env.COMMAND_RATE = '100000';
const data = tempDataDir();
const server = await startFokusrunde(data.dir);
try {
	const base = server.url;
	const session = await post<CreateSessionResponse>(base, '/api/sessions', {
		title: 'Punkten unter Last',
		template: 'blank'
	});
	const facilitator = { authorization: `Bearer ${session.facilitatorToken}` };
	// The facilitator's cards name the facilitator as their author.
	const { me } = (await (
		await fetch(`${base}/api/sessions/${session.id}`, { headers: facilitator })
	).json()) as {
		me: { participantId: string };
	};

	// The facilitator writes the cards, as after a round of writing.
	const doc = new Y.Doc();
	const board = new WebsocketProvider(base.replace('http', 'ws') + '/yjs', session.boardId, doc, {
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		params: { token: session.facilitatorToken },
		disableBc: true
	});
	await new Promise<void>((resolve) => board.once('sync', () => resolve()));
	const cardIds = Array.from({ length: CARDS }, (_, i) => `card${i}`);
	cardIds.forEach((id, i) =>
		createCard(doc, {
			id,
			area: i % 2 ? 'potentials' : 'challenges',
			authorId: me.participantId,
			createdAt: i,
			text: `Karte ${i}`
		})
	);
	await new Promise((resolve) => setTimeout(resolve, 500));

	const groups = ['admin', 'civil', 'social', 'repair', 'circular', 'business'];
	const voters: { id: string; socket: VoteSocket }[] = [];
	let measuring = false;
	let votingBytes = 0;
	for (let i = 0; i < VOTERS; i++) {
		const joined = await post<JoinResponse>(
			base,
			`/api/sessions/${session.id}/participants`,
			{ joinToken: session.joinToken, name: `Person ${i}`, group: groups[i % groups.length] },
			// Each voter from its own address, as people on their own phones.
			{ 'x-forwarded-for': `10.1.${Math.floor(i / 250)}.${i % 250}` }
		);
		const socket: VoteSocket = io(base, {
			auth: { sessionId: session.id, token: joined.token },
			transports: ['websocket'],
			reconnection: false
		});
		await new Promise<void>((resolve, reject) => {
			socket.once('connect', () => resolve());
			socket.once('connect_error', reject);
		});
		voters.push({ id: joined.participantId, socket });
		socket.onAny((event: string, ...args: unknown[]) => {
			if (measuring && event.startsWith('voting')) votingBytes += JSON.stringify(args).length;
		});
	}

	const open = async (options: object) => {
		const result = await post<{ ok: boolean }>(
			base,
			`/api/sessions/${session.id}/commands`,
			{ type: 'voting.open', ...options },
			facilitator
		);
		if (!result.ok) throw new Error('voting.open failed');
	};
	const close = () =>
		post(base, `/api/sessions/${session.id}/commands`, { type: 'voting.close' }, facilitator);

	// Earlier rounds, each with results, that every voting event could carry again.
	for (let i = 0; i < CLOSED; i++) {
		await open({ dotsPerParticipant: BUDGET, maxPerCard: 3 });
		for (const { socket } of voters.slice(0, 10))
			await command(socket, { type: 'vote.add', cardId: cardIds[i % cardIds.length] });
		await close();
	}
	// Sustained load: add a dot, or take one back once the budget is spent.
	await open({ dotsPerParticipant: BUDGET, maxPerCard: 3, visibility: VISIBILITY });
	await new Promise((resolve) => setTimeout(resolve, 500));
	measuring = true;
	const latencies: number[] = [];
	let accepted = 0;
	const refused = new Map<string, number>();
	const cpuBefore = await server.stats();
	const started = performance.now();
	const deadline = started + DURATION_MS;
	await Promise.all(
		voters.flatMap(({ socket }) =>
			Array.from({ length: INFLIGHT }, async () => {
				let mine: string[] = [];
				while (performance.now() < deadline) {
					const remove = mine.length >= BUDGET;
					const cardId = remove
						? mine[Math.floor(Math.random() * mine.length)]!
						: cardIds[Math.floor(Math.random() * cardIds.length)]!;
					const sentAt = performance.now();
					const result = await command(socket, {
						type: remove ? 'vote.remove' : 'vote.add',
						cardId
					});
					latencies.push(performance.now() - sentAt);
					if (result.ok) {
						accepted++;
						const ballot = result.value as { dots: Record<string, number> };
						mine = Object.entries(ballot.dots).flatMap(([id, n]) => Array(n).fill(id));
					} else {
						refused.set(result.error.code, (refused.get(result.error.code) ?? 0) + 1);
					}
				}
			})
		)
	);
	const elapsed = (performance.now() - started) / 1000;
	const cpuAfter = await server.stats();
	// The last broadcasts of the load arrive a moment after it.
	await new Promise((resolve) => setTimeout(resolve, 500));
	measuring = false;

	// Every stored ballot must hold the rules.
	const voterState = await fetch(`${base}/api/sessions/${session.id}/state`, {
		headers: facilitator
	}).then((r) => r.json() as Promise<StateResponse>);
	const progress = voterState.voting.rounds.at(-1)!.progress;
	await close();
	const closed = await fetch(`${base}/api/sessions/${session.id}/state`, {
		headers: facilitator
	}).then((r) => r.json() as Promise<StateResponse>);
	const results = closed.voting.rounds.at(-1)!.results!;
	const overBudget = progress.dots > VOTERS * BUDGET;
	const overCap = results.cards.some((c) => c.dots > 3 * c.voters);

	// Burst: every voter fires 50 dots at once in a fresh round.
	await open({ dotsPerParticipant: BUDGET, maxPerCard: BUDGET });
	const burstStart = performance.now();
	const burst = await Promise.all(
		voters.map(({ socket }) =>
			Promise.all(
				Array.from({ length: 50 }, (_, i) =>
					command(socket, { type: 'vote.add', cardId: cardIds[i % cardIds.length] })
				)
			)
		)
	);
	const burstMs = performance.now() - burstStart;
	const exact = burst.every((answers) => answers.filter((a) => a.ok).length === BUDGET);

	const sorted = Float64Array.from(latencies).sort();
	const cpuMs =
		(cpuAfter.userMicros + cpuAfter.systemMicros - cpuBefore.userMicros - cpuBefore.systemMicros) /
		1000;
	console.log(
		`\n${VOTERS} voters, ${CARDS} cards, ${INFLIGHT} commands in flight per voter, results ${VISIBILITY}, ` +
			`${CLOSED} closed rounds before, ${fixed(elapsed, 1)} s\n`
	);
	console.log(
		table(
			['measure', 'value'],
			[
				['accepted commands / s', fixed(accepted / elapsed, 0)],
				[
					'refused commands / s',
					fixed([...refused.values()].reduce((a, b) => a + b, 0) / elapsed, 0)
				],
				['refusals', [...refused].map(([code, n]) => `${code} ${n}`).join(', ') || '—'],
				[
					'ack latency p50 / p95 / p99 ms',
					[50, 95, 99].map((p) => fixed(percentile(sorted, p), 1)).join(' / ')
				],
				['server CPU µs per command', fixed((cpuMs * 1000) / latencies.length, 0)],
				['server RSS MB', fixed(cpuAfter.rssBytes / 1e6, 0)],
				[
					'voting events received by all voters, kB per accepted command',
					fixed(votingBytes / 1000 / Math.max(1, accepted), 1)
				],
				['budget and cap held after the run', String(!overBudget && !overCap)],
				[
					`burst: ${VOTERS} × 50 concurrent dots, exactly ${BUDGET} accepted each`,
					`${exact} (${fixed(burstMs, 0)} ms)`
				]
			]
		)
	);
	for (const { socket } of voters) socket.disconnect();
	board.destroy();
	if (overBudget || overCap || !exact) process.exitCode = 1;
} finally {
	await server.stop();
	data.remove();
}
