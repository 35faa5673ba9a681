import * as Y from 'yjs';
import { isAreaId } from './areas';
import {
	CARDS,
	CARD_FIELDS as F,
	CLUSTERS,
	CARD_FIELD_NAMES,
	CARD_TEXT_MAX,
	isCardColor,
	isCardId,
	isCoordinate,
	isTimestamp,
	nextStepFieldProblem
} from './schema';
import type { Actor } from '../session/roles';
import { SESSION_LIMITS } from '../session/session-limits';
import { cardLimitReached, type CardLimit } from './card-limit';
import { isGroupId } from '../session/stakeholder-groups';
import { CLUSTER_FIELDS, CLUSTER_TITLE_MAX } from './clusters';
import { CONNECTORS, CONNECTOR_FIELDS, CONNECTOR_LABEL_MAX } from './connectors';

/**
 * Decides whether an incoming Yjs update may be applied to a board, before it
 * touches the server's document (a CRDT cannot take a change back once merged).
 *
 * Participants may create cards authored by themselves and change or delete only
 * their own cards; the facilitator may change anything, but names only the
 * session's groups in next steps too. The update is fully decoded here, so a
 * malformed update is refused instead of half-applied.
 */
export type UpdateVerdict =
	/** `changes`: false when the document already has everything in it (a reconnecting client's sync). */
	| {
			readonly ok: true;
			readonly changes: boolean;
			/** With `changes`: the Yjs client ids this update writes new structs under. */
			readonly writers?: readonly number[];
	  }
	| {
			readonly ok: false;
			readonly reason: UpdateRefusal;
			readonly detail: string;
			/** With `cardLimit`: which limit. */
			readonly limit?: CardLimit;
	  };

/**
 * `readOnly`: a real change from someone who may not write now (locked board, a phase without writing).
 * `cardLimit`: new cards past the participant's or the board's limit (card-limit.ts).
 */
export type UpdateRefusal = 'malformed' | 'forbidden' | 'invalid' | 'readOnly' | 'cardLimit';

export interface UpdateContext {
	/** The sender may not change the document now; updates that change nothing still pass. */
	readonly readOnly?: boolean;
	/** Areas a participant may add cards to now (the phase's); absent: any. */
	readonly newCardAreas?: readonly string[];
	/**
	 * The session's stakeholder group ids: a next step's `ownerGroup` that anyone
	 * writes (the facilitator too) must be one of them. Absent: any well-formed group id
	 * from a participant, anything from the facilitator.
	 */
	readonly groups?: readonly string[];
	/**
	 * The `phaseId` a participant's new card must carry: in their drafts the
	 * current silent phase's id (only drafts of the revealed phase are revealed),
	 * on the board null — none, board cards are no drafts. Absent: not checked.
	 */
	readonly newCardPhaseId?: string | null;
	/**
	 * Everyone who ever joined the session (staff and removed participants too): the `authorId`
	 * the facilitator gives a card must be one of them, as exports and imports rely on. Absent:
	 * not checked. (A participant's cards name the participant.)
	 */
	readonly people?: ReadonlySet<string>;
	/**
	 * Who has written under which Yjs client id on this board (claimed by their first update
	 * since the board was loaded). A participant writes only under client ids of their own or new
	 * ones: structs under someone else's id — a skipped range of clocks, say — would make the
	 * server take that writer's next edits for ones it has, and drop them everywhere. A client id
	 * from before the board was loaded belongs to the author of the cards it wrote. Absent: not
	 * checked.
	 */
	readonly clientOwners?: ReadonlyMap<number, string>;
}

/** Fields a participant sets when creating a card and never changes or removes afterwards. */
const FIXED_FIELDS: ReadonlySet<string> = new Set([
	F.id,
	F.authorId,
	F.authorGroup,
	F.createdAt,
	F.phaseId
]);

const refuse = (reason: UpdateRefusal, detail: string): UpdateVerdict => ({
	ok: false,
	reason,
	detail
});
const CHANGES: UpdateVerdict = { ok: true, changes: true };
const NO_CHANGE: UpdateVerdict = { ok: true, changes: false };

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds'];
// Yjs types its event handlers invariantly; any is the only common supertype of its shared types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type SharedType = Y.AbstractType<any>;

/** Where a struct hangs: a root type, a type already in the document, a type created by this update, or nowhere (garbage-collected). */
type Parent =
	| { kind: 'root'; name: string }
	| { kind: 'doc'; type: SharedType }
	| { kind: 'new'; item: Y.Item }
	| { kind: 'gone' };

/** The card an item belongs to. */
type CardRef = { kind: 'doc'; item: Y.Item } | { kind: 'new'; item: Y.Item };

/** An update's structs by client, in clock order, found by binary search: a frame may hold 100,000. */
class UpdateIndex {
	private readonly byClient = new Map<number, Struct[]>();
	constructor(readonly structs: readonly Struct[]) {
		for (const s of structs) {
			let list = this.byClient.get(s.id.client);
			if (!list) this.byClient.set(s.id.client, (list = []));
			list.push(s);
		}
		for (const list of this.byClient.values()) list.sort((a, b) => a.id.clock - b.id.clock);
	}
	find(id: Y.ID): Struct | undefined {
		const list = this.byClient.get(id.client);
		if (!list) return undefined;
		let low = 0;
		let high = list.length - 1;
		while (low <= high) {
			const mid = (low + high) >>> 1;
			const s = list[mid]!;
			if (id.clock < s.id.clock) high = mid - 1;
			else if (id.clock >= s.id.clock + s.length) low = mid + 1;
			else return s;
		}
		return undefined;
	}
	/** The struct of the same client just before this one in the update, if any. */
	previous(s: Struct): Struct | undefined {
		return s.id.clock === 0 ? undefined : this.find(Y.createID(s.id.client, s.id.clock - 1));
	}
}

/**
 * Yjs's own update decoder (V1), noting the client id of each block of structs: `readClient` is
 * called once per block header and nowhere else.
 */
