import type { MessageKey, MessageParams } from './catalog';

/** A voting round's name for the reader: the facilitator's title, else "Runde 2" by its number. */
export function roundLabel(
	t: (key: MessageKey, params?: MessageParams) => string,
	round: { readonly title: string; readonly seq: number }
): string {
	return round.title || t('voting.roundName', { n: round.seq });
}
