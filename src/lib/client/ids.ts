/**
 * Card ids made in the browser. getRandomValues works on plain http too (a
 * self-hosted server in a town hall's network), where crypto.randomUUID does not.
 */
export function newCardId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	let binary = '';
	for (const byte of bytes) binary += String.fromCharCode(byte);
	return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
