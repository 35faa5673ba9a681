import type { Plugin } from 'vite';
export function fokusrundeRealtime(): Plugin {
	return { name: 'fokusrunde-realtime' };
}
