import { describe, expect, it } from 'vitest';
import { type Card, NO_NEXT_STEP } from './cards';
import {
	keepUnsent,
	parseUnsent,
	restoring,
	UNSENT_MAX,
	type UnsentCard,
	unsentCards
} from './unsent';

const card = (id: string, text: string, patch: Partial<Card> = {}): Card => ({
	id,
	text,
	area: 'challenges',
	x: 0,
	y: 0,
	color: 'yellow',
	authorId: 'jana',
	authorGroup: null,
	createdAt: 1,
	phaseId: null,
	clusterId: null,
	nextStep: NO_NEXT_STEP,
	...patch
});
const unsent = (id: string, text = id): UnsentCard => ({
	id,
	text,
	area: 'challenges',
	color: 'yellow'
});

describe('cards the server did not take', () => {
	it('keeps the viewer’s written cards the server lacks or has with another text', () => {
		const local = [
			card('taken', 'Große Lose'),
			card('offline', 'Kurze Fristen', { phaseId: 'challenges', color: 'pink' }),
			card('edited', 'Wenig Personal in der Vergabestelle'),
			card('empty', '  '),
			card('others', 'Von Murat', { authorId: 'murat' })
		];
		const server = [
			card('taken', 'Große Lose'),
			card('edited', 'Wenig Personal'),
			card('others', 'Von Murat', { authorId: 'murat' })
		];
		expect(unsentCards(local, server, 'jana')).toEqual([
			{ id: 'offline', area: 'challenges', text: 'Kurze Fristen', color: 'pink' },
			{
				id: 'edited',
				area: 'challenges',
				text: 'Wenig Personal in der Vergabestelle',
				color: 'yellow'
			}
		]);
	});

	it('counts a draft that reached the board (revealed meanwhile) as taken', () => {
		const draft = card('d1', 'Markterkundung', { phaseId: 'potentials' });
		expect(unsentCards([draft], [{ ...draft, phaseId: null }], 'jana')).toEqual([]);
	});

	it('keeps one entry per card, the latest text, and only the newest few', () => {
		expect(keepUnsent([unsent('a', 'alt'), unsent('b')], [unsent('a', 'neu')])).toEqual([
			unsent('b'),
			unsent('a', 'neu')
		]);
		const many = Array.from({ length: UNSENT_MAX + 5 }, (_, i) => unsent(`c${i}`));
		const kept = keepUnsent([], many);
		expect(kept).toHaveLength(UNSENT_MAX);
		expect(kept.at(-1)!.id).toBe(`c${UNSENT_MAX + 4}`);
	});

	it('reads back from storage only what looks like an unsent card', () => {
		expect(parseUnsent('nonsense')).toEqual([]);
		expect(
			parseUnsent([
				unsent('ok'),
				{ ...unsent('area'), area: 'kitchen' },
				{ ...unsent('color'), color: 'black' },
				{ ...unsent('long'), text: 'x'.repeat(1001) },
				null,
				{ ...unsent('extra'), evil: true }
			])
		).toEqual([unsent('ok'), unsent('extra')]);
	});
});

describe('putting an unsent card back', () => {
	it('gives the text back to the card it was, where the viewer may still change it', () => {
		expect(
			restoring(unsent('a'), { areas: [], draftPhaseId: null, editable: { id: 'a' } })
		).toEqual({ kind: 'edit', id: 'a' });
	});

	it('adds it as a new card in its area, or the first area open now, as a draft while people write silently', () => {
		const writing = { areas: ['potentials', 'challenges'] as const, editable: null };
		expect(restoring(unsent('a'), { ...writing, draftPhaseId: null })).toEqual({
			kind: 'add',
			area: 'challenges',
			draftOf: null
		});
		expect(
			restoring({ ...unsent('a'), area: 'next-steps' }, { ...writing, draftPhaseId: 'ideas' })
		).toEqual({ kind: 'add', area: 'potentials', draftOf: 'ideas' });
	});

	it('does nothing while the viewer may write nothing', () => {
		expect(restoring(unsent('a'), { areas: [], draftPhaseId: null, editable: null })).toBeNull();
	});
});
