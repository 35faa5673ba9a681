import {
	closeSync,
	existsSync,
	fstatSync,
	ftruncateSync,
	openSync,
	readFileSync,
	unlinkSync,
	writeSync
} from 'node:fs';
import { crc32 } from 'node:zlib';
import type { DocStore, StoredUpdate } from './ports';

/**
 * A DocStore that can store synchronously: once `appendNow` returns, the
 * updates survive a crash of the process (kill -9). The sync loop relays an
 * update in the same call that stored it, without waiting for a promise.
 */
export interface SyncDocStore extends DocStore {
	/** Stores updates of one or more boards; throws if they could not be stored. */
	appendNow(updates: readonly StoredUpdate[]): void;
	/**
	 * Takes back the updates of the last `appendNow`. Only valid in the same
	 * synchronous run of code as that call (nothing else may have stored since).
	 */
	retractLast(): void;
	/** Moves journaled updates to their final place (graceful shutdown); the store stays usable. */
	settle(): void;
}

export function isSyncDocStore(store: DocStore): store is SyncDocStore {
	return typeof (store as Partial<SyncDocStore>).appendNow === 'function';
}

/** The journal's name in DATA_DIR, next to the database. */
export const JOURNAL_FILE = 'board-updates.journal';

/** Stores a batch of updates in one atomic, durable write, synchronously (an SQLite transaction). */
export type JournalSink = (updates: readonly StoredUpdate[]) => void;

export interface JournalOptions {
	/** Journaled updates move to the sink at the latest this long after the first of them. */
	readonly drainDelayMs?: number;
	/** …or as soon as they add up to this many bytes. */
	readonly drainBytes?: number;
	/** Called when moving updates to the sink failed; they stay journaled and are tried again. */
	readonly onDrainError?: (error: unknown) => void;
}

/**
 * An append-only file of updates in front of a synchronous store. Appending
 * an update is one `write(2)` of a length- and CRC-framed record: when it
 * returns, the bytes are in the operating system's page cache and survive
 * kill -9 of the process, which is the same guarantee as an SQLite commit in
 * WAL mode with synchronous=NORMAL (neither survives a power loss for sure).
 * Journaled updates move to the store in one transaction a while later (or
 * before anything reads the store), then the file is emptied. On open, what
 * is left in the file (after a crash) goes to the store first. A torn last
 * record (a crash in the middle of a write) fails its CRC and is dropped: its
 * write never returned, so nobody ever saw that update.
 *
 * Record: u32 LE length of the body, u32 LE CRC-32 of the body, then the body:
 * u16 LE byte length of the board id, the board id (UTF-8), the update.
 *
 * The crash window between the store's commit and emptying the file can leave
 * updates in both; they are then stored twice, which Yjs ignores (applying an
 * update twice changes nothing, and compaction merges the copies).
 *
 * With `file` null the journal only batches in memory (for an in-memory database).
 */
export class UpdateJournal {
	private fd: number | null = null;
	/** Bytes in the file: where the next record starts. */
	private size = 0;
	private pending: StoredUpdate[] = [];
	private pendingBytes = 0;
	/** Where the file and `pending` ended before the last append, for `retractLast`. */
	private lastSize = 0;
	private lastCount = 0;
	private retractable = false;
	private timer: ReturnType<typeof setTimeout> | null = null;
	private readonly drainDelayMs: number;
	private readonly drainBytes: number;

	constructor(
		private readonly file: string | null,
		private readonly sink: JournalSink,
		private options: JournalOptions = {}
	) {
		this.drainDelayMs = options.drainDelayMs ?? 500;
		this.drainBytes = options.drainBytes ?? 1 << 20;
		this.options = {
			onDrainError: (error) =>
				process.emitWarning(
					`Journaled board updates could not be moved to the store: ${String(error)}`
				),
			...options
		};
		if (file !== null && existsSync(file)) {
			const recovered = readJournal(readFileSync(file));
			// Into the store before anything can read it; if that fails, the server does not start.
			if (recovered.updates.length > 0) sink(recovered.updates);
			this.openFile();
			ftruncateSync(this.fd!, 0);
			this.size = 0;
		}
	}

	/** Updates journaled but not yet in the store. */
	get pendingCount(): number {
		return this.pending.length;
	}

	/** Journals updates with one write; durable against kill -9 when it returns. */
	append(updates: readonly StoredUpdate[]): void {
		if (updates.length === 0) return;
		this.retractable = false;
		this.lastSize = this.size;
		this.lastCount = this.pending.length;
		if (this.file !== null) {
			const record = encodeRecords(updates);
			if (this.fd === null) this.openFile();
			let written = 0;
			try {
				written = writeSync(this.fd!, record);
			} finally {
				// A short or failed write leaves no half record behind for later appends.
				if (written !== record.length) this.truncateTo(this.lastSize);
			}
			if (written !== record.length) throw new Error('journal write incomplete');
			this.size += written;
		}
		for (const update of updates) {
			this.pending.push(update);
			this.pendingBytes += update.update.length;
		}
		this.retractable = true;
		this.scheduleDrain();
	}

