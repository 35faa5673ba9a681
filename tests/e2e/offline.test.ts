import type { Locator, Page, WebSocketRoute } from 'playwright-core';
import { expect, it } from 'vitest';
import { createCard } from '../../src/lib/domain/board/cards';
import { api, connectBoard, createSession, facilitatorCommand } from '../helpers/server';
import {
	addCard,
	createSessionInUi,
	describeInBrowser,
	person,
	PHONE,
	useMeeting
} from './support';

const meeting = useMeeting();

async function joinAs(page: Page, link: string, name: string) {
	await page.goto(link);
	await page.getByLabel('Ihr Name').fill(name);
	await page.getByRole('button', { name: 'Zum Board' }).click();
	await page.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).first().waitFor();
}

/** Routes a page's board connections through a switch that can cut them, as a dead spot would. */
async function boardSwitch(page: Page) {
	let offline = false;
	const open: WebSocketRoute[] = [];
	await page.routeWebSocket(/\/yjs\//, (route) => {
		if (offline) return void route.close({ code: 1001 });
		route.connectToServer();
		open.push(route);
	});
	return {
		async cut() {
			offline = true;
			for (const route of open.splice(0)) await route.close({ code: 1001 });
		},
		restore() {
			offline = false;
		}
	};
}

const card = (page: Page, text: string) => page.getByRole('article').filter({ hasText: text });

describeInBrowser('writing while offline', () => {
	it('keeps a draft the server refused because the phase moved on, and lets the writer put it back', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const link = await createSessionInUi(
			facilitator,
			meeting.app.url,
			'Fokusgruppe – Funkloch',
			'Fokusgruppe der Studie'
		);
		// Jana's board connection runs through a switch that can cut it, as a dead spot would.
		const { page: jana } = await person(meeting.browser, PHONE);
		const network = await boardSwitch(jana);
		await joinAs(jana, link, 'Jana K.');
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		await jana.getByRole('heading', { name: 'Herausforderungen', exact: true }).first().waitFor();

		// Her board has arrived (only then can a new card find a free place); then her phone
		// loses the network, and she writes a draft all the same.
		const add = jana.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' });
		await expect.poll(() => add.isEnabled()).toBe(true);
		await network.cut();
		await jana.getByText('Keine Verbindung', { exact: false }).first().waitFor();
		// While the phone keeps trying to reconnect, the status says so steadily: it is a live
		// region, and flipping to "connecting" at every try would speak again and again.
		const said = await jana.evaluate(
			() =>
				new Promise<string[]>((done) => {
					const status = document.querySelector('.toolbar [role="status"]')!;
					const texts = new Set([status.textContent!.trim()]);
					const watch = new MutationObserver(() => texts.add(status.textContent!.trim()));
					watch.observe(status, { subtree: true, childList: true, characterData: true });
					setTimeout(() => {
						watch.disconnect();
						done([...texts]);
					}, 3000);
				})
		);
		expect(said).toEqual([
			'Keine Verbindung – Änderungen werden gesendet, sobald sie wieder besteht.'
		]);
		await add.click();
		await jana.getByLabel('Text der Karte').fill('Kurze Fristen für Angebote');
		await jana.getByRole('button', { name: 'Fertig' }).click();
		await card(jana, 'Kurze Fristen für Angebote').getByText('Entwurf', { exact: false }).waitFor();

		// Meanwhile the meeting moves on to the next silent phase: her draft belongs to a past one.
		await facilitator.getByRole('button', { name: 'Nächste Phase' }).click();
		network.restore();

		// Back online, the server refuses the late draft; she keeps it, apart from the board.
		const unsent = jana.getByRole('region', { name: 'Nicht gesendet: 1' });
		await unsent.getByText('Kurze Fristen für Angebote').waitFor({ timeout: 15_000 });
		await expect.poll(() => card(jana, 'Kurze Fristen für Angebote').count()).toBe(0);
		// The tray says what happened; no banner claims she can only read now.
		expect(await jana.getByText('Sie können das Board gerade nur lesen.').count()).toBe(0);
		// It stays in her browser across a reload.
		await jana.reload();
		await unsent.getByText('Kurze Fristen für Angebote').waitFor();

		// Put back, it is her draft of the phase running now (its area, Potentiale, takes it).
		await unsent
			.getByRole('button', { name: 'Wieder einfügen: Kurze Fristen für Angebote' })
			.click();
		await expect.poll(() => unsent.count()).toBe(0);
		const draft = card(jana, 'Kurze Fristen für Angebote');
		await draft.getByText('Entwurf', { exact: false }).waitFor();
		expect(await draft.getAttribute('aria-label')).toContain('Potentiale');

		// The facilitator's reveal brings it to everyone.
		await facilitator.getByRole('button', { name: 'Entwürfe aufdecken' }).click();
		await facilitator
			.getByRole('alertdialog')
			.getByRole('button', { name: 'Entwürfe aufdecken' })
			.click();
		await card(facilitator, 'Kurze Fristen für Angebote').waitFor();
		// Nothing is left in the tray after a reload either.
		await jana.reload();
		await card(jana, 'Kurze Fristen für Angebote').waitFor();
		expect(await unsent.count()).toBe(0);
	});
});

