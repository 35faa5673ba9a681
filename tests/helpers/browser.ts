import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; Playwright never downloads a browser here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

export function chromiumAvailable(): boolean {
	return existsSync(CHROMIUM);
}

/**
 * Whether end-to-end tests must run: `.ci/run` sets E2E=require so that a
 * missing browser fails CI; locally they are skipped, loudly, without Chromium.
 */
export function e2eRequired(): boolean {
	return process.env.E2E === 'require';
}

export async function launchChromium(): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}
