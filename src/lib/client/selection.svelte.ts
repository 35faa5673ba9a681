import { toggled } from '../domain/board/selection';

/** The selection is replaced whole on every change ($state.raw), never mutated: a plain set. */
const frozen = (ids: Iterable<string> = []): ReadonlySet<string> => new Set(ids);

/**
 * The cards the viewer has selected on the board: local UI state, never synced.
 * Components read it; the page acts on it (move, duplicate, group, delete).
 */
export class CardSelection {
	ids = $state.raw<ReadonlySet<string>>(frozen());
	/**
	 * While a selected card is dragged: how far, in board units, not yet sent.
	 * The other selected cards show the same offset, so the group moves as one.
	 */
	dragOffset = $state.raw<{ dx: number; dy: number } | null>(null);

	get size(): number {
		return this.ids.size;
	}

	has(id: string): boolean {
		return this.ids.has(id);
	}

	toggle(id: string): void {
		this.ids = toggled(this.ids, id);
	}

	select(ids: Iterable<string>): void {
		this.ids = frozen(ids);
	}

	add(ids: Iterable<string>): void {
		this.ids = frozen([...this.ids, ...ids]);
	}

	clear(): void {
		if (this.ids.size > 0) this.ids = frozen();
	}

	/** Forgets cards that are no longer on the board (deleted here or by someone else). */
	keepOnly(present: ReadonlySet<string>): void {
		if ([...this.ids].some((id) => !present.has(id)))
			this.ids = frozen([...this.ids].filter((id) => present.has(id)));
	}
}
