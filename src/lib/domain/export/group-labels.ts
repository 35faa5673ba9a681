import { isDefaultGroup } from '../session/stakeholder-groups';
import { translate, type Locale } from '../../i18n/catalog';
import type { ExportGroup, ExportModel } from './model';

/**
 * Whether a group of an export file is a default group the facilitator left as it is: its label is
 * the catalog's in the file's language. Such a group follows the catalog (an import keeps it so,
 * a comparison reads it in its own language); a label the facilitator gave is theirs to keep.
 */
export function followsCatalog(model: Pick<ExportModel, 'locale'>, group: ExportGroup): boolean {
	return isDefaultGroup(group.id) && group.label === translate(model.locale, `group.${group.id}`);
}

/** The group's label as a reader of `locale` reads it. */
export function groupLabelIn(
	model: Pick<ExportModel, 'locale'>,
	group: ExportGroup,
	locale: Locale
): string {
	const { id } = group;
	return isDefaultGroup(id) && followsCatalog(model, group)
		? translate(locale, `group.${id}`)
		: group.label;
}
