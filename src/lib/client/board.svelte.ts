import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { AreaId } from '../domain/board/areas';
import {
	type Card,
	cardsOf,
	createCard,
	deleteCard,
	moveCard,
	moveCardToArea,
	readCards,
	setCardColor,
	setCardText
} from '../domain/board/cards';
import { mayChangeCard } from '../domain/board/permissions';
import { CARD_FIELDS, type CardColor } from '../domain/board/schema';
import type { Me } from '../protocol/api';
import { YJS_CLOSE, YJS_PATH } from '../protocol/yjs';
import { newCardId } from './ids';
import type { TextDelta } from './text-cursor';

const TERMINAL = new Set<number>([
	YJS_CLOSE.malformed,
	YJS_CLOSE.unauthorized,
	YJS_CLOSE.forbidden
]);

export type BoardStatus = 'connecting' | 'connected' | 'offline' | 'signedOut';

/**
 * The board as the UI sees it: cards as reactive state, and intentions
 * (add, edit, move, delete) that become Yjs changes synced over /yjs/<boardId>.
 * The only place components meet Yjs and y-websocket.
 */
export class BoardClient {
	cards = $state.raw<Card[]>([]);
	status = $state<BoardStatus>('connecting');
	/** True once the board has been received from the server: before that, new cards cannot find a free place. */
	ready = $state(false);
	/** Set when the server refused a change and the board was reloaded from the server. */
	resynced = $state(false);
	/** Cards that arrived from others since the last time this was read, for announcements. */
	arrivals = $state.raw<Card[]>([]);

	private doc!: Y.Doc;
	private provider!: WebsocketProvider;
	// Listener bookkeeping, not state: nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	private readonly textWatchers = new Map<string, Set<(value: string, delta: TextDelta) => void>>();

	constructor(
		private readonly boardId: string,
		readonly me: Me
	) {
		this.connect();
	}

	may(card: Card): boolean {
		return mayChangeCard(this.me, card);
	}

	addCard(area: AreaId): string {
		const id = newCardId();
		createCard(this.doc, {
			id,
			area,
			authorId: this.me.participantId,
			createdAt: Date.now()
		});
		return id;
	}

	editText(id: string, value: string): void {
		setCardText(this.doc, id, value);
	}

	move(id: string, x: number, y: number): void {
		moveCard(this.doc, id, x, y);
	}

	moveToArea(id: string, area: AreaId): void {
		moveCardToArea(this.doc, id, area);
	}

	recolor(id: string, color: CardColor): void {
		setCardColor(this.doc, id, color);
	}

	remove(id: string): void {
		deleteCard(this.doc, id);
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
		this.provider.destroy();
		this.doc.destroy();
	}

	private connect(): void {
		this.doc = new Y.Doc();
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		// The session cookie authenticates this browser; no token in the URL.
		this.provider = new WebsocketProvider(
			`${protocol}//${location.host}${YJS_PATH}`,
			this.boardId,
			this.doc,
			{
				disableBc: true,
				// Refused changes and a lost credential end this document; a rate limit only pauses it.
				shouldReconnect: (event) => !TERMINAL.has(event.code)
			}
		);
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.ready = true;
		});
		this.provider.on('status', ({ status }: { status: string }) => {
			if (this.status === 'signedOut') return;
			this.status =
				status === 'connected' ? 'connected' : status === 'connecting' ? 'connecting' : 'offline';
		});
		this.provider.on('closed', ({ code }: { code: number }) => {
			if (code === YJS_CLOSE.unauthorized) this.status = 'signedOut';
			// Let y-websocket finish its close handling before this provider is replaced.
			else setTimeout(() => this.reload(), 0);
		});
		const cards = cardsOf(this.doc);
		cards.observeDeep((events, transaction) => {
			this.cards = readCards(this.doc);
			if (transaction.local) return;
			const added: Card[] = [];
			for (const event of events) {
				if (event.target !== cards) continue;
				for (const [key, change] of event.changes.keys) {
					if (change.action !== 'add') continue;
					const card = this.cards.find((c) => c.id === key);
					if (card) added.push(card);
				}
			}
			if (added.length > 0) this.arrivals = added;
		});
		cards.observeDeep((events, transaction) => {
			if (transaction.local) return;
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
		});
		this.cards = readCards(this.doc);
	}

	/** After a refusal the local document may hold a change the server will never take: start over from the server's state. */
	private reload(): void {
		this.provider.destroy();
		this.doc.destroy();
		this.resynced = true;
		this.connect();
	}
}
