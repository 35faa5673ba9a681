import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AreaId } from '../../src/lib/domain/board/areas';
import type { StakeholderGroupId } from '../../src/lib/domain/session/stakeholder-groups';

/**
 * The realistic Musterstadt board (a copy of the team's shared sample, kept in the repository so
 * that a clean clone tests on its own), for demos, tests and benchmarks.
 */
export interface SampleBoard {
	session: { title: string; municipality: string; date: string };
	participants: { id: string; name: string; group: StakeholderGroupId }[];
	clusters: { id: string; area: AreaId; title: string }[];
	cards: { id: string; area: AreaId; author: string; text: string; cluster?: string }[];
}

export const SAMPLE_BOARD_FILE = path.resolve(import.meta.dirname, '../fixtures/musterstadt.json');

export function loadSampleBoard(): SampleBoard {
	return JSON.parse(readFileSync(SAMPLE_BOARD_FILE, 'utf8')) as SampleBoard;
}
