import * as Y from 'yjs';
import { AREA_IDS, type AreaId } from '../domain/board/areas';
import {
	type Card,
	type CardMap,
	cardsOf,
	createCard,
	readCard,
	deleteCard,
	duplicateCards,
	moveCard,
	moveCards,
	moveCardToArea,
	readCards,
	setCardColor,
	setCardText,
	setNextStep,
	type NextStep
} from '../domain/board/cards';
import { cardLimitReached, countCards, type CardLimit } from '../domain/board/card-limit';
import { mayChangeCard } from '../domain/board/permissions';
import {
	type Connector,
	connect,
	connectorsOf,
	disconnect,
	labelConnector,
	readConnectors,
	removeDanglingConnectors
} from '../domain/board/connectors';
import {
	type Cluster,
	arrangeByClusters,
	clustersOf,
	makeCluster,
	dissolveCluster,
	dropInto,
	groupCards,
	type DropTarget,
	type GroupingProblem,
	readClusters,
	joinCluster,
	renameCluster
} from '../domain/board/clusters';
import { asOwnStep, boardHistory, endStep, TIDY_ORIGIN } from '../domain/board/history';
import {
	keepUnsent,
	parseUnsent,
	type Restoring,
	type UnsentCard,
	unsentCards
} from '../domain/board/unsent';
import { CARD_FIELDS, type CardColor } from '../domain/board/schema';
import type { Me } from '../protocol/api';
import { YJS_CLOSE } from '../protocol/yjs';
import type { EndCause } from '../domain/session/session-end';
import { causeOfBoardClose } from './end-cause';
import { newCardId } from './ids';
import { legacyUnsentKey, unsentKey } from './kept-sessions';
import { SyncedDoc, type SyncStatus } from './synced-doc';
import type { Awareness } from 'y-protocols/awareness';
import {
	editorsByCard,
	type Editor,
	presenceColor,
	presenceOf,
	vouchedPresence,
	type Presence
} from './presence';
import type { RosterEntry } from '../protocol/realtime';

const POINTER_INTERVAL_MS = 150;
import type { TextDelta } from './text-cursor';

export type BoardStatus = SyncStatus;

/** Why the board was reloaded from the server. */
/** Why the board showed the shared state again: `unsent` when the refused text went to the tray. */
export type Restart = 'refused' | 'readOnly' | 'unsent' | null;

/**
 * The board as the UI sees it: cards as reactive state, and intentions
 * (add, edit, move, delete) that become Yjs changes synced over /yjs/<boardId>.
 * A participant also has a private drafts document for silent writing
 * (/yjs/<boardId>/drafts), which only they receive. The only place components meet Yjs.
 */
