import { describe, expect, it } from 'vitest';
import { clusterTitleObstacle, edgePoint, labelPlace } from './connector-geometry';

describe('where a connector and its label are drawn', () => {
	const left = { x: 0, y: 0, width: 200, height: 100 };
	const right = { x: 400, y: 0, width: 200, height: 100 };

	it('leaves a box where the line between the centres crosses its edge', () => {
		expect(edgePoint(left, right)).toEqual({ x: 200, y: 50 });
		expect(edgePoint(right, left)).toEqual({ x: 400, y: 50 });
		const below = { x: 0, y: 300, width: 200, height: 100 };
		expect(edgePoint(left, below)).toEqual({ x: 100, y: 100 });
		// One box on top of the other: its centre.
		expect(edgePoint(left, left)).toEqual({ x: 100, y: 50 });
	});

	it('puts the label in the middle of the line when nothing is there', () => {
		const place = labelPlace({ x: 200, y: 50 }, { x: 400, y: 50 }, 80, [left, right]);
		expect([place.x, place.y]).toEqual([300, 50]);
	});

	it('moves the label off a card that lies on the middle of the line, not onto another', () => {
		const between = { x: 260, y: 20, width: 80, height: 60 };
		const place = labelPlace({ x: 200, y: 50 }, { x: 400, y: 50 }, 40, [left, right, between]);
		const covers = (box: typeof left) =>
			place.x + 20 > box.x &&
			place.x - 20 < box.x + box.width &&
			place.y + 9 > box.y &&
			place.y - 13 < box.y + box.height;
		expect([left, right, between].map(covers)).toEqual([false, false, false]);
	});

	it('keeps a label off a cluster’s title, which a line along the frame’s top runs through', () => {
		// A cluster of two cards side by side; the line runs through its title's row.
		const frame = { x: 0, y: 0, width: 440, height: 200 };
		const title = clusterTitleObstacle(frame, 'Vergaberecht und Verfahren');
		expect(title.height).toBeGreaterThanOrEqual(40);
		const place = labelPlace({ x: 0, y: 20 }, { x: 440, y: 20 }, 60, [title]);
		const labelTop = place.y - 13;
		const labelBottom = place.y + 9;
		expect(labelBottom <= title.y || labelTop >= title.y + title.height).toBe(true);
	});
});