	/** Removes the records of the last `append`; only right after it, in the same synchronous run. */
	retractLast(): void {
		if (!this.retractable) throw new Error('nothing to retract');
		this.retractable = false;
		if (this.file !== null) this.truncateTo(this.lastSize);
		this.size = this.lastSize;
		for (let i = this.lastCount; i < this.pending.length; i++)
			this.pendingBytes -= this.pending[i]!.update.length;
		this.pending.length = this.lastCount;
	}

	/** Moves every journaled update to the store in one transaction, then empties the file. */
	drain(): void {
		if (this.timer) {
			clearTimeout(this.timer);
			this.timer = null;
		}
		this.retractable = false;
		if (this.pending.length === 0) return;
		this.sink(this.pending);
		this.pending = [];
		this.pendingBytes = 0;
		this.lastCount = 0;
		if (this.fd !== null) this.truncateTo(0);
		this.size = 0;
		this.lastSize = 0;
	}

	/** Drains and closes the file, removing it: a stopped server leaves everything in the store. */
	close(): void {
		this.drain();
		if (this.fd !== null) {
			closeSync(this.fd);
			this.fd = null;
			if (this.file !== null && existsSync(this.file)) unlinkSync(this.file);
		}
	}

	private openFile(): void {
		// Card texts and names: readable by the server's user only, as the database.
		this.fd = openSync(this.file!, 'a', 0o600);
		this.size = fstatSync(this.fd).size;
	}

	private truncateTo(size: number): void {
		if (this.fd === null) return;
		ftruncateSync(this.fd, size);
		this.size = size;
	}

	private scheduleDrain(): void {
		if (this.pendingBytes >= this.drainBytes) {
			// Not here: the caller relays after appending. Soon, though.
			if (this.timer) clearTimeout(this.timer);
			this.timer = setTimeout(() => this.drainLater(), 0);
		} else if (!this.timer) {
			this.timer = setTimeout(() => this.drainLater(), this.drainDelayMs);
		}
		this.timer.unref?.();
	}

	private drainLater(): void {
		this.timer = null;
		try {
			this.drain();
		} catch (error) {
			this.options.onDrainError?.(error);
			// Still journaled, so still durable; try again.
			if (!this.timer) {
				this.timer = setTimeout(() => this.drainLater(), this.drainDelayMs);
				this.timer.unref?.();
			}
		}
	}
}

const HEADER = 8;

/** Board ids as UTF-8, each with its u16 length in front: encoded once per board, not per update. */
const idBytes = new Map<string, Buffer>();
function encodedId(boardId: string): Buffer {
	let bytes = idBytes.get(boardId);
	if (!bytes) {
		const utf8 = Buffer.from(boardId, 'utf8');
		bytes = Buffer.allocUnsafeSlow(2 + utf8.length);
		bytes.writeUInt16LE(utf8.length, 0);
		bytes.set(utf8, 2);
		if (idBytes.size >= 10_000) idBytes.clear();
		idBytes.set(boardId, bytes);
	}
	return bytes;
}

export function encodeRecords(updates: readonly StoredUpdate[]): Buffer {
	let total = 0;
	for (const { boardId, update } of updates)
		total += HEADER + encodedId(boardId).length + update.length;
	const out = Buffer.allocUnsafe(total);
	let at = 0;
	for (const { boardId, update } of updates) {
		const id = encodedId(boardId);
		const start = at + HEADER;
		out.set(id, start);
		out.set(update, start + id.length);
		const end = start + id.length + update.length;
		out.writeUInt32LE(end - start, at);
		out.writeUInt32LE(crc32(out.subarray(start, end)), at + 4);
		at = end;
	}
	return out;
}

/**
 * The complete records of a journal, in order. Reading stops at the first
 * record that is cut off or fails its CRC (a torn write at the end).
 */
export function readJournal(data: Uint8Array): { updates: StoredUpdate[]; torn: boolean } {
	const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
	const updates: StoredUpdate[] = [];
	let at = 0;
	while (at < buffer.length) {
		if (buffer.length - at < HEADER) return { updates, torn: true };
		const length = buffer.readUInt32LE(at);
		const start = at + HEADER;
		const end = start + length;
		if (length < 2 || end > buffer.length) return { updates, torn: true };
		const body = buffer.subarray(start, end);
		if (crc32(body) !== buffer.readUInt32LE(at + 4)) return { updates, torn: true };
		const idBytes = body.readUInt16LE(0);
		if (2 + idBytes > length) return { updates, torn: true };
		updates.push({
			boardId: body.toString('utf8', 2, 2 + idBytes),
			// A copy: the stored update must not keep the whole file alive.
			update: new Uint8Array(body.subarray(2 + idBytes))
		});
		at = end;
	}
	return { updates, torn: false };
}