export class BoardClient {
	cards = $state.raw<Card[]>([]);
	/** This participant's unrevealed drafts: on nobody else's screen. */
	drafts = $state.raw<Card[]>([]);
	status = $state<BoardStatus>('connecting');
	/** Why the board was closed for good (4401): the session deleted, or this credential signed out. */
	ended = $state<EndCause | null>(null);
	/** True once the board has been received from the server: before that, new cards cannot find a free place. */
	ready = $state(false);
	/** Set when the server refused a change and the board was reloaded from the server. */
	restarted = $state<Restart>(null);
	/** How often a document started again after a refusal: an editor open then writes nowhere. */
	restarts = $state(0);
	/** Set when a new card was not added (or refused by the server) because of a card limit; cleared by the reader. */
	limitReached = $state<CardLimit | null>(null);
	/**
	 * The viewer's cards that a refused change held and the server does not have (written
	 * offline while the meeting moved on): kept in this browser until put back or discarded.
	 */
	unsent = $state.raw<UnsentCard[]>([]);
	/** Cards that arrived from others since the last time this was read, for announcements. */
	arrivals = $state.raw<Card[]>([]);
	/** Whether the viewer has an own change to undo or redo (never someone else's). */
	canUndo = $state(false);
	canRedo = $state(false);
	/** Clusters on the board, with their cards. */
	clusters = $state.raw<Cluster[]>([]);
	/** Connectors whose both ends are on the board. */
	connectors = $state.raw<Connector[]>([]);
	/** Everyone else on the board now, one entry per person, with their pointer on the canvas. */
	readonly presence = $derived.by(() => vouchedPresence(this.announced, this.roster()));
	/** Presence as the awareness states say it. */
	private announced = $state.raw<Presence[]>([]);
	/**
	 * Whose editor is open in which card, by card id (names from the roster): two people writing
	 * in one card see each other. Rebuilt only when someone opens or closes an editor, not with
	 * every pointer that moves, which would ask each of a thousand cards again.
	 */
	private readonly editingSignature = $derived(editorsByCard(this.presence));
	readonly editors = $derived(
		// A derived value, rebuilt whole when the signature changes: never mutated.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- derived, not mutated
		new Map(JSON.parse(this.editingSignature) as [string, readonly Editor[]][])
	);
	/** The card whose editor the viewer has open, as presence tells the others. */
	private editingCard: string | null = null;
	/**
	 * Board cards and the viewer's own drafts, as the canvas and the list show them.
	 * While drafts are revealed, a draft may already be on the board before it has
	 * left the drafts: it is shown once, as the board's card.
	 */
	readonly everyCard = $derived.by(() =>
		this.shownDrafts.length === 0 ? this.cards : [...this.cards, ...this.shownDrafts]
	);
	private readonly shownDrafts = $derived.by(() => {
		if (this.drafts.length === 0) return this.drafts;
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup, not state
		const onBoard = new Set(this.cards.map((c) => c.id));
		return this.drafts.filter((d) => !onBoard.has(d.id));
	});
	// A derived value, rebuilt whole when the drafts change: never mutated.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- derived, not mutated
	private readonly draftIds = $derived(new Set(this.shownDrafts.map((d) => d.id)));

	private readonly board: SyncedDoc;
	private awareness: Awareness | null = null;
	private pendingPointer: { x: number; y: number } | null = null;
	private pointerTimer: ReturnType<typeof setTimeout> | null = null;
	private readonly draftsDoc: SyncedDoc | null;
	/** The viewer's cards in a refused copy, per document, until that document has synced again. */
	private readonly refused: { board: Card[] | null; drafts: Card[] | null } = {
		board: null,
		drafts: null
	};
	private readonly unsentKey: string;
	private readonly legacyUnsentKey: string;
	/** One undo history per document: its own changes only, since remote ones have another origin. */
	// Bookkeeping, not state: canUndo and canRedo carry what renders.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private readonly history = new Map<'board' | 'drafts', Y.UndoManager>();
	// Listener bookkeeping, not state: nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private readonly textWatchers = new Map<string, Set<(value: string, delta: TextDelta) => void>>();

	constructor(
		session: { readonly id: string; readonly boardId: string },
		readonly me: Me,
		/** The session's roster (from the control plane), which vouches for who is who. */
		private readonly roster: () => readonly RosterEntry[] = () => [],
		/**
		 * Whether this screen shows up among the people on the board. The projector does
		 * not: it is nobody in the meeting, and others would see it as someone present.
		 */
		private readonly present = true
	) {
		const boardId = session.boardId;
		this.unsentKey = unsentKey(session.id, boardId, me.participantId);
		this.legacyUnsentKey = legacyUnsentKey(boardId, me.participantId);
		this.unsent = this.loadUnsent();
		const restart = (code: number, kind: 'board' | 'drafts', refused: Y.Doc, reason: string) => {
			this.restarts++;
			// A card past a limit says which limit (`limitReached`); any other refusal that it was one.
			if (code === YJS_CLOSE.cardLimit)
				this.limitReached = reason === 'board' ? 'board' : 'participant';
			else this.restarted = code === YJS_CLOSE.readOnly ? 'readOnly' : 'refused';
			const mine = readCards(refused).filter((c) => c.authorId === me.participantId);
			this.refused[kind] = [...(this.refused[kind] ?? []), ...mine];
		};
		this.board = new SyncedDoc(boardId, {
			onSynced: () => {
				this.ready = true;
				this.showRestarted.board?.();
				this.settleUnsent();
			},
			onAwareness: (awareness) => this.joinPresence(awareness),
			onSignedOut: (reason) => (this.ended = causeOfBoardClose(reason)),
			onStatus: (status) => {
				if (this.status !== 'signedOut') this.status = status;
			},
			onRestart: (doc, code, refused, reason) => {
				this.observe(doc, 'board', true);
				restart(code, 'board', refused, reason);
			}
		});
		this.observe(this.board.doc, 'board');
		this.draftsDoc =
			me.role === 'participant'
				? new SyncedDoc(`${boardId}/drafts`, {
						onSynced: () => {
							this.showRestarted.drafts?.();
							this.settleUnsent();
						},
						onStatus: () => {},
						onRestart: (doc, code, refused, reason) => {
							this.observe(doc, 'drafts', true);
							restart(code, 'drafts', refused, reason);
						}
					})
				: null;
		if (this.draftsDoc) this.observe(this.draftsDoc.doc, 'drafts');
	}

