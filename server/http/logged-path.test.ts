import { describe, expect, it } from 'vitest';
import { newId, newToken } from '../security/tokens';
import { loggedPath } from './logged-path';

describe('loggedPath', () => {
	it('keeps ids and drops what may be a credential', () => {
		const id = newId();
		const token = newToken();
		expect(loggedPath(`/api/sessions/${id}/participants`)).toBe(`/api/sessions/${id}/participants`);
		expect(loggedPath(`/api/sessions/${token}`)).toBe('/api/sessions/:long');
		expect(loggedPath(`/j/${id}/${token}`)).toBe(`/j/${id}/:long`);
		expect(loggedPath('/api/join-codes/ABCD-2345')).toBe('/api/join-codes/:code');
	});
});
