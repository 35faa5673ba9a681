/** A Yjs text delta: retain, insert or delete, in order. */
export type TextDelta = ReadonlyArray<{ retain?: number; insert?: unknown; delete?: number }>;

/**
 * Where a caret ends up after someone else's change to the text, so that a
 * remote edit does not throw the local writer's caret around.
 */
export function shiftCaret(caret: number, delta: TextDelta): number {
	let index = 0;
	let result = caret;
	for (const op of delta) {
		if (op.retain !== undefined) {
			index += op.retain;
		} else if (op.insert !== undefined) {
			const length = typeof op.insert === 'string' ? op.insert.length : 1;
			if (index <= caret) result += length;
			index += length;
		} else if (op.delete !== undefined) {
			if (index < caret) result -= Math.min(op.delete, caret - index);
		}
		if (index > caret) break;
	}
	return Math.max(0, result);
}