	may(card: Card): boolean {
		return mayChangeCard(this.me, card);
	}

	isDraft(id: string): boolean {
		return this.draftIds.has(id);
	}

	/**
	 * Whether the viewer may add `adding` cards to the board, or with `drafts`, to their drafts;
	 * when not, says which limit through `limitReached`.
	 */
	private mayAdd(adding: number, drafts: boolean): boolean {
		if (this.me.role !== 'participant') return true;
		const cards = drafts && this.draftsDoc ? this.drafts : this.cards;
		const limit = cardLimitReached(countCards(cards, this.me.participantId), adding);
		if (limit) this.limitReached = limit;
		return limit === null;
	}

	/**
	 * Adds a card to the board, or with a phase id, a private draft written in that silent phase.
	 * Null when a card limit stops it (`limitReached` says which).
	 */
	addCard(area: AreaId, draftOf?: string): string | null {
		if (!this.mayAdd(1, Boolean(draftOf))) return null;
		return this.step(() => {
			const id = newCardId();
			const doc = draftOf && this.draftsDoc ? this.draftsDoc.doc : this.board.doc;
			createCard(doc, {
				id,
				area,
				authorId: this.me.participantId,
				authorGroup: this.me.group,
				createdAt: Date.now(),
				...(draftOf ? { phaseId: draftOf } : {})
			});
			return id;
		});
	}

	editText(id: string, value: string): void {
		setCardText(this.docOf(id), id, value);
	}

	move(id: string, x: number, y: number): void {
		moveCard(this.docOf(id), id, x, y);
	}

	/**
	 * Whether a cluster whose cards all move into another area goes along (whoever may write
	 * clusters: the facilitator), instead of losing them; where moves are reckoned asks this too.
	 */
	get clustersFollow(): boolean {
		return this.me.role === 'facilitator';
	}

	/**
	 * Moves several cards together: one transaction per document, so others see
	 * them arrive together and undo takes them back in one step. The caller passes
	 * only cards the viewer may move; the facilitator's whole clusters follow.
	 */
	moveMany(moves: readonly { id: string; x: number; y: number }[]): void {
		const onBoard = moves.filter((m) => !this.isDraft(m.id));
		moveCards(this.board.doc, onBoard, { clustersFollow: this.clustersFollow });
		if (this.draftsDoc)
			moveCards(
				this.draftsDoc.doc,
				moves.filter((m) => this.isDraft(m.id))
			);
	}

	/**
	 * Copies cards as the viewer's own new cards (drafts stay drafts, of `draftPhase`
	 * when given: the silent phase running now); returns the copies' ids.
	 */
	duplicate(ids: readonly string[], draftPhase?: string): string[] {
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a lookup, not state
		const wanted = new Set(ids);
		const sources = this.everyCard.filter((c) => wanted.has(c.id));
		const draftCount = sources.filter((c) => this.isDraft(c.id)).length;
		if (!this.mayAdd(sources.length - draftCount, false) || !this.mayAdd(draftCount, true))
			return [];
		return this.step(() => {
			const copy = (doc: Y.Doc, cards: readonly Card[]) =>
				duplicateCards(doc, cards, {
					ids: cards.map(() => newCardId()),
					authorId: this.me.participantId,
					authorGroup: this.me.group,
					createdAt: Date.now(),
					...(draftPhase ? { phaseId: draftPhase } : {})
				});
			const drafts = sources.filter((c) => this.isDraft(c.id));
			return [
				...copy(
					this.board.doc,
					sources.filter((c) => !this.isDraft(c.id))
				),
				...(this.draftsDoc && drafts.length > 0 ? copy(this.draftsDoc.doc, drafts) : [])
			];
		});
	}

