import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
	describeInBrowser,
	expectAccessible,
	openBrowser,
	person,
	startApp,
	type App
} from './support';

let app: App;
let browser: Browser;

beforeAll(async () => {
	app = await startApp();
	browser = await openBrowser();
});
afterAll(async () => {
	await browser?.close();
	await app?.stop();
});

describeInBrowser('language', () => {
	it('is German by default and English for an English browser', async () => {
		const german = await person(browser, { locale: 'fr-FR' });
		await german.page.goto(app.url + '/');
		await german.page.getByRole('heading', { name: 'Neue Fokusgruppen-Sitzung' }).waitFor();
		expect(await german.page.locator('html').getAttribute('lang')).toBe('de');

		const english = await person(browser, { locale: 'en-GB' });
		await english.page.goto(app.url + '/');
		await english.page.getByRole('heading', { name: 'New focus-group session' }).waitFor();
		expect(await english.page.locator('html').getAttribute('lang')).toBe('en');
		await expectAccessible(english.page, 'the English start page');
	});

	it('switches language and keeps the choice', async () => {
		const { page } = await person(browser);
		await page.goto(app.url + '/');
		await page.getByRole('button', { name: 'English' }).click();
		await page.getByRole('heading', { name: 'New focus-group session' }).waitFor();
		await page.getByLabel('Session title').fill('Fair procurement – focus group');
		await page.getByRole('button', { name: 'Create session' }).click();
		for (const area of ['Challenges', 'Potentials', 'Next steps'])
			await page.getByRole('heading', { name: area, level: 2 }).waitFor();
		await page.reload();
		await page.getByRole('heading', { name: 'Challenges', level: 2 }).waitFor();
		expect(await page.locator('html').getAttribute('lang')).toBe('en');
		await page.getByRole('button', { name: 'Deutsch' }).click();
		await page.getByRole('heading', { name: 'Herausforderungen', level: 2 }).waitFor();
	});
});
