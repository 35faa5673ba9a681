import type { Role } from './roles';
import type { StakeholderGroupId } from './stakeholder-groups';

export const TEMPLATES = ['blank'] as const;
export type TemplateId = (typeof TEMPLATES)[number];
export const DEFAULT_TEMPLATE: TemplateId = 'blank';

export function isTemplateId(value: unknown): value is TemplateId {
	return typeof value === 'string' && (TEMPLATES as readonly string[]).includes(value);
}

/** What the facilitator decides for the whole session. */
export interface SessionSettings {
	/** Show authors' names on cards; off by default so that the board stays pseudonymous. */
	readonly showAuthorNames: boolean;
}

export const DEFAULT_SETTINGS: SessionSettings = { showAuthorNames: false };

export interface Session {
	readonly id: string;
	readonly boardId: string;
	readonly title: string;
	readonly template: TemplateId;
	readonly createdAt: number;
	readonly settings: SessionSettings;
}

export interface Participant {
	readonly id: string;
	readonly sessionId: string;
	readonly name: string;
	readonly group: StakeholderGroupId | null;
	readonly role: Role;
	readonly createdAt: number;
}

export function applySettings(
	current: SessionSettings,
	patch: Partial<SessionSettings>
): SessionSettings {
	return {
		showAuthorNames: patch.showAuthorNames ?? current.showAuthorNames
	};
}
