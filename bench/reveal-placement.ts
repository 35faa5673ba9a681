/**
 * How long a reveal takes to place its drafts on a board (in the call that runs it, so the whole
 * server waits): n drafts published at once onto an empty board.
 *
 *   npx tsx bench/reveal-placement.ts
 */
import * as Y from 'yjs';
import { NO_NEXT_STEP, publishDrafts, type Card } from '../src/lib/domain/board/cards';

for (const n of [500, 1000, 3000, 5000]) {
	const doc = new Y.Doc();
	const drafts: Card[] = Array.from({ length: n }, (_, i) => ({
		id: `d${i}`,
		area: i % 2 ? 'challenges' : 'potentials',
		authorId: `a${i % 300}`,
		authorGroup: null,
		createdAt: i,
		text: `Entwurf ${i}`,
		color: 'yellow',
		x: 0,
		y: 0,
		phaseId: 'silent',
		clusterId: null,
		nextStep: NO_NEXT_STEP
	}));
	const started = performance.now();
	publishDrafts(doc, drafts, () => Math.random().toString(36).slice(2));
	console.log(`${n} drafts: ${(performance.now() - started).toFixed(0)} ms`);
}
