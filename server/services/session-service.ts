import {
	type ControlState,
	initialControl,
	isFinished
} from '../../src/lib/domain/session/control';
import type { Actor, Role } from '../../src/lib/domain/session/roles';
import {
	DEFAULT_SETTINGS,
	DEFAULT_TEMPLATE,
	applySettings,
	isTemplateId,
	type SessionSettings
} from '../../src/lib/domain/session/session';
import {
	groupsInUse,
	hasGroup,
	parseGroupList,
	type StakeholderGroup
} from '../../src/lib/domain/session/stakeholder-groups';
import type { Phase } from '../../src/lib/domain/session/agenda';
import { agendaFromTemplate } from '../../src/lib/domain/session/templates';
import {
	parseDisplayName,
	parseMunicipality,
	parseTitle
} from '../../src/lib/domain/session/validation';
import { DEFAULT_LOCALE, isLocale, type Locale } from '../../src/lib/i18n/catalog';
import type { ParticipantRecord, SessionRecord, SessionStore } from '../persistence/ports';
import type { SecretBox } from '../security/secret-box';
import { formatJoinCode, joinCodeFor, normaliseJoinCode } from '../security/join-code';
import { hashToken, looksLikeToken, newId, newToken, tokenMatches } from '../security/tokens';
import { SESSION_LIMITS } from '../../src/lib/domain/session/session-limits';
import type { Invitation } from '../../src/lib/protocol/realtime';
import { facilitatorUrl, participantUrl, presenterUrl, shortJoinUrl } from './links';
import { fail, ok, type Result } from './result';

export interface CreatedSession {
	readonly session: SessionRecord;
	readonly facilitator: ParticipantRecord;
	readonly facilitatorToken: string;
	readonly joinToken: string;
	readonly facilitatorUrl: string;
	readonly participantUrl: string;
	readonly presenterUrl: string;
	/** Everyone in the new session in the order they joined: facilitator, observer, then seeded participants. */
	readonly people: readonly ParticipantRecord[];
}

/**
 * What an imported session starts with instead of the defaults (POST
 * /api/sessions/import): its original creation time, agenda, groups and
 * people. Imported participants get no usable token.
 */
export interface SessionSeed {
	readonly createdAt: number;
	readonly agenda: readonly Phase[];
	readonly stakeholderGroups: readonly StakeholderGroup[];
	readonly facilitatorName: string;
	readonly participants: readonly {
		readonly name: string;
		readonly group: string | null;
		readonly createdAt: number;
		readonly removed: boolean;
	}[];
}

/**
 * Asked once a new session's input has passed every check, just before anything is stored:
 * false refuses the creation with `rate_limited`. So that only a session that is made uses
 * up the caller's budget, not a request refused for its content.
 */
export type Admission = () => boolean;

export interface Joined {
	readonly participant: ParticipantRecord;
	readonly token: string;
}

/** An authenticated caller together with the session they belong to. */
export interface Credential {
	readonly actor: Actor;
	readonly session: SessionRecord;
	readonly participant: ParticipantRecord;
}

export type Authentication =
	| { readonly ok: true; readonly credential: Credential }
	| {
			readonly ok: false;
			readonly error: 'unauthorized' | 'participant_removed' | 'forbidden' | 'session_not_found';
	  };

/**
 * Sessions, participants and credentials. Transport-free: HTTP, socket.io and
 * the websocket endpoint all come here to create, join and authenticate.
 */
export class SessionService {
	constructor(
		private readonly store: SessionStore,
		private readonly secrets: SecretBox,
		private readonly now: () => number = Date.now
	) {}

	/**
	 * Everyone who ever joined each session loaded by `peopleOf` (staff and removed participants
	 * too): the board's write gate needs them without waiting, as a card names its author.
	 */
	private readonly people = new Map<string, Set<string>>();

