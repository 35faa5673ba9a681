/**
 * The Yjs board schema (docs/board-schema.md). Field names here are the wire
 * contract with every client, including stock y-websocket integrations.
 */
export const CARDS = 'cards';

export const CARD_FIELDS = {
	id: 'id',
	text: 'text',
	area: 'area',
	x: 'x',
	y: 'y',
	color: 'color',
	authorId: 'authorId',
	createdAt: 'createdAt',
	/** On a draft: the silent phase it was written in (drafts live in the author's private document). */
	phaseId: 'phaseId'
} as const;

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

/** Coordinates stay within a generous box around the board. */
export const COORDINATE_LIMIT = 100_000;

export function isCoordinate(value: unknown): value is number {
	return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= COORDINATE_LIMIT;
}
