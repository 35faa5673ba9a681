import * as Y from 'yjs';
import { SESSION_LIMITS } from '../session/session-limits';
import { isGroupId, type StakeholderGroupId } from '../session/stakeholder-groups';
import { type AreaId, AREA_IDS, BOARD_LAYOUT, areaAt, frameOf, isAreaId } from './areas';
import { CLUSTER_FRAME, clusterFrameWidth, clusterTitleExtra } from './cluster-frame';
import {
	CARDS,
	CLUSTERS,
	CARD_FIELDS as F,
	CARD_MIN_HEIGHT,
	CARD_TEXT_MAX,
	CARD_WIDTH,
	CLUSTER_TITLE_MAX,
	isDueDate,
	isCardId,
	type CardColor,
	isCardColor,
	isCoordinate,
	isTimestamp
} from './schema';

/** A card as the UI and exports read it; tolerant of fields a foreign client left out. */
export interface Card {
	readonly id: string;
	readonly text: string;
	readonly area: AreaId;
	readonly x: number;
	readonly y: number;
	readonly color: CardColor;
	readonly authorId: string;
	/** The author's stakeholder group when they wrote it; null when none was given. */
	readonly authorGroup: StakeholderGroupId | null;
	readonly createdAt: number;
	/** Set on drafts only. */
	readonly phaseId: string | null;
	readonly clusterId: string | null;
	/** What makes a card in the next-steps area a commitment; every part optional. */
	readonly nextStep: NextStep;
}

export interface NextStep {
	readonly owner: string;
	readonly ownerGroup: StakeholderGroupId | null;
	readonly partners: string;
	/** YYYY-MM-DD, or empty. */
	readonly due: string;
	readonly answers: readonly string[];
}

export const NO_NEXT_STEP: NextStep = {
	owner: '',
	ownerGroup: null,
	partners: '',
	due: '',
	answers: []
};

/**
 * The cards a next step answers, once each: challenges and potentials still on the board. A card
 * moved into the next steps since (or a step naming itself, which any client can write) answers
 * nothing there, as the import of an export requires.
 */
export function answeredCards<C extends Pick<Card, 'id' | 'area'>>(
	step: Pick<NextStep, 'answers'>,
	cards: ReadonlyMap<string, C>
): C[] {
	const answered: C[] = [];
	for (const id of new Set(step.answers)) {
		const card = cards.get(id);
		if (card && card.area !== 'next-steps') answered.push(card);
	}
	return answered;
}

/**
 * Whether a card holds nothing anyone wrote: no text (spaces aside) and no
 * next-step details. A card opened with "+ Karte" and left so is taken away
 * again rather than staying on every screen and in the exports as "(leer)".
 */
export function isBlankCard(card: Pick<Card, 'text' | 'nextStep'>): boolean {
	const step = card.nextStep;
	return (
		card.text.trim() === '' &&
		step.owner === '' &&
		step.ownerGroup === null &&
		step.partners === '' &&
		step.due === '' &&
		step.answers.length === 0
	);
}

export interface NewCard {
	readonly id: string;
	readonly area: AreaId;
	readonly authorId: string;
	readonly authorGroup?: StakeholderGroupId | null;
	readonly createdAt: number;
	readonly text?: string;
	readonly color?: CardColor;
	readonly x?: number;
	readonly y?: number;
	readonly phaseId?: string;
}

export type CardMap = Y.Map<unknown>;

export function cardsOf(doc: Y.Doc): Y.Map<CardMap> {
	return doc.getMap<CardMap>(CARDS);
}

export function defaultColor(area: AreaId): CardColor {
	return area === 'challenges' ? 'pink' : area === 'potentials' ? 'green' : 'yellow';
}

