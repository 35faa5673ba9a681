import { AREA_HEIGHT, BOARD_LAYOUT, type AreaId } from '../../src/lib/domain/board/areas';
import { LAYOUT, defaultColor, estimateCardHeight } from '../../src/lib/domain/board/cards';
import { CARD_WIDTH, type CardColor } from '../../src/lib/domain/board/schema';
import type {
	ExportCard,
	ExportCluster,
	ExportModel,
	ExportNextStep,
	ExportOptions,
	ExportRound
} from '../../src/lib/domain/export/model';
import { agendaFromTemplate } from '../../src/lib/domain/session/templates';
import type { Vote } from '../../src/lib/domain/voting/ballot';
import { tally } from '../../src/lib/domain/voting/tally';
import type { Locale } from '../../src/lib/i18n/catalog';
import { loadSampleBoard, type SampleBoard } from './sample-board';

/**
 * A realistic ExportModel for the document and picture writers, built from the
 * Musterstadt board (../shared/data/musterstadt.json) the way a live session
 * would have it: cards laid out in their areas cluster by cluster, dots from
 * the sample's voting round tallied by the domain's own `tally`. It scales to N
 * cards and R rounds for benchmarks and can carry hostile texts.
 */

/** Texts a spreadsheet might run as formulas (OWASP CSV injection). */
export const FORMULA_CORPUS = [
	'=1+1',
	'+49 170 1234567',
	'-2',
	'@SUM(A1)',
	"\t=cmd|' /C calc'!A0",
	'\r=2+3',
	'\n=3+4'
] as const;

/** Texts that would become markup if a writer forgot to escape them. */
export const MARKUP_CORPUS = [
	'<script>alert(1)</script>',
	'<img src=x onerror=alert(1)>',
	'Ende ]]> danach',
	'Tom & Jerry',
	'[Link](http://example.org)',
	'![Bild](http://example.org/x.png)'
] as const;

export const GERMAN_TEXT = 'Ä Ö Ü ä ö ü ß „Zitat“ – Gedankenstrich';

export const HOSTILE_TEXTS: readonly string[] = [...FORMULA_CORPUS, ...MARKUP_CORPUS, GERMAN_TEXT];

export interface FixtureOptions {
	/** How many cards (the sample's 30 are repeated with numbered texts). */
	readonly cards?: number;
	/** How many voting rounds, all closed (the first is the sample's, the others seeded). */
	readonly rounds?: number;
	readonly locale?: Locale;
	readonly named?: boolean;
	/** Put every hostile text on a card and on a participant's name, a cluster title, a connector label and a next step. */
	readonly hostile?: boolean;
}

interface SampleExtras {
	stakeholderGroups: { id: string; de: string; en: string }[];
	areas: { id: AreaId; de: string; en: string }[];
	cards: (SampleBoard['cards'][number] & {
		responsible?: string;
		with?: string[];
		due?: string;
		answers?: string[];
	})[];
	connectors: { from: string; to: string; label: string }[];
	votingRound: {
		dotsPerParticipant: number;
		maxPerCard: number;
		scope: AreaId[];
		dots: { participant: string; card: string; n: number }[];
	};
}

/** The stakeholder group of each organisation the sample names as responsible. */
const OWNER_GROUPS: Record<string, string> = {
	Vergabestelle: 'admin',
	Politik: 'politics',
	'Repair-Café Nord': 'repair',
	Hochschule: 'research'
};
const FACILITATOR = { id: 'f1', name: 'Katrin Vogel' };
const FRAME_PADDING = 12;
const FRAME_TITLE = 28;

export function exportOptions(model: ExportModel, delimiter: ',' | ';' = ';'): ExportOptions {
	return { locale: model.locale, named: model.named, delimiter };
}