	private async addPerson(participant: ParticipantRecord): Promise<void> {
		await this.store.addParticipant(participant);
		this.people.get(participant.sessionId)?.add(participant.id);
	}

	/** The ids of everyone who ever joined the session, loaded once and kept up to date. */
	async peopleOf(sessionId: string): Promise<ReadonlySet<string>> {
		const known = this.people.get(sessionId);
		if (known) return known;
		const ids = new Set((await this.store.listParticipants(sessionId)).map((p) => p.id));
		// Another load may have finished first, and a join since added to it.
		if (!this.people.has(sessionId)) this.people.set(sessionId, ids);
		return this.people.get(sessionId)!;
	}

	/** `peopleOf`, without waiting: undefined until it has been loaded. */
	peekPeople(sessionId: string): ReadonlySet<string> | undefined {
		return this.people.get(sessionId);
	}

	async create(
		input: { title?: unknown; municipality?: unknown; template?: string; language?: string },
		origin: string,
		seed?: SessionSeed,
		admit: Admission = () => true
	): Promise<Result<CreatedSession>> {
		const title = parseTitle(input.title);
		if (!title.ok) return fail(title.error);
		const municipality = parseMunicipality(input.municipality);
		if (!municipality.ok) return fail(municipality.error);
		const template = input.template ?? DEFAULT_TEMPLATE;
		if (!isTemplateId(template)) return fail('unknown_template');
		const language: Locale = isLocale(input.language) ? input.language : DEFAULT_LOCALE;
		if (!admit()) return fail('rate_limited');
		const joinToken = newToken();
		const facilitatorToken = newToken();
		const observerToken = newToken();
		const createdAt = seed?.createdAt ?? this.now();
		const session: SessionRecord = {
			id: newId(),
			boardId: newId(),
			title: title.value,
			municipality: municipality.value,
			template,
			language,
			createdAt,
			settings: seed
				? { ...DEFAULT_SETTINGS, stakeholderGroups: seed.stakeholderGroups }
				: DEFAULT_SETTINGS,
			joinTokenHash: hashToken(joinToken),
			joinTokenSealed: this.secrets.seal(joinToken),
			observerTokenSealed: this.secrets.seal(observerToken),
			joinCodeHash: hashToken(joinCodeFor(joinToken)),
			control: initialControl(seed?.agenda ?? agendaFromTemplate(template, language))
		};
		// Staff are named by their role in the reader's language until they name themselves.
		const staff = (role: Role, token: string): ParticipantRecord => ({
			id: newId(9),
			sessionId: session.id,
			name: role === 'facilitator' ? (seed?.facilitatorName ?? '') : '',
			group: null,
			role,
			tokenHash: hashToken(token),
			createdAt,
			removedAt: null
		});
		const facilitator = staff('facilitator', facilitatorToken);
		const observer = staff('observer', observerToken);
		await this.store.createSession(session, [facilitator, observer]);
		const people = [facilitator, observer];
		for (const person of seed?.participants ?? []) {
			const participant: ParticipantRecord = {
				id: newId(9),
				sessionId: session.id,
				name: person.name,
				group: person.group,
				role: 'participant',
				// A token nobody ever sees: imported people are pseudonyms, not accounts.
				tokenHash: hashToken(newToken()),
				createdAt: person.createdAt,
				removedAt: person.removed ? this.now() : null
			};
			await this.addPerson(participant);
			people.push(participant);
		}
		return ok({
			people,
			session,
			facilitator,
			facilitatorToken,
			joinToken,
			facilitatorUrl: facilitatorUrl(origin, session.id, facilitatorToken),
			participantUrl: participantUrl(origin, session.id, joinToken),
			presenterUrl: presenterUrl(origin, session.id, observerToken)
		});
	}

