/** A request body's JSON, from its bytes (as the worker receives them); null when they are none. */
export function parseJsonBody(body: Uint8Array): { readonly value: unknown } | null {
	try {
		return {
			value: JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8'))
		};
	} catch {
		return null;
	}
}
