import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect } from 'vitest';
import { chromiumAvailable, CHROMIUM, e2eRequired, launchChromium } from '../helpers/browser';
import { createCard } from '../../src/lib/domain/board/cards';
import { createCluster } from '../../src/lib/domain/board/clusters';
import {
	connectBoard,
	createSession,
	ROOT,
	spawnUntilStarted,
	tempDataDir
} from '../helpers/server';

/**
 * End-to-end tests drive Debian's Chromium against the production build
 * (`node build/server.js`), one browser context per person in the meeting.
 */
const available = chromiumAvailable();
if (!available) {
	const message = `Chromium not found at ${CHROMIUM}: end-to-end tests ${e2eRequired() ? 'FAIL (E2E=require)' : 'are skipped'}. Install it with: apt-get install -y chromium`;
	if (e2eRequired()) throw new Error(message);
	console.warn(message);
}

/** `describe` for browser tests: runs when Chromium is installed, and always under E2E=require. */
export const describeInBrowser = describe.skipIf(!available && !e2eRequired());

export const DESKTOP: BrowserContextOptions = { viewport: { width: 1440, height: 900 } };
export const PHONE: BrowserContextOptions = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};

export interface App {
	readonly url: string;
	readonly dataDir: string;
	stop(): Promise<void>;
	restart(): Promise<App>;
}

export async function startApp(dataDir = tempDataDir().dir, port = 0): Promise<App> {
	const entry = path.join(ROOT, 'build/server.js');
	if (!existsSync(entry))
		throw new Error('build/server.js is missing: run `npm run build` first (npm test does).');
	const { child, url } = await spawnUntilStarted([entry], {
		PORT: String(port),
		HOST: '127.0.0.1',
		DATA_DIR: dataDir
	});
	const stop = () =>
		new Promise<void>((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('exit', () => resolve());
			child.kill('SIGTERM');
		});
	return {
		url,
		dataDir,
		stop,
		/** Stops and starts the server on the same port and data, as an operator's restart would. */
		async restart() {
			await stop();
			return startApp(dataDir, Number(new URL(url).port));
		}
	};
}

export interface Meeting {
	app: App;
	browser: Browser;
}

/** The app and a browser for one test file, started before its tests and stopped after them. */
let inTest = false;
const testContexts = new Set<BrowserContext>();
/** What Svelte warned about in any page of the running test (each names its svelte.dev/e/ page). */
const svelteWarnings: string[] = [];

export function useMeeting(): Meeting {
	const meeting = {} as Meeting;
	if (!available && !e2eRequired()) return meeting;
	beforeAll(async () => {
		meeting.app = await startApp();
		meeting.browser = await launchChromium();
	});
	// The people of one test leave when it ends: a file's earlier meetings would otherwise stay
	// open in the one browser, each page with its connections and timers, and slow the later ones
	// down on a two-core machine (pages then took over 30 s to open). People set up in beforeAll
	// stay for the whole file.
	beforeEach(() => {
		inTest = true;
	});
	afterEach(async () => {
		inTest = false;
		const leaving = [...testContexts];
		testContexts.clear();
		await Promise.all(leaving.map((context) => context.close().catch(() => {})));
		// A warning of Svelte's runtime is a bug of ours (stale state, a leak), even when the test passed.
		expect(
			svelteWarnings.splice(0),
			'Svelte warned in the browser, or the page’s Content Security Policy refused something'
		).toEqual([]);
	});
	afterAll(async () => {
		await meeting.browser?.close();
		await meeting.app?.stop();
	});
	return meeting;
}

export async function person(
	browser: Browser,
	options: BrowserContextOptions & { locale?: string } = {}
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ locale: 'de-DE', ...DESKTOP, ...options });
	if (inTest) testContexts.add(context);
	const page = await context.newPage();
	page.on('console', (message) => {
		const text = message.text();
		// A Svelte runtime warning, or something the page's Content Security Policy refused.
		if (text.includes('svelte.dev/e/') || text.includes('Content Security Policy'))
			svelteWarnings.push(text);
	});
	return { context, page };
}

