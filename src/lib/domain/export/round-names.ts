import type { ExportRound } from './model';

/**
 * The name of each round in a column heading: its title, with its number when
 * another round has the same title, so that no two columns are named alike.
 */
export function roundColumnName(round: ExportRound, rounds: readonly ExportRound[]): string {
	const shared = rounds.some((other) => other !== round && other.title === round.title);
	return shared ? `${round.title} (${round.seq})` : round.title;
}
