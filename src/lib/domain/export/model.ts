import type { AreaId } from '../board/areas';
import type { CardColor } from '../board/schema';
import type { PhaseMode } from '../session/agenda';
import type { Role } from '../session/roles';
import type { TemplateId } from '../session/templates';
import type { ResultsVisibility, RoundStatus } from '../voting/round';
import type { Locale } from '../../i18n/catalog';

/**
 * The export model: one session, its board and its voting as neutral data.
 * Every writer (json, csv, xlsx, md, docx, pdf, svg, png) renders this and
 * nothing else, so all formats say the same thing. Labels (areas, stakeholder
 * groups) are resolved in `locale` when the model is built; writers take
 * headings from the message catalog in the same locale.
 *
 * The JSON export is this model as it stands (docs/export.schema.json); a
 * change of meaning needs a new `version`.
 */
export const EXPORT_VERSION = 1;

export const EXPORT_FORMATS = ['json', 'csv', 'xlsx', 'md', 'docx', 'pdf', 'svg', 'png'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export function isExportFormat(value: unknown): value is ExportFormat {
	return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** What the facilitator chooses when exporting. */
export interface ExportOptions {
	readonly locale: Locale;
	/** Participants' names appear only when the facilitator chose a named export. */
	readonly named: boolean;
	/** CSV only: `;` for German Excel, `,` otherwise. */
	readonly delimiter: ',' | ';';
	/**
	 * The protocol's times are in this IANA time zone (time-zone.ts); machine timestamps (JSON,
	 * CSV, XLSX) stay UTC whatever it is.
	 */
	readonly timeZone: string;
}

export interface ExportModel {
	readonly version: typeof EXPORT_VERSION;
	/** ms since the epoch. */
	readonly exportedAt: number;
	readonly locale: Locale;
	/** Whether `participants[].name` holds names. */
	readonly named: boolean;
	readonly session: ExportSession;
	/** In the session's order; `label` resolved in `locale`. */
	readonly stakeholderGroups: readonly ExportGroup[];
	readonly agenda: readonly ExportPhase[];
	/** Participants in the order they joined (staff included, with their role). */
	readonly participants: readonly ExportParticipant[];
	/**
	 * The areas in board order with their frames in board units, as tall as the
	 * cards need where they were put (the picture grows them to hold the cards
	 * where it draws them, see picture-layout.ts).
	 */
	readonly areas: readonly ExportArea[];
	/** Clusters in board order (area, then reading order of their first card). */
	readonly clusters: readonly ExportCluster[];
	/** Cards in reading order: area, cluster, position. */
	readonly cards: readonly ExportCard[];
	readonly connectors: readonly ExportConnector[];
	/** Rounds oldest first; cancelled rounds included with `results: null`. */
	readonly votingRounds: readonly ExportRound[];
	/** The cards of the next-steps area as commitments, in reading order. */
	readonly nextSteps: readonly ExportNextStep[];
}

export interface ExportSession {
	readonly id: string;
	readonly title: string;
	/** Empty when the facilitator did not give one. */
	readonly municipality: string;
	/** The meeting's date, YYYY-MM-DD (the day the session was created, in UTC). */
	readonly date: string;
	readonly createdAt: number;
	readonly template: TemplateId;
	readonly language: Locale;
	/** The facilitator's display name. */
	readonly facilitator: string;
	/** When the facilitator ended the session (ms); null while it is not ended. */
	readonly finishedAt: number | null;
}

export interface ExportGroup {
	readonly id: string;
	readonly label: string;
	/** Participants (not staff) who joined with this group. */
	readonly participants: number;
}

export interface ExportPhase {
	readonly id: string;
	readonly title: string;
	readonly question: string;
	readonly mode: PhaseMode;
	readonly areas: readonly AreaId[];
	readonly durationMin: number | null;
}

export interface ExportParticipant {
	/** A pseudonymous id, the same one cards and votes carry. */
	readonly id: string;
	/** null unless the export is named. */
	readonly name: string | null;
	readonly group: string | null;
	readonly role: Role;
	readonly joinedAt: number;
	readonly removed: boolean;
}

export interface ExportArea {
	readonly id: AreaId;
	readonly title: string;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

export interface ExportCluster {
	readonly id: string;
	readonly title: string;
	readonly area: AreaId;
	readonly cardIds: readonly string[];
	/**
	 * The frame around its cards where they were put, in board units, with room
	 * above them for its title in as many lines as the board shows it
	 * (clusterTitleRoom); the picture frames the cards where it draws them, see
	 * picture-layout.ts.
	 */
	readonly frame: {
		readonly x: number;
		readonly y: number;
		readonly width: number;
		readonly height: number;
	};
}

export interface ExportCard {
	readonly id: string;
	readonly area: AreaId;
	readonly clusterId: string | null;
	readonly text: string;
	readonly color: CardColor;
	readonly authorId: string;
	readonly authorGroup: string | null;
	readonly createdAt: number;
	/**
	 * Where the card was put (the stored place, which an import restores) and
	 * its size, in board units. The board and the picture draw a card lower
	 * when a card above it would cover it there (settleCards, picture-layout.ts).
	 */
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
	/** Dots per voting round id (rounds whose results may be exported; 0 when none). */
	readonly dots: Readonly<Record<string, number>>;
	/** Dots over all rounds per stakeholder group id ('' for participants without a group). */
	readonly dotsByGroup: Readonly<Record<string, number>>;
}

export interface ExportConnector {
	readonly id: string;
	readonly from: string;
	readonly fromKind: 'card' | 'cluster';
	readonly to: string;
	readonly toKind: 'card' | 'cluster';
	readonly label: string;
}

export interface ExportRound {
	readonly id: string;
	readonly seq: number;
	/** The round's title, or "Runde 1" / "Round 1" in `locale` when it has none. */
	readonly title: string;
	readonly status: RoundStatus;
	readonly dotsPerParticipant: number;
	readonly maxPerCard: number;
	readonly anonymous: boolean;
	readonly visibility: ResultsVisibility;
	readonly scope: { readonly areas: readonly AreaId[]; readonly clusters: readonly string[] };
	readonly openedAt: number;
	readonly closedAt: number | null;
	/**
	 * Open rounds only: how many people have placed how many dots so far, which
	 * is all an open round with hidden results may tell.
	 */
	readonly progress?: { readonly voters: number; readonly dots: number };
	/**
	 * Closed rounds: the fixed results; open rounds with live results: the tally
	 * so far; open rounds with hidden results and cancelled rounds: null.
	 */
	readonly results: ExportRoundResults | null;
}

export interface ExportRoundResults {
	readonly totalDots: number;
	readonly voters: number;
	/** Ranked, most dots first; cards without dots included. */
	readonly cards: readonly {
		readonly cardId: string;
		readonly text: string;
		readonly area: string;
		readonly dots: number;
		readonly voters: number;
		readonly rank: number;
		/** Dots per group id ('' for no group). */
		readonly byGroup: Readonly<Record<string, number>>;
		readonly weighted: number;
		readonly deleted: boolean;
	}[];
	readonly groups: readonly {
		readonly group: string;
		readonly voters: number;
		readonly dots: number;
	}[];
}

export interface ExportNextStep {
	readonly cardId: string;
	/** The card's text: what is to be done. */
	readonly what: string;
	readonly owner: string;
	readonly ownerGroup: string | null;
	readonly partners: string;
	/** YYYY-MM-DD or empty. */
	readonly due: string;
	/** The challenge or potential cards this step answers. */
	readonly answers: readonly string[];
	/** Dots over all rounds. */
	readonly dots: number;
}

/** A rendered export, ready for an HTTP response or a file. */
export interface ExportFile {
	readonly body: Uint8Array | string;
	readonly contentType: string;
	/** Without the dot: `csv`, `xlsx`, … */
	readonly extension: string;
}

export type ExportWriter = (
	model: ExportModel,
	options: ExportOptions
) => ExportFile | Promise<ExportFile>;
