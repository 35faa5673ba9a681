/**
 * Areas of a focus-group board. The default board has the three areas every
 * Fokusgruppentreffen maps; each is a labelled frame in board coordinates.
 */
export const AREA_IDS = ['challenges', 'potentials', 'next-steps'] as const;
export type AreaId = (typeof AREA_IDS)[number];

export interface AreaFrame {
	readonly id: AreaId;
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** Room for two columns of cards: three areas fit a laptop screen at a readable size. */
export const AREA_WIDTH = 480;
export const AREA_HEIGHT = 1200;
export const AREA_GAP = 32;

export const BOARD_LAYOUT: readonly AreaFrame[] = AREA_IDS.map((id, index) => ({
	id,
	x: index * (AREA_WIDTH + AREA_GAP),
	y: 0,
	width: AREA_WIDTH,
	height: AREA_HEIGHT
}));

export const BOARD_WIDTH = AREA_IDS.length * AREA_WIDTH + (AREA_IDS.length - 1) * AREA_GAP;

export function isAreaId(value: unknown): value is AreaId {
	return typeof value === 'string' && (AREA_IDS as readonly string[]).includes(value);
}

export function frameOf(area: AreaId): AreaFrame {
	const frame = BOARD_LAYOUT.find((f) => f.id === area);
	if (!frame) throw new Error(`unknown area ${area}`);
	return frame;
}

/** The area whose frame contains the point, or the nearest one horizontally. */
export function areaAt(x: number): AreaId {
	let best = BOARD_LAYOUT[0]!;
	let bestDistance = Infinity;
	for (const frame of BOARD_LAYOUT) {
		const distance =
			x < frame.x ? frame.x - x : x > frame.x + frame.width ? x - frame.x - frame.width : 0;
		if (distance < bestDistance) {
			best = frame;
			bestDistance = distance;
		}
	}
	return best.id;
}