class BlockRecordingDecoder extends Y.UpdateDecoderV1 {
	static lastClients: number[] = [];
	constructor(decoder: ConstructorParameters<typeof Y.UpdateDecoderV1>[0]) {
		super(decoder);
		BlockRecordingDecoder.lastClients = [];
	}
	override readClient(): number {
		const client = super.readClient();
		BlockRecordingDecoder.lastClients.push(client);
		return client;
	}
}

/** Whether no client id has two blocks: Yjs would apply the last alone, the check sees both. */
function oneBlockPerClient(clients: readonly number[]): boolean {
	return new Set(clients).size === clients.length;
}

/**
 * Whether each client's deleted ranges are sorted, apart and not empty, as Yjs writes them: the
 * check looks them up by binary search (`Y.isDeleted`), and ranges repeated over and over made
 * it walk the same structs for most of a minute.
 */
function wellFormedDeletes(ds: DeleteSet): boolean {
	for (const ranges of ds.clients.values()) {
		let end = -1;
		for (const { clock, len } of ranges) {
			if (len <= 0 || clock < end) return false;
			end = clock + len;
		}
	}
	return true;
}

export function checkBoardUpdate(
	doc: Y.Doc,
	update: Uint8Array,
	actor: Actor,
	context: UpdateContext = {}
): UpdateVerdict {
	let decoded: { structs: Struct[]; ds: DeleteSet };
	try {
		decoded = Y.decodeUpdateV2(update, BlockRecordingDecoder);
	} catch {
		return refuse('malformed', 'update cannot be decoded');
	}
	// Yjs keeps only the last block of a client id and reads delete sets as sorted: an update of
	// another shape (no stock encoder writes one) would be checked as something Yjs never applies.
	if (!oneBlockPerClient(BlockRecordingDecoder.lastClients) || !wellFormedDeletes(decoded.ds))
		return refuse('malformed', 'update is not encoded as Yjs writes updates');
	if (!changesDocument(doc, decoded.structs, decoded.ds)) return NO_CHANGE;
	if (lacksDependencies(doc, decoded.structs, decoded.ds))
		return refuse('malformed', 'update depends on changes the server does not have');
	// Built once: the order check and the walk both look structs up in it.
	const index = new UpdateIndex(decoded.structs);
	if (referencesOutOfOrder(doc, index))
		return refuse('malformed', 'update refers to what comes after it');
	// Before the phase's read-only: an observer may never write, so the refusal says so (4403)
	// rather than "not now" (4423), whatever the phase or lock.
	if (actor.role !== 'participant' && actor.role !== 'facilitator')
		return refuse('forbidden', 'observers do not write');
	if (context.readOnly) return refuse('readOnly', 'the board is read-only for the sender now');
	// Found once: the participant's check asks whose they are, and the caller records them.
	const writers = writersOf(doc, decoded.structs);
	let verdict: UpdateVerdict;
	try {
		verdict =
			actor.role === 'facilitator'
				? new FacilitatorCheck(doc, index, context).run(decoded.ds)
				: new ParticipantCheck(
						doc,
						index,
						actor.participantId,
						actor.group ?? null,
						context,
						writers
					).run(decoded.ds);
	} catch {
		return refuse('malformed', 'update refers to structures it does not contain');
	}
	if (!verdict.ok || !verdict.changes) return verdict;
	return { ok: true, changes: true, writers };
}

/** The client ids an update writes new structs under (usually one). */
function writersOf(doc: Y.Doc, structs: readonly Struct[]): number[] {
	const writers: number[] = [];
	for (const s of structs) {
		if (s instanceof Y.Skip || writers.includes(s.id.client)) continue;
		if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) writers.push(s.id.client);
	}
	return writers;
}

/** How many of a client id's structs are searched for a card it wrote, at most. */
const OWNER_SEARCH_LIMIT = 1000;

/**
 * Who wrote under a client id before the board was loaded: the author of the first card it
 * wrote something into (undefined when it wrote nothing that is still there).
 */
function ownerInDocument(doc: Y.Doc, client: number, cardsRoot: SharedType): string | undefined {
	const structs = doc.store.clients.get(client);
	if (!structs) return undefined;
	for (let i = 0; i < structs.length && i < OWNER_SEARCH_LIMIT; i++) {
		let item = structs[i];
		while (item instanceof Y.Item && item.parent instanceof Y.AbstractType) {
			if (item.parent === cardsRoot) {
				const content = item.content;
				const author =
					content instanceof Y.ContentType && content.type instanceof Y.Map
						? content.type.get(F.authorId)
						: undefined;
				if (typeof author === 'string') return author;
				break;
			}
			item = item.parent._item ?? undefined;
		}
	}
	return undefined;
}

/**
 * Whether applying an update would change the document: new structures, or the
 * deletion of something not yet deleted. A reconnecting client sends its whole
 * delete set, which changes nothing.
 */
function changesDocument(doc: Y.Doc, structs: readonly Struct[], ds: DeleteSet): boolean {
	for (const s of structs) {
		if (s instanceof Y.Skip) continue;
		if (s.id.clock + s.length > Y.getState(doc.store, s.id.client)) return true;
	}
	for (const [client, ranges] of ds.clients) {
		const known = Y.getState(doc.store, client);
		const list = doc.store.clients.get(client);
		for (const { clock, len } of ranges) {
			if (clock + len > known) return true;
			if (!list) continue;
			for (let i = Y.findIndexSS(list, clock); i < list.length; i++) {
				const struct = list[i]!;
				if (struct.id.clock >= clock + len) break;
				if (struct instanceof Y.Item && !struct.deleted) return true;
			}
		}
	}
	return false;
}

/**
 * Whether an update needs changes that neither the document nor the update
 * holds: a gap in a writer's clock, an item placed next to or inside one the
 * server never saw, a deletion of something unknown. Yjs would keep such an
 * update pending — stored, sent to every joiner, and never part of the board.
 */