	/** Deletes several cards, one transaction per document (one undo step). */
	removeMany(ids: readonly string[]): void {
		return this.step(() => {
			for (const doc of [this.board.doc, this.draftsDoc?.doc]) {
				if (!doc) continue;
				const present = ids.filter((id) => cardsOf(doc).has(id));
				if (present.length > 0) doc.transact(() => present.forEach((id) => deleteCard(doc, id)));
			}
		});
	}

	/** A new cluster of the given cards (facilitator); a problem when they cannot be one. */
	group(ids: readonly string[], title: string): GroupingProblem | null {
		return this.step(() =>
			groupCards(this.board.doc, ids, { id: newCardId(), title, createdAt: Date.now() })
		);
	}

	/**
	 * Clusters dropped cards with what they were dropped on: its cluster, or for
	 * the facilitator a new one with the target. Returns the cluster id, or null.
	 */
	dropInto(ids: readonly string[], target: DropTarget, title: string): string | null {
		// No new undo step before: the drag's moves and the clustering at its end are one.
		const fresh =
			this.me.role === 'facilitator' ? { id: newCardId(), title, createdAt: Date.now() } : null;
		try {
			return dropInto(
				this.board.doc,
				ids.filter((id) => !this.isDraft(id)),
				target,
				fresh
			);
		} finally {
			endStep(this.histories);
		}
	}

	moveToArea(id: string, area: AreaId): void {
		return this.step(() => {
			moveCardToArea(this.docOf(id), id, area);
		});
	}

	setNextStep(id: string, patch: Partial<NextStep>): void {
		setNextStep(this.docOf(id), id, patch);
	}

	recolor(id: string, color: CardColor): void {
		return this.step(() => {
			setCardColor(this.docOf(id), id, color);
		});
	}

	/** A new cluster of one card (facilitator); returns its id. */
	cluster(cardId: string, title: string): string {
		return this.step(() => {
			const card = this.cards.find((c) => c.id === cardId);
			const id = newCardId();
			if (!card) return id;
			makeCluster(this.board.doc, { id, area: card.area, title, createdAt: Date.now() }, [cardId]);
			return id;
		});
	}

	/** A connector from one card (or cluster) to another (facilitator). */
	connect(from: string, to: string, label = ''): void {
		return this.step(() => {
			connect(this.board.doc, { id: newCardId(), from, to, label, createdAt: Date.now() });
		});
	}

	labelConnector(id: string, label: string): void {
		labelConnector(this.board.doc, id, label);
	}

	disconnect(id: string): void {
		return this.step(() => {
			disconnect(this.board.doc, id);
		});
	}

	/** Lays out every area cluster by cluster (facilitator). */
	arrange(): void {
		return this.step(() => {
			this.board.doc.transact(() => {
				for (const area of AREA_IDS) arrangeByClusters(this.board.doc, area);
			});
		});
	}

	renameCluster(id: string, title: string): void {
		renameCluster(this.board.doc, id, title);
	}

	dissolveCluster(id: string): void {
		return this.step(() => {
			dissolveCluster(this.board.doc, id);
		});
	}

	/** Puts a card into a cluster, or takes it out with null. */
	setCluster(cardId: string, clusterId: string | null): void {
		return this.step(() => {
			joinCluster(this.board.doc, cardId, clusterId);
		});
	}

	remove(id: string): void {
		return this.step(() => {
			deleteCard(this.docOf(id), id);
		});
	}

	/** Follows one card's text while it is being edited, with the change as a delta. */
	watchText(id: string, listener: (value: string, delta: TextDelta) => void): () => void {
		let set = this.textWatchers.get(id);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity
		if (!set) this.textWatchers.set(id, (set = new Set()));
		set.add(listener);
		return () => set.delete(listener);
	}

	destroy(): void {
		if (this.pointerTimer) clearTimeout(this.pointerTimer);
		this.awareness?.setLocalState(null);
		for (const manager of this.history.values()) manager.destroy();
		this.board.destroy();
		this.draftsDoc?.destroy();
	}

