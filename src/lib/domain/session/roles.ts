export const ROLES = ['facilitator', 'participant'] as const;
export type Role = (typeof ROLES)[number];

/** Who is acting: the server resolves this from a credential, never from what a client claims. */
export interface Actor {
	readonly sessionId: string;
	readonly participantId: string;
	readonly role: Role;
}

export const isFacilitator = (actor: Actor): boolean => actor.role === 'facilitator';