function lacksDependencies(doc: Y.Doc, structs: readonly Struct[], ds: DeleteSet): boolean {
	// How far each writer's clock reaches with the update applied, if it leaves no gap.
	const reach = new Map<number, number>();
	const reachOf = (client: number) => reach.get(client) ?? Y.getState(doc.store, client);
	for (const s of structs) {
		if (s instanceof Y.Skip) continue;
		const from = reachOf(s.id.client);
		if (s.id.clock > from) return true;
		reach.set(s.id.client, Math.max(from, s.id.clock + s.length));
	}
	const has = (id: Y.ID | null) => id === null || id.clock < reachOf(id.client);
	for (const s of structs) {
		if (!(s instanceof Y.Item)) continue;
		if (!has(s.origin) || !has(s.rightOrigin)) return true;
		if (s.parent instanceof Y.ID && !has(s.parent)) return true;
	}
	for (const [client, ranges] of ds.clients) {
		const known = reachOf(client);
		for (const { clock, len } of ranges) if (clock + len > known) return true;
	}
	return false;
}

/**
 * Whether some struct of the update refers (by origin, right origin or parent) to one that Yjs
 * cannot have integrated before it: itself or a later struct of its own client, or, across
 * clients, in a cycle. Yjs assumes neither happens; given one, it throws half-way through
 * applying the update or keeps it pending for ever, and the walk below would never end. Yjs
 * integrates a client's structs in clock order and another client's first where one needs it:
 * so a struct depends on its own client's previous struct and on the other clients' new structs
 * it names, and these dependencies must have no cycle.
 */
function referencesOutOfOrder(doc: Y.Doc, index: UpdateIndex): boolean {
	const structs = index.structs;
	const stateOf = (client: number) => Y.getState(doc.store, client);
	const isNew = (id: Y.ID) => id.clock >= stateOf(id.client);
	/** Whether the struct brings something new (all of it, or its end: Yjs integrates the rest). */
	const bringsNew = (s: Struct) => s.id.clock + s.length > stateOf(s.id.client);
	const dependencies = (s: Struct): Struct[] => {
		const found: Struct[] = [];
		const before = index.previous(s);
		if (before && isNew(before.id)) found.push(before);
		if (!(s instanceof Y.Item)) return found;
		const parent = s.parent instanceof Y.ID ? s.parent : null;
		// Partly known (a reconnecting client resends what it typed): the beginning the server has
		// named the same things, so the server has them all. Yjs puts the new end after the item the
		// server has just before it, which must be where the struct says it goes (else its text
		// could land in another card than the one the check looked at).
		if (s.id.clock < stateOf(s.id.client)) {
			for (const ref of [s.origin, s.rightOrigin, parent])
				if (ref && isNew(ref)) throw new OutOfOrder();
			if (!continuesWhereItSays(doc, s)) throw new OutOfOrder();
			return found;
		}
		for (const ref of [s.origin, s.rightOrigin, parent]) {
			if (ref === null || !isNew(ref)) continue;
			// A struct names only what its client had when it was written.
			if (ref.client === s.id.client) {
				if (ref.clock >= s.id.clock) throw new OutOfOrder();
				continue;
			}
			const other = index.find(ref);
			if (other) found.push(other);
		}
		return found;
	};
	// Depth-first over the dependencies, without recursion (an update may hold 100,000 structs).
	const DONE = 2;
	const state = new Map<Struct, number>();
	try {
		for (const start of structs) {
			if (start instanceof Y.Skip || state.has(start) || !bringsNew(start)) continue;
			const stack: { s: Struct; deps: Struct[]; next: number }[] = [
				{ s: start, deps: dependencies(start), next: 0 }
			];
			state.set(start, 1);
			while (stack.length > 0) {
				const top = stack[stack.length - 1]!;
				if (top.next === top.deps.length) {
					state.set(top.s, DONE);
					stack.pop();
					continue;
				}
				const dep = top.deps[top.next++]!;
				const seen = state.get(dep);
				if (seen === DONE || dep instanceof Y.Skip) continue;
				if (seen === 1) return true;
				state.set(dep, 1);
				stack.push({ s: dep, deps: dependencies(dep), next: 0 });
			}
		}
	} catch (error) {
		if (error instanceof OutOfOrder) return true;
		throw error;
	}
	return false;
}

class OutOfOrder extends Error {}

/**
 * Whether the item the server has just before a partly known struct (its client's last) lies in
 * the parent, under the key, that the struct names: Yjs takes the struct's parent from what it
 * names and puts its new part after that item.
 */
function continuesWhereItSays(doc: Y.Doc, s: Y.Item): boolean {
	const before = Y.getItem(
		doc.store,
		Y.createID(s.id.client, Y.getState(doc.store, s.id.client) - 1)
	);
	if (!(before instanceof Y.Item)) return false;
	const named = s.parent as unknown;
	if (typeof named === 'string')
		return before.parent === doc.share.get(named) && before.parentSub === s.parentSub;
	if (named instanceof Y.ID) {
		const holder = Y.getItem(doc.store, named);
		return (
			holder instanceof Y.Item &&
			holder.content instanceof Y.ContentType &&
			before.parent === holder.content.type &&
			before.parentSub === s.parentSub
		);
	}
	const neighbourId = s.origin ?? s.rightOrigin;
	if (neighbourId === null) return false;
	const neighbour = Y.getItem(doc.store, neighbourId);
	return (
		neighbour instanceof Y.Item &&
		before.parent === neighbour.parent &&
		before.parentSub === neighbour.parentSub
	);
}

/** Finds where the structs of an update hang (which card, which field), as Yjs would integrate them. */
abstract class UpdateWalk {
	protected readonly structs: readonly Struct[];
	protected readonly cardsRoot: SharedType;
	private readonly parents = new Map<Y.Item, Parent>();
	private readonly subs = new Map<Y.Item, string | null>();

	constructor(
		protected readonly doc: Y.Doc,
		protected readonly index: UpdateIndex
	) {
		this.structs = index.structs;
		this.cardsRoot = doc.getMap(CARDS);
	}

	/** Whether the document already has this struct: Yjs skips it, and so does the check. */
	protected known(s: Struct): boolean {
		return s.id.clock + s.length <= Y.getState(this.doc.store, s.id.client);
	}

