/** Observers (co-researchers, the projector) read everything and write nothing. */
export const ROLES = ['facilitator', 'participant', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the server resolves this from a credential, never from what a client claims. */
export interface Actor {
	readonly sessionId: string;
	readonly participantId: string;
	readonly role: Role;
	/** The caller's stakeholder group, for what records it (cards, dots); null when none was given. */
	readonly group?: string | null;
}

export const isFacilitator = (actor: Actor): boolean => actor.role === 'facilitator';

export function isRole(value: unknown): value is Role {
	return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
