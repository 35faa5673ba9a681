import { z } from 'zod';
import { AREA_IDS } from '../domain/board/areas';
import { CARD_COLORS, CARD_ID_PATTERN, CARD_TEXT_MAX, TIME_MAX } from '../domain/board/schema';
import { EXPORT_VERSION, type ExportModel } from '../domain/export/model';
import { AGENDA_MAX_PHASES, PHASE_ID_PATTERN, PHASE_MODES } from '../domain/session/agenda';
import {
	type ImportProblem,
	importProblem,
	SHAPE_TYPES,
	type ShapeType
} from '../domain/export/import-check';
import { ROLES } from '../domain/session/roles';
import { NAME_MAX } from '../domain/session/validation';
import { SESSION_LIMITS } from '../domain/session/session-limits';
import { GROUPS_MAX } from '../domain/session/stakeholder-groups';
import { TEMPLATES } from '../domain/session/templates';
import { LOCALES } from '../i18n/catalog';
import { phaseRuleApplies } from './command-refusal';

/**
 * The JSON export file (version 1) as a runtime schema: what `POST
 * /api/sessions/import` accepts, and the source of docs/export.schema.json
 * (`z.toJSONSchema`, checked by a test). Limits keep an import to what a
 * focus group produces; the domain's rules (titles, agenda, groups) are
 * checked after this.
 */
const id = z.string().regex(CARD_ID_PATTERN);
const text = (max: number) => z.string().max(max);
const count = z.number().int().min(0);
// At most what a JavaScript Date holds: a later moment (a session "created" in the year 287,000)
// made the new session's every export fail, as no date can be written for it.
const time = z.number().int().min(0).max(TIME_MAX).meta({
	description: 'Milliseconds since the epoch (UTC), at most 8.64e15 (what a Date holds).'
});
const area = z.enum(AREA_IDS);
const groupKey = z
	.string()
	.max(40)
	.meta({ description: "A stakeholder group id; '' for participants who named no group." });
const byGroup = z.record(groupKey, count);
const rect = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

const ExportSession = z.object({
	id,
	title: text(200),
	municipality: text(120).meta({ description: 'Empty when none was given.' }),
	date: z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/)
		.meta({ description: 'The meeting day, YYYY-MM-DD (UTC).' }),
	createdAt: time,
	template: z.enum(TEMPLATES),
	language: z.enum(LOCALES).meta({ description: 'The language the agenda was written in.' }),
	facilitator: text(NAME_MAX).meta({ description: "The facilitator's display name." }),
	// Files written before the export carried it (before midday on 29 November 2026) lack it: read
	// as not ended, also where the session had been ended.
	finishedAt: time.nullable().default(null).meta({
		description:
			'When the facilitator ended the session (session.finish); null while it is not ended. Absent in files written before 29 November 2026.'
	})
});

const ExportGroup = z.object({
	id: z.string().max(40),
	label: text(200).meta({ description: 'Resolved in the export language.' }),
	participants: count.meta({ description: 'Participants (not staff, not removed) of this group.' })
});

const ExportPhase = z.object({
	id: z.string().regex(PHASE_ID_PATTERN),
	title: text(120),
	question: text(400),
	mode: z.enum(PHASE_MODES),
	areas: z.array(area).max(AREA_IDS.length),
	durationMin: z.number().int().min(1).max(480).nullable()
});

const ExportParticipant = z.object({
	id: id.meta({ description: 'Pseudonymous: the id cards and votes carry.' }),
	// As long as a name anyone can give (joining, me.rename): no export holds a longer one.
	name: text(NAME_MAX)
		.nullable()
		.meta({ description: 'null unless the facilitator chose a named export.' }),
	group: z.string().max(40).nullable(),
	role: z.enum(ROLES),
	joinedAt: time,
	removed: z.boolean()
});

const ExportArea = z.object({ id: area, title: text(200), ...rect.shape });