describeInBrowser('spotlighting a card the server does not have yet', () => {
	it('says so instead of doing nothing, and highlights it once the card has arrived', async () => {
		const { page: facilitator } = await person(meeting.browser);
		const network = await boardSwitch(facilitator);
		await createSessionInUi(facilitator, meeting.app.url, 'Fokusgruppe – Hervorheben');
		const add = facilitator.getByRole('button', {
			name: 'Karte hinzufügen zu „Herausforderungen“'
		});
		// The board has loaded (and stays writable offline) before the connection drops.
		await expect.poll(() => add.isEnabled()).toBe(true);

		// The facilitator's board connection drops just as she writes a card and highlights it.
		await network.cut();
		await facilitator.getByText('Keine Verbindung', { exact: false }).first().waitFor();
		await add.click();
		await facilitator.getByLabel('Text der Karte').fill('Lange Lieferketten');
		await facilitator.getByRole('button', { name: 'Fertig' }).click();
		await card(facilitator, 'Lange Lieferketten').hover();
		await card(facilitator, 'Lange Lieferketten')
			.getByRole('button', { name: 'Hervorheben' })
			.click();
		const alert = facilitator.getByRole('alert').filter({ hasText: 'noch nicht beim Server' });
		await alert.waitFor({ timeout: 10_000 });
		expect(await card(facilitator, 'Lange Lieferketten').getByText('Hervorgehoben').count()).toBe(
			0
		);

		// Back online, the card reaches the server and the same button highlights it.
		network.restore();
		await expect
			.poll(() => facilitator.getByText('Keine Verbindung', { exact: false }).count(), {
				timeout: 15_000
			})
			.toBe(0);
		await card(facilitator, 'Lange Lieferketten').hover();
		await card(facilitator, 'Lange Lieferketten')
			.getByRole('button', { name: 'Hervorheben' })
			.click();
		await card(facilitator, 'Lange Lieferketten').getByText('Hervorgehoben').waitFor();
		expect(await alert.count()).toBe(0);
	});
});

