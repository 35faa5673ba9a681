import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { musterstadtExport } from '../../../../tests/helpers/export-fixture';
import { cardsOf, createCard } from '../board/cards';
import { createCluster } from '../board/clusters';
import { DEFAULT_SETTINGS, type Participant } from '../session/session';
import { buildExportModel } from './build';
import type { ExportModel } from './model';
import { buildProtocol, cellText, pageLabel, totalDots, type ProtocolBlock } from './protocol';

type Table = Extract<ProtocolBlock, { kind: 'table' }>;
type Ranked = Extract<ProtocolBlock, { kind: 'ranked' }>;

/** The blocks under a heading, up to the next heading of the same or a higher level. */
function section(blocks: readonly ProtocolBlock[], heading: string): ProtocolBlock[] {
	const start = blocks.findIndex((b) => b.kind === 'heading' && b.text === heading);
	expect(start, `heading ${heading}`).toBeGreaterThanOrEqual(0);
	const level = (blocks[start] as { level: number }).level;
	const end = blocks.findIndex((b, i) => i > start && b.kind === 'heading' && b.level <= level);
	return blocks.slice(start + 1, end === -1 ? undefined : end);
}

const tables = (blocks: readonly ProtocolBlock[]) =>
	blocks.filter((b): b is Table => b.kind === 'table');

