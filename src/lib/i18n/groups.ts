import {
	DEFAULT_GROUP_LIST,
	isDefaultGroup,
	type StakeholderGroup
} from '../domain/session/stakeholder-groups';
import type { MessageKey } from './catalog';

/**
 * A stakeholder group's label for the reader: the facilitator's own label,
 * else the catalog's for a default group; null (no group) reads as "no group given".
 */
export function groupLabel(
	t: (key: MessageKey) => string,
	groups: readonly StakeholderGroup[] | undefined,
	id: string | null
): string {
	if (id === null) return t('group.unset');
	const own = (groups ?? DEFAULT_GROUP_LIST).find((g) => g.id === id)?.label;
	if (own) return own;
	return isDefaultGroup(id) ? t(`group.${id}`) : id;
}