describeInBrowser('an offline change the locked board refuses', () => {
	it('tells a writer on a phone so where she is, and her card shows the shared text again', async () => {
		// A board with cards in its first areas: on a phone the last one is far down the page.
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Gesperrt im Funkloch');
		const seeder = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
		await seeder.synced;
		for (let i = 0; i < 8; i++)
			createCard(seeder.doc, {
				id: `c${i}`,
				area: i % 2 ? 'potentials' : 'challenges',
				authorId: session.facilitatorId,
				createdAt: i,
				text: `Karte ${i + 1}: Vergabestellen kennen die Betriebe vor Ort kaum`
			});
		seeder.provider.destroy();
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		const link = session.participantUrl;
		const { page: jana } = await person(meeting.browser, PHONE);
		const network = await boardSwitch(jana);
		await jana.goto(link);
		await jana.getByLabel('Ihr Name').fill('Jana K.');
		await jana.getByRole('button', { name: 'Zum Board' }).click();
		// Her card in the last area, far below the top of a phone's page.
		await jana.getByRole('heading', { name: 'Nächste Schritte', exact: true }).first().waitFor();
		await addCard(jana, 'Nächste Schritte', 'Runder Tisch im Frühjahr');
		await card(facilitator, 'Runder Tisch im Frühjahr').waitFor();

		// Offline, she adds to her card; meanwhile the facilitator locks the board.
		await network.cut();
		await jana.getByText('Keine Verbindung', { exact: false }).first().waitFor();
		const mine = card(jana, 'Runder Tisch im Frühjahr');
		await mine.locator('p.text').tap();
		await mine.getByRole('button', { name: /Karte bearbeiten/ }).click();
		const editor = jana.getByLabel('Text der Karte');
		await editor.press('End');
		await editor.pressSequentially(' und Herbst');
		await jana.getByRole('button', { name: 'Fertig' }).click();
		await card(jana, 'Runder Tisch im Frühjahr und Herbst').waitFor();
		await facilitator.getByRole('button', { name: 'Board sperren' }).click();
		await jana.getByText('Board gesperrt', { exact: true }).waitFor();

		// Back online, the server refuses the change. Her text is kept in the tray at the top of
		// the page, and she is told so where she is, far below it.
		network.restore();
		const inView = async (element: Locator) => {
			const box = (await element.boundingBox())!;
			return box.y >= 0 && box.y + box.height <= jana.viewportSize()!.height;
		};
		const refused = jana.getByRole('alert').filter({ hasText: 'nicht angenommen' });
		await refused.waitFor({ timeout: 15_000 });
		expect(await refused.textContent()).toContain('Ihr Text ist nicht verloren');
		expect(await inView(refused)).toBe(true);
		await expect.poll(() => card(jana, 'und Herbst').count()).toBe(0);
		// The board's state coming back is no news: a screen reader is not told of nine new cards.
		expect(await jana.locator('.visually-hidden[role="status"]').textContent()).not.toContain(
			'Neue Karte'
		);
		const tray = jana.getByRole('region', { name: 'Nicht gesendet: 1' });
		expect(await inView(tray.getByRole('heading'))).toBe(false);
		await refused.getByRole('button', { name: 'Anzeigen' }).tap();
		await expect.poll(() => inView(tray.getByRole('heading'))).toBe(true);
		expect(await tray.getByRole('heading').evaluate((h) => h === document.activeElement)).toBe(
			true
		);
		await refused.waitFor({ state: 'detached' });
		await tray.getByText('Runder Tisch im Frühjahr und Herbst').waitFor();
		expect(await card(facilitator, 'und Herbst').count()).toBe(0);

		// A refused deletion leaves no text to keep: the card comes back, and the notice says why.
		await facilitator.getByRole('button', { name: 'Board entsperren' }).click();
		await expect.poll(() => jana.getByText('Board gesperrt', { exact: true }).count()).toBe(0);
		await mine.scrollIntoViewIfNeeded();
		await network.cut();
		await jana.getByText('Keine Verbindung', { exact: false }).first().waitFor();
		await mine.locator('p.text').tap();
		await mine.getByRole('button', { name: /Karte löschen/ }).tap();
		await jana.getByRole('alertdialog').getByRole('button', { name: 'Löschen' }).tap();
		await expect.poll(() => mine.count()).toBe(0);
		await facilitator.getByRole('button', { name: 'Board sperren' }).click();
		await jana.getByText('Board gesperrt', { exact: true }).waitFor();
		network.restore();
		const readOnly = jana.getByRole('alert').filter({ hasText: 'nicht übernommen' });
		await readOnly.waitFor({ timeout: 15_000 });
		expect(await readOnly.textContent()).toContain('Sie können das Board gerade nur lesen.');
		await mine.waitFor();
		expect(await inView(readOnly)).toBe(true);
		await readOnly.getByRole('button', { name: 'Schließen' }).tap();
		await readOnly.waitFor({ state: 'detached' });
		expect(await card(facilitator, 'Runder Tisch im Frühjahr').count()).toBe(1);
	});
});