describe('the protocol of a session', () => {
	const model = musterstadtExport();
	const protocol = buildProtocol(model);

	it('opens with the title, municipality, date and facilitator', () => {
		expect(protocol.blocks[0]).toEqual({ kind: 'heading', level: 1, text: model.session.title });
		expect(protocol.blocks[1]).toMatchObject({
			kind: 'facts',
			facts: expect.arrayContaining([
				{ label: 'Kommune', value: 'Musterstadt' },
				{ label: 'Datum', value: '12.03.2026' },
				{ label: 'Moderation', value: model.session.facilitator }
			])
		});
	});

	it('tells the time of the export on the clock of the zone asked for, Berlin’s by default, and names it', () => {
		const at = { ...model, exportedAt: Date.UTC(2026, 10, 29, 9, 45) };
		const asOf = (m: ExportModel, timeZone?: string) =>
			(
				buildProtocol(m, timeZone).blocks[1] as Extract<ProtocolBlock, { kind: 'facts' }>
			).facts.find((f) => f.label === 'Stand' || f.label === 'As of')?.value;
		expect(asOf(at)).toBe('29.11.2026 10:45 Uhr (Europe/Berlin)');
		expect(asOf(at, 'America/New_York')).toBe('29.11.2026 04:45 Uhr (America/New_York)');
		expect(asOf(at, 'UTC')).toBe('29.11.2026 09:45 Uhr (UTC)');
		expect(asOf({ ...at, locale: 'en' }, 'Europe/Berlin')).toBe('2026-11-29 10:45 (Europe/Berlin)');
		// Summer time: two hours ahead of UTC.
		expect(asOf({ ...at, exportedAt: Date.UTC(2026, 6, 1, 9, 45) })).toBe(
			'01.07.2026 11:45 Uhr (Europe/Berlin)'
		);
	});

	it('says when the facilitator ended the session, in the zone asked for, and nothing before', () => {
		const facts = (m: ExportModel) =>
			(buildProtocol(m).blocks[1] as Extract<ProtocolBlock, { kind: 'facts' }>).facts;
		expect(model.session.finishedAt).toBeNull();
		expect(facts(model).map((f) => f.label)).not.toContain('Sitzung beendet');
		const ended = {
			...model,
			session: { ...model.session, finishedAt: Date.UTC(2026, 2, 12, 15, 32) }
		};
		expect(facts(ended)).toContainEqual({
			label: 'Sitzung beendet',
			value: '12.03.2026 16:32 Uhr (Europe/Berlin)'
		});
		expect(facts({ ...ended, locale: 'en' })).toContainEqual({
			label: 'Session ended',
			value: '2026-03-12 16:32 (Europe/Berlin)'
		});
	});

	it('dates a meeting opened just after midnight by the day in the zone, not by UTC’s', () => {
		const late = {
			...model,
			session: { ...model.session, createdAt: Date.UTC(2026, 2, 11, 23, 30), date: '2026-03-11' }
		};
		const date = (timeZone: string) =>
			(
				buildProtocol(late, timeZone).blocks[1] as Extract<ProtocolBlock, { kind: 'facts' }>
			).facts.find((f) => f.label === 'Datum')?.value;
		expect(date('Europe/Berlin')).toBe('12.03.2026');
		expect(date('UTC')).toBe('11.03.2026');
	});

	it('counts participants per stakeholder group', () => {
		const [counts] = tables(section(protocol.blocks, 'Teilnehmende'));
		const expected = model.stakeholderGroups
			.filter((g) => g.participants > 0)
			.map((g) => [g.label, String(g.participants)]);
		const participants = model.participants.filter((p) => p.role === 'participant').length;
		expect(counts!.rows).toEqual([...expected, ['Gesamt', String(participants)]]);
	});

	it('lists every card once, in its area and cluster, most dots first', () => {
		const listed: string[] = [];
		for (const area of model.areas) {
			const blocks = section(protocol.blocks, area.title);
			for (const cluster of model.clusters.filter((c) => c.area === area.id)) {
				const [list] = section(blocks, cluster.title) as Ranked[];
				const cards = model.cards.filter((c) => c.clusterId === cluster.id);
				expect(list!.items.map((i) => i.text).sort()).toEqual(cards.map((c) => c.text).sort());
			}
			for (const list of blocks.filter((b): b is Ranked => b.kind === 'ranked')) {
				const dots = list.items.map((i) => i.dots ?? 0);
				expect(dots).toEqual([...dots].sort((a, b) => b - a));
				listed.push(...list.items.map((i) => i.text));
			}
		}
		expect(listed.sort()).toEqual(model.cards.map((c) => c.text).sort());
		const top = model.cards.reduce((a, b) => (totalDots(b) > totalDots(a) ? b : a));
		const item = protocol.blocks
			.filter((b): b is Ranked => b.kind === 'ranked')
			.flatMap((b) => b.items)
			.find((i) => i.text === top.text);
		expect(item?.dotsLabel).toBe(`${totalDots(top)} Punkte`);
	});

	it('shows dots only for cards a round counted, none on a next step no round was about', () => {
		const counted = new Set(
			model.votingRounds.flatMap((r) => r.results?.cards.map((c) => c.cardId) ?? [])
		);
		const outside = model.cards.filter((c) => !counted.has(c.id));
		expect(outside.length).toBeGreaterThan(0);
		const items = protocol.blocks
			.filter((b): b is Ranked => b.kind === 'ranked')
			.flatMap((b) => b.items);
		for (const card of outside) {
			const item = items.find((i) => i.text === card.text.trim());
			expect(item, card.text).toMatchObject({ dots: null, dotsLabel: '' });
		}
	});

	it('gives each round its ranking and the dots of each stakeholder group', () => {
		const round = model.votingRounds[0]!;
		const [ranking, groups] = tables(section(protocol.blocks, round.title));
		const voted = round.results!.cards.filter((c) => c.dots > 0);
		expect(ranking!.rows.map((r) => [r[0], r[1], r[3]])).toEqual(
			voted.map((c) => [String(c.rank), c.text, String(c.dots)])
		);
		const c2 = ranking!.rows.find((r) => r[1] === voted.find((c) => c.cardId === 'c2')!.text);
		expect(c2![5]).toBe('Sozial- oder Inklusionsbetrieb: 3');
		expect(groups!.rows).toContainEqual(['Politik', '1', '5']);
	});

	it('records next steps: what, who, with whom, by when', () => {
		const [steps] = tables(section(protocol.blocks, 'Verabredete nächste Schritte'));
		expect(steps!.columns.map((c) => c.label)).toEqual(['Was', 'Wer', 'Mit wem', 'Bis wann']);
		expect(steps!.rows).toContainEqual([
			{
				text: 'Pilot: Reparaturtag für Büromöbel im Rathaus',
				note: 'Antwort auf: „Reparatur statt Neukauf ist im Haushalt…“, „Repair-Café repariert Büromöbel und…“'
			},
			'Repair-Café Nord (Repair- oder Leihnetzwerk)',
			'Hausverwaltung',
			'20.04.2026'
		]);
		expect(steps!.rows).toHaveLength(model.nextSteps.length);
	});

	it('says under each next step what it answers: the cards’ texts, short, in the language’s quotes', () => {
		const english = buildProtocol(musterstadtExport({ locale: 'en' }));
		const [steps] = tables(section(english.blocks, 'Agreed next steps'));
		expect(steps!.rows.map((r) => r[0])).toContainEqual({
			text: 'Datenerhebung Beschaffungsvolumen 2025 starten',
			note: 'Answers: “Es gibt keine Daten darüber, wie viel…”, “Mehrkosten müssen gegenüber dem…”, “Hochschule kann eine Erfassung der…”'
		});
	});

	it('writes a step that answers nothing as its text alone, and an answered empty card as empty', () => {
		const [first, second] = model.nextSteps;
		const answered = model.cards.find((c) => c.id === second!.answers[0])!;
		const changed: ExportModel = {
			...model,
			cards: model.cards.map((c) => (c.id === answered.id ? { ...c, text: ' \n ' } : c)),
			nextSteps: [
				{ ...first!, answers: [] },
				{ ...second!, answers: [answered.id] }
			]
		};
		const [steps] = tables(section(buildProtocol(changed).blocks, 'Verabredete nächste Schritte'));
		expect(steps!.rows[0]![0]).toBe(first!.what);
		expect(steps!.rows[1]![0]).toEqual({ text: second!.what, note: 'Antwort auf: „(leer)“' });
		expect(cellText(steps!.rows[1]![0]!)).toBe(second!.what);
	});

	it('names nobody in an anonymous export', () => {
		const anonymous = musterstadtExport({ named: false });
		const text = JSON.stringify(buildProtocol(anonymous));
		// Organisations named as responsible for a next step are content, not participants' names.
		const owners = new Set(model.nextSteps.map((s) => s.owner));
		const people = model.participants.filter(
			(p) => p.role === 'participant' && p.name && !owners.has(p.name)
		);
		expect(people.length).toBeGreaterThan(5);
		for (const person of people) expect(text).not.toContain(person.name);
	});

	it('lists the people in the meeting by name, staff without one by their role, not the projector', () => {
		// As in a live session: the facilitator never named themselves, nobody uses the observer
		// credential but the projector, and one participant has left.
		const staffUnnamed: ExportModel = {
			...model,
			participants: model.participants.map((p, i) =>
				p.role === 'participant' ? { ...p, removed: i === 2 } : { ...p, name: '' }
			)
		};
		const present = staffUnnamed.participants.filter((p) => p.role === 'participant' && !p.removed);
		const groupOf = new Map(model.stakeholderGroups.map((g) => [g.id, g.label]));
		const names = (m: ExportModel) => tables(section(buildProtocol(m).blocks, 'Teilnehmende'))[1];
		const table = names(staffUnnamed)!;
		expect(table.columns.map((c) => c.label)).toEqual(['Name', 'Akteursgruppe', 'Rolle']);
		expect(table.rows).toEqual([
			['Moderation', '', 'Moderation'],
			...present.map((p) => [p.name, p.group ? groupOf.get(p.group) : 'Ohne Gruppe', 'Teilnahme'])
		]);
		expect(table.rows.some((r) => r[0] === '')).toBe(false);

		const english = buildProtocol({ ...staffUnnamed, locale: 'en' }).blocks;
		expect(tables(section(english, 'Participants'))[1]!.rows[0]).toEqual([
			'Facilitator',
			'',
			'Facilitator'
		]);

		// An observer who named themselves took part as someone: a co-researcher at the table.
		const coResearcher: ExportModel = {
			...staffUnnamed,
			participants: staffUnnamed.participants.map((p) =>
				p.role === 'observer' ? { ...p, name: 'Dr. Lena Roth' } : p
			)
		};
		expect(names(coResearcher)!.rows.slice(0, 2)).toEqual([
			['Moderation', '', 'Moderation'],
			['Dr. Lena Roth', '', 'Beobachtung']
		]);
	});

	it('has no table of people in an export without names, and still counts the participants', () => {
		const anonymous = buildProtocol(musterstadtExport({ named: false }));
		const people = section(anonymous.blocks, 'Teilnehmende');
		expect(tables(people)).toHaveLength(1);
		const participants = model.participants.filter((p) => p.role === 'participant').length;
		expect(tables(people)[0]!.rows.at(-1)).toEqual(['Gesamt', String(participants)]);
		expect(JSON.stringify(people)).not.toMatch(/Beobachtung|Rolle/);
	});

	it('says when a round was cancelled or is still hidden', () => {
		const round = model.votingRounds[0]!;
		const withRounds: ExportModel = {
			...model,
			votingRounds: [
				{ ...round, id: 'x', title: 'Abgebrochen', status: 'cancelled', results: null },
				{ ...round, id: 'y', title: 'Verborgen', status: 'open', results: null }
			]
		};
		const blocks = buildProtocol(withRounds).blocks;
		expect(section(blocks, 'Abgebrochen (abgebrochen)')).toContainEqual({
			kind: 'paragraph',
			text: 'Die Runde wurde abgebrochen.'
		});
		expect(section(blocks, 'Verborgen')).toContainEqual({
			kind: 'paragraph',
			text: 'Die Ergebnisse stehen erst nach dem Ende der Runde fest.'
		});
	});

	it('tells a cancelled round from the round held instead under the same title, in its heading', () => {
		const round = model.votingRounds[0]!;
		const title = 'Runde 2 – Potentiale';
		const twice = (locale: 'de' | 'en'): ExportModel => ({
			...model,
			locale,
			votingRounds: [
				{ ...round, id: 'x', seq: 2, title, status: 'cancelled', results: null },
				{ ...round, id: 'y', seq: 3, title }
			]
		});
		const headings = (m: ExportModel) =>
			buildProtocol(m)
				.blocks.filter((b) => b.kind === 'heading' && b.level === 3)
				.map((b) => (b as { text: string }).text)
				.filter((text) => text.startsWith(title));
		expect(headings(twice('de'))).toEqual([`${title} (abgebrochen)`, title]);
		expect(headings(twice('en'))).toEqual([`${title} (cancelled)`, title]);
	});

	it('names no facilitator who gave no name, rather than one called “Moderation”', () => {
		const unnamed = (locale: 'de' | 'en'): ExportModel => ({
			...model,
			locale,
			session: {
				...model.session,
				facilitator: locale === 'de' ? 'Moderation' : 'Facilitator'
			}
		});
		for (const locale of ['de', 'en'] as const) {
			const facts = buildProtocol(unnamed(locale)).blocks[1] as Extract<
				ProtocolBlock,
				{ kind: 'facts' }
			>;
			expect(facts.facts.map((f) => f.label)).not.toContain(
				locale === 'de' ? 'Moderation' : 'Facilitator'
			);
			expect(facts.facts.map((f) => f.value)).not.toContain(unnamed(locale).session.facilitator);
		}
		// A name is printed as given.
		const named = buildProtocol({
			...model,
			session: { ...model.session, facilitator: 'Petra Feld' }
		}).blocks[1];
		expect(named).toMatchObject({
			facts: expect.arrayContaining([{ label: 'Moderation', value: 'Petra Feld' }])
		});
	});

	it('sums up a round in words that agree with its numbers, one person or many, one dot or many', () => {
		const round = model.votingRounds[0]!;
		const summary = (voters: number, totalDots: number, locale: 'de' | 'en' = 'de') => {
			const withRound: ExportModel = {
				...model,
				locale,
				votingRounds: [
					{ ...round, title: 'Runde', results: { ...round.results!, voters, totalDots } }
				]
			};
			const texts = section(buildProtocol(withRound).blocks, 'Runde').flatMap((b) =>
				b.kind === 'paragraph' ? [b.text] : []
			);
			return texts.find((text) => /vergeben|placed/.test(text));
		};
		expect(summary(1, 1)).toBe('1 Person hat 1 Punkt vergeben.');
		expect(summary(1, 5)).toBe('1 Person hat 5 Punkte vergeben.');
		expect(summary(4, 12)).toBe('4 Personen haben 12 Punkte vergeben.');
		expect(summary(1, 1, 'en')).toBe('1 person placed 1 dot.');
		expect(summary(3, 1, 'en')).toBe('3 people placed 1 dot.');
	});

	it('speaks English when exported in English', () => {
		const english = buildProtocol(musterstadtExport({ locale: 'en' }));
		const headings = english.blocks.filter((b) => b.kind === 'heading').map((b) => b.text);
		expect(headings).toEqual(
			expect.arrayContaining(['Participants', 'Agenda', 'Challenges', 'Next steps'])
		);
	});

	it('counts neither staff nor removed participants, with or without a group', () => {
		const person = (id: string, group: string | null, removed: boolean) => ({
			...model.participants.find((p) => p.role === 'participant')!,
			id,
			group,
			removed
		});
		const withPeople: ExportModel = {
			...model,
			stakeholderGroups: model.stakeholderGroups.map((g) => ({
				...g,
				participants: g.id === 'admin' ? 1 : 0
			})),
			participants: [
				...model.participants.filter((p) => p.role !== 'participant'),
				person('a', 'admin', false),
				person('b', null, false),
				person('gone', null, true)
			]
		};
		const [counts] = tables(section(buildProtocol(withPeople).blocks, 'Teilnehmende'));
		// The removed one is named below the total: their dots still count in the rounds, whose
		// "3 Personen" would otherwise contradict "Gesamt 2".
		expect(counts!.rows.slice(-3)).toEqual([
			['Ohne Gruppe', '1'],
			['Gesamt', '2'],
			['Während der Sitzung entfernt', '1']
		]);
		const [kept] = tables(
			section(
				buildProtocol({ ...withPeople, participants: withPeople.participants.slice(0, -1) }).blocks,
				'Teilnehmende'
			)
		);
		expect(kept!.rows.at(-1)).toEqual(['Gesamt', '2']);
	});

	it('lists a clustered card that was moved to another area, under its cluster in that area', () => {
		const doc = new Y.Doc();
		const card = (id: string, x: number, y: number) =>
			createCard(doc, {
				id,
				area: 'challenges',
				x,
				y,
				authorId: 'p',
				createdAt: y,
				text: `Karte ${id}`
			});
		card('stays', 24, 80);
		card('moved', 24, 240);
		card('loose', 24, 400);
		createCluster(doc, { id: 'k', area: 'challenges', title: 'Recht', createdAt: 1 }, [
			'stays',
			'moved'
		]);
		// Moved into the potentials by another client whose code keeps the cluster (the board's own
		// moveCard leaves it, but the schema allows it, and concurrent edits can produce it).
		doc.transact(() => {
			const moved = cardsOf(doc).get('moved')!;
			moved.set('area', 'potentials');
			moved.set('x', 560);
			moved.set('y', 80);
		});
		const built = buildExportModel(
			{
				session: {
					id: 's',
					boardId: 'b',
					title: 'T',
					municipality: '',
					template: 'study',
					language: 'de',
					createdAt: 0,
					settings: DEFAULT_SETTINGS
				},
				agenda: [],
				participants: [] as Participant[],
				board: doc,
				rounds: [],
				now: 1,
				finishedAt: null
			},
			{ locale: 'de', named: false, delimiter: ',' }
		);
		expect(built.cards.find((c) => c.id === 'moved')).toMatchObject({
			area: 'potentials',
			clusterId: 'k'
		});
		const blocks = buildProtocol(built).blocks;
		const texts = (area: string) =>
			section(blocks, area)
				.filter((b): b is Ranked => b.kind === 'ranked')
				.flatMap((b) => b.items.map((i) => i.text));
		expect(texts('Herausforderungen').sort()).toEqual(['Karte loose', 'Karte stays']);
		expect(texts('Potentiale')).toEqual(['Karte moved']);
		expect(section(section(blocks, 'Potentiale'), 'Recht')).toHaveLength(1);
	});
});

describe('the PDF’s page numbers', () => {
	it('are written as the DOCX’s page fields write them, without grouping', () => {
		expect(pageLabel('de', 1000, 1200)).toBe('Seite 1000 von 1200');
		expect(pageLabel('en', 3, 1024)).toBe('Page 3 of 1024');
	});
});
