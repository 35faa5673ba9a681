/**
 * The methods each path of the HTTP API answers (docs/api.md), so that a known
 * path asked with another method gets 405 and an `Allow` header instead of a
 * 404 that reads as if the path did not exist. Null: no such path.
 */
export function allowedMethods(path: string): readonly string[] | null {
	if (path === '/healthz') return ['GET', 'HEAD'];
	if (!path.startsWith('/api/')) return null;
	const parts = path.slice('/api/'.length).split('/');
	const [section, id, action, format] = parts;
	if (section === 'join-codes') return parts.length === 2 && id !== '' ? ['GET'] : null;
	if (section === 'comparisons') return parts.length === 2 && id !== '' ? ['POST'] : null;
	if (section !== 'sessions') return null;
	if (parts.length === 1) return ['POST'];
	if (id === '') return null;
	if (id === 'import') return parts.length === 2 ? ['POST'] : null;
	if (parts.length === 2) return ['GET', 'DELETE'];
	if (action === 'export') return parts.length === 4 && format !== '' ? ['GET'] : null;
	if (parts.length !== 3 || !Object.hasOwn(SESSION_ACTIONS, action!)) return null;
	return SESSION_ACTIONS[action as keyof typeof SESSION_ACTIONS];
}

const SESSION_ACTIONS = {
	me: ['GET'],
	invitation: ['GET'],
	state: ['GET'],
	participants: ['POST'],
	'sign-in': ['POST'],
	'sign-out': ['POST'],
	commands: ['POST']
} as const satisfies Record<string, readonly string[]>;