	/**
	 * Puts an unsent card back as `how` says (see `restoring`): its text into the card it
	 * was, or a new card of the viewer's with its text and colour. Returns the card's id.
	 */
	restoreUnsent(id: string, how: Restoring): string | null {
		const card = this.unsent.find((c) => c.id === id);
		if (!card) return null;
		if (how.kind !== 'edit' && !this.mayAdd(1, Boolean(how.draftOf))) return null;
		const restored = this.step(() => {
			if (how.kind === 'edit') {
				setCardText(this.docOf(how.id), how.id, card.text);
				return how.id;
			}
			const newId = newCardId();
			const doc = how.draftOf && this.draftsDoc ? this.draftsDoc.doc : this.board.doc;
			createCard(doc, {
				id: newId,
				area: how.area,
				text: card.text,
				color: card.color,
				authorId: this.me.participantId,
				authorGroup: this.me.group,
				createdAt: Date.now(),
				...(how.draftOf && this.draftsDoc ? { phaseId: how.draftOf } : {})
			});
			return newId;
		});
		this.discardUnsent(id);
		return restored;
	}

	discardUnsent(id: string): void {
		this.unsent = this.unsent.filter((c) => c.id !== id);
		this.saveUnsent();
	}

	/**
	 * Once every document has synced again after a refusal, keeps the viewer's refused cards
	 * that the server has on neither (a draft may have reached the board meanwhile).
	 */
	private settleUnsent(): void {
		if (!this.refused.board && !this.refused.drafts) return;
		if (!this.board.synced || (this.draftsDoc && !this.draftsDoc.synced)) return;
		const server = [
			...readCards(this.board.doc),
			...(this.draftsDoc ? readCards(this.draftsDoc.doc) : [])
		];
		const local = [...(this.refused.board ?? []), ...(this.refused.drafts ?? [])];
		this.refused.board = this.refused.drafts = null;
		const found = unsentCards(local, server, this.me.participantId);
		if (found.length === 0) return;
		// The tray says what happened; the notice only where the tray is, for a reader scrolled away.
		this.restarted = 'unsent';
		this.unsent = keepUnsent(this.unsent, found);
		this.saveUnsent();
	}

	/**
	 * Forgets the viewer's unsent cards of this board in this browser, for when the session is
	 * deleted: nothing is left to put them back into, and a deleted session leaves no texts behind.
	 */
	forgetUnsent(): void {
		this.unsent = [];
		this.saveUnsent();
	}

	private loadUnsent(): UnsentCard[] {
		try {
			const legacy = localStorage.getItem(this.legacyUnsentKey);
			if (legacy !== null) {
				// Kept before the key named the session: moved, so that deleting the session finds it.
				if (localStorage.getItem(this.unsentKey) === null)
					localStorage.setItem(this.unsentKey, legacy);
				localStorage.removeItem(this.legacyUnsentKey);
			}
			return parseUnsent(JSON.parse(localStorage.getItem(this.unsentKey) ?? '[]'));
		} catch {
			return [];
		}
	}

	private saveUnsent(): void {
		try {
			if (this.unsent.length === 0) localStorage.removeItem(this.unsentKey);
			else localStorage.setItem(this.unsentKey, JSON.stringify(this.unsent));
		} catch {
			// Storage refused (private mode, full): the cards stay on screen until the page closes.
		}
	}

	private docOf(id: string): Y.Doc {
		const drafts = this.draftsDoc?.doc;
		return drafts && cardsOf(drafts).has(id) ? drafts : this.board.doc;
	}

	/**
	 * Shows where the viewer points on the canvas (board units; null: off the board).
	 * Sent at most every POINTER_INTERVAL_MS, so that a room of people moving their
	 * pointers does not flood anyone.
	 */
	pointAt(point: { x: number; y: number } | null): void {
		this.pendingPointer = point;
		if (this.pointerTimer) return;
		this.pointerTimer = setTimeout(() => {
			this.pointerTimer = null;
			const cursor = this.pendingPointer && {
				x: Math.round(this.pendingPointer.x),
				y: Math.round(this.pendingPointer.y)
			};
			this.awareness?.setLocalStateField('cursor', cursor);
		}, POINTER_INTERVAL_MS);
	}