const ExportCluster = z.object({
	id,
	title: text(120),
	area,
	cardIds: z.array(id),
	frame: rect.meta({
		description:
			'The frame around its cards where they were put (cards[].x, cards[].y), in board units, with room above them for its title: 40 units for one line, 19 more for each further line (up to three). The board and the picture exports frame the cards where they draw them (the cards of a long title lower, under the same frame top).'
	})
});

const ExportCard = z.object({
	id,
	area,
	clusterId: id.nullable(),
	text: text(CARD_TEXT_MAX),
	color: z.enum(CARD_COLORS),
	authorId: z.string().max(64),
	authorGroup: z.string().max(40).nullable(),
	createdAt: z
		.number()
		.meta({ description: "Milliseconds since the epoch, as the author's clock saw it." }),
	x: z.number().meta({ description: 'Where the card was put, in board units (the stored place).' }),
	y: z.number().meta({
		description:
			'Where the card was put, in board units (the stored place). The board and the picture exports draw it lower when a card above it would cover it there (docs/export.md).'
	}),
	width: z.number(),
	height: z.number().meta({ description: "Estimated from the card's text, in board units." }),
	dots: z
		.record(id, count)
		.meta({ description: 'Dots per voting round id, for every round that has results.' }),
	dotsByGroup: byGroup.meta({ description: 'Dots over those rounds per stakeholder group.' })
});

const ExportConnector = z.object({
	id,
	from: id,
	fromKind: z.enum(['card', 'cluster']),
	to: id,
	toKind: z.enum(['card', 'cluster']),
	label: text(80)
});

const ExportRoundResults = z.object({
	totalDots: count,
	voters: count,
	cards: z
		.array(
			z.object({
				cardId: id,
				text: text(CARD_TEXT_MAX),
				area: z.string().max(40),
				dots: count,
				voters: count,
				rank: z.number().int().min(1),
				byGroup,
				weighted: z.number().min(0).max(1),
				deleted: z.boolean()
			})
		)
		.meta({ description: 'Ranked, most dots first; cards without dots included.' }),
	groups: z.array(z.object({ group: groupKey, voters: count, dots: count }))
});

const ExportRound = z.object({
	id,
	seq: z.number().int().min(1),
	title: text(120),
	status: z.enum(['open', 'closed', 'cancelled']),
	dotsPerParticipant: z.number().int().min(1).max(50),
	maxPerCard: z.number().int().min(1).max(50),
	anonymous: z.boolean(),
	visibility: z.enum(['hidden', 'live']),
	scope: z.object({ areas: z.array(area), clusters: z.array(id) }),
	openedAt: time,
	closedAt: time.nullable(),
	progress: z
		.object({ voters: count, dots: count })
		.optional()
		.meta({ description: 'Open rounds only: how many people have placed how many dots so far.' }),
	results: ExportRoundResults.nullable().meta({
		description:
			'Closed rounds: the fixed results; open rounds with live results: the tally so far; open rounds with hidden results and cancelled rounds: null.'
	})
});

const ExportNextStep = z.object({
	cardId: id,
	what: text(CARD_TEXT_MAX),
	owner: text(200),
	ownerGroup: z.string().max(40).nullable(),
	partners: text(200),
	due: z.string().regex(/^(\d{4}-\d{2}-\d{2})?$/),
	answers: z.array(id).max(20),
	dots: count
});

/** Generous for a focus group, small enough that a hostile file cannot tie the server up. */
export const IMPORT_LIMITS = {
	cards: SESSION_LIMITS.cards,
	participants: SESSION_LIMITS.people,
	rounds: SESSION_LIMITS.rounds,
	connectors: SESSION_LIMITS.connectors
} as const;