	/** The fields of maps (cards, clusters, connectors) this update sets and keeps, per map. */
	private readonly fieldsSet = new Map<SharedType | Y.Item, Set<string>>();

	/**
	 * Whether the update sets this field of this map a second time, both values kept (not in its
	 * delete set). One client replaces what it set before (the earlier value is deleted); two
	 * client ids setting one field concurrently leave Yjs to pick a winner — the higher client id,
	 * not the value a check read last — so such an update could carry a value past the check.
	 */
	protected setTwice(s: Y.Item, parent: Parent, key: string, ds: DeleteSet): boolean {
		if (Y.isDeleted(ds, s.id)) return false;
		const map = parent.kind === 'new' ? parent.item : parent.kind === 'doc' ? parent.type : null;
		if (map === null) return false;
		let keys = this.fieldsSet.get(map);
		if (!keys) this.fieldsSet.set(map, (keys = new Set()));
		if (keys.has(key)) return true;
		keys.add(key);
		return false;
	}

	/** The card field a struct sets when it hangs directly on the card map, else null. */
	protected directCardField(s: Y.Item, parent: Parent, card: CardRef): string | null {
		const direct =
			(parent.kind === 'new' && parent.item === card.item) ||
			(parent.kind === 'doc' && parent.type._item === card.item);
		return direct ? this.subOf(s) : null;
	}

	/** Net change of text length per card text type touched by this update. */
	private readonly textGrowth = new Map<SharedType | Y.Item, number>();

	/** What is wrong with a struct set directly under `cards`: a card must be a map under a valid id. */
	protected invalidCardEntry(s: Y.Item): string | null {
		return this.isMapUnderId(s) ? null : 'a card must be a map under a valid id';
	}

	/** Whether a struct set directly under a root map is a map under a valid id (a card, a cluster, a connector). */
	protected isMapUnderId(s: Y.Item): boolean {
		const key = this.subOf(s);
		return (
			key !== null &&
			isCardId(key) &&
			s.content instanceof Y.ContentType &&
			s.content.type instanceof Y.Map
		);
	}

	/**
	 * What is wrong with a struct below a card's fields (`key` null): there is only the card's
	 * text, and that is plain text — no embedded values or types, no formatting (which nobody
	 * draws, but which every joiner loads).
	 */
	protected invalidBelowFields(s: Y.Item, parent: Parent, card: CardRef): string | null {
		if (s.content instanceof Y.ContentDeleted) return null;
		if (!this.isCardText(parent, card)) return 'unknown structure in a card';
		return s.content instanceof Y.ContentString ? null : 'a card’s text holds only plain text';
	}

	/** Whether a struct's parent is the `text` of this card. */
	protected isCardText(parent: Parent, card: CardRef): boolean {
		if (parent.kind === 'doc') {
			const holder = parent.type._item;
			return (
				parent.type instanceof Y.Text &&
				holder !== null &&
				holder.parentSub === F.text &&
				card.item.content instanceof Y.ContentType &&
				holder.parent === card.item.content.type
			);
		}
		if (parent.kind !== 'new') return false;
		const item = parent.item;
		return (
			item.content instanceof Y.ContentType &&
			item.content.type instanceof Y.Text &&
			this.directCardField(item, this.parentOf(item), card) === F.text
		);
	}

	/** What is wrong with the value a struct sets a card field to, if anything. */
	protected invalidField(
		s: Y.Item,
		key: string | null,
		groups: readonly string[] | undefined
	): string | null {
		if (key === null || s.content instanceof Y.ContentDeleted) return null;
		if (!CARD_FIELD_NAMES.has(key)) return `unknown card field ${key.slice(0, 40)}`;
		const value = valueOf(s);
		switch (key) {
			case F.x:
			case F.y:
				return isCoordinate(value) ? null : `${key} must be a number`;
			case F.createdAt:
				return isTimestamp(value) ? null : 'createdAt must be a time in ms since 1970';
			case F.area:
				return isAreaId(value) ? null : 'unknown area';
			case F.color:
				return isCardColor(value) ? null : 'unknown colour';
			case F.id:
				return isCardId(value) ? null : 'invalid card id';
			case F.authorId:
				return typeof value === 'string' ? null : 'author must be a participant id';
			case F.authorGroup:
				if (!(value === null || isGroupId(value))) return 'invalid stakeholder group';
				// A participant's own group is one; the facilitator may give a card any of them.
				if (typeof value === 'string' && groups && !groups.includes(value))
					return 'not one of the session’s stakeholder groups';
				return null;
			case F.text:
				return s.content instanceof Y.ContentType &&
					s.content.type instanceof Y.Text &&
					!(s.content.type instanceof Y.XmlText)
					? null
					: 'text must be a Y.Text';
			case F.clusterId:
				return value === null || isCardId(value) ? null : 'cluster id must be an id';
			case F.phaseId:
				return typeof value === 'string' && value.length <= 40
					? null
					: 'phase id must be short text';
			case F.ownerGroup: {
				if (typeof value === 'string' && groups && !groups.includes(value))
					return 'not one of the session’s stakeholder groups';
				return nextStepFieldProblem(key, value);
			}
			default:
				return nextStepFieldProblem(key, value);
		}
	}

	protected countInsertedText(s: Y.Item, parent: Parent): void {
		if (!s.countable || s.content instanceof Y.ContentType) return;
		const isText =
			(parent.kind === 'doc' && parent.type instanceof Y.Text) ||
			(parent.kind === 'new' &&
				parent.item.content instanceof Y.ContentType &&
				parent.item.content.type instanceof Y.Text);
		if (!isText) return;
		const key = parent.kind === 'doc' ? parent.type : (parent as { item: Y.Item }).item;
		this.textGrowth.set(key, (this.textGrowth.get(key) ?? 0) + s.length);
	}

	/** Counts a deleted item of a text against its growth. */
	protected countDeletedText(item: Y.Item): void {
		const parent = item.parent;
		if (parent instanceof Y.Text && item.countable)
			this.textGrowth.set(parent, (this.textGrowth.get(parent) ?? 0) - item.length);
	}