	/** The session a join token opens. */
	async invitation(sessionId: string, joinToken: unknown): Promise<Result<SessionRecord>> {
		const session = await this.store.getSession(sessionId);
		if (!session) return fail('session_not_found');
		if (!looksLikeToken(joinToken) || !tokenMatches(joinToken, session.joinTokenHash))
			return fail('unauthorized');
		// Only after the token: who does not hold the link learns nothing of the session.
		if (isFinished(session.control)) return fail('session_finished');
		return ok(session);
	}

	/** Joins of each session, one after the other: the count of people is checked, then added to. */
	private readonly joining = new Map<string, Promise<unknown>>();

	async join(
		sessionId: string,
		input: { joinToken: unknown; name?: unknown; group?: string | null }
	): Promise<Result<Joined>> {
		const before = this.joining.get(sessionId) ?? Promise.resolve();
		const mine = before.then(() => this.joinNow(sessionId, input));
		const settled = mine.catch(() => undefined);
		this.joining.set(sessionId, settled);
		try {
			return await mine;
		} finally {
			if (this.joining.get(sessionId) === settled) this.joining.delete(sessionId);
		}
	}

	private async joinNow(
		sessionId: string,
		input: { joinToken: unknown; name?: unknown; group?: string | null }
	): Promise<Result<Joined>> {
		const invited = await this.invitation(sessionId, input.joinToken);
		if (!invited.ok) return invited;
		const name = parseDisplayName(input.name);
		if (!name.ok) return fail(name.error);
		const group = input.group ?? null;
		if (group !== null && !hasGroup(invited.value.settings.stakeholderGroups, group))
			return fail('unknown_group');
		// Everyone who ever joined is in the export, which must import again.
		if ((await this.peopleOf(sessionId)).size >= SESSION_LIMITS.people) return fail('session_full');
		const token = newToken();
		const participant: ParticipantRecord = {
			id: newId(9),
			sessionId,
			name: name.value,
			group,
			role: 'participant',
			tokenHash: hashToken(token),
			createdAt: this.now(),
			removedAt: null
		};
		await this.addPerson(participant);
		return ok({ participant, token });
	}

	/** Resolves a token to a caller of the given session: 401 for no, an unknown or a revoked token, 403 for a token of another session. */
	async authenticate(sessionId: string, token: string | undefined | null): Promise<Authentication> {
		const session = await this.store.getSession(sessionId);
		if (!session) return { ok: false, error: 'session_not_found' };
		return this.authenticateInSession(session, token);
	}

	/** As `authenticate`, for a caller that has already loaded the session. */
	async authenticateInSession(
		session: SessionRecord,
		token: string | undefined | null
	): Promise<Authentication> {
		if (!looksLikeToken(token)) return { ok: false, error: 'unauthorized' };
		const participant = await this.store.getParticipantByTokenHash(hashToken(token));
		if (!participant || !tokenMatches(token, participant.tokenHash))
			return { ok: false, error: 'unauthorized' };
		if (participant.sessionId !== session.id) return { ok: false, error: 'forbidden' };
		// Their own credential, so they may learn why it stopped working (after a reload, too).
		if (participant.removedAt !== null) return { ok: false, error: 'participant_removed' };
		return {
			ok: true,
			credential: {
				session,
				participant,
				actor: {
					sessionId: session.id,
					participantId: participant.id,
					role: participant.role,
					group: participant.group
				}
			}
		};
	}

	async sessionOfBoard(boardId: string): Promise<SessionRecord | null> {
		return this.store.getSessionByBoard(boardId);
	}

	participantUrl(session: SessionRecord, origin: string): string {
		return participantUrl(origin, session.id, this.secrets.open(session.joinTokenSealed));
	}

	/** The short join code of the current participant link, e.g. `K7M3-QX9P`. */
	async joinCode(session: SessionRecord): Promise<string> {
		const code = joinCodeFor(this.secrets.open(session.joinTokenSealed));
		// Sessions from before short codes get theirs the first time it is shown.
		if (session.joinCodeHash === null)
			await this.store.updateSession(session.id, { joinCodeHash: hashToken(code) });
		return formatJoinCode(code);
	}

