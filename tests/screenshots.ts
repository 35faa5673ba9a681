/**
 * Screenshots of the main views at phone (390×844) and desktop (1440×900) sizes,
 * against a running server: `npx tsx tests/screenshots.ts http://localhost:3000`.
 * Writes docs/screenshots/*.png, to look at after a UI change.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createCard } from '../src/lib/domain/board/cards';
import { launchChromium } from './helpers/browser';
import { loadSampleBoard } from './helpers/sample-board';
import { api, connectBoard, ROOT, until } from './helpers/server';
import type { CreateSessionResponse, JoinResponse } from '../src/lib/protocol/api';
import { readCards } from '../src/lib/domain/board/cards';
import { arrangeByClusters, createCluster } from '../src/lib/domain/board/clusters';

const base = process.argv[2] ?? 'http://localhost:3000';
const out = path.join(ROOT, 'docs/screenshots');
mkdirSync(out, { recursive: true });
const shot = (name: string) => path.join(out, `${name}.png`);

const browser = await launchChromium();
const desktop = { viewport: { width: 1440, height: 900 } };
const phone = {
	viewport: { width: 390, height: 844 },
	deviceScaleFactor: 2,
	isMobile: true,
	hasTouch: true
};

const facilitator = await browser.newContext({ ...desktop, locale: 'de-DE' });
const f = await facilitator.newPage();
await f.goto(base + '/');
await f.getByLabel('Titel der Sitzung').fill('Faire Beschaffung – Fokusgruppe Musterstadt');
await f.screenshot({ path: shot('home-desktop') });
await f.getByLabel('Freies Board').check();
const created = f.waitForResponse((r) => r.url().endsWith('/api/sessions') && r.status() === 201);
await f.getByRole('button', { name: 'Sitzung anlegen' }).click();
const session = (await (await created).json()) as CreateSessionResponse;
await f.getByRole('heading', { name: 'Herausforderungen' }).waitFor();

// Fill the board with the Musterstadt sample, written by its participants.
const sample = loadSampleBoard();
const ids = new Map<string, string>();
const tokens = new Map<string, string>();
for (const p of sample.participants) {
	const joined = await api<JoinResponse>(base, 'POST', `/api/sessions/${session.id}/participants`, {
		joinToken: session.joinToken,
		name: p.name,
		group: p.group
	});
	ids.set(p.id, joined.body.participantId);
	tokens.set(p.id, joined.body.token);
}
const seeder = connectBoard(base, session.boardId, session.facilitatorToken);
await seeder.synced;
sample.cards.forEach((card, i) =>
	createCard(seeder.doc, {
		id: card.id,
		area: card.area,
		authorId: ids.get(card.author) ?? 'x',
		createdAt: i,
		text: card.text
	})
);
sample.clusters.forEach((cluster, i) =>
	createCluster(
		seeder.doc,
		{ ...cluster, createdAt: i },
		sample.cards.filter((c) => c.cluster === cluster.id).map((c) => c.id)
	)
);
for (const area of ['challenges', 'potentials', 'next-steps'] as const)
	arrangeByClusters(seeder.doc, area);
await until(() => readCards(seeder.doc).length === sample.cards.length);
await f.getByText(sample.cards[0]!.text).waitFor();
await f.screenshot({ path: shot('facilitator-desktop') });

const participant = await browser.newContext({ ...phone, locale: 'de-DE' });
const p = await participant.newPage();
await p.goto(session.participantUrl);
await p.getByLabel('Ihr Name').waitFor();
await p.getByLabel('Ihr Name').fill('Repair-Café Süd');
await p.getByLabel('Ihre Akteursgruppe (freiwillig)').selectOption('repair');
await p.screenshot({ path: shot('join-phone') });
await p.getByRole('button', { name: 'Zum Board' }).click();
await p.getByRole('heading', { name: 'Potentiale' }).waitFor();
await p.getByRole('button', { name: 'Karte hinzufügen zu „Potentiale“' }).click();
await p.getByLabel('Text der Karte').fill('Reparaturgutscheine gemeinsam mit der Stadt ausgeben');
await p.screenshot({ path: shot('participant-phone-editing') });
await p.getByRole('button', { name: 'Fertig' }).click();
await p.screenshot({ path: shot('participant-phone') });
await f.getByText('Reparaturgutscheine gemeinsam').waitFor();
await f.getByRole('button', { name: 'Ausblenden' }).click();
await f.screenshot({ path: shot('facilitator-desktop-live') });

// The projector with the sample board: the whole board fitted, then without the QR column.
const wall = await (
	await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'de-DE' })
).newPage();
await wall.goto(session.presenterUrl);
await wall.getByText(sample.cards[0]!.text).waitFor();
await wall.screenshot({ path: shot('presenter-board-1920') });
await wall.getByRole('button', { name: 'QR-Code zeigen' }).click();
await wall.getByText('Mitmachen:').waitFor();
await wall.screenshot({ path: shot('presenter-board-noqr-1920') });
await wall.getByRole('button', { name: 'QR-Code zeigen' }).click();

const english = await browser.newContext({ ...desktop, locale: 'en-GB' });
const e = await english.newPage();
await e.goto(session.participantUrl);
await e.getByLabel('Your name').fill('Jana K.');
await e.getByRole('button', { name: 'Go to the board' }).click();
await e.getByRole('heading', { name: 'Challenges' }).waitFor();
await e.screenshot({ path: shot('participant-desktop-en') });

const fPhone = await browser.newContext({ ...phone, locale: 'de-DE' });
const fp = await fPhone.newPage();
await fp.goto(session.facilitatorUrl);
await fp.getByRole('heading', { name: 'Herausforderungen' }).waitFor();
await fp.screenshot({ path: shot('facilitator-phone') });

// The study agenda: silent writing as a participant sees it on a phone, and the projector.
const study = await browser.newContext({ ...desktop, locale: 'de-DE' });
const sf = await study.newPage();
await sf.goto(base + '/');
await sf.getByLabel('Titel der Sitzung').fill('Faire Beschaffung – Fokusgruppe Musterstadt');
await sf.getByRole('button', { name: 'Sitzung anlegen' }).click();
await sf.getByRole('heading', { name: 'Begrüßung und Vorstellungsrunde' }).waitFor();
await sf.getByRole('button', { name: 'Nächste Phase' }).click();
await sf.getByRole('button', { name: 'Timer starten' }).click();
await sf.getByRole('button', { name: 'Ausblenden' }).click();
await sf
	.getByRole('button', { name: /Moderation/ })
	.last()
	.click();
const presenterLink = await sf.getByLabel('Link für Beamer und Beobachtung').inputValue();
const participantLink = await sf.getByLabel('Link für Teilnehmende').first().inputValue();
await sf.screenshot({ path: shot('facilitator-study-desktop') });
const writer = await (await browser.newContext({ ...phone, locale: 'de-DE' })).newPage();
await writer.goto(participantLink);
await writer.getByLabel('Ihr Name').fill('Weltladen Musterstadt');
await writer.getByRole('button', { name: 'Zum Board' }).click();
await writer.getByRole('button', { name: 'Karte hinzufügen zu „Herausforderungen“' }).click();
await writer
	.getByLabel('Text der Karte')
	.fill('Wir erfahren von Ausschreibungen oft erst, wenn die Frist fast abgelaufen ist.');
await writer.getByRole('button', { name: 'Fertig' }).click();
await writer.evaluate(() => window.scrollTo(0, 0));
await writer.screenshot({ path: shot('participant-phone-silent') });
await sf.getByText('Entwürfe: 1 · Schreibende: 1').waitFor();
await sf.screenshot({ path: shot('facilitator-study-drafts') });
const projector = await (
	await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'de-DE' })
).newPage();
await projector.goto(presenterLink);
await projector.getByRole('img', { name: 'QR-Code für den Teilnahme-Link' }).waitFor();
await projector.screenshot({ path: shot('presenter-1920') });

// Dot-voting on the sample board: the round open on a phone, then the results everywhere.
const command = (token: string, body: object) =>
	api(base, 'POST', `/api/sessions/${session.id}/commands`, body, {
		authorization: `Bearer ${token}`
	});
await command(session.facilitatorToken, {
	type: 'voting.open',
	scope: { areas: ['challenges', 'potentials'] }
});
const votable = sample.cards.filter((c) => c.area !== 'next-steps');
let n = 0;
for (const token of tokens.values())
	for (let i = 0; i < 5; i++)
		await command(token, { type: 'vote.add', cardId: votable[(n++ * 7) % votable.length]!.id });
await p.reload();
await p.getByText(/Sie haben noch 5 von 5 Punkten/).waitFor();
await p
	.getByRole('button', { name: /^Punkt setzen/ })
	.first()
	.click();
await p.getByText(/Sie haben noch 4 von 5 Punkten/).waitFor();
await p.screenshot({ path: shot('participant-phone-voting') });
// Further down the board: the time and the dots left stay at the top of the screen.
await p.evaluate(() => window.scrollTo(0, 900));
await p.screenshot({ path: shot('participant-phone-voting-scrolled') });
await f.reload();
await f.getByText(/„Runde 1“ läuft/).waitFor();
await f.screenshot({ path: shot('facilitator-desktop-voting') });
await command(session.facilitatorToken, { type: 'voting.close' });
await f.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
await f.screenshot({ path: shot('facilitator-desktop-results') });
await p.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
await p.screenshot({ path: shot('participant-phone-results') });
const room = await (
	await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'de-DE' })
).newPage();
await room.goto(session.presenterUrl);
await room.getByRole('heading', { name: 'Ergebnis: Runde 1' }).waitFor();
await room.screenshot({ path: shot('presenter-results-1920') });
// A common beamer's resolution: every rank still on the screen.
await room.setViewportSize({ width: 1280, height: 720 });
await room.waitForTimeout(500);
await room.screenshot({ path: shot('presenter-results-1280') });

// The export menu on desktop and phone.
await f.getByRole('button', { name: 'Exportieren' }).click();
await f.getByRole('heading', { name: 'Ergebnisse exportieren' }).waitFor();
await f.screenshot({ path: shot('facilitator-desktop-export') });
await f.keyboard.press('Escape');
await fp.reload();
await fp.getByRole('button', { name: 'Exportieren' }).click();
await fp.getByRole('heading', { name: 'Ergebnisse exportieren' }).waitFor();
await fp.screenshot({ path: shot('facilitator-phone-export') });
await fp.keyboard.press('Escape');

// A selection of two cards: shift-clicks on the desktop canvas, the cards' own checkbox on a phone.
// (The links banner stays hidden since it was hidden above.)
await f.reload();
for (const id of ['c1', 'c2'])
	await f.locator(`[data-card-id="${id}"] .text`).click({ modifiers: ['Shift'] });
await f.getByRole('group', { name: 'Auswahl' }).waitFor();
await f.screenshot({ path: shot('facilitator-desktop-selection') });
await fp.getByRole('button', { name: 'Fläche' }).click();
for (const id of ['c1', 'c2']) {
	await fp.locator(`[data-card-id="${id}"] .text`).tap();
	await fp
		.locator(`[data-card-id="${id}"]`)
		.getByRole('checkbox', { name: /^Auswählen: / })
		.check();
}
await fp.screenshot({ path: shot('facilitator-phone-canvas-selection') });

seeder.provider.destroy();
await browser.close();
console.log(`screenshots written to ${out}`);