	/** A refusal when the update makes a card's text longer than allowed. */
	protected textTooLong(): UpdateVerdict | null {
		for (const [type, growth] of this.textGrowth) {
			const current = type instanceof Y.Text ? type.length : 0;
			if (growth > 0 && current + growth > CARD_TEXT_MAX)
				return refuse('invalid', `card text longer than ${CARD_TEXT_MAX}`);
		}
		return null;
	}

	/** Calls `check` on every live item of the document this update deletes; stops at its first verdict. */
	protected forEachDeletedItem(
		ds: DeleteSet,
		check: (item: Y.Item) => UpdateVerdict | null
	): UpdateVerdict | null {
		for (const [client, ranges] of ds.clients) {
			const structs = this.doc.store.clients.get(client);
			if (!structs) continue;
			const last = structs[structs.length - 1]!;
			const known = last.id.clock + last.length;
			for (const { clock, len } of ranges) {
				const end = Math.min(clock + len, known);
				if (clock >= end) continue;
				for (let i = Y.findIndexSS(structs, clock); i < structs.length; i++) {
					const s = structs[i]!;
					if (s.id.clock >= end) break;
					if (!(s instanceof Y.Item) || s.deleted) continue;
					const verdict = check(s);
					if (verdict) return verdict;
				}
			}
		}
		return null;
	}

	protected cardOf(parent: Parent): CardRef | 'foreign' | 'gone' {
		const entry = this.entryOf(parent);
		if (typeof entry === 'string') return entry;
		return entry.root === CARDS ? entry.ref : 'foreign';
	}

	/** The entry of a root map (a card, a cluster, a connector) that a struct lies in. */
	protected entryOf(parent: Parent): { root: string; ref: CardRef } | 'foreign' | 'gone' {
		// Each step goes one type up; more steps than structs and types could hold is a loop.
		let steps = this.structs.length + this.doc.store.clients.size + 64;
		for (let current = parent; ;) {
			if (--steps < 0) throw new Error('a loop of parents');
			if (current.kind === 'gone') return 'gone';
			if (current.kind === 'root') return 'foreign';
			if (current.kind === 'doc') {
				const holder = current.type._item;
				if (holder === null) return 'foreign';
				const holderParent = holder.parent;
				if (holderParent === this.cardsRoot)
					return { root: CARDS, ref: { kind: 'doc', item: holder } };
				if (!(holderParent instanceof Y.AbstractType)) return 'gone';
				if (holderParent._item === null) {
					const root = this.rootName(holderParent);
					return root === null ? 'gone' : { root, ref: { kind: 'doc', item: holder } };
				}
				current = { kind: 'doc', type: holderParent };
				continue;
			}
			const holderParent = this.parentOf(current.item);
			if (holderParent.kind === 'root')
				return { root: holderParent.name, ref: { kind: 'new', item: current.item } };
			current = holderParent;
		}
	}

	/** The key an entry lies under in its root map. */
	protected keyOf(ref: CardRef): string | null {
		return ref.kind === 'new' ? this.subOf(ref.item) : ref.item.parentSub;
	}

	private rootName(type: SharedType): string | null {
		for (const [name, shared] of this.doc.share) if (shared === type) return name;
		return null;
	}

	protected subOf(s: Y.Item): string | null {
		this.parentOf(s);
		return this.subs.get(s) ?? null;
	}

	/** Resolves a struct's parent the way Yjs integrates it: given explicitly, or inherited from its origin. */
	protected parentOf(s: Y.Item): Parent {
		const known = this.parents.get(s);
		if (known) return known;
		let parent: Parent;
		let sub: string | null = s.parentSub;
		const explicit = s.parent as unknown;
		if (typeof explicit === 'string') {
			parent = { kind: 'root', name: explicit };
		} else if (explicit instanceof Y.ID) {
			parent = this.typeAt(explicit);
		} else {
			const neighbourId = s.origin ?? s.rightOrigin;
			if (neighbourId === null) throw new Error('item without parent');
			const neighbour = this.structAt(neighbourId);
			if (!(neighbour instanceof Y.Item)) {
				parent = { kind: 'gone' };
			} else if (this.index.find(neighbour.id) === neighbour) {
				parent = this.parentOf(neighbour);
				sub = this.subs.get(neighbour) ?? null;
			} else {
				parent = this.docParent(neighbour);
				sub = neighbour.parentSub;
			}
		}
		this.parents.set(s, parent);
		this.subs.set(s, sub);
		return parent;
	}

	private docParent(item: Y.Item): Parent {
		const parent = item.parent;
		if (!(parent instanceof Y.AbstractType)) return { kind: 'gone' };
		if (parent._item === null) {
			for (const [name, type] of this.doc.share) if (type === parent) return { kind: 'root', name };
			return { kind: 'gone' };
		}
		return { kind: 'doc', type: parent };
	}

	/** The type held by the item with this id, in the update or the document. */
	private typeAt(id: Y.ID): Parent {
		const s = this.structAt(id);
		if (!(s instanceof Y.Item)) return { kind: 'gone' };
		// A parent that holds no type makes Yjs drop the child (it becomes garbage).
		if (!(s.content instanceof Y.ContentType)) return { kind: 'gone' };
		if (this.index.find(s.id) === s) return { kind: 'new', item: s };
		return { kind: 'doc', type: s.content.type };
	}

	/** A struct this update or the document holds; an update that depends on anything else is refused. */
	private structAt(id: Y.ID): Struct {
		if (id.clock < Y.getState(this.doc.store, id.client)) {
			return Y.getItem(this.doc.store, id) as Struct;
		}
		const inUpdate = this.index.find(id);
		if (!inUpdate) throw new Error('unresolved');
		return inUpdate;
	}
}

interface ConnectorEnds {
	from?: unknown;
	to?: unknown;
}

/** The fields of a cluster's and a connector's map, each with what its value must be. */
const ENTRY_FIELDS: Readonly<
	Record<string, Readonly<Record<string, (value: unknown) => boolean>>>
