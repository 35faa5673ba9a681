import * as Y from 'yjs';
import {
	checkBoardUpdate,
	type UpdateContext,
	type UpdateVerdict
} from '../../src/lib/domain/board/update-policy';
import type { Actor, Role } from '../../src/lib/domain/session/roles';

/**
 * In-memory replicas of one board around a server document that applies the
 * update policy, with explicit flushes: the deterministic first stage of sync tests.
 */
export class Replica {
	readonly doc = new Y.Doc();
	readonly outbox: Uint8Array[] = [];
	constructor(readonly actor: Actor) {
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'server') this.outbox.push(update);
		});
	}
}

export class BoardHarness {
	readonly server = new Y.Doc();
	readonly replicas: Replica[] = [];
	readonly refused: UpdateVerdict[] = [];

	join(participantId: string, role: Role = 'participant'): Replica {
		const replica = new Replica({ sessionId: 's', participantId, role });
		Y.applyUpdate(replica.doc, Y.encodeStateAsUpdate(this.server), 'server');
		this.replicas.push(replica);
		return replica;
	}

	/** Sends every replica's pending updates to the server and relays the accepted ones. */
	flush(): void {
		for (const from of this.replicas) {
			for (const update of from.outbox.splice(0)) {
				const verdict = checkBoardUpdate(this.server, update, from.actor);
				if (!verdict.ok) {
					this.refused.push(verdict);
					continue;
				}
				Y.applyUpdate(this.server, update);
				for (const to of this.replicas) if (to !== from) Y.applyUpdate(to.doc, update, 'server');
			}
		}
	}

	/** What a server would send a replica after a refusal: a fresh copy of its state. */
	resync(replica: Replica): Replica {
		const fresh = new Replica(replica.actor);
		Y.applyUpdate(fresh.doc, Y.encodeStateAsUpdate(this.server), 'server');
		this.replicas[this.replicas.indexOf(replica)] = fresh;
		return fresh;
	}
}

export function verdictOf(
	server: Y.Doc,
	actor: Actor,
	change: (doc: Y.Doc) => void,
	context: UpdateContext = {}
): UpdateVerdict {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, Y.encodeStateAsUpdate(server));
	const updates: Uint8Array[] = [];
	doc.on('update', (u: Uint8Array) => updates.push(u));
	change(doc);
	return checkBoardUpdate(server, Y.mergeUpdates(updates), actor, context);
}
