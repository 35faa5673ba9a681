import * as Y from 'yjs';
import type { Card } from './cards';
import { clusterFrame, type Cluster } from './clusters';
import { CARD_WIDTH, isCardId } from './schema';
import { cardHeight } from './card-layout';
import { edgePoint, type Box } from './connector-geometry';

/**
 * Connectors (docs/board-schema.md#connectors): a line between two cards or
 * clusters with an optional label ("cooperates with", "could support"). A
 * connector whose end is gone is not shown: deleting a card removes its connectors.
 */
export const CONNECTORS = 'connectors';
export const CONNECTOR_LABEL_MAX = 80;

export const CONNECTOR_FIELDS = {
	id: 'id',
	from: 'from',
	to: 'to',
	label: 'label',
	createdAt: 'createdAt'
} as const;

export interface Connector {
	readonly id: string;
	/** A card id or a cluster id. */
	readonly from: string;
	readonly to: string;
	readonly label: string;
	readonly createdAt: number;
}

export function connectorsOf(doc: Y.Doc): Y.Map<Y.Map<unknown>> {
	return doc.getMap<Y.Map<unknown>>(CONNECTORS);
}

/** The connectors whose both ends are on the board (cards, or clusters with cards). */
export function readConnectors(
	doc: Y.Doc,
	cards: readonly Card[],
	clusters: readonly Cluster[]
): Connector[] {
	const ends = new Set([
		...cards.filter((c) => c.phaseId === null).map((c) => c.id),
		...clusters.map((c) => c.id)
	]);
	const connectors: Connector[] = [];
	for (const [id, map] of connectorsOf(doc)) {
		if (!(map instanceof Y.Map) || !isCardId(id)) continue;
		const from = map.get(CONNECTOR_FIELDS.from);
		const to = map.get(CONNECTOR_FIELDS.to);
		if (typeof from !== 'string' || typeof to !== 'string' || from === to) continue;
		if (!ends.has(from) || !ends.has(to)) continue;
		const label = map.get(CONNECTOR_FIELDS.label);
		const createdAt = map.get(CONNECTOR_FIELDS.createdAt);
		connectors.push({
			id,
			from,
			to,
			label: typeof label === 'string' ? label.slice(0, CONNECTOR_LABEL_MAX) : '',
			createdAt: typeof createdAt === 'number' ? createdAt : 0
		});
	}
	return connectors.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

export function connect(
	doc: Y.Doc,
	connector: { id: string; from: string; to: string; label?: string; createdAt: number }
): void {
	if (connector.from === connector.to) return;
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set(CONNECTOR_FIELDS.id, connector.id);
		map.set(CONNECTOR_FIELDS.from, connector.from);
		map.set(CONNECTOR_FIELDS.to, connector.to);
		map.set(CONNECTOR_FIELDS.label, (connector.label ?? '').slice(0, CONNECTOR_LABEL_MAX));
		map.set(CONNECTOR_FIELDS.createdAt, connector.createdAt);
		connectorsOf(doc).set(connector.id, map);
	});
}

export function labelConnector(doc: Y.Doc, id: string, label: string): void {
	connectorsOf(doc).get(id)?.set(CONNECTOR_FIELDS.label, label.slice(0, CONNECTOR_LABEL_MAX));
}

export function disconnect(doc: Y.Doc, id: string): void {
	connectorsOf(doc).delete(id);
}

/** Deletes connectors whose end is gone (the facilitator's client tidies up after deletions). */
export function removeDanglingConnectors(
	doc: Y.Doc,
	cards: readonly Card[],
	clusters: readonly Cluster[]
): void {
	const shown = new Set(readConnectors(doc, cards, clusters).map((c) => c.id));
	const dangling = [...connectorsOf(doc).keys()].filter((id) => !shown.has(id));
	if (dangling.length === 0) return;
	doc.transact(() => dangling.forEach((id) => connectorsOf(doc).delete(id)));
}

/** Where a connector's ends are drawn: the centres of its cards or cluster frames. */
/**
 * The connector that connecting a selection makes: from the card selected first
 * to the one selected second. Null unless exactly two are selected and they are
 * not connected yet, either way round (a second line between them says nothing new).
 */
export function selectionConnector(
	selected: readonly string[],
	connectors: readonly Connector[]
): { from: string; to: string } | null {
	if (selected.length !== 2) return null;
	const [from, to] = selected as [string, string];
	const connected = connectors.some(
		(c) => (c.from === from && c.to === to) || (c.from === to && c.to === from)
	);
	return connected ? null : { from, to };
}

/**
 * Where a connector is drawn: from the edge of one end's box to the edge of the
 * other's (cards and cluster frames as drawn), so that its arrow and its label
 * are not under the cards it joins.
 */
export function connectorEnds(
	connector: Connector,
	cards: readonly Card[],
	clusters: readonly Cluster[]
): { x1: number; y1: number; x2: number; y2: number } | null {
	const a = endBox(connector.from, cards, clusters);
	const b = endBox(connector.to, cards, clusters);
	if (!a || !b) return null;
	const start = edgePoint(a, b);
	const end = edgePoint(b, a);
	return { x1: start.x, y1: start.y, x2: end.x, y2: end.y };
}

/** A card's or cluster's box on the canvas, in board units. */
function endBox(id: string, cards: readonly Card[], clusters: readonly Cluster[]): Box | null {
	const card = cards.find((c) => c.id === id);
	if (card) return { x: card.x, y: card.y, width: CARD_WIDTH, height: cardHeight(card) };
	const cluster = clusters.find((c) => c.id === id);
	return (
		(cluster &&
			clusterFrame(
				cards.filter((c) => cluster.cardIds.includes(c.id)),
				cluster.title
			)) ??
		null
	);
}