> = {
	[CLUSTERS]: {
		[CLUSTER_FIELDS.id]: isCardId,
		[CLUSTER_FIELDS.title]: (value) =>
			typeof value === 'string' && value.length <= CLUSTER_TITLE_MAX,
		[CLUSTER_FIELDS.area]: isAreaId,
		[CLUSTER_FIELDS.createdAt]: isTimestamp
	},
	[CONNECTORS]: {
		[CONNECTOR_FIELDS.id]: isCardId,
		[CONNECTOR_FIELDS.from]: isCardId,
		[CONNECTOR_FIELDS.to]: isCardId,
		[CONNECTOR_FIELDS.label]: (value) =>
			typeof value === 'string' && value.length <= CONNECTOR_LABEL_MAX,
		[CONNECTOR_FIELDS.createdAt]: isTimestamp
	}
};

/**
 * The facilitator may change any card, but only within the board schema, as a participant
 * writes their own: the card's fields with values of their types, plain text of at most
 * CARD_TEXT_MAX characters, a next step naming only the session's groups, an author who is one
 * of the session's people. Clusters and connectors are the facilitator's, within their schema
 * too (plain values of their types, titles and labels of bounded length), and the document has
 * no other root types. Exports, imports, the group list (a group in use stays) and every screen
 * rely on it.
 */
class FacilitatorCheck extends UpdateWalk {
	constructor(
		doc: Y.Doc,
		index: UpdateIndex,
		private readonly context: UpdateContext
	) {
		super(doc, index);
	}

	run(ds: DeleteSet): UpdateVerdict {
		const newCards = new Set<Y.Item>();
		const newConnectors = new Set<Y.Item>();
		/** Cards whose author this update sets (a new card's, or a changed one). */
		const authored = new Set<Y.Item>();
		const identified = new Set<Y.Item>();
		/** The ends this update gives connectors, by key. */
		const connectorEnds = new Map<string, ConnectorEnds>();
		for (const s of this.structs) {
			if (!(s instanceof Y.Item) || this.known(s)) continue;
			// Replaced within the same update (a value set twice): nothing of it stays.
			if (s.content instanceof Y.ContentDeleted || Y.isDeleted(ds, s.id)) continue;
			const parent = this.parentOf(s);
			if (parent.kind === 'gone') continue;
			if (parent.kind === 'root') {
				const invalid = this.invalidRootEntry(s, parent.name);
				if (invalid) return refuse('invalid', invalid);
				if (parent.name === CARDS) newCards.add(s);
				else if (parent.name === CONNECTORS) newConnectors.add(s);
				continue;
			}
			const entry = this.entryOf(parent);
			if (entry === 'gone') continue;
			if (entry === 'foreign') return refuse('invalid', 'unknown structure in the board');
			const { root, ref } = entry;
			if (ref.kind === 'doc' && ref.item.deleted) continue;
			const key = this.directCardField(s, parent, ref);
			if (key !== null && this.setTwice(s, parent, key, ds))
				return refuse('invalid', `${key} set twice in one update`);
			if (root !== CARDS) {
				const invalid = this.invalidEntryField(s, root, key, ref);
				if (invalid) return refuse('invalid', invalid);
				if (
					root === CONNECTORS &&
					(key === CONNECTOR_FIELDS.from || key === CONNECTOR_FIELDS.to) &&
					!Y.isDeleted(ds, s.id)
				) {
					const id = this.keyOf(ref)!;
					connectorEnds.set(id, { ...connectorEnds.get(id), [key]: valueOf(s) });
				}
				continue;
			}
			const invalid =
				key === null
					? this.invalidBelowFields(s, parent, ref)
					: this.invalidField(s, key, this.context.groups);
			if (invalid) return refuse('invalid', invalid);
			if (key === F.authorId) {
				const people = this.context.people;
				if (people && !people.has(valueOf(s) as string))
					return refuse('invalid', 'the author must be one of the session’s people');
				authored.add(ref.item);
			}
			if (key === F.id) {
				if (valueOf(s) !== this.keyOf(ref)) return refuse('invalid', 'a card’s id must be its key');
				identified.add(ref.item);
			}
			this.countInsertedText(s, parent);
		}
		for (const card of newCards) {
			if (!authored.has(card)) return refuse('invalid', 'a new card must name its author');
			if (!identified.has(card)) return refuse('invalid', 'a new card must carry its id');
		}
		// Also the facilitator's board ends somewhere: an export past the session's limits would not import.
		if (this.pastLimit(CARDS, newCards, SESSION_LIMITS.cards, ds))
			return {
				ok: false,
				reason: 'cardLimit',
				detail: 'too many cards on the board',
				limit: 'board'
			};
		if (this.pastLimit(CONNECTORS, newConnectors, SESSION_LIMITS.connectors, ds))
			return refuse('invalid', 'too many connectors');
		const loop = this.connectorToItself(connectorEnds);
		if (loop) return loop;
		const deletion = this.forEachDeletedItem(ds, (item) => {
			this.countDeletedText(item);
			// A card that stays keeps an author and an id: readers and exports know it by them.
			const card = item.parent instanceof Y.Map ? item.parent._item : null;
			if (
				card?.parent === this.cardsRoot &&
				!Y.isDeleted(ds, card.id) &&
				((item.parentSub === F.authorId && !authored.has(card)) ||
					(item.parentSub === F.id && !identified.has(card)))
			)
				return refuse('invalid', `the ${item.parentSub} of a card cannot be removed`);
			return null;
		});
		return deletion ?? this.textTooLong() ?? CHANGES;
	}

	/** Whether entries the update adds to a root map bring it past `max` (only then does it count). */
	private pastLimit(root: string, added: ReadonlySet<Y.Item>, max: number, ds: DeleteSet): boolean {
		if (added.size === 0) return false;
		const entries = this.doc.getMap<unknown>(root)._map;
		// Deleted before or by this update: an entry deleted and one written in its place add none.
		const live = (item: Y.Item | undefined): item is Y.Item =>
			item !== undefined && !item.deleted && !Y.isDeleted(ds, item.id);
		let total = 0;
		for (const item of entries.values()) if (live(item)) total++;
		let adding = 0;
		for (const key of new Set([...added].map((s) => s.parentSub)))
			if (key !== null && !live(entries.get(key))) adding++;
		return total + adding > max;
	}

