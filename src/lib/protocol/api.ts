import { z } from 'zod';
import type { Role } from '../domain/session/roles';
import type { SessionSettings, TemplateId } from '../domain/session/session';
import type { StakeholderGroup, StakeholderGroupId } from '../domain/session/stakeholder-groups';
import { LOCALES, type Locale } from '../i18n/catalog';
import type { ControlView, RosterEntry } from './realtime';
import type { BallotView, VotingView } from '../domain/voting/view';

/**
 * The HTTP API contract (docs/api.md). Schemas check shape only — a value of the wrong
 * type is `bad_request` —; the domain rules (title and name rules, known groups and
 * templates, what a token is) give the precise error for a value of the right type,
 * however long: the body's size limit (64 KiB) bounds it. A missing title or name is
 * the same mistake as an empty one (`title_required`, `name_required`). A field a schema does not
 * have is `bad_request` too, naming it: a misspelt optional field (`"municiplaity"`) or one the
 * caller may not set (`"role"` when joining) would otherwise be dropped without a word.
 */
export const CreateSessionRequest = z
	.object({
		title: z.string().optional(),
		/** Optional: the municipality the focus group is held for (shown in exports). */
		municipality: z.string().optional(),
		template: z.string().optional(),
		/** The language the template's agenda is written in; default: the caller's UI language. */
		language: z.enum(LOCALES).optional()
	})
	.strict();

export interface CreateSessionResponse {
	readonly id: string;
	readonly boardId: string;
	readonly facilitatorToken: string;
	readonly joinToken: string;
	readonly facilitatorUrl: string;
	readonly participantUrl: string;
	/** Opens the presenter view (observer role): for the projector and co-researchers. */
	readonly presenterUrl: string;
}

export const JoinRequest = z
	.object({
		/** Any string: one that is not this session's join token is 401, like a wrong one. */
		joinToken: z.string(),
		name: z.string().optional(),
		group: z.string().nullable().optional()
	})
	.strict();

export interface JoinResponse {
	readonly participantId: string;
	readonly token: string;
}

/** Exchanges a token from a link for the HttpOnly cookie the browser then uses. */
export const SignInRequest = z.object({ token: z.string() }).strict();

/** Signing out needs no body; one that is sent holds nothing (`{}`). */
/** What sign-out and session deletion take, if they take a body at all: nothing. */
export const EmptyRequest = z.object({}).strict();

export interface Me {
	readonly participantId: string;
	readonly name: string;
	readonly group: StakeholderGroupId | null;
	readonly role: Role;
}

/**
 * `GET /api/sessions/:id/me`: who the caller is in the session, or null when their
 * credential (token or cookie) is none of this session's — without a 401, so that a page
 * can ask whether this browser has already joined without an error in its console.
 */
export interface MeResponse {
	readonly me: Me | null;
}

export interface SessionResponse {
	readonly id: string;
	readonly boardId: string;
	readonly title: string;
	/** Empty when none was given. */
	readonly municipality: string;
	readonly template: TemplateId;
	/** The language the agenda was written in; exports are in it unless asked otherwise. */
	readonly language: Locale;
	readonly createdAt: number;
	readonly settings: SessionSettings;
	readonly me: Me;
	readonly control: ControlView;
	/** For the facilitator and observers (the presenter view shows it as a QR code). */
	readonly participantUrl?: string;
	/** For the facilitator and observers: the short code and link to type from the projector. */
	readonly joinCode?: string;
	readonly shortJoinUrl?: string;
	/** Only for the facilitator. */
	readonly presenterUrl?: string;
}

export interface StateResponse {
	readonly title: string;
	readonly settings: SessionSettings;
	readonly control: ControlView;
	readonly roster: readonly RosterEntry[];
	readonly voting: VotingView;
	/** The caller's own dots in the open round (participants), else null. */
	readonly ballot: BallotView | null;
}

export interface JoinCodeResponse {
	readonly sessionId: string;
	readonly participantUrl: string;
}

export interface JoinInfoResponse {
	readonly id: string;
	readonly title: string;
	/** The session's language: the title is written in it, whatever language the page is in. */
	readonly language: Locale;
	/** The groups to pick from when joining. */
	readonly stakeholderGroups: readonly StakeholderGroup[];
}
