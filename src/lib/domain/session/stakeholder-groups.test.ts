import { describe, expect, it } from 'vitest';
import { DEFAULT_GROUP_LIST, groupsInUse, newGroupId, parseGroupList } from './stakeholder-groups';

describe('stakeholder groups', () => {
	it('starts with the study list, labelled by the catalog', () => {
		expect(DEFAULT_GROUP_LIST.map((g) => g.id)).toEqual([
			'admin',
			'politics',
			'civil',
			'social',
			'repair',
			'circular',
			'business',
			'research',
			'other',
			'none'
		]);
		expect(DEFAULT_GROUP_LIST.every((g) => g.label === null)).toBe(true);
	});

	it('accepts own groups with a label and relabelled defaults', () => {
		expect(
			parseGroupList(
				[
					{ id: 'admin', label: '  Vergabestelle  Musterstadt ' },
					{ id: 'g-weltladen', label: 'Weltladen' },
					{ id: 'civil' }
				],
				new Set()
			)
		).toEqual({
			ok: true,
			value: [
				{ id: 'admin', label: 'Vergabestelle Musterstadt' },
				{ id: 'g-weltladen', label: 'Weltladen' },
				{ id: 'civil', label: null }
			]
		});
	});

	it('refuses empty lists, duplicates, own groups without label and bad ids', () => {
		const none = new Set<string>();
		expect(parseGroupList([], none)).toEqual({ ok: false, error: 'groups_empty' });
		expect(parseGroupList([{ id: 'admin' }, { id: 'admin' }], none)).toEqual({
			ok: false,
			error: 'group_duplicate'
		});
		expect(parseGroupList([{ id: 'g-x', label: ' ' }], none)).toEqual({
			ok: false,
			error: 'group_label_required'
		});
		expect(parseGroupList([{ id: 'Böse Gruppe', label: 'x' }], none)).toEqual({
			ok: false,
			error: 'group_invalid'
		});
	});

	it('keeps groups that participants already chose', () => {
		expect(parseGroupList([{ id: 'admin' }], new Set(['civil']))).toEqual({
			ok: false,
			error: 'group_in_use'
		});
	});

	it('counts as in use the groups participants chose and those next steps of the list name', () => {
		const list = [
			{ id: 'admin', label: null },
			{ id: 'civil', label: null },
			{ id: 'g-weltladen', label: 'Weltladen' }
		];
		expect(groupsInUse(list, ['civil', null, 'civil'], ['g-weltladen', 'g-entfernt'])).toEqual(
			new Set(['civil', 'g-weltladen'])
		);
		const inUse = groupsInUse(list, [], ['g-weltladen']);
		expect(parseGroupList(list.slice(0, 2), inUse)).toEqual({ ok: false, error: 'group_in_use' });
		expect(parseGroupList(list.slice(1), inUse)).toMatchObject({ ok: true });
	});

	it('makes new ids that do not clash', () => {
		let n = 0;
		const random = () => [0.5, 0.5, 0.25][n++]!;
		const first = newGroupId([], () => 0.5);
		expect(newGroupId([{ id: first, label: 'x' }], random)).not.toBe(first);
	});
});
