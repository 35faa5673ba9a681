import { normaliseLabel } from './validation';

/**
 * Stakeholder groups (Akteursgruppen) participants pick from when they join.
 * Each session has its own list; it starts as the default list, whose labels
 * live in the message catalog under `group.<id>`. A facilitator may relabel a
 * default group or add groups of their own, which carry their label as typed.
 */
export const DEFAULT_STAKEHOLDER_GROUPS = [
	'admin',
	'politics',
	'civil',
	'social',
	'repair',
	'circular',
	'business',
	'research',
	'other',
	'none'
] as const;

export type DefaultGroupId = (typeof DEFAULT_STAKEHOLDER_GROUPS)[number];

/** The id of a group in a session's list: a default id or one the facilitator added. */
export type StakeholderGroupId = string;

export interface StakeholderGroup {
	readonly id: StakeholderGroupId;
	/** null: the catalog's label of a default group, in the reader's language. */
	readonly label: string | null;
}

export const GROUP_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,39}$/;
export const GROUPS_MAX = 30;
export const GROUP_LABEL_MAX = 80;

export const DEFAULT_GROUP_LIST: readonly StakeholderGroup[] = DEFAULT_STAKEHOLDER_GROUPS.map(
	(id) => ({ id, label: null })
);

export function isGroupId(value: unknown): value is StakeholderGroupId {
	return typeof value === 'string' && GROUP_ID_PATTERN.test(value);
}

export function isDefaultGroup(value: unknown): value is DefaultGroupId {
	return (
		typeof value === 'string' && (DEFAULT_STAKEHOLDER_GROUPS as readonly string[]).includes(value)
	);
}

export type GroupListProblem =
	| 'groups_empty'
	| 'groups_too_many'
	| 'group_invalid'
	| 'group_label_required'
	| 'group_duplicate'
	| 'group_in_use';

/**
 * Checks a new list of groups. Groups in use stay (see `groupsInUse`): removing
 * one would leave cards, dots or next steps naming a group the session does not have.
 */
export function parseGroupList(
	input: readonly { id: string; label?: string | null }[],
	inUse: ReadonlySet<string>
): { ok: true; value: StakeholderGroup[] } | { ok: false; error: GroupListProblem } {
	if (input.length === 0) return { ok: false, error: 'groups_empty' };
	if (input.length > GROUPS_MAX) return { ok: false, error: 'groups_too_many' };
	const seen = new Set<string>();
	const groups: StakeholderGroup[] = [];
	for (const group of input) {
		if (!isGroupId(group.id)) return { ok: false, error: 'group_invalid' };
		if (seen.has(group.id)) return { ok: false, error: 'group_duplicate' };
		seen.add(group.id);
		const label = typeof group.label === 'string' ? normaliseLabel(group.label) : '';
		if (label.length > GROUP_LABEL_MAX) return { ok: false, error: 'group_invalid' };
		if (!label && !isDefaultGroup(group.id)) return { ok: false, error: 'group_label_required' };
		groups.push({ id: group.id, label: label || null });
	}
	for (const id of inUse) if (!seen.has(id)) return { ok: false, error: 'group_in_use' };
	return { ok: true, value: groups };
}

/**
 * The groups of a session's list that cannot be removed now: those participants
 * chose (their cards and dots keep them) and those next steps name as
 * responsible (`ownerGroup`). A name that is no longer in the list blocks nothing.
 */
export function groupsInUse(
	current: readonly StakeholderGroup[],
	chosen: Iterable<string | null>,
	named: Iterable<string>
): Set<string> {
	const inUse = new Set<string>();
	for (const id of chosen) if (id !== null) inUse.add(id);
	const listed = new Set(current.map((g) => g.id));
	for (const id of named) if (listed.has(id)) inUse.add(id);
	return inUse;
}

/** A fresh id for a group a facilitator adds, unique in the list. */
export function newGroupId(existing: readonly StakeholderGroup[], random: () => number): string {
	for (;;) {
		const id = `g-${Math.floor(random() * 36 ** 6)
			.toString(36)
			.padStart(6, '0')}`;
		if (!existing.some((g) => g.id === id)) return id;
	}
}

export function hasGroup(groups: readonly StakeholderGroup[], id: string): boolean {
	return groups.some((g) => g.id === id);
}
