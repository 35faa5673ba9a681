import { isDefaultGroup } from '../session/stakeholder-groups';
import { translate } from '../../i18n/catalog';
import type { ExportGroup, ExportModel } from './model';

/**
 * Whether a group of an export file is a default group the facilitator left as it is: its label is
 * the catalog's in the file's language. Such a group follows the catalog (an import keeps it so);
 * a label the facilitator gave is theirs to keep.
 */
export function followsCatalog(model: Pick<ExportModel, 'locale'>, group: ExportGroup): boolean {
	return isDefaultGroup(group.id) && group.label === translate(model.locale, `group.${group.id}`);
}
