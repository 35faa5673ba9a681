import { translate, type Locale } from '../../i18n/catalog';
import type { ExportCluster } from './model';
import { singleLine } from './text';

/**
 * A cluster as every readable export names it: its title on one line, or "Neuer Cluster" /
 * "New cluster" while it has none (a new cluster stores no title until the facilitator names
 * it). The JSON keeps the empty title: it is the data, this is the reading of it.
 */
export function clusterName(cluster: Pick<ExportCluster, 'title'>, locale: Locale): string {
	return singleLine(cluster.title) || translate(locale, 'cluster.untitled');
}
