import type { ExportModel } from '../../src/lib/domain/export/model';

/**
 * An export with its ids and its export time replaced by what stays across an
 * import: each id becomes its order of first appearance (`#1`, `#2`, …), as a
 * value and as a key. Two exports of the same session compare equal so.
 */
export function withoutIds(model: ExportModel): unknown {
	const ids = new Set<string>([
		model.session.id,
		...model.participants.map((p) => p.id),
		...model.cards.flatMap((c) => [c.id, c.authorId]),
		...model.clusters.map((c) => c.id),
		...model.connectors.map((c) => c.id),
		...model.votingRounds.map((r) => r.id)
	]);
	const names = new Map<string, string>();
	const rename = (value: string) => {
		if (!ids.has(value)) return value;
		if (!names.has(value)) names.set(value, `#${names.size + 1}`);
		return names.get(value)!;
	};
	const walk = (value: unknown): unknown => {
		if (typeof value === 'string') return rename(value);
		if (Array.isArray(value)) return value.map(walk);
		if (value && typeof value === 'object')
			return Object.fromEntries(Object.entries(value).map(([k, v]) => [rename(k), walk(v)]));
		return value;
	};
	return walk({ ...model, exportedAt: 0 });
}