/** Reads a card map; returns null when it is not a card (for example a value a foreign client wrote). */
export function readCard(id: string, map: unknown): Card | null {
	if (!(map instanceof Y.Map)) return null;
	const text = map.get(F.text);
	const area = map.get(F.area);
	const x = map.get(F.x);
	const y = map.get(F.y);
	const color = map.get(F.color);
	const authorId = map.get(F.authorId);
	const authorGroup = map.get(F.authorGroup);
	const createdAt = map.get(F.createdAt);
	const phaseId = map.get(F.phaseId);
	const clusterId = map.get(F.clusterId);
	const owner = map.get(F.owner);
	const ownerGroup = map.get(F.ownerGroup);
	const partners = map.get(F.partners);
	const due = map.get(F.due);
	const answers = map.get(F.answers);
	const safeArea: AreaId = isAreaId(area) ? area : AREA_IDS[0];
	return {
		id,
		text: text instanceof Y.Text ? text.toString() : '',
		area: safeArea,
		x: isCoordinate(x) ? x : frameOf(safeArea).x,
		y: isCoordinate(y) ? y : frameOf(safeArea).y,
		color: isCardColor(color) ? color : defaultColor(safeArea),
		authorId: typeof authorId === 'string' ? authorId : '',
		authorGroup: isGroupId(authorGroup) ? authorGroup : null,
		createdAt: isTimestamp(createdAt) ? createdAt : 0,
		phaseId: typeof phaseId === 'string' ? phaseId : null,
		clusterId: isCardId(clusterId) ? clusterId : null,
		nextStep: {
			owner: typeof owner === 'string' ? owner : '',
			ownerGroup: isGroupId(ownerGroup) ? ownerGroup : null,
			partners: typeof partners === 'string' ? partners : '',
			due: isDueDate(due) ? due : '',
			answers: Array.isArray(answers) ? answers.filter(isCardId) : []
		}
	};
}

/** Whether the board has a card with this id now (what readers show as a card; drafts are elsewhere). */
export function hasCard(doc: Y.Doc, id: string): boolean {
	return cardsOf(doc).get(id) instanceof Y.Map;
}

export function readCards(doc: Y.Doc): Card[] {
	const cards: Card[] = [];
	cardsOf(doc).forEach((map, id) => {
		const card = readCard(id, map);
		if (card) cards.push(card);
	});
	return cards;
}

/**
 * The stakeholder groups the board names: cards' authors' groups (`authorGroup`, which the
 * facilitator may set too) and next steps' responsible groups (`ownerGroup`).
 */
export function groupsNamedOnBoard(doc: Y.Doc): Set<string> {
	const groups = new Set<string>();
	cardsOf(doc).forEach((map) => {
		if (!(map instanceof Y.Map)) return;
		for (const field of [F.authorGroup, F.ownerGroup]) {
			const group = map.get(field);
			if (isGroupId(group)) groups.add(group);
		}
	});
	return groups;
}

/** What places a card in reading order: where it is and when it was written. */
/** A card's place; a card as drawn also knows where it was put (`putY`). */
export type Placed = Pick<Card, 'id' | 'x' | 'y' | 'createdAt'> & { readonly putY?: number };

/**
 * Reading order within an area: top to bottom, then left to right, then age,
 * by where cards were put. A card drawn lower than it was put (pushed by one
 * that grew above it) keeps its place in the order, so the order, which is also
 * the order of the cards in the page, does not change when heights are measured:
 * moving a card's element in the page would take the focus from its text field.
 */
export function compareReadingOrder(a: Placed, b: Placed): number {
	return (
		(a.putY ?? a.y) - (b.putY ?? b.y) ||
		a.x - b.x ||
		a.createdAt - b.createdAt ||
		(a.id < b.id ? -1 : 1)
	);
}

export function cardsByArea<C extends Card>(cards: readonly C[]): Map<AreaId, C[]> {
	const byArea = new Map<AreaId, C[]>(AREA_IDS.map((id) => [id, []]));
	for (const card of cards) byArea.get(card.area)!.push(card);
	for (const list of byArea.values()) list.sort(compareReadingOrder);
	return byArea;
}

export function clampText(text: string): string {
	return text.length > CARD_TEXT_MAX ? text.slice(0, CARD_TEXT_MAX) : text;
}

/** Card layout in an area frame, in board units. */
export const LAYOUT = { gap: 16, padding: 24, header: 80 } as const;
// The frames new cards keep clear of are drawn as cluster-frame.ts says; re-exported for the
// modules that read it with the rest of the layout.
export { CLUSTER_FRAME } from './cluster-frame';
const GAP = LAYOUT.gap;
const PADDING = LAYOUT.padding;
const HEADER = LAYOUT.header;
/** Approximate characters per line and line height of a card's text, in board units. */
const CHARS_PER_LINE = 20;
const LINE_HEIGHT = 26;

