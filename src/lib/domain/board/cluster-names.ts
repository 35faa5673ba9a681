import { compareReadingOrder, type Card } from './cards';

/** How much of a card's text names its cluster's title field. */
const LEAD_MAX = 40;

/**
 * The text of a cluster's first card in reading order, cut to a few words: with it, the title
 * fields of clusters of the same title (every new one is "new cluster") have names of their own
 * for screen readers. Empty when none of the cluster's cards has text.
 */
export function clusterLead(cards: readonly Card[], clusterId: string): string {
	const first = cards
		.filter((c) => c.clusterId === clusterId && c.text.trim() !== '')
		.sort(compareReadingOrder)[0];
	if (!first) return '';
	const text = first.text.trim().replace(/\s+/g, ' ');
	return text.length <= LEAD_MAX ? text : `${text.slice(0, LEAD_MAX - 1).trimEnd()}…`;
}
