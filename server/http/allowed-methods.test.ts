import { describe, expect, it } from 'vitest';
import { allowedMethods } from './allowed-methods';

describe('the methods each path of the API answers', () => {
	it('names them for every documented path', () => {
		expect(allowedMethods('/healthz')).toEqual(['GET', 'HEAD']);
		expect(allowedMethods('/api/sessions')).toEqual(['POST']);
		expect(allowedMethods('/api/sessions/import')).toEqual(['POST']);
		expect(allowedMethods('/api/sessions/s1')).toEqual(['GET', 'DELETE']);
		expect(allowedMethods('/api/sessions/s1/export/csv')).toEqual(['GET']);
		for (const action of ['me', 'invitation', 'state'])
			expect(allowedMethods(`/api/sessions/s1/${action}`)).toEqual(['GET']);
		for (const action of ['participants', 'sign-in', 'sign-out', 'commands'])
			expect(allowedMethods(`/api/sessions/s1/${action}`)).toEqual(['POST']);
		expect(allowedMethods('/api/join-codes/ABCD-EFGH')).toEqual(['GET']);
		expect(allowedMethods('/api/comparisons/xlsx')).toEqual(['POST']);
	});

	it('knows no other path, so that those stay 404', () => {
		for (const path of [
			'/',
			'/api',
			'/api/',
			'/api/nothing',
			'/api/sessions/',
			'/api/sessions/import/x',
			'/api/sessions/s1/',
			'/api/sessions/s1/votes',
			'/api/sessions/s1/me/x',
			'/api/sessions/s1/export',
			'/api/sessions/s1/export/',
			'/api/sessions/s1/constructor',
			'/api/join-codes/',
			'/api/comparisons'
		])
			expect(allowedMethods(path), path).toBeNull();
	});
});