/** How tall a card with this text is drawn, approximately; enough to keep new cards clear of it. */
export function estimateCardHeight(text: string): number {
	const lines = text
		.split('\n')
		.reduce((sum, paragraph) => sum + Math.max(1, Math.ceil(paragraph.length / CHARS_PER_LINE)), 0);
	return Math.max(CARD_MIN_HEIGHT, 48 + lines * LINE_HEIGHT);
}

/**
 * A cluster's title as every reader takes it (the cluster's map in the board's `clusters`):
 * its first CLUSTER_TITLE_MAX characters; none when it has none.
 */
export function readClusterTitle(map: Y.Map<unknown> | undefined): string {
	const title = map?.get('title');
	return typeof title === 'string' ? title.slice(0, CLUSTER_TITLE_MAX) : '';
}

/** The titles of a board's clusters, by id: what new cards keep clear of takes room by them. */
export function clusterTitlesOf(doc: Y.Doc): Map<string, string> {
	const titles = new Map<string, string>();
	doc.getMap<unknown>(CLUSTERS).forEach((map, id) => {
		if (map instanceof Y.Map) titles.set(id, readClusterTitle(map));
	});
	return titles;
}

/**
 * Where a new card goes: in the column of its area where it can sit highest
 * without touching another card (first fit, top to bottom, then left to right).
 * `titles` are the clusters' titles (clusterTitlesOf): a cluster whose title takes
 * more than one line is drawn taller (settleCards), and the new card keeps clear of
 * its frame as drawn. Without them every title counts as one line. `text`: the new card's,
 * whose height it needs (a new card is empty; a revealed draft is not).
 */
export function placeNewCard(
	existing: readonly Card[],
	area: AreaId,
	titles: ReadonlyMap<string, string> = new Map(),
	text = ''
): { x: number; y: number } {
	return new NewCardPlaces(existing, titles).place(area, text);
}

type Box = { left: number; right: number; top: number; bottom: number; beside: number };

/** One column of an area: what blocks it, by top, and how far down the search has come. */
interface Column {
	readonly x: number;
	readonly blockers: Box[];
	/** The highest place found so far, and the first blocker not yet passed. */
	y: number;
	next: number;
}

/**
 * Places new cards one after another exactly as placeNewCard would place each on the board the
 * ones before it left (a reveal publishes hundreds at once), without starting over for each:
 * placed cards fill the columns from the top, so each column's search resumes where it stopped.
 */
export class NewCardPlaces {
	private readonly areas = new Map<AreaId, Column[]>();

	constructor(
		private readonly existing: readonly Card[],
		private readonly titles: ReadonlyMap<string, string> = new Map()
	) {}

	place(area: AreaId, text: string): { x: number; y: number } {
		const columns = this.columnsOf(area);
		const height = estimateCardHeight(text);
		let best: { x: number; y: number } | null = null;
		for (const column of columns) {
			advance(column);
			const y = fitted(column, height);
			if (!best || y < best.y) best = { x: column.x, y };
		}
		const { x, y } = best!;
		const box: Box = { left: x, right: x + CARD_WIDTH, top: y, bottom: y + height, beside: GAP };
		for (const column of columns) {
			if (!blocks(box, column.x)) continue;
			// After the blockers of the same top (a card appended comes after them when sorted).
			let at = column.blockers.length;
			while (at > 0 && column.blockers[at - 1]!.top > box.top) at--;
			// Every blocker the search passed starts above this place (it moved the place below
			// itself, or ended above it), so the new card comes after them, where the search meets it.
			column.blockers.splice(at, 0, box);
		}
		return { x, y };
	}

