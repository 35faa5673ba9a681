import { performance } from 'node:perf_hooks';
import { WebSocket } from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { areaAt } from '../../src/lib/domain/board/areas';
import {
	cardsOf,
	createCard,
	moveCard,
	readCard,
	setCardText
} from '../../src/lib/domain/board/cards';

/**
 * Send times of every change, by the Yjs id it ends at (writer's client id and
 * clock after the change). All clients live in this process, so one clock and
 * one table serve them all, and the updates on the wire are exactly what a
 * real participant sends: the benchmark adds nothing to the document.
 */
export class SendTimes {
	private readonly times = new Map<string, number>();

	note(client: number, clock: number, sentAt: number): void {
		this.times.set(`${client}:${clock}`, sentAt);
	}

	get(client: number, clock: number): number | undefined {
		return this.times.get(`${client}:${clock}`);
	}

	clear(): void {
		this.times.clear();
	}
}

/** Latencies and deliveries, counted only while recording (after the warm-up). */
export class Recorder {
	private samples = new Float64Array(1 << 16);
	private count = 0;
	recording = false;

	record(latencyMs: number): void {
		if (!this.recording) return;
		if (this.count === this.samples.length) {
			const grown = new Float64Array(this.samples.length * 2);
			grown.set(this.samples);
			this.samples = grown;
		}
		this.samples[this.count++] = latencyMs;
	}

	get delivered(): number {
		return this.count;
	}

	latencies(): Float64Array {
		return this.samples.slice(0, this.count);
	}
}

export interface Seat {
	/** The card author, the participant id the server knows for the token. */
	readonly participantId: string;
	readonly token: string | null;
}

/** One stock y-websocket client that writes its own card and watches everybody else's. */
export class LoadClient {
	readonly doc = new Y.Doc();
	readonly provider: WebsocketProvider;
	readonly cardId: string;
	/** What this client last wrote, for the checks after the run. */
	lastText = '';
	x: number;
	y: number;
	changes = 0;
	private timer: ReturnType<typeof setInterval> | null = null;
	private start: ReturnType<typeof setTimeout> | null = null;

	constructor(
		base: string,
		room: string,
		private readonly seat: Seat,
		index: number,
		private readonly sent: SendTimes,
		recorder: Recorder,
		presence = false
	) {
		this.cardId = `bench-${index}`;
		this.x = 24 + (index % 6) * 216;
		this.y = 80 + Math.floor(index / 6) * 40;
		this.provider = new WebsocketProvider(base.replace(/^http/, 'ws') + '/yjs', room, this.doc, {
			WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
			params: seat.token === null ? {} : { token: seat.token },
			disableBc: true
		});
		// Without presence the client never sends awareness (its state is gone before it connects).
		// With it, every client re-broadcasts every awareness update it receives (y-websocket 3), so
		// each 15-second renewal of each client costs about N² messages on a board of N clients.
		if (!presence) this.provider.awareness.setLocalState(null);
		// Each relayed update is applied as one transaction; the clocks it advanced name the change.
		this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
			if (transaction.local) return;
			const now = performance.now();
			transaction.afterState.forEach((clock, client) => {
				if (transaction.beforeState.get(client) === clock) return;
				const sentAt = sent.get(client, clock);
				if (sentAt !== undefined) recorder.record(now - sentAt);
			});
		});
	}

	/** Resolves once connected and, where the server answers the handshake, synced. */
	ready(needSync: boolean, timeoutMs = 30_000): Promise<void> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`client ${this.cardId} not ready`)),
				timeoutMs
			);
			const check = () => {
				if (this.provider.wsconnected && (!needSync || this.provider.synced)) {
					clearTimeout(timer);
					this.provider.off('status', check);
					this.provider.off('sync', check);
					resolve();
				}
			};
			this.provider.on('status', check);
			this.provider.on('sync', check);
			check();
		});
	}

	createCard(): void {
		this.lastText = `Karte ${this.cardId}: `;
		createCard(this.doc, {
			id: this.cardId,
			area: areaAt(this.x),
			authorId: this.seat.participantId,
			createdAt: Date.now(),
			text: this.lastText,
			x: this.x,
			y: this.y
		});
	}

	/** Every 1/rate seconds, starting at a random phase so the clients do not fire in lockstep. */
	run(rate: number): void {
		const period = 1000 / rate;
		this.start = setTimeout(() => {
			this.start = null;
			this.change();
			this.timer = setInterval(() => this.change(), period);
		}, Math.random() * period);
	}

	stop(): void {
		if (this.start) clearTimeout(this.start);
		if (this.timer) clearInterval(this.timer);
		this.start = this.timer = null;
	}

	close(): void {
		this.stop();
		this.provider.destroy();
		this.doc.destroy();
	}

	/** This client's own clock: how many changes of it any replica has applied. */
	get clock(): number {
		return Y.getState(this.doc.store, this.doc.clientID);
	}

	/** A participant at work: alternately drags the card a little and types into it. */
	private change(): void {
		const sentAt = performance.now();
		if (this.changes++ % 2 === 0) {
			this.x = Math.round(clamp(this.x + (Math.random() - 0.5) * 80, 0, 1300));
			this.y = Math.round(clamp(this.y + (Math.random() - 0.5) * 80, 80, 1000));
			moveCard(this.doc, this.cardId, this.x, this.y);
		} else {
			const letter = 'abcdefghijklmnopqrstuvwxyz '[this.changes % 27]!;
			// Keeps the text short: past 80 characters the oldest 20 go, as someone rewording would.
			const base = this.lastText.length >= 80 ? this.lastText.slice(20) : this.lastText;
			this.lastText = base + letter;
			setCardText(this.doc, this.cardId, this.lastText);
		}
		// The provider has sent the update by now; receivers are in this process and run later.
		this.sent.note(this.doc.clientID, this.clock, sentAt);
	}
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(max, Math.max(min, value));
}

/** Every client of a board has applied every change of every other client. */
export function converged(clients: readonly LoadClient[]): boolean {
	for (const reader of clients)
		for (const writer of clients)
			if (Y.getState(reader.doc.store, writer.doc.clientID) !== writer.clock) return false;
	return true;
}

/**
 * Compares a board as read back from the server with what its writers did:
 * every change of every writer present (its clock) and each card's final text and place.
 */
export function compareStored(doc: Y.Doc, writers: readonly LoadClient[]): string[] {
	const problems: string[] = [];
	for (const writer of writers) {
		const stored = Y.getState(doc.store, writer.doc.clientID);
		const card = readCard(writer.cardId, cardsOf(doc).get(writer.cardId));
		if (stored !== writer.clock)
			problems.push(`${writer.cardId}: ${stored} of ${writer.clock} changes stored`);
		else if (!card) problems.push(`${writer.cardId}: card missing`);
		else if (card.text !== writer.lastText || card.x !== writer.x || card.y !== writer.y)
			problems.push(
				`${writer.cardId}: stored ${JSON.stringify(card.text)} at ${card.x},${card.y}, ` +
					`written ${JSON.stringify(writer.lastText)} at ${writer.x},${writer.y}`
			);
	}
	return problems;
}
