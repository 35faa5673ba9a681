import * as Y from 'yjs';
import { cardsOf } from './cards';
import { clustersOf } from './clusters';
import { connectorsOf } from './connectors';

/**
 * The origin of changes a client makes on its own account rather than the
 * person's (removing connectors whose card someone else deleted). Undo is for
 * what the person did, so nobody's undo takes these back.
 */
export const TIDY_ORIGIN = Symbol('tidy');

/** Typing within this many milliseconds is one undo step. */
const CAPTURE_MS = 600;

/**
 * One person's undo history on a board or their drafts: everything they may
 * change there (cards, clusters, connectors), their own local changes only
 * (origin null), never a peer's. Grouping cards and then undoing takes the
 * cluster away too; undoing a dissolve brings the cluster back with its title.
 */
export function boardHistory(doc: Y.Doc): Y.UndoManager {
	return new Y.UndoManager([cardsOf(doc), clustersOf(doc), connectorsOf(doc)], {
		captureTimeout: CAPTURE_MS
	});
}
