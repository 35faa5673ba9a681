import { clusterLead } from '../domain/board/cluster-names';
import type { Card } from '../domain/board/cards';
import type { MessageKey, MessageParams } from './catalog';

/**
 * The name of a cluster's title field for the facilitator: its title ("new cluster" until it
 * has one) and its first card, so that two fields of new clusters are not named alike.
 */
export function clusterFieldName(
	t: (key: MessageKey, params?: MessageParams) => string,
	cluster: { readonly id: string; readonly title: string },
	cards: readonly Card[]
): string {
	const title = cluster.title || t('cluster.untitled');
	const card = clusterLead(cards, cluster.id);
	return card ? t('cluster.titleWith', { title, card }) : t('cluster.titleOf', { title });
}
