import type { Handle, HandleServerError } from '@sveltejs/kit';
import { LOCALE_COOKIE, negotiateLocale } from '$lib/i18n/catalog';
import { parseConfig } from '../server/config';
import { createLogger, errorFields } from '../server/log';
import { loggedPath } from '../server/http/logged-path';

/**
 * The pages run in SvelteKit's own bundle, apart from server/: they read the same
 * environment so that their log lines are the same JSON at the same level.
 */
const log = createLogger(pageLogLevel());

function pageLogLevel() {
	try {
		return parseConfig(process.env).logLevel;
	} catch {
		// The server refuses to start on a bad environment before any page is asked for.
		return 'info';
	}
}

/** The UI language for server rendering, and security headers for every page. */
export const handle: Handle = async ({ event, resolve }) => {
	const locale = negotiateLocale(
		event.cookies.get(LOCALE_COOKIE),
		event.request.headers.get('accept-language')
	);
	event.locals.locale = locale;
	const response = await resolve(event, {
		transformPageChunk: ({ html }) => html.replace('%lang%', locale)
	});
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'no-referrer');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};

/**
 * Instead of SvelteKit's coloured text lines and stacks: a page nobody has or an
 * address that does not decode is the visitor's affair (debug only, so that nobody
 * can fill the log), a failure of ours is the operator's. The path goes without its
 * query, and without segments that may be credentials: links carry them there.
 */
export const handleError: HandleServerError = ({ error, event, status, message }) => {
	const fields = { status, method: event.request.method, path: loggedPath(event.url.pathname) };
	if (status < 500) log.debug('page.refused', fields);
	else log.error('page.failed', { ...fields, ...errorFields(error) });
	return { message };
};
