import { z } from 'zod';
import type { Role } from '../domain/session/roles';
import type { SessionSettings, TemplateId } from '../domain/session/session';
import type { StakeholderGroupId } from '../domain/session/stakeholder-groups';

/**
 * The HTTP API contract (docs/api.md). Schemas check shape only; the domain
 * rules (title and name rules, known groups and templates) give the precise error.
 */
const token = z.string().min(1).max(200);

export const CreateSessionRequest = z.object({
	title: z.unknown(),
	template: z.string().max(64).optional()
});

export interface CreateSessionResponse {
	readonly id: string;
	readonly boardId: string;
	readonly facilitatorToken: string;
	readonly joinToken: string;
	readonly facilitatorUrl: string;
	readonly participantUrl: string;
}

export const JoinRequest = z.object({
	joinToken: token,
	name: z.unknown(),
	group: z.string().max(64).nullable().optional()
});

export interface JoinResponse {
	readonly participantId: string;
	readonly token: string;
}

/** Exchanges a token from a link for the HttpOnly cookie the browser then uses. */
export const SignInRequest = z.object({ token });

export interface Me {
	readonly participantId: string;
	readonly name: string;
	readonly group: StakeholderGroupId | null;
	readonly role: Role;
}

export interface SessionResponse {
	readonly id: string;
	readonly boardId: string;
	readonly title: string;
	readonly template: TemplateId;
	readonly createdAt: number;
	readonly settings: SessionSettings;
	readonly me: Me;
	/** Only for the facilitator. */
	readonly participantUrl?: string;
}

export interface JoinInfoResponse {
	readonly id: string;
	readonly title: string;
}
