/**
 * Stakeholder groups (Akteursgruppen) participants pick from when they join.
 * Labels live in the message catalog under `group.<id>`.
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

export type StakeholderGroupId = (typeof DEFAULT_STAKEHOLDER_GROUPS)[number];

export function isStakeholderGroup(value: unknown): value is StakeholderGroupId {
	return (
		typeof value === 'string' && (DEFAULT_STAKEHOLDER_GROUPS as readonly string[]).includes(value)
	);
}
