import type { Awareness } from 'y-protocols/awareness';
import type { Role } from '../domain/session/roles';
import type { RosterEntry } from '../protocol/realtime';

/** Someone on the board, as their awareness state says (see docs/board-schema.md#presence). */
export interface Presence {
	readonly participantId: string;
	readonly name: string;
	readonly group: string | null;
	readonly role: Role;
	readonly color: string;
	/** Where they point on the canvas, in board units; null when not over the board. */
	readonly cursor: { readonly x: number; readonly y: number } | null;
	/** The cards whose editor they have open: one per tab at most, none mostly. */
	readonly editing: readonly string[];
}

/** Longer than any card id Fokusrunde makes: what is longer names no card. */
const CARD_ID_MAX = 100;

/** Colours that keep white text readable (contrast ≥ 4.5:1). */
const COLORS = [
	'#1d4f91',
	'#8a2b5a',
	'#1f6b3a',
	'#7a4a00',
	'#5b3b8c',
	'#0f5f6b',
	'#a3302a',
	'#4a5360'
];

export function presenceColor(participantId: string): string {
	let hash = 0;
	for (const char of participantId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
	return COLORS[hash % COLORS.length]!;
}

const ROLES: readonly Role[] = ['facilitator', 'participant', 'observer'];

/**
 * Everyone else on the board: states that foreign clients set are read
 * defensively, and a person with two tabs appears once.
 */
export function presenceOf(awareness: Awareness, selfId: string): Presence[] {
	const people = new Map<string, Presence>();
	for (const [clientId, state] of awareness.getStates()) {
		if (clientId === awareness.clientID) continue;
		const user = (state as { user?: Record<string, unknown> }).user;
		if (!user || typeof user.participantId !== 'string' || user.participantId === selfId) continue;
		const cursor = (state as { cursor?: { x?: unknown; y?: unknown } | null }).cursor;
		const editing = (state as { editing?: unknown }).editing;
		const entry: Presence = {
			participantId: user.participantId,
			name: typeof user.name === 'string' ? user.name.slice(0, 60) : '',
			group: typeof user.group === 'string' ? user.group : null,
			role: ROLES.includes(user.role as Role) ? (user.role as Role) : 'participant',
			color: presenceColor(user.participantId),
			cursor:
				cursor && Number.isFinite(cursor.x) && Number.isFinite(cursor.y)
					? { x: cursor.x as number, y: cursor.y as number }
					: null,
			editing:
				typeof editing === 'string' && editing.length > 0 && editing.length <= CARD_ID_MAX
					? [editing]
					: []
		};
		const known = people.get(entry.participantId);
		if (!known) {
			people.set(entry.participantId, entry);
			continue;
		}
		// Two tabs: the pointer of the one that has it, the cards open in either.
		const cards = [...new Set([...known.editing, ...entry.editing])];
		people.set(
			entry.participantId,
			!known.cursor && entry.cursor ? { ...entry, editing: cards } : { ...known, editing: cards }
		);
	}
	return [...people.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Presence as the session's roster knows the people: name, group and role
 * come from the server, not from what a client says about itself, and a
 * state that names nobody in the session is not shown. Until the roster has
 * arrived, the states are shown as they are.
 */
export function vouchedPresence(
	people: readonly Presence[],
	roster: readonly RosterEntry[]
): Presence[] {
	if (roster.length === 0) return [...people];
	const byId = new Map(roster.map((entry) => [entry.participantId, entry]));
	return people.flatMap((person) => {
		const entry = byId.get(person.participantId);
		return entry ? [{ ...person, name: entry.name, group: entry.group, role: entry.role }] : [];
	});
}

/** Someone with a card's editor open: a name, or (without one) their role. */
export interface Editor {
	readonly name: string;
	readonly role: Role;
}

/**
 * Who has which card's editor open, by card, in name order: as text, so that
 * the board compares it with the last one instead of telling every card about
 * every pointer that moved.
 */
export function editorsByCard(people: readonly Presence[]): string {
	const byCard = new Map<string, Editor[]>();
	for (const { editing, name, role } of people)
		for (const card of editing) {
			const editors = byCard.get(card) ?? [];
			editors.push({ name, role });
			byCard.set(card, editors);
		}
	return JSON.stringify([...byCard].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
