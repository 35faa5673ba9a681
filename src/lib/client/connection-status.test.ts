import { describe, expect, it } from 'vitest';
import { connectionStatus } from './connection-status';

describe('the connection status shown', () => {
	it('is the board’s, and offline when only the control connection was lost', () => {
		expect(connectionStatus('connected', false)).toBe('connected');
		expect(connectionStatus('connected', true)).toBe('offline');
		expect(connectionStatus('connecting', false)).toBe('connecting');
		expect(connectionStatus('signedOut', true)).toBe('signedOut');
	});
});