	/** A connector joins two things: its `to` is not its `from` (as they stand after the update). */
	private connectorToItself(ends: ReadonlyMap<string, ConnectorEnds>): UpdateVerdict | null {
		const root = this.doc.getMap<unknown>(CONNECTORS);
		for (const [id, set] of ends) {
			const stored = root.get(id);
			const end = (name: keyof ConnectorEnds) =>
				name in set ? set[name] : stored instanceof Y.Map ? stored.get(name) : undefined;
			if (end(CONNECTOR_FIELDS.from) === end(CONNECTOR_FIELDS.to))
				return refuse('invalid', 'a connector cannot join a thing to itself');
		}
		return null;
	}

	/** What is wrong with a struct set directly under a root type: only the board's three maps. */
	private invalidRootEntry(s: Y.Item, root: string): string | null {
		if (root === CARDS) return this.invalidCardEntry(s);
		if (!(root in ENTRY_FIELDS)) return `unknown root type ${root.slice(0, 40)}`;
		return this.isMapUnderId(s) ? null : `an entry of ${root} must be a map under a valid id`;
	}

	/** What is wrong with a struct in a cluster's or a connector's map: plain values of the schema. */
	private invalidEntryField(
		s: Y.Item,
		root: string,
		key: string | null,
		ref: CardRef
	): string | null {
		if (key === null) return `an entry of ${root} holds only plain values`;
		const valid = ENTRY_FIELDS[root]?.[key];
		if (!valid) return `unknown field ${key.slice(0, 40)} in ${root}`;
		const value = valueOf(s);
		if (!valid(value)) return `invalid ${key} in ${root}`;
		if (key === 'id' && value !== this.keyOf(ref))
			return `an entry's id in ${root} must be its key`;
		return null;
	}
}

class ParticipantCheck extends UpdateWalk {
	constructor(
		doc: Y.Doc,
		index: UpdateIndex,
		private readonly participantId: string,
		private readonly group: string | null,
		private readonly context: UpdateContext,
		/** The client ids the update writes new structs under (writersOf). */
		private readonly writers: readonly number[]
	) {
		super(doc, index);
	}

	run(ds: DeleteSet): UpdateVerdict {
		const newCardAuthors = new Map<Y.Item, unknown>();
		const newCardGroups = new Map<Y.Item, unknown>();
		const newCardIds = new Map<Y.Item, unknown>();
		const newCardCreated = new Map<Y.Item, unknown>();
		/** The area and the cluster this update gives a card, new or in the document. */
		const areas = new Map<Y.Item, unknown>();
		const clusters = new Map<Y.Item, unknown>();
		const newCardsWithPhase = new Set<Y.Item>();
		const requiredPhase = this.context.newCardPhaseId;
		const newCards: { item: Y.Item; key: string }[] = [];
		const squatting = this.othersClientIds();
		if (squatting) return squatting;
		for (const s of this.structs) {
			if (!(s instanceof Y.Item)) continue;
			if (this.known(s)) continue;
			const parent = this.parentOf(s);
			if (parent.kind === 'gone') continue;
			if (parent.kind === 'root') {
				if (parent.name !== CARDS) return refuse('forbidden', `writes to ${parent.name}`);
				if (s.content instanceof Y.ContentDeleted) continue;
				const entry = this.invalidCardEntry(s);
				if (entry) return refuse('invalid', entry);
				const key = this.subOf(s)!;
				const previous = this.cardsRoot._map.get(key);
				// Setting a key replaces (deletes) its previous card, even without a delete set.
				if (previous && !previous.deleted && !this.ownsDocCard(previous))
					return refuse('forbidden', 'not the author of the card');
				newCards.push({ item: s, key });
				continue;
			}
			const card = this.cardOf(parent);
			if (card === 'foreign') return refuse('forbidden', 'writes outside the cards');
			if (card === 'gone') continue;
			const key = this.directCardField(s, parent, card);
			const below = key === null ? this.invalidBelowFields(s, parent, card) : null;
			if (below) return refuse('invalid', below);
			if (key !== null && this.setTwice(s, parent, key, ds))
				return refuse('invalid', `${key} set twice in one update`);
			if (card.kind === 'new' && !Y.isDeleted(ds, s.id)) {
				// What a new card keeps: a value this update deletes again is none.
				if (key === F.authorId) newCardAuthors.set(card.item, valueOf(s));
				if (key === F.authorGroup) newCardGroups.set(card.item, valueOf(s));
				if (key === F.id) newCardIds.set(card.item, valueOf(s));
				if (key === F.createdAt) newCardCreated.set(card.item, valueOf(s));
			} else if (card.kind === 'doc') {
				if (card.item.deleted) continue;
				if (!this.ownsDocCard(card.item)) return refuse('forbidden', 'not the author of the card');
				if (key !== null && FIXED_FIELDS.has(key))
					return refuse('forbidden', `the ${key} of a card cannot change`);
			}
			const invalid = this.invalidField(s, key, this.context.groups);
			if (invalid) return refuse('invalid', invalid);
			if (key === F.area && !Y.isDeleted(ds, s.id)) areas.set(card.item, valueOf(s));
			if (key === F.clusterId && !Y.isDeleted(ds, s.id)) clusters.set(card.item, valueOf(s));
			if (card.kind === 'new' && key === F.phaseId && !Y.isDeleted(ds, s.id)) {
				const phase = valueOf(s);
				if (requiredPhase === null) return refuse('invalid', 'cards on the board are no drafts');
				if (requiredPhase !== undefined && phase !== requiredPhase)
					return refuse('readOnly', `no drafts of ${String(phase)} in this phase`);
				newCardsWithPhase.add(card.item);
			}
			if (!Y.isDeleted(ds, s.id)) this.countInsertedText(s, parent);
		}
		for (const { item: card, key } of newCards) {
			if (newCardAuthors.get(card) !== this.participantId)
				return refuse('forbidden', 'a new card must name its author');
			// Readers, exports and votes know a card by its id field and its key alike.
			if (newCardIds.get(card) !== key) return refuse('invalid', 'a card’s id must be its key');
			if (typeof newCardCreated.get(card) !== 'number')
				return refuse('invalid', 'a new card must carry createdAt');
			// A draft without its phase would never be revealed.
			if (typeof requiredPhase === 'string' && !newCardsWithPhase.has(card))
				return refuse('invalid', 'a draft must carry its phaseId');
			const area = areas.get(card);
			const allowedAreas = this.context.newCardAreas;
			if (allowedAreas && !allowedAreas.includes(area as string))
				return refuse('readOnly', `no new cards in ${String(area)} in this phase`);
			// A card records its author's group as it is when they write it: exports rely on it.
			const group = newCardGroups.get(card) ?? null;
			if (group !== this.group)
				return refuse('forbidden', "a new card must carry its author's stakeholder group");
		}
		const clustering = this.checkClusters(areas, clusters, ds);
		if (clustering) return clustering;
		const limit = this.checkCardLimit(newCards, ds);
		if (limit) return limit;
		const deletion = this.forEachDeletedItem(ds, (item) => this.checkDeletedItem(item, ds));
		if (deletion) return deletion;
		return this.textTooLong() ?? CHANGES;
	}

