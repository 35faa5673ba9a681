import { CLUSTER_FRAME, clusterTitleRoom } from './cluster-frame';

/**
 * Where a connector between two boxes (cards or cluster frames, in board units)
 * is drawn, and where its label goes: on the canvas, the projector and in the
 * exported picture alike.
 */

export interface Box {
	readonly x: number;
	readonly y: number;
	readonly width: number;
	readonly height: number;
}

/** A box a label should not cover, and within it the text it should cover even less, if known. */
export type Obstacle = Box & { readonly textBox?: Box };

/** Where the straight line between the centres of two boxes leaves the first one. */
export function edgePoint(from: Box, to: Box): { x: number; y: number } {
	const cx = from.x + from.width / 2;
	const cy = from.y + from.height / 2;
	const dx = to.x + to.width / 2 - cx;
	const dy = to.y + to.height / 2 - cy;
	if (dx === 0 && dy === 0) return { x: cx, y: cy };
	const t = Math.min(
		dx === 0 ? Infinity : from.width / 2 / Math.abs(dx),
		dy === 0 ? Infinity : from.height / 2 / Math.abs(dy)
	);
	return { x: cx + dx * Math.min(t, 1), y: cy + dy * Math.min(t, 1) };
}

/** How much of a box a label centred at (x, y) covers. */
function overlap(box: Box, x: number, y: number, width: number): number {
	const w = Math.min(x + width / 2, box.x + box.width) - Math.max(x - width / 2, box.x);
	const h = Math.min(y + 9, box.y + box.height) - Math.max(y - 13, box.y);
	return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where on the line a connector's label covers the fewest cards: its middle
 * when that is free, otherwise the free spot nearest to it. Cards sit close
 * together, so the middle of a short line often lies on a card's text.
 */
export function labelPlace(
	start: { x: number; y: number },
	end: { x: number; y: number },
	width: number,
	cards: readonly Obstacle[]
): { x: number; y: number } {
	const near = cards.filter(
		(c) =>
			c.x < Math.max(start.x, end.x) + width &&
			c.x + c.width > Math.min(start.x, end.x) - width &&
			c.y < Math.max(start.y, end.y) + 80 &&
			c.y + c.height > Math.min(start.y, end.y) - 80
	);
	let best = {
		x: (start.x + end.x) / 2,
		y: (start.y + end.y) / 2,
		covered: Infinity,
		off: Infinity
	};
	// Along the line first; beside it (above or below) when every spot on it covers a card.
	for (const shift of [0, -24, 24, -48, 48]) {
		for (let step = 0; step <= 20; step++) {
			const t = step / 20;
			const x = start.x + (end.x - start.x) * t;
			const y = start.y + (end.y - start.y) * t + shift;
			let covered = 0;
			// Covering a card's text is much worse than covering its empty corner.
			for (const c of near)
				covered += overlap(c, x, y, width) + (c.textBox ? 4 * overlap(c.textBox, x, y, width) : 0);
			// A spot beside the line must be clearly better to be taken.
			const cost = covered + Math.abs(shift) * width * 0.1;
			const off = Math.abs(t - 0.5) + Math.abs(shift);
			if (cost < best.covered || (cost === best.covered && off < best.off))
				best = { x, y, covered: cost, off };
		}
	}
	return best;
}

/**
 * What a label should keep off of a cluster: its title, drawn above its cards in the frame's top
 * (the cards inside are obstacles of their own). A label there hid the cluster's name.
 */
export function clusterTitleObstacle(frame: Box, title: string): Obstacle {
	const box = {
		x: frame.x,
		y: frame.y,
		width: frame.width,
		height: clusterTitleRoom(title, frame.width) + CLUSTER_FRAME.padding
	};
	return { ...box, textBox: box };
}
