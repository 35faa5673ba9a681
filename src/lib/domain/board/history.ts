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

/**
 * Runs a command (recolouring, grouping, deleting…) as an undo step of its
 * own: it does not join what came just before, and typing or dragging right
 * after it (within the capture time) does not join it either.
 */
export function asOwnStep<T>(histories: readonly Y.UndoManager[], command: () => T): T {
	for (const history of histories) history.stopCapturing();
	try {
		return command();
	} finally {
		endStep(histories);
	}
}

/**
 * Whatever the person does next is a new undo step (after a command, after a
 * drag's final drop). Not at once but in a microtask queued after the
 * command's own: what the client does in reaction to the command in the same
 * turn (removing the connectors of a deleted card) still belongs to it.
 */
export function endStep(histories: readonly Y.UndoManager[]): void {
	queueMicrotask(() => {
		for (const history of histories) history.stopCapturing();
	});
}
