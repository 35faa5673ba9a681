import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { YJS_CLOSE, YJS_PATH } from '../protocol/yjs';

export type SyncStatus = 'connecting' | 'connected' | 'offline' | 'signedOut';

/** Close codes after which this document must not reconnect as it is. */
const RESTART = new Set<number>([
	YJS_CLOSE.malformed,
	YJS_CLOSE.forbidden,
	YJS_CLOSE.readOnly,
	YJS_CLOSE.cardLimit
]);

export interface SyncedDocEvents {
	/**
	 * The document was replaced by a fresh copy of the server's (after a refused change);
	 * `refused` is the copy that held the change, readable until this returns; `reason` the
	 * server's close reason.
	 */
	onRestart(doc: Y.Doc, code: number, refused: Y.Doc, reason: string): void;
	onStatus(status: SyncStatus): void;
	onSynced(): void;
	/** The credential stopped working (4401), with the server's close reason (YJS_CLOSE_REASON). */
	onSignedOut?(reason: string): void;
	/** A new connection (also after a restart): presence is set up on its awareness. */
	onAwareness?(awareness: Awareness): void;
}

/**
 * One Yjs document kept in sync with the server over /yjs/<room>. After a
 * refused change the local copy may hold something the server will never
 * take: it is dropped and the document starts over from the server's state.
 */
export class SyncedDoc {
	doc!: Y.Doc;
	private provider!: WebsocketProvider;
	private destroyed = false;
	private wasConnected = false;

	constructor(
		private readonly room: string,
		private readonly events: SyncedDocEvents
	) {
		this.connect();
	}

	/** Whether this copy has received the server's state since it last connected. */
	get synced(): boolean {
		return this.provider.synced;
	}

	destroy(): void {
		this.destroyed = true;
		this.provider.destroy();
		this.doc.destroy();
	}

	private connect(): void {
		this.wasConnected = false;
		this.doc = new Y.Doc();
		const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
		// The session cookie authenticates this browser; no token in the URL.
		this.provider = new WebsocketProvider(
			`${protocol}//${location.host}${YJS_PATH}`,
			this.room,
			this.doc,
			{
				disableBc: true,
				// A lost credential ends the document; refusals restart it; a rate limit only pauses it.
				shouldReconnect: (event) =>
					event.code !== YJS_CLOSE.unauthorized && !RESTART.has(event.code)
			}
		);
		this.events.onAwareness?.(this.provider.awareness);
		this.provider.on('sync', (synced: boolean) => {
			if (synced) this.events.onSynced();
		});
		this.provider.on('status', ({ status }: { status: string }) => {
			if (status === 'connected') this.wasConnected = true;
			// Once connected, a lost connection is "offline" until it is back: the attempts in
			// between would make the status (a live region) flip and speak every few seconds.
			this.events.onStatus(
				status === 'connected'
					? 'connected'
					: status === 'connecting' && !this.wasConnected
						? 'connecting'
						: 'offline'
			);
		});
		this.provider.on('closed', ({ code, reason }: { code: number; reason: string }) => {
			if (code === YJS_CLOSE.unauthorized) {
				this.events.onSignedOut?.(reason);
				this.events.onStatus('signedOut');
				return;
			}
			// Let y-websocket finish its close handling before this provider is replaced.
			setTimeout(() => {
				if (this.destroyed) return;
				const refused = this.doc;
				this.provider.destroy();
				this.connect();
				this.events.onRestart(this.doc, code, refused, reason);
				refused.destroy();
			}, 0);
		});
	}
}
