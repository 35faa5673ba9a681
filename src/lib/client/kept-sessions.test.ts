import { describe, expect, it } from 'vitest';
import {
	forgetKeptSession,
	keptSessionIds,
	legacyUnsentKey,
	linksHiddenKey,
	sweepDeletedSessions,
	unsentKey
} from './kept-sessions';

/** A Web Storage in memory, as the browser's localStorage behaves. */
function memoryStorage(entries: Record<string, string> = {}): Storage {
	const map = new Map(Object.entries(entries));
	return {
		get length() {
			return map.size;
		},
		key: (i) => [...map.keys()][i] ?? null,
		getItem: (k) => map.get(k) ?? null,
		setItem: (k, v) => void map.set(k, String(v)),
		removeItem: (k) => void map.delete(k),
		clear: () => map.clear()
	};
}

describe('what the browser keeps of sessions', () => {
	const storage = () =>
		memoryStorage({
			[unsentKey('S1', 'B1', 'p1')]: '[{"id":"c1","text":"Nur hier"}]',
			[unsentKey('S1', 'B1', 'p2')]: '[]',
			[linksHiddenKey('S1')]: '1',
			[linksHiddenKey('S2')]: '1',
			[legacyUnsentKey('B9', 'p1')]: '[]',
			'fokusrunde.locale': 'de',
			'something-else': 'x'
		});

	it('knows which sessions it keeps something of, by their keys', () => {
		expect(keptSessionIds(storage()).sort()).toEqual(['S1', 'S2']);
	});

	it('forgets all of one session and nothing else', () => {
		const s = storage();
		forgetKeptSession('S1', s);
		expect(keptSessionIds(s)).toEqual(['S2']);
		expect(s.getItem('something-else')).toBe('x');
		expect(s.getItem(legacyUnsentKey('B9', 'p1'))).toBe('[]');
		expect(s.length).toBe(4);
	});

	it('sweeps the sessions the server no longer has, keeping the others', async () => {
		const s = storage();
		const asked: string[] = [];
		await sweepDeletedSessions(
			async (id) => {
				asked.push(id);
				return id !== 'S1';
			},
			(id) => forgetKeptSession(id, s),
			s
		);
		expect(asked.sort()).toEqual(['S1', 'S2']);
		expect(s.getItem(unsentKey('S1', 'B1', 'p1'))).toBeNull();
		expect(s.getItem(linksHiddenKey('S2'))).toBe('1');
	});
});