export const ExportDocument = z
	.object({
		version: z.literal(EXPORT_VERSION),
		exportedAt: time,
		locale: z.enum(LOCALES),
		named: z.boolean().meta({ description: 'Whether participants[].name holds names.' }),
		session: ExportSession,
		stakeholderGroups: z.array(ExportGroup).min(1).max(GROUPS_MAX),
		agenda: z.array(ExportPhase).min(1).max(AGENDA_MAX_PHASES),
		participants: z.array(ExportParticipant).max(IMPORT_LIMITS.participants),
		areas: z.array(ExportArea),
		clusters: z.array(ExportCluster).max(IMPORT_LIMITS.cards),
		cards: z.array(ExportCard).max(IMPORT_LIMITS.cards),
		connectors: z.array(ExportConnector).max(IMPORT_LIMITS.connectors),
		votingRounds: z.array(ExportRound).max(IMPORT_LIMITS.rounds),
		nextSteps: z.array(ExportNextStep).max(IMPORT_LIMITS.cards)
	})
	.meta({
		title: 'Fokusrunde export',
		description:
			'One focus-group session with its agenda, stakeholder groups, participants, board and voting (docs/export.md).'
	});

/** The schema's output is the export model (a type error here means they drifted apart). */
export type ExportDocument = z.infer<typeof ExportDocument>;
export const asModel = (document: ExportDocument): ExportModel => document;

/** docs/export.schema.json: draft 2020-12, generated from the schema above. */
export function exportJsonSchema(): Record<string, unknown> {
	return {
		$id: 'https://fokusrunde.example/schemas/export-v1.json',
		...z.toJSONSchema(ExportDocument, { target: 'draft-2020-12', io: 'input' })
	};
}

/** What an import is refused with: the file's own kind of problem, or a rule of the session. */
export type ImportRefusal =
	| 'import_invalid'
	| 'import_version_unsupported'
	| 'agenda_empty'
	| 'agenda_too_long'
	| 'phase_text_too_long'
	| 'phase_invalid'
	| 'groups_empty'
	| 'groups_too_many'
	| 'group_invalid'
	| 'title_too_long'
	| 'municipality_too_long';

/**
 * Reads an uploaded export: a wrong `version` (a number other than 1) is told
 * apart from a file that is not an export at all, so that the person importing
 * knows which it is. A file that is an export in every other respect but breaks
 * one of the session's own rules (an empty agenda, no stakeholder groups, a too
 * long title) gets that rule's code, as creating or changing a session would. A
 * field of the wrong JSON type (`"version": "1"`, a phase's `"durationMin": "5"`)
 * makes the file no export; so does what no session's export holds
 * (`importProblem`: two cards of one id, a card outside the board, a group or
 * card that is not in the file, …; `problem` says which).
 */
export function parseExportDocument(
	body: unknown
):
	| { readonly ok: true; readonly value: ExportModel }
	| { readonly ok: false; readonly error: ImportRefusal; readonly problem?: ImportProblem } {
	// Not even an object: "not an export" is all there is to say.
	if (typeof body !== 'object' || body === null || Array.isArray(body))
		return { ok: false, error: 'import_invalid' };
	// Named as any other place, so that whoever made the file is not left to guess.
	if (!('version' in body) || typeof body.version !== 'number')
		return {
			ok: false,
			error: 'import_invalid',
			problem: {
				kind: 'version' in body ? 'shapeType' : 'shapeMissing',
				path: 'version',
				expected: 'number'
			}
		};
	if (body.version !== EXPORT_VERSION) return { ok: false, error: 'import_version_unsupported' };
	const parsed = ExportDocument.safeParse(body);
	if (!parsed.success) {
		const error = importRefusal(parsed.error.issues, body);
		return error === 'import_invalid'
			? { ok: false, error, problem: shapeProblem(parsed.error.issues[0]!, body) }
			: { ok: false, error };
	}
	const problem = importProblem(parsed.data);
	return problem
		? { ok: false, error: 'import_invalid', problem }
		: { ok: true, value: parsed.data };
}