	private columnsOf(area: AreaId): Column[] {
		const known = this.areas.get(area);
		if (known) return known;
		const frame = frameOf(area);
		const count = Math.max(1, Math.floor((frame.width - PADDING) / (CARD_WIDTH + GAP)));
		const inArea = this.existing.filter((c) => c.area === area);
		// What a new card must keep clear of: the cards, and the frames (with their titles) drawn
		// around clustered cards, which the board would otherwise push down to make room for it.
		// Cards keep a gap beside each other; a frame reaches into the gap between columns already.
		const boxes: Box[] = inArea.map((c) => ({
			left: c.x,
			right: c.x + CARD_WIDTH,
			top: c.y,
			bottom: c.y + estimateCardHeight(c.text),
			beside: GAP
		}));
		const members = new Map<string, number[]>();
		inArea.forEach((c, i) => {
			if (c.clusterId === null) return;
			const list = members.get(c.clusterId);
			if (list) list.push(i);
			else members.set(c.clusterId, [i]);
		});
		for (const [id, indices] of members) {
			const list = indices.map((i) => boxes[i]!);
			// A title of more lines draws the cards that much lower under the same frame top.
			const extra = clusterTitleExtra(
				this.titles.get(id) ?? '',
				clusterFrameWidth(indices.map((i) => inArea[i]!))
			);
			boxes.push({
				left: Math.min(...list.map((b) => b.left)) - CLUSTER_FRAME.side,
				right: Math.max(...list.map((b) => b.right)) + CLUSTER_FRAME.side,
				top: Math.min(...list.map((b) => b.top)) - CLUSTER_FRAME.padding - CLUSTER_FRAME.title,
				bottom: Math.max(...list.map((b) => b.bottom)) + extra + CLUSTER_FRAME.padding,
				beside: 0
			});
		}
		const columns = Array.from({ length: count }, (_, column): Column => {
			const x = frame.x + PADDING + column * (CARD_WIDTH + GAP);
			return {
				x,
				blockers: boxes.filter((b) => blocks(b, x)).sort((a, b) => a.top - b.top),
				y: frame.y + HEADER,
				next: 0
			};
		});
		this.areas.set(area, columns);
		return columns;
	}
}

/** Whether a box stands in the way of a card in the column at `x`. */
function blocks(box: Box, x: number): boolean {
	return box.left < x + CARD_WIDTH + box.beside && box.right + box.beside > x;
}

/**
 * Where a card of `height` fits in a column, from where an empty card would (a taller card can sit
 * no higher): a gap an empty card fits in may be too small for it. The column's search stays where
 * it is, for the empty cards and shorter drafts that may still fit that gap.
 */
function fitted(column: Column, height: number): number {
	let y = column.y;
	for (let next = column.next; next < column.blockers.length; next++) {
		const box = column.blockers[next]!;
		if (box.top >= y + height + GAP) break;
		const bottom = box.bottom + GAP;
		if (bottom > y) y = bottom;
	}
	return y;
}

/**
 * Moves a column's search down past every blocker a card at its place would touch (the blockers
 * come by top: once one starts below the card, so does every later one, and the place is found).
 */
function advance(column: Column): void {
	while (column.next < column.blockers.length) {
		const box = column.blockers[column.next]!;
		if (box.top >= column.y + CARD_MIN_HEIGHT + GAP) return;
		const bottom = box.bottom + GAP;
		if (bottom > column.y) column.y = bottom;
		column.next++;
	}
}

export function createCard(doc: Y.Doc, card: NewCard): void {
	const position =
		card.x !== undefined && card.y !== undefined
			? { x: card.x, y: card.y }
			: placeNewCard(readCards(doc), card.area, clusterTitlesOf(doc));
	doc.transact(() => {
		const map = new Y.Map<unknown>();
		map.set(F.id, card.id);
		map.set(F.text, new Y.Text(clampText(card.text ?? '')));
		map.set(F.area, card.area);
		map.set(F.x, position.x);
		map.set(F.y, position.y);
		map.set(F.color, card.color ?? defaultColor(card.area));
		map.set(F.authorId, card.authorId);
		if (card.authorGroup) map.set(F.authorGroup, card.authorGroup);
		map.set(F.createdAt, card.createdAt);
		if (card.phaseId !== undefined) map.set(F.phaseId, card.phaseId);
		cardsOf(doc).set(card.id, map);
	});
}

/**
 * Replaces a card's text with the smallest delete and insert, so that concurrent
 * edits elsewhere in the same text merge instead of overwriting each other.
 */
export function setCardText(doc: Y.Doc, id: string, next: string): void {
	const text = cardsOf(doc).get(id)?.get(F.text);
	if (!(text instanceof Y.Text)) return;
	const value = clampText(next);
	const current = text.toString();
	if (current === value) return;
	let start = 0;
	while (start < current.length && start < value.length && current[start] === value[start]) start++;
	let end = 0;
	while (
		end < current.length - start &&
		end < value.length - start &&
		current[current.length - 1 - end] === value[value.length - 1 - end]
	)
		end++;
	doc.transact(() => {
		const removed = current.length - start - end;
		if (removed > 0) text.delete(start, removed);
		const inserted = value.slice(start, value.length - end);
		if (inserted) text.insert(start, inserted);
	});
}