export function musterstadtExport(options: FixtureOptions = {}): ExportModel {
	const sample = loadSampleBoard() as SampleBoard & SampleExtras;
	const locale = options.locale ?? 'de';
	const named = options.named ?? true;
	const cardCount = options.cards ?? sample.cards.length;
	const roundCount = options.rounds ?? 1;
	const createdAt = Date.parse(`${sample.session.date}T08:00:00Z`);

	// Participants: the sample's ten, then more in the same groups for bigger boards.
	const participantCount = Math.max(sample.participants.length, Math.ceil(cardCount / 10));
	const people = Array.from({ length: participantCount }, (_, i) => {
		const base = sample.participants[i % sample.participants.length]!;
		return i < sample.participants.length
			? base
			: { id: `p${i + 1}`, name: `${base.name} (${i + 1})`, group: base.group };
	});
	if (options.hostile)
		HOSTILE_TEXTS.forEach((name, i) => people.push({ id: `h${i + 1}`, name, group: 'other' }));
	const groupOf = new Map(people.map((p) => [p.id, p.group]));

	// Cards: the sample's, repeated with numbered texts and numbered clusters.
	const clusterTitles = new Map<string, { area: AreaId; title: string }>();
	const raw = Array.from({ length: cardCount }, (_, i) => {
		const copy = Math.floor(i / sample.cards.length);
		const base = sample.cards[i % sample.cards.length]!;
		const clusterId = base.cluster ? (copy === 0 ? base.cluster : `${base.cluster}-${copy}`) : null;
		if (base.cluster && clusterId && !clusterTitles.has(clusterId)) {
			const cluster = sample.clusters.find((c) => c.id === base.cluster)!;
			clusterTitles.set(clusterId, {
				area: cluster.area,
				title: copy === 0 ? cluster.title : `${cluster.title} ${copy + 1}`
			});
		}
		const author = people[(i % sample.cards.length) + copy * 3]?.id ?? base.author;
		return {
			base,
			id: copy === 0 ? base.id : `c${i + 1}`,
			text: copy === 0 ? base.text : `${base.text} (Nr. ${i + 1})`,
			clusterId,
			author: copy === 0 ? base.author : author
		};
	});
	if (options.hostile) {
		const writable = raw.filter((c) => c.base.area !== 'next-steps');
		HOSTILE_TEXTS.forEach((text, i) => {
			const card = writable[i % writable.length]!;
			card.text = text;
		});
		const first = [...clusterTitles.keys()][0]!;
		clusterTitles.set(first, { ...clusterTitles.get(first)!, title: MARKUP_CORPUS[0] });
	}

	// Layout: each area cluster by cluster in columns, as "arrange by cluster" does on the board.
	const positions = new Map<string, { x: number; y: number; height: number }>();
	const frames = new Map<string, ExportCluster['frame']>();
	const areaHeights = new Map<AreaId, number>();
	for (const frame of BOARD_LAYOUT) {
		const columns = Math.floor((frame.width - LAYOUT.padding) / (CARD_WIDTH + LAYOUT.gap));
		let y = frame.y + LAYOUT.header;
		const place = (list: typeof raw) => {
			const bottoms = Array.from({ length: columns }, () => y);
			for (const card of list) {
				const column = bottoms.indexOf(Math.min(...bottoms));
				const height = estimateCardHeight(card.text);
				positions.set(card.id, {
					x: frame.x + LAYOUT.padding + column * (CARD_WIDTH + LAYOUT.gap),
					y: bottoms[column]!,
					height
				});
				bottoms[column]! += height + LAYOUT.gap;
			}
			y = Math.max(...bottoms);
		};
		const inArea = raw.filter((c) => c.base.area === frame.id);
		for (const [clusterId, cluster] of clusterTitles) {
			if (cluster.area !== frame.id) continue;
			y += FRAME_PADDING + FRAME_TITLE;
			const top = y;
			const members = inArea.filter((c) => c.clusterId === clusterId);
			place(members);
			const used = new Set(members.map((c) => positions.get(c.id)!.x));
			frames.set(clusterId, {
				x: Math.min(...used) - FRAME_PADDING,
				y: top - FRAME_PADDING - FRAME_TITLE,
				width: Math.max(...used) + CARD_WIDTH - Math.min(...used) + 2 * FRAME_PADDING,
				height: y - LAYOUT.gap - top + 2 * FRAME_PADDING + FRAME_TITLE
			});
			y += FRAME_PADDING + LAYOUT.gap;
		}
		place(inArea.filter((c) => c.clusterId === null));
		areaHeights.set(frame.id, Math.max(AREA_HEIGHT, y + LAYOUT.padding - frame.y));
	}

	// Voting: the sample's dots in round 1, seeded dots in later rounds.
	const roundIds = Array.from({ length: roundCount }, (_, i) => `r${i + 1}`);
	const scope = sample.votingRound.scope;
	const inScope = raw.filter((c) => scope.includes(c.base.area));
	const votesByRound = roundIds.map((roundId, r) =>
		r === 0 && cardCount === sample.cards.length
			? sample.votingRound.dots.map((d): Vote => ({
					roundId,
					participantId: d.participant,
					cardId: d.card,
					group: groupOf.get(d.participant) ?? null,
					dots: d.n
				}))
			: seededVotes(roundId, r + 1, people, inScope, sample.votingRound)
	);
	const groupIds = sample.stakeholderGroups.map((g) => g.id);
	const rounds: ExportRound[] = roundIds.map((id, r) => {
		const results = tally(
			votesByRound[r]!,
			inScope.map((c) => ({
				id: c.id,
				text: c.text,
				area: c.base.area,
				authorGroup: groupOf.get(c.author) ?? null
			})),
			{ anonymous: true, groupIds }
		);
		return {
			id,
			seq: r + 1,
			title: locale === 'de' ? `Runde ${r + 1}` : `Round ${r + 1}`,
			status: 'closed',
			dotsPerParticipant: sample.votingRound.dotsPerParticipant,
			maxPerCard: sample.votingRound.maxPerCard,
			anonymous: true,
			visibility: 'hidden',
			scope: { areas: scope, clusters: [] },
			openedAt: createdAt + (90 + r * 20) * 60_000,
			closedAt: createdAt + (100 + r * 20) * 60_000,
			results: {
				totalDots: results.totalDots,
				voters: results.voters,
				cards: results.cards.map((c) => ({
					cardId: c.cardId,
					text: c.text,
					area: c.area,
					dots: c.dots,
					voters: c.voters,
					rank: c.rank,
					byGroup: Object.fromEntries(c.byGroup.map((g) => [g.group ?? '', g.dots])),
					weighted: c.weighted,
					deleted: c.deleted
				})),
				groups: results.groups.map((g) => ({
					group: g.group ?? '',
					voters: g.voters,
					dots: g.dots
				}))
			}
		};
	});

	const cards: ExportCard[] = raw.map((c, i) => {
		const place = positions.get(c.id)!;
		const dots: Record<string, number> = {};
		const dotsByGroup: Record<string, number> = {};
		votesByRound.forEach((votes, r) => {
			dots[roundIds[r]!] = 0;
			for (const vote of votes) {
				if (vote.cardId !== c.id) continue;
				dots[roundIds[r]!]! += vote.dots;
				dotsByGroup[vote.group ?? ''] = (dotsByGroup[vote.group ?? ''] ?? 0) + vote.dots;
			}
		});
		return {
			id: c.id,
			area: c.base.area,
			clusterId: c.clusterId,
			text: c.text,
			color: colorOf(c.base.area, i),
			authorId: c.author,
			authorGroup: groupOf.get(c.author) ?? null,
			createdAt: createdAt + (20 + i) * 60_000,
			x: place.x,
			y: place.y,
			width: CARD_WIDTH,
			height: place.height,
			dots,
			dotsByGroup
		};
	});
	const total = (card: ExportCard) => Object.values(card.dots).reduce((s, n) => s + n, 0);

	const nextSteps: ExportNextStep[] = raw
		.map((c, i) => ({ c, card: cards[i]! }))
		.filter(({ c }) => c.base.area === 'next-steps')
		.map(({ c, card }, i) => ({
			cardId: c.id,
			what: c.text,
			owner: options.hostile && i === 0 ? FORMULA_CORPUS[0] : (c.base.responsible ?? ''),
			ownerGroup: OWNER_GROUPS[c.base.responsible ?? ''] ?? null,
			partners: options.hostile && i === 0 ? MARKUP_CORPUS[3] : (c.base.with ?? []).join(', '),
			due: c.base.due ?? '',
			answers: c.base.answers ?? [],
			dots: total(card)
		}));

	const cardIdOf = (baseId: string, copy: number) =>
		copy === 0 ? baseId : `c${copy * sample.cards.length + Number(baseId.slice(1))}`;
	const copies = Math.ceil(cardCount / sample.cards.length);
	const known = new Set(cards.map((c) => c.id));
	const exportConnectors = Array.from({ length: copies }, (_, copy) =>
		sample.connectors.map((k, i) => ({
			id: `k${copy}-${i + 1}`,
			from: cardIdOf(k.from, copy),
			fromKind: 'card' as const,
			to: cardIdOf(k.to, copy),
			toKind: 'card' as const,
			label: options.hostile && copy === 0 && i === 0 ? MARKUP_CORPUS[1] : k.label
		}))
	)
		.flat()
		.filter((k) => known.has(k.from) && known.has(k.to));

	const participants = [
		{
			id: FACILITATOR.id,
			name: named ? FACILITATOR.name : null,
			group: null,
			role: 'facilitator' as const,
			joinedAt: createdAt,
			removed: false
		},
		...people.map((p, i) => ({
			id: p.id,
			name: named ? p.name : null,
			group: p.group,
			role: 'participant' as const,
			joinedAt: createdAt + (5 + i) * 60_000,
			removed: false
		}))
	];

	return {
		version: 1,
		exportedAt: createdAt + 4 * 3_600_000,
		locale,
		named,
		session: {
			id: 'musterstadt',
			title: sample.session.title,
			municipality: sample.session.municipality,
			date: sample.session.date,
			createdAt,
			template: 'study',
			language: 'de',
			facilitator: FACILITATOR.name
		},
		stakeholderGroups: sample.stakeholderGroups.map((g) => ({
			id: g.id,
			label: g[locale],
			participants: people.filter((p) => p.group === g.id).length
		})),
		agenda: agendaFromTemplate('study', locale).map((p) => ({
			id: p.id,
			title: p.title,
			question: p.question,
			mode: p.mode,
			areas: p.areas,
			durationMin: p.durationMin
		})),
		participants,
		areas: BOARD_LAYOUT.map((frame) => ({
			id: frame.id,
			title: sample.areas.find((a) => a.id === frame.id)![locale],
			x: frame.x,
			y: frame.y,
			width: frame.width,
			height: areaHeights.get(frame.id)!
		})),
		clusters: [...clusterTitles].map(([id, c]) => ({
			id,
			title: c.title,
			area: c.area,
			cardIds: cards.filter((card) => card.clusterId === id).map((card) => card.id),
			frame: frames.get(id)!
		})),
		cards,
		connectors: exportConnectors,
		votingRounds: rounds,
		nextSteps
	};
}

/** Mostly the area's colour, with some cards in others, as a group recolours a few. */
function colorOf(area: AreaId, index: number): CardColor {
	if (index % 7 === 3) return 'blue';
	if (index % 7 === 5) return 'violet';
	return defaultColor(area);
}

/** Every participant spends their dots on cards chosen by a seeded generator. */
function seededVotes(
	roundId: string,
	seed: number,
	people: readonly { id: string; group: string }[],
	cards: readonly { id: string }[],
	rules: { dotsPerParticipant: number; maxPerCard: number }
): Vote[] {
	// mulberry32: small, fast and the same on every machine.
	let state = seed >>> 0;
	const random = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const votes: Vote[] = [];
	for (const person of people) {
		let left = rules.dotsPerParticipant;
		while (left > 0) {
			const card = cards[Math.floor(random() * cards.length)]!;
			const dots = Math.min(left, 1 + Math.floor(random() * rules.maxPerCard));
			const existing = votes.find((v) => v.participantId === person.id && v.cardId === card.id);
			if (existing) continue;
			votes.push({ roundId, participantId: person.id, cardId: card.id, group: person.group, dots });
			left -= dots;
		}
	}
	return votes;
}
