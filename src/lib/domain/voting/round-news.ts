import type { RoundStatus } from './round';

/** A round as far as its news go: which one, and how it stands. */
export interface RoundState {
	readonly id: string;
	readonly status: RoundStatus;
}

export interface RoundNews<R extends RoundState> {
	readonly kind: 'opened' | 'closed' | 'cancelled';
	readonly round: R;
}

/**
 * What happened to the voting rounds between two states one screen saw, to be told to screen
 * readers: the voting panel and the dots on the cards change in place, out of their sight. A
 * round opened, or the round that was open closed (its results are there) or was cancelled; a
 * round opened in the same update as the last one ended is the news. Null when nothing of that
 * happened, and for the first state a screen gets (`before` null: how things stood on load).
 */
export function roundNews<R extends RoundState>(
	before: readonly RoundState[] | null,
	now: readonly R[]
): RoundNews<R> | null {
	if (before === null) return null;
	const wasOpen = before.find((r) => r.status === 'open');
	const open = now.find((r) => r.status === 'open');
	if (open && open.id !== wasOpen?.id) return { kind: 'opened', round: open };
	if (!wasOpen) return null;
	const ended = now.find((r) => r.id === wasOpen.id);
	if (!ended || ended.status === 'open') return null;
	return { kind: ended.status, round: ended };
}