/**
 * Moves a card; the area follows the frame the card's centre lands in. A card
 * that lands in another area than its cluster's leaves the cluster: a cluster's
 * cards share its area (docs/board-schema.md#clusters).
 */
export function moveCard(doc: Y.Doc, id: string, x: number, y: number): void {
	const map = cardsOf(doc).get(id);
	if (!map || !isCoordinate(x) || !isCoordinate(y)) return;
	const area = areaAt(x + CARD_WIDTH / 2);
	doc.transact(() => {
		map.set(F.x, Math.round(x));
		map.set(F.y, Math.round(y));
		if (map.get(F.area) === area) return;
		recolourForArea(map, area);
		map.set(F.area, area);
		const clusterId = map.get(F.clusterId);
		if (typeof clusterId !== 'string') return;
		const clusterArea = doc.getMap<Y.Map<unknown>>(CLUSTERS).get(clusterId)?.get('area');
		if (clusterArea !== area) map.delete(F.clusterId);
	});
}

/**
 * Moves several cards at once, in one transaction: others see them arrive
 * together and the mover's undo takes them back in one step.
 */
export function moveCards(
	doc: Y.Doc,
	moves: readonly { id: string; x: number; y: number }[],
	options: { clustersFollow?: boolean } = {}
): void {
	if (moves.length === 0) return;
	doc.transact(() => {
		// A whole cluster moved into one other area takes its cluster along (who may write clusters only).
		if (options.clustersFollow) followingClusters(doc, moves);
		for (const { id, x, y } of moves) moveCard(doc, id, x, y);
	});
}

function followingClusters(
	doc: Y.Doc,
	moves: readonly { id: string; x: number; y: number }[]
): void {
	const landing = new Map(moves.map((m) => [m.id, areaAt(m.x + CARD_WIDTH / 2)]));
	const members = new Map<string, string[]>();
	for (const [id, map] of cardsOf(doc)) {
		const clusterId = map.get(F.clusterId);
		if (typeof clusterId !== 'string') continue;
		members.set(clusterId, [...(members.get(clusterId) ?? []), id]);
	}
	const clusters = doc.getMap<Y.Map<unknown>>(CLUSTERS);
	for (const [clusterId, ids] of members) {
		const areas = new Set(ids.map((id) => landing.get(id)));
		const [area] = areas;
		const cluster = clusters.get(clusterId);
		if (areas.size !== 1 || area === undefined || !cluster) continue;
		if (cluster.get('area') !== area) cluster.set('area', area);
	}
}

/** How far a copy sits from its original, in board units: visibly another card. */
export const DUPLICATE_OFFSET = 24;

/**
 * Copies cards as new cards of the given author: same area, colour and text,
 * a little offset, in no cluster, without votes, connectors or next-step
 * details (those belong to the original). A draft's copy is a draft too, of
 * `copy.phaseId` when given: a draft left over from an earlier silent phase is
 * copied into the current one, whose reveal publishes it.
 * Returns the new ids, in the order of `sources`.
 */
export function duplicateCards(
	doc: Y.Doc,
	sources: readonly Card[],
	copy: {
		readonly ids: readonly string[];
		readonly authorId: string;
		readonly authorGroup: StakeholderGroupId | null;
		readonly createdAt: number;
		/** The silent phase the copies are drafts of, instead of their originals' (an earlier one). */
		readonly phaseId?: string;
	}
): string[] {
	const made: string[] = [];
	doc.transact(() => {
		sources.forEach((source, i) => {
			const id = copy.ids[i];
			if (!id) return;
			createCard(doc, {
				id,
				area: source.area,
				authorId: copy.authorId,
				authorGroup: copy.authorGroup,
				createdAt: copy.createdAt,
				text: source.text,
				color: source.color,
				x: source.x + DUPLICATE_OFFSET,
				y: source.y + DUPLICATE_OFFSET,
				...(source.phaseId ? { phaseId: copy.phaseId ?? source.phaseId } : {})
			});
			made.push(id);
		});
	});
	return made;
}