	/**
	 * Tells the others which card the viewer's editor is open in. Only a card on the board: never a
	 * draft (nobody else sees those, and their ids would say that someone writes one), also not
	 * one that just left the drafts without reaching the board (undone, deleted in another tab).
	 */
	setEditing(cardId: string | null): void {
		const shown =
			cardId !== null && this.cards.some((c) => c.id === cardId) && !this.isDraft(cardId)
				? cardId
				: null;
		if (shown === this.editingCard) return;
		this.editingCard = shown;
		if (this.present && this.awareness?.getLocalState())
			this.awareness.setLocalStateField('editing', shown);
	}

	private joinPresence(awareness: Awareness): void {
		this.awareness = awareness;
		// Not present: no state at all (a stock provider starts with an empty one).
		if (!this.present) awareness.setLocalState(null);
		else
			awareness.setLocalState({
				user: {
					participantId: this.me.participantId,
					name: this.me.name,
					group: this.me.group,
					role: this.me.role,
					color: presenceColor(this.me.participantId)
				},
				cursor: null,
				editing: this.editingCard
			});
		awareness.on('change', () => {
			if (this.awareness !== awareness) return;
			this.announced = presenceOf(awareness, this.me.participantId);
		});
		this.announced = presenceOf(awareness, this.me.participantId);
	}

	/**
	 * Whatever the person does next is a new undo step: they stopped (or started)
	 * writing a card's text, so a drag right after it is not taken back with it.
	 */
	endStep(): void {
		endStep(this.histories);
	}

	/**
	 * A command (grouping, connecting, deleting…) is an undo step of its own, even
	 * right before or after typing or dragging; typing and dragging within a
	 * moment stay one step.
	 */
	private step<T>(command: () => T): T {
		return asOwnStep(this.histories, command);
	}

	private get histories(): Y.UndoManager[] {
		return [...this.history.values()];
	}

	/** Takes back the viewer's latest own change, on the board or in their drafts. */
	undo(): void {
		this.latest('undoStack')?.undo();
	}

	redo(): void {
		this.latest('redoStack')?.redo();
	}

	/** The history whose newest entry of the given stack is the most recent. */
	private latest(stack: 'undoStack' | 'redoStack'): Y.UndoManager | undefined {
		let best: Y.UndoManager | undefined;
		let bestAt = -1;
		for (const manager of this.history.values()) {
			const top = manager[stack].at(-1);
			const at = (top?.meta.get('at') as number | undefined) ?? -1;
			if (top && at > bestAt) [best, bestAt] = [manager, at];
		}
		return best;
	}

