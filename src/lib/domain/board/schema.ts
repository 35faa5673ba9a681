import { isGroupId } from '../session/stakeholder-groups';

/**
 * The Yjs board schema (docs/board-schema.md). Field names here are the wire
 * contract with every client, including stock y-websocket integrations.
 */
export const CARDS = 'cards';
/** The clusters map (clusters.ts); named here so that moving a card can see its cluster's area. */
export const CLUSTERS = 'clusters';
/** How long a cluster's title may be; readers take the first this many characters of a longer one. */
export const CLUSTER_TITLE_MAX = 120;

export const CARD_FIELDS = {
	id: 'id',
	text: 'text',
	area: 'area',
	x: 'x',
	y: 'y',
	color: 'color',
	authorId: 'authorId',
	/** The author's stakeholder group when they wrote the card (null: none given, or staff). */
	authorGroup: 'authorGroup',
	createdAt: 'createdAt',
	/** The cluster the card belongs to (reserved for clusters; voting scopes may name clusters). */
	clusterId: 'clusterId',
	/** On a draft: the silent phase it was written in (drafts live in the author's private document). */
	phaseId: 'phaseId',
	/** Next steps: who is responsible (a named organisation or person). */
	owner: 'owner',
	/** Next steps: the stakeholder group responsible. */
	ownerGroup: 'ownerGroup',
	/** Next steps: with whom. */
	partners: 'partners',
	/** Next steps: by when (an ISO date, YYYY-MM-DD). */
	due: 'due',
	/** Next steps: the challenge or potential cards this step answers. */
	answers: 'answers'
} as const;

export const NEXT_STEP_TEXT_MAX = 200;
export const NEXT_STEP_ANSWERS_MAX = 20;
export const DUE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The days a due date may be: spreadsheets show no date before 1900, and a year
 * typed digit by digit into a date field passes through 0002, 0020 and 0202.
 */
export const DUE_MIN = '1900-01-01';
export const DUE_MAX = '9999-12-31';

/**
 * What is wrong with what a date field holds, if the board would not keep it. A field with a day,
 * month or year missing reports an empty value and `badInput`, which is not the same as a date
 * before DUE_MIN, and the person needs to hear which of the two it is.
 */
export function dueProblem(value: string, badInput: boolean): 'incomplete' | 'outOfRange' | null {
	if (value === '') return badInput ? 'incomplete' : null;
	return isDueDate(value) ? null : 'outOfRange';
}

/** A due date as the next-step form writes it: YYYY-MM-DD, a day the calendar has, from DUE_MIN. */
export function isDueDate(value: unknown): value is string {
	if (typeof value !== 'string' || !DUE_PATTERN.test(value) || value < DUE_MIN) return false;
	const [year, month, day] = value.split('-').map(Number) as [number, number, number];
	const date = new Date(Date.UTC(year, month - 1, day));
	return (
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
	);
}

/** Checks one next-step field's value; null when it is fine. Values may be removed (undefined). */
export function nextStepFieldProblem(field: string, value: unknown): string | null {
	if (value === undefined || value === null) return null;
	switch (field) {
		case CARD_FIELDS.owner:
		case CARD_FIELDS.partners:
			// An empty value is written as no field at all (setNextStep removes it).
			return typeof value === 'string' && value.length > 0 && value.length <= NEXT_STEP_TEXT_MAX
				? null
				: `${field} must be text of 1 to ${NEXT_STEP_TEXT_MAX} characters`;
		case CARD_FIELDS.ownerGroup:
			return isGroupId(value) ? null : 'invalid stakeholder group';
		case CARD_FIELDS.due:
			return isDueDate(value) ? null : `due must be a date, YYYY-MM-DD, from ${DUE_MIN}`;
		case CARD_FIELDS.answers:
			return Array.isArray(value) && value.length <= NEXT_STEP_ANSWERS_MAX && value.every(isCardId)
				? null
				: 'answers must be card ids';
		default:
			return null;
	}
}

export const CARD_TEXT_MAX = 1000;

/** Card width in board units; a card's height follows its text. */
export const CARD_WIDTH = 200;
export const CARD_MIN_HEIGHT = 120;

export const CARD_COLORS = ['yellow', 'orange', 'pink', 'violet', 'blue', 'green'] as const;
export type CardColor = (typeof CARD_COLORS)[number];

export function isCardColor(value: unknown): value is CardColor {
	return typeof value === 'string' && (CARD_COLORS as readonly string[]).includes(value);
}

/** Card ids are short opaque strings; the limit keeps keys of foreign clients sane. */
export const CARD_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isCardId(value: unknown): value is string {
	return typeof value === 'string' && CARD_ID_PATTERN.test(value);
}

/** Every field a card may have: what a participant's client writes is one of these. */
export const CARD_FIELD_NAMES: ReadonlySet<string> = new Set(Object.values(CARD_FIELDS));

/** The latest time a JavaScript Date can hold, in ms since 1970. */
export const TIME_MAX = 8.64e15;

/** A card's `createdAt`: ms since 1970 that every reader can turn into a date. */
export function isTimestamp(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && value >= 0 && value <= TIME_MAX;
}

/** Coordinates stay within a generous box around the board. */
export const COORDINATE_LIMIT = 100_000;

export function isCoordinate(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= COORDINATE_LIMIT;
}
