/**
 * How long the board's policy check blocks the server for one large frame: an update of N text
 * items that Yjs cannot merge (text typed backwards), up to the 1 MiB a frame may hold. The check
 * runs in the call that received the frame, so every board and request of the server waits for it.
 * It refuses these (card text over 1,000 characters), but only after looking at every item.
 *
 *   npx tsx bench/policy-frames.ts
 */
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { createCard } from '../src/lib/domain/board/cards';
import { checkBoardUpdate } from '../src/lib/domain/board/update-policy';

const server = new Y.Doc();
const alice = { sessionId: 's', participantId: 'alice', role: 'participant' } as const;
const rows: string[] = [
	'| text items | frame KB | check ms (median of 3) | verdict |',
	'| ---: | ---: | ---: | --- |'
];
for (const n of [5_000, 20_000, 40_000, 80_000]) {
	const client = new Y.Doc();
	const before = Y.encodeStateVector(client);
	createCard(client, {
		id: `c${n}`,
		area: 'challenges',
		authorId: 'alice',
		createdAt: 1,
		text: ''
	});
	const text = (client.getMap('cards').get(`c${n}`) as Y.Map<unknown>).get('text') as Y.Text;
	for (let i = 0; i < n; i++) text.insert(0, 'x');
	const update = Y.encodeStateAsUpdate(client, before);
	const times: number[] = [];
	let verdict = '';
	for (let round = 0; round < 3; round++) {
		const start = performance.now();
		const result = checkBoardUpdate(server, update, alice, { clientOwners: new Map() });
		times.push(performance.now() - start);
		verdict = result.ok ? 'taken' : `refused: ${result.detail ?? result.reason}`;
	}
	times.sort((a, b) => a - b);
	rows.push(
		`| ${n} | ${Math.round(update.length / 1024)} | ${times[1]!.toFixed(0)} | ${verdict} |`
	);
}
console.log(rows.join('\n'));
