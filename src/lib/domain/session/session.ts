import type { Locale } from '../../i18n/catalog';
import type { Role } from './roles';
import {
	DEFAULT_GROUP_LIST,
	type StakeholderGroup,
	type StakeholderGroupId
} from './stakeholder-groups';
import type { TemplateId } from './templates';

export { DEFAULT_TEMPLATE, TEMPLATES, isTemplateId, type TemplateId } from './templates';

/** What the facilitator decides for the whole session. */
export interface SessionSettings {
	/** Show authors' names on cards; off by default so that the board stays pseudonymous. */
	readonly showAuthorNames: boolean;
	/** The groups participants pick from when they join (changed with `groups.update`). */
	readonly stakeholderGroups: readonly StakeholderGroup[];
}

export const DEFAULT_SETTINGS: SessionSettings = {
	showAuthorNames: false,
	stakeholderGroups: DEFAULT_GROUP_LIST
};

export interface Session {
	readonly id: string;
	readonly boardId: string;
	readonly title: string;
	/** The municipality the focus group is held for; empty when none was given. */
	readonly municipality: string;
	readonly template: TemplateId;
	/** The language the agenda was written in when the session was created. */
	readonly language: Locale;
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
	/** When the facilitator removed them; their token stops working, their cards stay. */
	readonly removedAt: number | null;
}

export function applySettings(
	current: SessionSettings,
	patch: Partial<SessionSettings>
): SessionSettings {
	return {
		showAuthorNames: patch.showAuthorNames ?? current.showAuthorNames,
		stakeholderGroups: patch.stakeholderGroups ?? current.stakeholderGroups
	};
}