/**
 * Fails on any WCAG 2.1 A/AA violation axe-core finds on the page as it is now, including a
 * control whose name does not contain the words it shows (2.5.3 Label in Name: people using
 * voice control say what they see), a check axe-core leaves off unless asked.
 */
export async function expectAccessible(page: Page, what: string): Promise<void> {
	const results = await new AxeBuilder({ page })
		// Before the tags: options() replaces what withTags() sets.
		.options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	const summary = results.violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n    ${v.nodes
				.map((n) => n.target.join(' '))
				.slice(0, 5)
				.join('\n    ')}`
	);
	expect(summary, `accessibility violations on ${what}`).toEqual([]);
}

/**
 * The facilitator creates a session in the (German) UI and lands on its board.
 * Returns the participant link shown to copy.
 */
export async function createSessionInUi(
	page: Page,
	baseUrl: string,
	title: string,
	template: 'Freies Board' | 'Fokusgruppe der Studie' = 'Freies Board'
): Promise<string> {
	await page.goto(baseUrl + '/');
	await page.getByLabel('Titel der Sitzung').fill(title);
	await page.getByLabel(template).check();
	await page.getByRole('button', { name: 'Sitzung anlegen' }).click();
	await page
		.getByRole('heading', { name: title })
		.waitFor()
		.catch(async (error: Error) => {
			// It has happened, rarely, in CI: say where the page got stuck and what it says.
			const alerts = await page.getByRole('alert').allTextContents();
			const status = await page.getByRole('status').allTextContents();
			const field = await page
				.getByLabel('Titel der Sitzung')
				.inputValue()
				.catch(() => '(no title field)');
			throw new Error(
				`${error.message}\nat ${page.url()}; alerts ${JSON.stringify(alerts)}; ` +
					`status ${JSON.stringify(status)}; title field ${JSON.stringify(field)}`
			);
		});
	return page.getByLabel('Link für Teilnehmende').first().inputValue();
}

/**
 * A participant opens the link in a browser context of their own, joins with a
 * name (and a stakeholder group) and waits for the heading `ready`.
 */
export async function joinInUi(
	browser: Browser,
	link: string,
	name: string,
	options: BrowserContextOptions & { group?: string; ready?: string } = {}
): Promise<Page> {
	const { group, ready = 'Potentiale', ...context } = options;
	const { page } = await person(browser, context);
	await page.goto(link);
	await page.getByLabel('Ihr Name').fill(name);
	if (group) await page.getByLabel('Akteursgruppe').selectOption({ label: group });
	await page.getByRole('button', { name: 'Zum Board' }).click();
	await page.getByRole('heading', { name: ready, exact: true }).first().waitFor();
	return page;
}

/** Adds a card to an area with its "+ Karte" button, once the board has connected. */
export async function addCard(page: Page, area: string, text: string): Promise<void> {
	// Clicking waits until the button is enabled; it also works outside a test (in beforeAll).
	await page.getByRole('button', { name: `Karte hinzufügen zu „${area}“` }).click();
	await page.getByLabel('Text der Karte').fill(text);
	await page.getByRole('button', { name: 'Fertig' }).click();
}

/**
 * A session whose thirty cards fill the three areas below a laptop screen's edge, two of them in a
 * cluster (which brings "Nach Clustern ordnen"); the seeder's provider is the caller's to destroy.
 */
export async function boardOfThirtyCards(base: string, title: string) {
	const session = await createSession(base, title);
	const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
	await seeder.synced;
	const areas = ['challenges', 'potentials', 'next-steps'] as const;
	for (let i = 0; i < 30; i++)
		createCard(seeder.doc, {
			id: `c${i}`,
			area: areas[i % 3]!,
			authorId: session.facilitatorId,
			createdAt: i,
			text: `Karte ${i + 1}: Vergabestellen kennen die Betriebe vor Ort kaum`
		});
	createCluster(seeder.doc, { id: 'k1', title: 'Vergabe', area: 'challenges', createdAt: 30 }, [
		'c0',
		'c3'
	]);
	return { session, seeder };
}