/**
 * Where a file is not of the export's shape, and what the export has there, so that whoever made
 * it can find the place and mend it.
 */
function shapeProblem(issue: z.core.$ZodIssue, body: object): ImportProblem {
	const whole = issue.path.map(String).join('.') || '(root)';
	if (issue.code === 'too_big' && issue.origin === 'array' && issue.path.length === 1)
		return { kind: 'tooMany', list: whole, max: Number(issue.maximum) };
	const path = whole.slice(0, 200);
	switch (issue.code) {
		case 'invalid_type':
			if (!SHAPE_TYPES.includes(issue.expected as ShapeType)) return { kind: 'shape', path };
			return {
				// A field left out is told apart from one of the wrong type ("missing", not "a number").
				kind: valueAt(body, issue.path) === undefined ? 'shapeMissing' : 'shapeType',
				path,
				expected: issue.expected as ShapeType
			};
		case 'invalid_value':
			// A few short words at most (an area, a mode); a longer list would drown the place.
			return issue.values.length <= 8
				? { kind: 'shapeValue', path, values: issue.values.map((v) => JSON.stringify(v)) }
				: { kind: 'shape', path };
		case 'too_big':
		case 'too_small': {
			const of = LIMITED[issue.origin];
			const value = issue.code === 'too_big' ? issue.maximum : issue.minimum;
			// "At most 5" is what an inclusive limit says; an exclusive one is not worth the words.
			if (!of || !issue.inclusive || typeof value !== 'number') return { kind: 'shape', path };
			return {
				kind: 'shapeLimit',
				path,
				limit: issue.code === 'too_big' ? 'most' : 'least',
				of,
				value
			};
		}
		default:
			return { kind: 'shape', path };
	}
}

/** The value at a place of the parsed file; undefined where it has none. */
function valueAt(body: object, path: readonly PropertyKey[]): unknown {
	let value: unknown = body;
	for (const key of path) {
		if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
		value = (value as Record<PropertyKey, unknown>)[key];
	}
	return value;
}

const LIMITED: Partial<Record<string, 'characters' | 'entries' | 'value'>> = {
	string: 'characters',
	array: 'entries',
	number: 'value'
};

type SessionRuleCode = Exclude<ImportRefusal, 'import_invalid' | 'import_version_unsupported'>;

/** The session's own rule an issue breaks, or null when it says the file is no export. */
function sessionRule({ path, code }: z.core.$ZodIssue, body: unknown): SessionRuleCode | null {
	const [section, index, field] = path;
	const size = code === 'too_small' || code === 'too_big';
	if (section === 'agenda' && path.length === 1 && size)
		return code === 'too_small' ? 'agenda_empty' : 'agenda_too_long';
	if (section === 'stakeholderGroups' && path.length === 1 && size)
		return code === 'too_small' ? 'groups_empty' : 'groups_too_many';
	if (section === 'session' && path.length === 2 && code === 'too_big') {
		if (index === 'title') return 'title_too_long';
		if (index === 'municipality') return 'municipality_too_long';
	}
	if (section === 'agenda' && path.length === 3) {
		if ((field === 'title' || field === 'question') && code === 'too_big')
			return 'phase_text_too_long';
		if (phaseRuleApplies(body, path)) return 'phase_invalid';
	}
	if (section === 'agenda' && path.length === 4 && field === 'areas') {
		if (phaseRuleApplies(body, path)) return 'phase_invalid';
	}
	if (section === 'stakeholderGroups' && path.length === 3 && code === 'too_big')
		return 'group_invalid';
	return null;
}

/** A session rule's code when that is all that is wrong with the file; else `import_invalid`. */
function importRefusal(issues: readonly z.core.$ZodIssue[], body: unknown): ImportRefusal {
	const rules = issues.map((issue) => sessionRule(issue, body));
	const first = rules[0];
	return first && rules.every((rule) => rule !== null) ? first : 'import_invalid';
}
