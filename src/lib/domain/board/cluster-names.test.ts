import { describe, expect, it } from 'vitest';
import { type Card, NO_NEXT_STEP } from './cards';
import { clusterLead } from './cluster-names';

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
	clusterId: 'k1',
	nextStep: NO_NEXT_STEP,
	...patch
});

describe('the card that tells a cluster’s title field apart', () => {
	it('is the cluster’s first card with text, top to bottom and left to right', () => {
		const cards = [
			card('a', 'Angst vor Rügen', { y: 200 }),
			card('b', '', { y: 0 }),
			card('c', 'Vergaberecht kompliziert', { y: 100, x: 300 }),
			card('d', 'Große Lose', { y: 100, x: 0 }),
			card('e', 'Anderer Cluster', { y: 0, clusterId: 'k2' })
		];
		expect(clusterLead(cards, 'k1')).toBe('Große Lose');
		expect(clusterLead(cards, 'k2')).toBe('Anderer Cluster');
	});

	it('is cut to a few words, on one line; empty without text', () => {
		const long = card('a', 'Die Vergabestellen fürchten Rügen,\nwenn sie soziale Kriterien nutzen');
		expect(clusterLead([long], 'k1')).toBe('Die Vergabestellen fürchten Rügen, wenn…');
		expect(clusterLead([card('a', '  ')], 'k1')).toBe('');
		expect(clusterLead([], 'k1')).toBe('');
	});
});
