import { performance } from 'node:perf_hooks';

/**
 * Timers around the steps of a measured process, installed on request by the
 * stats probe (`npm run bench -- --breakdown`): ws.send in both processes, and
 * in the Fokusrunde server the sync loop's steps, found on the prototypes of
 * its classes, so the production code stays as it is. Each timer costs a
 * fraction of a microsecond, so the totals of a breakdown run are slightly
 * higher than those of a plain run.
 */
export interface Section {
	ms: number;
	calls: number;
}
export type Sections = Record<string, Section>;

let sections: Sections = {};
let installed: Promise<void> | null = null;
/** Inside BoardSync.flush or storeRelayApply: a send there relays a stored update. */
let relayDepth = 0;

function add(name: string, ms: number): void {
	const section = (sections[name] ??= { ms: 0, calls: 0 });
	section.ms += ms;
	section.calls++;
}

type Method = (this: unknown, ...args: unknown[]) => unknown;

/** Replaces `prototype[method]` by a timed version; `label` picks the section, null for none. */
function time(prototype: unknown, method: string, label: (args: unknown[]) => string | null): void {
	const target = prototype as Record<string, unknown>;
	const original = target[method];
	if (typeof original !== 'function') throw new Error(`breakdown: no method ${method}`);
	const call = original as Method;
	target[method] = function (this: unknown, ...args: unknown[]): unknown {
		const name = label(args);
		if (name === null) return call.apply(this, args);
		const start = performance.now();
		let result: unknown;
		try {
			result = call.apply(this, args);
		} finally {
			if (!(result instanceof Promise)) add(name, performance.now() - start);
		}
		// An async step (flush, compaction) counts until it settles; its awaits resolve at once here.
		if (result instanceof Promise)
			return result.finally(() => add(name, performance.now() - start));
		return result;
	};
}

async function install(server: boolean): Promise<void> {
	const { WebSocket } = await import('ws');
	time(WebSocket.prototype, 'send', () => 'ws.send');
	if (!server) return;
	// The same module instances the server loaded (one URL, one module).
	const { BoardSync } = await import('../../server/realtime/yjs/board-sync.ts');
	const { BoardRoom } = await import('../../server/realtime/yjs/board-room.ts');
	const { SqliteDocStore } = await import('../../server/persistence/sqlite.ts');
	const { MemoryDocStore } = await import('../../server/persistence/memory.ts');
	const { UpdateJournal } = await import('../../server/persistence/update-journal.ts');
	time(BoardSync.prototype, 'receive', () => 'receive');
	// Loading a board applies with no origin; a client's update has its connection as origin.
	time(BoardRoom.prototype, 'apply', (args) => (args[1] === null ? null : 'apply'));
	const sync = BoardSync.prototype as unknown as Record<string, Method>;
	const flush = sync.flush!;
	sync.flush = function (this: unknown, ...args: unknown[]): unknown {
		relayDepth++;
		return (flush.apply(this, args) as Promise<unknown>).finally(() => relayDepth--);
	};
	const storeRelayApply = sync.storeRelayApply!;
	sync.storeRelayApply = function (this: unknown, ...args: unknown[]): unknown {
		relayDepth++;
		try {
			return storeRelayApply.apply(this, args);
		} finally {
			relayDepth--;
		}
	};
	time(BoardSync.prototype, 'flush', () => 'flush');
	time(BoardSync.prototype, 'storeRelayApply', () => 'storeRelayApply');
	time(BoardSync.prototype, 'compact', () => 'compact');
	time(BoardSync.prototype, 'send', () => (relayDepth > 0 ? 'relay send' : 'other send'));
	time(SqliteDocStore.prototype, 'appendUpdates', () => 'store');
	time(SqliteDocStore.prototype, 'appendNow', () => 'store');
	time(MemoryDocStore.prototype, 'appendUpdates', () => 'store');
	time(UpdateJournal.prototype, 'drain', () => 'drain');
}

export async function startBreakdown(server: boolean): Promise<void> {
	installed ??= install(server);
	await installed;
	sections = {};
}

export function stopBreakdown(): Sections {
	const result = sections;
	sections = {};
	return result;
}