	/** The participant link behind a short join code someone typed. */
	async resolveJoinCode(
		input: string,
		origin: string
	): Promise<Result<{ sessionId: string; participantUrl: string }>> {
		const code = normaliseJoinCode(input);
		if (!code) return fail('not_found');
		const session = await this.store.getSessionByJoinCodeHash(hashToken(code));
		if (!session) return fail('not_found');
		return ok({ sessionId: session.id, participantUrl: this.participantUrl(session, origin) });
	}

	/** The presenter (observer) link; sessions from before observers existed get their observer now. */
	async presenterUrl(session: SessionRecord, origin: string): Promise<string> {
		if (session.observerTokenSealed) {
			return presenterUrl(origin, session.id, this.secrets.open(session.observerTokenSealed));
		}
		const token = newToken();
		await this.addPerson({
			id: newId(9),
			sessionId: session.id,
			name: '',
			group: null,
			role: 'observer',
			tokenHash: hashToken(token),
			createdAt: this.now(),
			removedAt: null
		});
		await this.store.updateSession(session.id, { observerTokenSealed: this.secrets.seal(token) });
		return presenterUrl(origin, session.id, token);
	}

	/**
	 * A new presenter link: the observer keeps its place in the session under a new token, and
	 * every screen on the old link is signed out (`revoked`, the observer's id). A link left on a
	 * venue's laptop or in a chat would otherwise read the board, and every new participant link,
	 * for as long as the session exists.
	 */
	async rotatePresenter(
		sessionId: string,
		origin: string
	): Promise<Result<{ presenterUrl: string; revoked: string | null }>> {
		const session = await this.store.getSession(sessionId);
		if (!session) return fail('session_not_found');
		if (!session.observerTokenSealed)
			return ok({ presenterUrl: await this.presenterUrl(session, origin), revoked: null });
		const current = hashToken(this.secrets.open(session.observerTokenSealed));
		const observer = (await this.store.listParticipants(sessionId)).find(
			(p) => p.role === 'observer' && p.tokenHash === current
		);
		if (!observer) return fail('internal');
		const token = newToken();
		const replaced = await this.store.replaceObserverToken(
			sessionId,
			observer.id,
			hashToken(token),
			this.secrets.seal(token)
		);
		if (!replaced) return fail('session_not_found');
		return ok({ presenterUrl: presenterUrl(origin, sessionId, token), revoked: observer.id });
	}

	/** How people join this session now (staff only). */
	async invitationOf(session: SessionRecord, origin: string): Promise<Invitation> {
		const joinCode = await this.joinCode(session);
		return {
			participantUrl: this.participantUrl(session, origin),
			joinCode,
			shortJoinUrl: shortJoinUrl(origin, joinCode)
		};
	}

	/** A new join token: the old participant link and code stop working; people who joined keep their identity. */
	async rotateJoinToken(sessionId: string, origin: string): Promise<Result<Invitation>> {
		const joinToken = newToken();
		const updated = await this.store.updateSession(sessionId, {
			joinTokenHash: hashToken(joinToken),
			joinTokenSealed: this.secrets.seal(joinToken),
			joinCodeHash: hashToken(joinCodeFor(joinToken))
		});
		return updated ? ok(await this.invitationOf(updated, origin)) : fail('session_not_found');
	}

	/** Whether a participant still belongs to the session (not removed). */
	async isActiveMember(sessionId: string, participantId: string): Promise<boolean> {
		const participant = await this.store.getParticipant(participantId);
		return participant?.sessionId === sessionId && participant.removedAt === null;
	}

	async participants(sessionId: string): Promise<ParticipantRecord[]> {
		return this.store.listParticipants(sessionId);
	}

	async getSession(sessionId: string): Promise<SessionRecord | null> {
		return this.store.getSession(sessionId);
	}