	private track(doc: Y.Doc, kind: 'board' | 'drafts'): void {
		this.history.get(kind)?.destroy();
		const manager = boardHistory(doc);
		let order = 0;
		manager.on('stack-item-added', ({ stackItem }: { stackItem: { meta: Map<string, unknown> } }) =>
			stackItem.meta.set('at', Date.now() * 1000 + (order++ % 1000))
		);
		const refresh = () => {
			const managers = [...this.history.values()];
			this.canUndo = managers.some((m) => m.undoStack.length > 0);
			this.canRedo = managers.some((m) => m.redoStack.length > 0);
		};
		for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const)
			manager.on(event, refresh);
		this.history.set(kind, manager);
		refresh();
	}

	/**
	 * A restarted document is empty until the server's state arrives. Until then the screen
	 * keeps what it showed: emptied, a phone's page would lose its place (scrolled back to the
	 * top), and every card would arrive anew for a screen reader.
	 */
	private readonly showRestarted: Partial<Record<'board' | 'drafts', () => void>> = {};

	private observe(doc: Y.Doc, kind: 'board' | 'drafts', restarted = false): void {
		this.track(doc, kind);
		let shown = !restarted;
		const cards = cardsOf(doc);
		// Cards keep their identity until they change, so a move re-renders one card, not the board.
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
		const known = new Map<string, Card>();
		const readChanged = (changed: ReadonlySet<string> | null): Card[] => {
			if (changed === null) {
				known.clear();
				for (const card of readCards(doc)) known.set(card.id, card);
			} else {
				for (const id of changed) {
					const card = readCard(id, cards.get(id));
					if (card) known.set(id, card);
					else known.delete(id);
				}
			}
			return [...known.values()];
		};
		const publish = (changed: ReadonlySet<string> | null = null, own = false) => {
			if (!shown) return;
			if (kind === 'board') {
				this.cards = readChanged(changed);
				// Kept as they are unless they changed, so a card move does not re-render every card.
				this.clusters = unlessSame(this.clusters, readClusters(doc, this.cards));
				this.connectors = unlessSame(
					this.connectors,
					readConnectors(doc, this.cards, this.clusters)
				);
				// The facilitator's client removes connectors of deleted cards from the document too:
				// as part of the facilitator's own deletion (one undo step), or on nobody's account.
				if (this.me.role === 'facilitator' && connectorsOf(doc).size > this.connectors.length)
					queueMicrotask(() =>
						doc.transact(
							() => removeDanglingConnectors(doc, this.cards, this.clusters),
							own ? null : TIDY_ORIGIN
						)
					);
			} else this.drafts = readChanged(changed);
		};
		if (kind === 'board') {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
			clustersOf(doc).observeDeep((_, transaction) => publish(new Set(), ownChange(transaction)));
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
			connectorsOf(doc).observeDeep((_, transaction) => publish(new Set(), ownChange(transaction)));
		}
		cards.observeDeep((events, transaction) => {
			if (!shown) return;
			const changed = changedCards(events, cards);
			publish(changed, ownChange(transaction));
			if (transaction.local) return;
			// Drafts leave the drafts only by the reveal (on the board now, on the server's account):
			// what the history held of them can no longer be taken back, and the button would do nothing.
			if (kind === 'drafts' && [...(changed ?? [])].some((id) => !cards.has(id)))
				this.history.get('drafts')?.clear();
			// The board's state as it loads is no news; cards others add after that are.
			if (kind === 'board' && this.ready) this.announceArrivals(cards, events);
			this.notifyTextWatchers(events);
		});
		if (shown) return publish();
		this.showRestarted[kind] = () => {
			delete this.showRestarted[kind];
			shown = true;
			publish();
		};
	}

	private announceArrivals(
		cards: Y.Map<CardMap>,
		events: Y.YEvent<Y.AbstractType<unknown>>[]
	): void {
		const added: Card[] = [];
		for (const event of events) {
			if (event.target !== cards) continue;
			for (const [key, change] of event.changes.keys) {
				if (change.action !== 'add') continue;
				const card = this.cards.find((c) => c.id === key);
				// The viewer's own cards are no news to them, also when the reveal brings them back.
				if (card && card.authorId !== this.me.participantId) added.push(card);
			}
		}
		if (added.length > 0) this.arrivals = added;
	}

	private notifyTextWatchers(events: Y.YEvent<Y.AbstractType<unknown>>[]): void {
		for (const event of events) {
			if (!(event.target instanceof Y.Text)) continue;
			const card = event.target.parent;
			const id = card instanceof Y.Map ? (card.get(CARD_FIELDS.id) as string) : undefined;
			const watchers = id ? this.textWatchers.get(id) : undefined;
			if (!watchers) continue;
			const value = event.target.toString();
			const delta = event.delta as TextDelta;
			for (const watcher of watchers) watcher(value, delta);
		}
	}
}

/** The ids of the cards a batch of Yjs events touched; null when that cannot be told (read all). */
function changedCards(
	events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
	cards: Y.Map<CardMap>
): Set<string> | null {
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- bookkeeping, not state
	const ids = new Set<string>();
	for (const event of events) {
		if (event.target === cards) {
			for (const key of event.changes.keys.keys()) ids.add(key);
			continue;
		}
		let item = event.target._item;
		while (item && item.parent !== cards) item = (item.parent as Y.AbstractType<unknown>)._item;
		if (!item || item.parentSub === null) return null;
		ids.add(item.parentSub);
	}
	return ids;
}

/** A change the viewer made by hand (not an undo, not a peer's): what their undo history records. */
function ownChange(transaction: Y.Transaction): boolean {
	return transaction.local && transaction.origin === null;
}

/** The previous list when the next one has the same content: readers keep their identity. */
function unlessSame<T>(previous: T[], next: T[]): T[] {
	return previous.length === next.length && JSON.stringify(previous) === JSON.stringify(next)
		? previous
		: next;
}
