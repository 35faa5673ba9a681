import type { SessionRecord } from '../../server/persistence/ports';
import { initialControl } from '../../src/lib/domain/session/control';
import { DEFAULT_SETTINGS } from '../../src/lib/domain/session/session';
import { agendaFromTemplate } from '../../src/lib/domain/session/templates';

/**
 * A session of board `boardId` as the session service stores it, for storage tests: a board
 * whose session is missing is removed when the store opens again.
 */
export const sessionRecord = (id: string, boardId: string): SessionRecord => ({
	id,
	boardId,
	title: 'Faire Beschaffung',
	municipality: '',
	template: 'study',
	language: 'de',
	createdAt: 1_700_000_000_000,
	settings: DEFAULT_SETTINGS,
	joinTokenHash: `join-${id}`,
	joinTokenSealed: `sealed-${id}`,
	observerTokenSealed: `observer-${id}`,
	joinCodeHash: `code-${id}`,
	control: initialControl(agendaFromTemplate('study', 'de'))
});
