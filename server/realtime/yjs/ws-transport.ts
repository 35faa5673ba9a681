import type { WebSocket } from 'ws';
import type { Transport } from './board-room';

/**
 * A board connection over `ws`. A class rather than an object literal per
 * connection: a getter in a literal gives every connection its own hidden
 * class, and the sync loop's calls on transports would go megamorphic.
 */
export class WsTransport implements Transport {
	constructor(private readonly ws: WebSocket) {}

	send(frame: Uint8Array): void {
		this.ws.send(frame);
	}

	close(code: number, reason: string): void {
		this.ws.close(code, reason);
	}

	get bufferedAmount(): number {
		return this.ws.bufferedAmount;
	}
}