/** Moves a card into another area's frame, at that area's first free slot, out of its cluster. */
/**
 * A card in its old area's colour takes the new area's: a challenge moved among the potentials
 * stayed pink there, the one pink card among green ones for the rest of the meeting. A colour
 * someone chose stays.
 */
function recolourForArea(map: CardMap, area: AreaId): void {
	const from = map.get(F.area);
	if (isAreaId(from) && map.get(F.color) === defaultColor(from))
		map.set(F.color, defaultColor(area));
}

export function moveCardToArea(doc: Y.Doc, id: string, area: AreaId): void {
	const map = cardsOf(doc).get(id);
	if (!map || map.get(F.area) === area) return;
	const others = readCards(doc).filter((c) => c.id !== id);
	const position = placeNewCard(others, area, clusterTitlesOf(doc));
	doc.transact(() => {
		recolourForArea(map, area);
		map.set(F.area, area);
		map.set(F.x, position.x);
		map.set(F.y, position.y);
		// A cluster's cards are in its area (clusters.ts); its area is another.
		if (map.has(F.clusterId)) map.delete(F.clusterId);
	});
}

/**
 * Sets the parts of a next step that changed; empty values remove the field.
 * Each part is its own field, so two people filling in different parts do not overwrite each other.
 */
export function setNextStep(doc: Y.Doc, id: string, patch: Partial<NextStep>): void {
	const map = cardsOf(doc).get(id);
	if (!map) return;
	doc.transact(() => {
		for (const [field, value] of Object.entries(patch) as [keyof NextStep, unknown][]) {
			const empty = value === '' || value === null || (Array.isArray(value) && value.length === 0);
			const current = map.get(field);
			if (empty) {
				if (map.has(field)) map.delete(field);
			} else if (JSON.stringify(current) !== JSON.stringify(value)) {
				map.set(field, value);
			}
		}
	});
}

export function setCardColor(doc: Y.Doc, id: string, color: CardColor): void {
	const map = cardsOf(doc).get(id);
	if (map && map.get(F.color) !== color) map.set(F.color, color);
}

export function deleteCard(doc: Y.Doc, id: string): void {
	const cards = cardsOf(doc);
	if (cards.has(id)) cards.delete(id);
}

export function boardBounds(): { width: number; height: number } {
	const last = BOARD_LAYOUT[BOARD_LAYOUT.length - 1]!;
	return { width: last.x + last.width, height: Math.max(...BOARD_LAYOUT.map((f) => f.height)) };
}

/**
 * Publishes drafts onto a board: each keeps its id, author, text, colour and
 * creation time and gets a free place in its area. A draft already on the
 * board (same id, author and creation time) is left as it is, so publishing
 * twice changes nothing. A draft whose id another card holds — another
 * participant's draft or card with the same id, which only a hand-made
 * client produces — is published under a new id from `newId`, not dropped.
 * The board takes no more than a session holds (SESSION_LIMITS.cards, so that its
 * export imports): drafts past that, the latest in the given order, are `kept` back.
 * Returns the ids of the cards it put on the board, and the drafts it kept back.
 */
export function publishDrafts(
	doc: Y.Doc,
	drafts: readonly Card[],
	newId: () => string
): { published: string[]; kept: Card[] } {
	const published: string[] = [];
	const kept: Card[] = [];
	doc.transact(() => {
		const cards = cardsOf(doc);
		// Read once and kept up to date here: read again for each draft, 3,000 drafts took seconds,
		// in which the server did nothing else.
		const places = new NewCardPlaces(readCards(doc), clusterTitlesOf(doc));
		for (const draft of drafts) {
			let id = draft.id;
			const holder = cards.get(id);
			if (holder) {
				const samePublished =
					holder.get(F.authorId) === draft.authorId && holder.get(F.createdAt) === draft.createdAt;
				if (samePublished) continue;
			}
			if (cards.size >= SESSION_LIMITS.cards) {
				kept.push(draft);
				continue;
			}
			if (holder) {
				do id = newId();
				while (cards.has(id));
			}
			const { x, y } = places.place(draft.area, draft.text);
			createCard(doc, {
				id,
				area: draft.area,
				authorId: draft.authorId,
				authorGroup: draft.authorGroup,
				createdAt: draft.createdAt,
				text: draft.text,
				color: draft.color,
				x,
				y
			});
			published.push(id);
		}
	});
	return { published, kept };
}