	async update(
		sessionId: string,
		change: { title?: string; settings?: Partial<SessionSettings> }
	): Promise<Result<SessionRecord>> {
		const session = await this.store.getSession(sessionId);
		if (!session) return fail('session_not_found');
		let title: string | undefined;
		if (change.title !== undefined) {
			const parsed = parseTitle(change.title);
			if (!parsed.ok) return fail(parsed.error);
			title = parsed.value;
		}
		const settings = change.settings ? applySettings(session.settings, change.settings) : undefined;
		const updated = await this.store.updateSession(sessionId, { title, settings });
		return updated ? ok(updated) : fail('session_not_found');
	}

	/**
	 * Replaces the session's stakeholder groups; groups participants chose, and
	 * groups of the list that next steps name (`named`, from the board), cannot go.
	 */
	async updateGroups(
		sessionId: string,
		groups: readonly { id: string; label?: string | null }[],
		named: Iterable<string> = []
	): Promise<Result<SessionRecord>> {
		const session = await this.store.getSession(sessionId);
		if (!session) return fail('session_not_found');
		const participants = await this.store.listParticipants(sessionId);
		const inUse = groupsInUse(
			session.settings.stakeholderGroups,
			participants.map((p) => p.group),
			named
		);
		const parsed = parseGroupList(groups, inUse);
		if (!parsed.ok) return fail(parsed.error);
		const settings = applySettings(session.settings, { stakeholderGroups: parsed.value });
		const updated = await this.store.updateSession(sessionId, { settings });
		return updated ? ok(updated) : fail('session_not_found');
	}

	async saveControl(sessionId: string, control: ControlState): Promise<void> {
		await this.store.updateSession(sessionId, { control });
	}

	/** A participant of this session, or a typed error. Staff cannot be renamed or removed this way. */
	private async member(
		sessionId: string,
		participantId: string
	): Promise<Result<ParticipantRecord>> {
		const participant = await this.store.getParticipant(participantId);
		if (!participant || participant.sessionId !== sessionId || participant.removedAt !== null)
			return fail('participant_not_found');
		if (participant.role !== 'participant') return fail('forbidden');
		return ok(participant);
	}

	async rename(
		sessionId: string,
		participantId: string,
		name: unknown
	): Promise<Result<ParticipantRecord>> {
		const member = await this.member(sessionId, participantId);
		if (!member.ok) return member;
		const parsed = parseDisplayName(name);
		if (!parsed.ok) return fail(parsed.error);
		const updated = await this.store.updateParticipant(participantId, { name: parsed.value });
		return updated ? ok(updated) : fail('participant_not_found');
	}

	/**
	 * A member of staff (facilitator, observer) names themselves, by the same
	 * rules as a participant's name. Until then they have none, and readers show
	 * their role instead.
	 */
	async nameStaff(
		sessionId: string,
		staffId: string,
		name: unknown
	): Promise<Result<ParticipantRecord>> {
		const staff = await this.store.getParticipant(staffId);
		if (!staff || staff.sessionId !== sessionId || staff.removedAt !== null)
			return fail('participant_not_found');
		if (staff.role === 'participant') return fail('forbidden');
		const parsed = parseDisplayName(name);
		if (!parsed.ok) return fail(parsed.error);
		const updated = await this.store.updateParticipant(staffId, { name: parsed.value });
		return updated ? ok(updated) : fail('participant_not_found');
	}

	/** Revokes a participant's credential at once; their cards stay on the board. */
	async remove(sessionId: string, participantId: string): Promise<Result<ParticipantRecord>> {
		const member = await this.member(sessionId, participantId);
		if (!member.ok) return member;
		const updated = await this.store.updateParticipant(participantId, { removedAt: this.now() });
		return updated ? ok(updated) : fail('participant_not_found');
	}

	async delete(sessionId: string): Promise<boolean> {
		this.people.delete(sessionId);
		return this.store.deleteSession(sessionId);
	}
}
