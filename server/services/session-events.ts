import type { ControlState } from '../../src/lib/domain/session/control';
import type { DraftCount } from '../../src/lib/domain/session/draft-count';
import type { Invitation } from '../../src/lib/protocol/realtime';
import type { SessionRecord } from '../persistence/ports';

/**
 * What changed in a session, published by the services and consumed by the
 * transports (socket.io broadcasts, board eviction). In-process; across
 * instances socket.io's adapter carries the resulting broadcasts.
 */
/** How much of a session's voting changed, from least to most. */
export type VotingChange = 'progress' | 'open' | 'all';

export interface SessionEventMap {
	sessionChanged: SessionRecord;
	controlChanged: { sessionId: string; control: ControlState };
	rosterChanged: { sessionId: string };
	participantRemoved: { sessionId: string; participantId: string };
	/** A staff member's token was replaced (a new presenter link): the screens on the old one sign out. */
	credentialReplaced: { sessionId: string; participantId: string };
	invitationChanged: { sessionId: string; invitation: Invitation };
	/** The presenter link was replaced: for the facilitator's screens only, never an observer's. */
	presenterLinkChanged: { sessionId: string; presenterUrl: string };
	sessionDeleted: { sessionId: string; boardId: string };
	/**
	 * A voting round opened, closed or was cancelled, or dots changed. What changed: `progress` only (a dot in a hidden round), the `open` round only (a dot in a
	 * live round), or `all` rounds (one opened, closed or was cancelled).
	 */
	votingChanged: { sessionId: string; changed: VotingChange };
	/** One participant's dots changed; null: everyone's (their round ended). */
	ballotChanged: { sessionId: string; participantId: string | null };
	/** How many drafts the current silent phase has (null: it is no silent phase). */
	draftsCounted: { sessionId: string; count: DraftCount | null };
}

type Listener<T> = (payload: T) => void;

export class SessionEvents {
	private readonly listeners: { [K in keyof SessionEventMap]: Set<Listener<SessionEventMap[K]>> } =
		{
			sessionChanged: new Set(),
			controlChanged: new Set(),
			rosterChanged: new Set(),
			participantRemoved: new Set(),
			credentialReplaced: new Set(),
			invitationChanged: new Set(),
			presenterLinkChanged: new Set(),
			sessionDeleted: new Set(),
			votingChanged: new Set(),
			ballotChanged: new Set(),
			draftsCounted: new Set()
		};

	on<K extends keyof SessionEventMap>(
		event: K,
		listener: Listener<SessionEventMap[K]>
	): () => void {
		this.listeners[event].add(listener);
		return () => this.listeners[event].delete(listener);
	}

	emit<K extends keyof SessionEventMap>(event: K, payload: SessionEventMap[K]): void {
		for (const listener of this.listeners[event]) listener(payload);
	}
}
