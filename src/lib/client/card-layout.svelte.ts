/* eslint-disable svelte/prefer-svelte-reactivity -- the maps here are replaced whole, never
   mutated once they are state, or are not state at all */
import { untrack } from 'svelte';
import {
	clusterPushes,
	clusterTitleExtras,
	type DrawnCard,
	settleCards
} from '../domain/board/card-layout';
import { type Card, estimateCardHeight } from '../domain/board/cards';
import type { Cluster } from '../domain/board/clusters';

const NONE: ReadonlySet<string> = new Set();

/**
 * The cards as the canvas draws them (see settleCards): every card with its
 * measured height and the place it is drawn at, clusters pushed as a whole.
 *
 * A drawn card keeps its object as long as the card itself does not change,
 * and its `y` and `height` are state of their own. When a card grows or moves
 * in a crowded column, only the cards it pushes learn of it (and only their
 * style changes), not every card on the board.
 */
export class CardLayout {
	/** Cards this viewer is dragging: drawn where they are, pushing nothing. */
	loose = $state.raw<ReadonlySet<string>>(NONE);
	/**
	 * How far each cluster is drawn below its cards' places as last laid out, without the
	 * cards in hand (see clusterPushes): moves put a card in its cluster's own places.
	 */
	pushes: ReadonlyMap<string, number> = new Map();
	/**
	 * How much lower each cluster's cards are drawn for its title's further lines (see
	 * clusterTitleExtras): a cluster moved as a whole is put where it is drawn less this.
	 */
	extras: ReadonlyMap<string, number> = new Map();
	/** Measured heights, replaced whole once per batch of measurements (never mutated). */
	private heights = $state.raw<ReadonlyMap<string, number>>(new Map());
	// Measurements not applied yet: a board of 1,000 cards reports 1,000 of them at once.
	private pending = new Map<string, number | null>();
	// The drawn card of each card object, kept between runs of `cards`: not state.
	private wrappers = new WeakMap<Card, Drawn>();
	// The last drawn card of each id: a changed card starts where its earlier self was drawn.
	private lastById = new Map<string, Drawn>();
	private frame = 0;

	readonly cards: readonly DrawnCard[] = $derived.by(() => {
		const lastById = new Map<string, Drawn>();
		const cards = this.source().map((card) => {
			let drawn = this.wrappers.get(card);
			if (!drawn) {
				const last = this.lastById.get(card.id);
				let y = card.y;
				if (last && last.putY === card.y) y = untrack(() => last.y);
				// A card in hand moved within its cluster was put in the cluster's own places; a
				// cluster wholly in hand has no push but its title's further lines (see movesOf).
				else if (last && card.clusterId !== null && untrack(() => this.loose).has(card.id))
					y = card.y + (this.pushes.get(card.clusterId) ?? this.extras.get(card.clusterId) ?? 0);
				drawn = new Drawn(card, y, this.heightOf(card));
				this.wrappers.set(card, drawn);
			}
			lastById.set(card.id, drawn);
			return drawn;
		});
		this.lastById = lastById;
		return cards;
	});

	constructor(
		private readonly source: () => readonly Card[],
		/** The board's clusters, whose frames (with their titles) the cards make room for. */
		private readonly clusters: () => readonly Pick<Cluster, 'id' | 'title'>[]
	) {}

	/**
	 * Has the layout worked out again before the next frame is drawn. The page
	 * calls it in an effect, which runs again whenever a card, a measured height,
	 * the clusters or the cards in hand change: when twenty people move cards at once, their
	 * changes arrive one by one, and the layout follows once per frame.
	 */
	follow(): void {
		void this.cards;
		void this.heights;
		void this.loose;
		void this.clusters();
		if (this.frame === 0) this.frame = requestAnimationFrame(() => this.update());
	}

	/** Works out where every card is drawn, and tells those that moved or changed height. */
	update(): void {
		if (this.frame !== 0) cancelAnimationFrame(this.frame);
		this.frame = 0;
		const cards = this.cards as readonly Drawn[];
		const heights = this.heights;
		// The cards as they were put (a drawn card's y is where it is drawn).
		const clusters = new Set(this.clusters().map((c) => c.id));
		const titles = new Map(this.clusters().map((c) => [c.id, c.title]));
		const moved = settleCards(this.source(), (card) => this.heightOf(card, heights), {
			loose: this.loose,
			clusters,
			titles
		});
		for (const drawn of cards) {
			// A card in hand stays where it was drawn until the drag moves it.
			const y = this.loose.has(drawn.id) ? drawn.y : (moved.get(drawn.id) ?? drawn.putY);
			if (drawn.y !== y) drawn.y = y;
			const height = this.heightOf(drawn, heights);
			if (drawn.height !== height) drawn.height = height;
		}
		this.pushes = clusterPushes(cards, clusters, this.loose);
		this.extras = clusterTitleExtras(cards, titles);
	}

	/** The canvas reports a card's drawn height in board units; null once the card is gone. */
	measure(id: string, height: number | null): void {
		if (height !== null && !(height > 0)) return;
		if (this.pending.size === 0) queueMicrotask(() => this.applyMeasurements());
		this.pending.set(id, height);
	}

	/** All measurements of a batch in one change: the layout is worked out once, not per card. */
	private applyMeasurements(): void {
		const pending = this.pending;
		this.pending = new Map();
		let next: Map<string, number> | null = null;
		for (const [id, height] of pending) {
			if (this.heights.get(id) === (height ?? undefined)) continue;
			next ??= new Map(this.heights);
			if (height === null) next.delete(id);
			else next.set(id, height);
		}
		if (next) this.heights = next;
	}

	private heightOf(card: Card, heights = untrack(() => this.heights)): number {
		return heights.get(card.id) ?? estimateCardHeight(card.text);
	}
}

/** A card as drawn: its own fields, and where and how tall the layout draws it now. */
class Drawn implements DrawnCard {
	readonly id: string;
	readonly text: string;
	readonly area: Card['area'];
	readonly x: number;
	readonly putY: number;
	readonly color: Card['color'];
	readonly authorId: string;
	readonly authorGroup: Card['authorGroup'];
	readonly createdAt: number;
	readonly phaseId: string | null;
	readonly clusterId: string | null;
	readonly nextStep: Card['nextStep'];
	y = $state(0);
	height = $state(0);

	constructor(card: Card, y: number, height: number) {
		this.id = card.id;
		this.text = card.text;
		this.area = card.area;
		this.x = card.x;
		this.putY = card.y;
		this.y = y;
		this.height = height;
		this.color = card.color;
		this.authorId = card.authorId;
		this.authorGroup = card.authorGroup;
		this.createdAt = card.createdAt;
		this.phaseId = card.phaseId;
		this.clusterId = card.clusterId;
		this.nextStep = card.nextStep;
	}
}
