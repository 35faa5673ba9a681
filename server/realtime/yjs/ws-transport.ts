import type { WebSocket } from 'ws';
import { SharedFrame, type Transport } from './board-room';

/** ws's sender, which writes a frame that is ready for the wire (engine.io uses the same). */
interface FrameSender {
	sendFrame(list: Buffer[], cb?: (error?: Error) => void): void;
}

/**
 * A board connection over `ws`. A shared frame is framed for the wire once
 * (header and payload in one buffer) and handed to ws's sender as it is: one
 * write per client instead of ws framing the same bytes again for every one
 * of them. socket.io does the same for its broadcasts (engine.io's
 * `wsPreEncodedFrame`, see websockets/ws#617); it needs compression off, as
 * the board endpoint has it.
 * A class, not an object literal per connection, so the sync loop's calls
 * stay monomorphic.
 */
export class WsTransport implements Transport {
	private readonly sender: FrameSender | null;

	constructor(private readonly ws: WebSocket) {
		const sender = (ws as unknown as { _sender?: Partial<FrameSender> })._sender;
		this.sender = typeof sender?.sendFrame === 'function' ? (sender as FrameSender) : null;
	}

	send(frame: Uint8Array | SharedFrame): void {
		const ws = this.ws;
		if (!(frame instanceof SharedFrame)) {
			ws.send(frame);
			return;
		}
		// ws.send drops frames for a closing socket too; the prepared path must not write after a close frame.
		if (this.sender === null || ws.readyState !== ws.OPEN) {
			ws.send(frame.bytes);
			return;
		}
		this.sender.sendFrame((frame.wire ??= [wireFrame(frame.bytes)]) as Buffer[]);
	}

	close(code: number, reason: string): void {
		this.ws.close(code, reason);
	}

	get bufferedAmount(): number {
		return this.ws.bufferedAmount;
	}
}

/** A final, unmasked binary websocket frame (RFC 6455, section 5.2) holding `payload`, in one buffer. */
export function wireFrame(payload: Uint8Array): Buffer {
	const length = payload.byteLength;
	const header = length < 126 ? 2 : length < 65536 ? 4 : 10;
	const frame = Buffer.allocUnsafe(header + length);
	frame[0] = 0x82;
	if (header === 2) {
		frame[1] = length;
	} else if (header === 4) {
		frame[1] = 126;
		frame.writeUInt16BE(length, 2);
	} else {
		frame[1] = 127;
		frame.writeBigUInt64BE(BigInt(length), 2);
	}
	frame.set(payload, header);
	return frame;
}
