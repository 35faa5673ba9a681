import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/**
 * The y-websocket wire format (y-protocols): a message type, then for sync
 * messages a step and a length-prefixed payload.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export type IncomingMessage =
	| { readonly kind: 'step1'; readonly stateVector: Uint8Array }
	/** `relayable`: the frame is exactly an update message and can be sent on as it is. */
	| { readonly kind: 'update'; readonly update: Uint8Array; readonly relayable: boolean }
	| { readonly kind: 'awareness'; readonly update: Uint8Array; readonly relayable: boolean }
	| { readonly kind: 'queryAwareness' };

export class MalformedMessage extends Error {}

/** Decodes one frame; throws MalformedMessage for anything that is not a y-websocket message. */
export function decodeMessage(frame: Uint8Array): IncomingMessage {
	try {
		const decoder = decoding.createDecoder(frame);
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE_SYNC: {
				const step = decoding.readVarUint(decoder);
				const payload = decoding.readVarUint8Array(decoder);
				const complete = !decoding.hasContent(decoder);
				if (step === SYNC_STEP1) {
					// Answering it encodes the board against it: a state vector cut short would throw there.
					if (!isStateVector(payload)) throw new MalformedMessage('invalid state vector');
					return { kind: 'step1', stateVector: payload };
				}
				if (step === SYNC_STEP2 || step === SYNC_UPDATE)
					return { kind: 'update', update: payload, relayable: step === SYNC_UPDATE && complete };
				break;
			}
			case MESSAGE_AWARENESS: {
				const update = decoding.readVarUint8Array(decoder);
				return { kind: 'awareness', update, relayable: !decoding.hasContent(decoder) };
			}
			case MESSAGE_QUERY_AWARENESS:
				return { kind: 'queryAwareness' };
		}
	} catch (error) {
		if (error instanceof MalformedMessage) throw error;
		throw new MalformedMessage('frame cannot be decoded');
	}
	throw new MalformedMessage('unknown message type');
}

function frame(type: number, step: number | null, payload: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, type);
	if (step !== null) encoding.writeVarUint(encoder, step);
	encoding.writeVarUint8Array(encoder, payload);
	return encoding.toUint8Array(encoder);
}

export const encodeStep1 = (stateVector: Uint8Array): Uint8Array =>
	frame(MESSAGE_SYNC, SYNC_STEP1, stateVector);
export const encodeStep2 = (update: Uint8Array): Uint8Array =>
	frame(MESSAGE_SYNC, SYNC_STEP2, update);
export const encodeUpdate = (update: Uint8Array): Uint8Array =>
	frame(MESSAGE_SYNC, SYNC_UPDATE, update);
export const encodeAwareness = (update: Uint8Array): Uint8Array =>
	frame(MESSAGE_AWARENESS, null, update);

/** Whether bytes are exactly one encoded state vector: a count, then that many client ids and clocks. */
function isStateVector(bytes: Uint8Array): boolean {
	const decoder = decoding.createDecoder(bytes);
	try {
		const entries = decoding.readVarUint(decoder);
		for (let i = 0; i < entries; i++) {
			decoding.readVarUint(decoder);
			decoding.readVarUint(decoder);
		}
	} catch {
		return false;
	}
	return !decoding.hasContent(decoder);
}

/** An encoded state vector with no entries: a client that has nothing yet. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
	return stateVector.length === 1 && stateVector[0] === 0;
}