describeInBrowser('the board locked while someone types', () => {
	it('closes her editor and keeps what the server refused, also before her screen knows of the lock', async () => {
		const base = meeting.app.url;
		const session = await createSession(base, 'Fokusgruppe – Sperre beim Schreiben');
		const lock = (type: 'board.lock' | 'board.unlock') =>
			api(
				base,
				'POST',
				`/api/sessions/${session.id}/commands`,
				{ type },
				{ authorization: `Bearer ${session.facilitatorToken}` }
			);
		// Jana's control connection (phases, lock) can be held up, as on a slow network.
		const { page: jana } = await person(meeting.browser, PHONE);
		let holding = false;
		const held: (() => void)[] = [];
		await jana.routeWebSocket(/\/socket\.io\//, (ws) => {
			const server = ws.connectToServer();
			server.onMessage((message) => {
				if (holding) held.push(() => ws.send(message));
				else ws.send(message);
			});
		});
		await jana.goto(session.participantUrl);
		await jana.getByLabel('Ihr Name').fill('Jana K.');
		await jana.getByRole('button', { name: 'Zum Board' }).click();
		await addCard(jana, 'Herausforderungen', 'Erster Satz.');
		const mine = card(jana, 'Erster Satz.');
		const editor = jana.getByLabel('Text der Karte');
		const edit = async () => {
			await mine.locator('p.text').tap();
			await mine.getByRole('button', { name: /Karte bearbeiten/ }).tap();
			await editor.press('End');
		};

		// The lock reaches the board before her screen: her next letter is refused.
		await edit();
		holding = true;
		await lock('board.lock');
		await editor.press('X');
		// What she typed waits in the tray (at the top of her page, in view: no notice about it).
		const tray = jana.getByRole('region', { name: 'Nicht gesendet: 1' });
		await tray.getByText('Erster Satz.X').waitFor({ timeout: 10_000 });
		// The editor is gone, so nothing more is typed into nowhere; the keyboard stays on her card.
		expect(await editor.count()).toBe(0);
		await expect
			.poll(() =>
				jana.evaluate(() =>
					document.activeElement?.hasAttribute('data-card-id')
						? document.activeElement.textContent
						: null
				)
			)
			.toContain('Erster Satz.');
		expect(await tray.textContent()).toContain('Board gesperrt wurde');
		holding = false;
		for (const send of held.splice(0)) send();
		await jana.getByText('Board gesperrt', { exact: true }).waitFor();

		// Editing when the lock reaches her screen first: the editor closes at once.
		await lock('board.unlock');
		await expect.poll(() => jana.getByText('Board gesperrt', { exact: true }).count()).toBe(0);
		await edit();
		await lock('board.lock');
		await jana.getByText('Board gesperrt', { exact: true }).waitFor();
		await expect.poll(() => editor.count()).toBe(0);
		expect(await mine.textContent()).toContain('Erster Satz.');
	});
});

