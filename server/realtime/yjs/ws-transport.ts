import type { Duplex } from 'node:stream';
import { WebSocket } from 'ws';
import type { Transport } from './board-room';

/**
 * A binary websocket frame from the server (RFC 6455 §5.2: FIN, opcode 2,
 * unmasked), header and payload in one buffer.
 */
export function binaryFrame(payload: Uint8Array): Buffer {
	const length = payload.length;
	const header = length < 126 ? 2 : length < 65_536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(header + length);
	frame[0] = 0x82;
	if (header === 2) frame[1] = length;
	else if (header === 4) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeBigUInt64BE(BigInt(length), 2);
	}
	frame.set(payload, header);
	return frame;
}

/**
 * The sync loop sends one update to every other connection of a board in a
 * row: it is framed for the first of them and the same bytes go to the rest.
 */
let lastPayload: Uint8Array | null = null;
let lastFrame: Buffer | null = null;

function framed(payload: Uint8Array): Buffer {
	if (payload !== lastPayload) {
		lastFrame = binaryFrame(payload);
		lastPayload = payload;
	}
	return lastFrame!;
}

/**
 * A board connection over `ws`. A class rather than an object literal per
 * connection: a getter in a literal gives every connection its own hidden
 * class, and the sync loop's calls on transports would go megamorphic.
 *
 * Messages go to the upgraded socket as ready frames, one write each, instead
 * of through `ws.send`, which frames every copy anew and writes header and
 * payload corked as two buffers: sending is most of what relaying an update
 * costs (docs/performance.md). The order of frames stays that of the calls,
 * `ws`'s own frames (pings, the closing frame) included, because `ws` queues
 * nothing without compression, which the board endpoint does not use.
 */
export class WsTransport implements Transport {
	constructor(
		private readonly ws: WebSocket,
		private readonly socket: Duplex
	) {}

	send(frame: Uint8Array): void {
		// As `ws.send` does after the closing handshake began: nothing more goes out.
		if (this.ws.readyState !== WebSocket.OPEN) return;
		this.socket.write(framed(frame));
	}

	close(code: number, reason: string): void {
		this.ws.close(code, reason);
	}

	get bufferedAmount(): number {
		// Counts what was written to the socket directly, too.
		return this.ws.bufferedAmount;
	}
}