	/**
	 * A card the update puts into a cluster joins one of its own area (as it stands after the
	 * update): a cluster's cards are in its area (docs/board-schema.md#clusters). A cluster the
	 * document does not have (dissolved meanwhile, say) reads as none, and passes; so does a move
	 * to another area that keeps a cluster the mover's client did not know of yet (the facilitator
	 * clustered the card meanwhile): readers draw such a cluster per area.
	 */
	private checkClusters(
		areas: ReadonlyMap<Y.Item, unknown>,
		clusters: ReadonlyMap<Y.Item, unknown>,
		ds: DeleteSet
	): UpdateVerdict | null {
		for (const [card, clusterId] of clusters) {
			if (clusterId === null) continue;
			const area = areas.has(card) ? areas.get(card) : fieldOf(card, F.area, ds);
			const cluster = this.doc.getMap<unknown>(CLUSTERS).get(clusterId as string);
			if (cluster instanceof Y.Map && cluster.get(CLUSTER_FIELDS.area) !== area)
				return refuse('invalid', 'a card joins only a cluster of its own area');
		}
		return null;
	}

	/** Structs under a client id another writer has used (see UpdateContext.clientOwners). */
	private othersClientIds(): UpdateVerdict | null {
		const owners = this.context.clientOwners;
		if (!owners) return null;
		for (const client of this.writers) {
			const owner = owners.get(client) ?? ownerInDocument(this.doc, client, this.cardsRoot);
			if (owner !== undefined && owner !== this.participantId)
				return refuse('forbidden', 'writes under another writer’s client id');
		}
		return null;
	}

	/** Counts the document's cards only when the update adds some: typing and moving never pay for it. */
	private checkCardLimit(
		newCards: readonly { key: string }[],
		ds: DeleteSet
	): UpdateVerdict | null {
		if (newCards.length === 0) return null;
		const cards = this.cardsRoot._map;
		// Deleted before or by this update: a card deleted and one written in its place add none.
		const live = (item: Y.Item | undefined): item is Y.Item =>
			item !== undefined && !item.deleted && !Y.isDeleted(ds, item.id);
		let total = 0;
		let own = 0;
		for (const item of cards.values()) {
			if (!live(item)) continue;
			total++;
			if (this.ownsDocCard(item)) own++;
		}
		// A key that holds a live card already replaces it (only the writer's own may be replaced).
		let adding = 0;
		for (const key of new Set(newCards.map((c) => c.key))) if (!live(cards.get(key))) adding++;
		const limit = cardLimitReached({ total, own }, adding);
		if (!limit) return null;
		return {
			ok: false,
			reason: 'cardLimit',
			detail:
				limit === 'participant'
					? 'too many cards of one participant'
					: 'too many cards on the board',
			limit
		};
	}

	private checkDeletedItem(item: Y.Item, ds: DeleteSet): UpdateVerdict | null {
		const parent = item.parent;
		if (!(parent instanceof Y.AbstractType)) return null;
		if (parent === this.cardsRoot) {
			return this.ownsDocCard(item) ? null : refuse('forbidden', 'not the author of the card');
		}
		const card = this.cardOf({ kind: 'doc', type: parent });
		if (card === 'foreign') return refuse('forbidden', 'deletes outside the cards');
		if (card === 'gone' || card.item.deleted) return null;
		if (!this.ownsDocCard(card.item)) return refuse('forbidden', 'not the author of the card');
		// Removing the author or a draft's phase from a card that stays is changing it.
		const field = parent._item === card.item ? item.parentSub : null;
		if (field !== null && FIXED_FIELDS.has(field) && !Y.isDeleted(ds, card.item.id))
			return refuse('forbidden', `the ${field} of a card cannot be removed`);
		this.countDeletedText(item);
		return null;
	}

	private ownsDocCard(cardItem: Y.Item): boolean {
		const content = cardItem.content;
		if (!(content instanceof Y.ContentType) || !(content.type instanceof Y.Map)) return false;
		return content.type.get(F.authorId) === this.participantId;
	}
}

/** A field of a card in the document as it stays after the update (undefined: none, or deleted). */
function fieldOf(card: Y.Item, field: string, ds: DeleteSet): unknown {
	if (!(card.content instanceof Y.ContentType) || !(card.content.type instanceof Y.Map))
		return undefined;
	const item = card.content.type._map.get(field);
	if (!item || item.deleted || Y.isDeleted(ds, item.id)) return undefined;
	return valueOf(item);
}

/** What no field may hold: binary data, embeds, several values under one key. */
const NOT_A_VALUE = Symbol('not a value');

function valueOf(s: Y.Item): unknown {
	const content = s.content;
	if (content instanceof Y.ContentAny)
		return content.arr.length === 1 ? content.arr[0] : NOT_A_VALUE;
	if (content instanceof Y.ContentType) return content.type;
	return NOT_A_VALUE;
}