describeInBrowser('a phone losing its network', () => {
	it('says so within seconds, and sends what was written once it is back', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Kein Netz');
		const { page: facilitator } = await person(meeting.browser);
		await facilitator.goto(session.facilitatorUrl);
		const { page: jana, context } = await person(meeting.browser, PHONE);
		await jana.goto(session.participantUrl);
		await jana.getByLabel('Ihr Name').fill('Jana K.');
		await jana.getByRole('button', { name: 'Zum Board' }).click();
		await jana.getByText('Verbunden', { exact: true }).waitFor();
		// The board has loaded (and stays writable offline) before the network goes.
		const add = jana.getByRole('button', { name: 'Karte hinzufügen zu „Potentiale“' });
		await expect.poll(() => add.isEnabled()).toBe(true);

		await context.setOffline(true);
		await jana.getByText('Keine Verbindung', { exact: false }).first().waitFor({ timeout: 3000 });
		await addCard(jana, 'Potentiale', 'Im Funkloch geschrieben');
		await context.setOffline(false);
		await card(facilitator, 'Im Funkloch geschrieben').waitFor({ timeout: 10_000 });
		await jana.getByText('Verbunden', { exact: true }).waitFor();
	});
});

describeInBrowser('a dot tapped without a network', () => {
	it('is refused within seconds, where the phone shows it, and not placed later', async () => {
		const session = await createSession(meeting.app.url, 'Fokusgruppe – Punkt im Funkloch');
		const seeder = connectBoard(meeting.app.url, session.boardId, session.facilitatorToken);
		await seeder.synced;
		createCard(seeder.doc, {
			id: 'k1',
			area: 'challenges',
			authorId: session.facilitatorId,
			createdAt: 1,
			text: 'Vergaberecht ist kompliziert'
		});
		const command = facilitatorCommand(meeting.app.url, session);
		// A time box too: the strip at the top then holds the time, the dots and „Keine Verbindung“.
		expect((await command({ type: 'voting.open', durationMin: 5 })).status).toBe(200);
		const { page: jana, context } = await person(meeting.browser, PHONE);
		await jana.goto(session.participantUrl);
		await jana.getByLabel('Ihr Name').fill('Jana K.');
		await jana.getByRole('button', { name: 'Zum Board' }).click();
		const plus = jana.getByRole('button', { name: 'Punkt setzen: Vergaberecht ist kompliziert' });
		await plus.click();
		await jana.getByText('Sie haben noch 4 von 5 Punkten.').waitFor();

		await context.setOffline(true);
		// The strip at the top of the screen says so, also once she has scrolled to the cards.
		const strip = jana.locator('.strip').getByText('Keine Verbindung', { exact: true });
		await strip.waitFor({ timeout: 5000 });
		await plus.scrollIntoViewIfNeeded();
		await plus.click();
		await plus.click();
		// Said within seconds (a connection on its way is waited for a moment), in a notice over
		// the page rather than in the panel far above.
		const notice = jana.getByRole('alert').filter({ hasText: 'Keine Verbindung zum Server' });
		await notice.waitFor({ timeout: 5000 });
		expect(await notice.isVisible()).toBe(true);
		expect(await strip.isVisible()).toBe(true);
		// On the narrowest phone (320 px) the strip's three parts did not wrap: the page scrolled
		// sideways, the dots left went off the screen and the notice was cut off at its edge.
		await jana.setViewportSize({ width: 320, height: 640 });
		await expect
			.poll(() => jana.evaluate(() => document.documentElement.scrollWidth))
			.toBeLessThanOrEqual(320);
		for (const part of [notice, strip, jana.locator('.strip').getByText(/^● noch 4 von 5/)]) {
			const box = (await part.boundingBox())!;
			expect(box.x).toBeGreaterThanOrEqual(0);
			expect(box.x + box.width).toBeLessThanOrEqual(320);
		}

		// Back online, the taps made offline are not placed after all.
		await context.setOffline(false);
		await jana.getByText('Verbunden', { exact: true }).waitFor({ timeout: 15_000 });
		await jana.waitForTimeout(1000);
		expect(await jana.getByText('Sie haben noch 4 von 5 Punkten.').count()).toBe(1);
		seeder.provider.destroy();
	});
});
