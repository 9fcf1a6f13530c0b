import { describe, expect, it } from 'vitest';
import { layoutColumns, type ColumnRow } from '$lib/components/dashboard/column-layout';

// A 240 × 220 chart with a 40 px axis on the left and 20 px below: the plot is 200 × 200 from (40, 0).
const box = {
	width: 240,
	height: 220,
	padding: { left: 40, right: 0, top: 0, bottom: 20 },
	bandPadding: 0.2,
	maxTicks: 6,
	tickLabel: (key: string) => key
};

describe('layoutColumns', () => {
	it('one series: columns in their bands, heights on an axis from 0 to 8', () => {
		const rows: ColumnRow[] = [
			{ key: 'a', values: [3] },
			{ key: 'b', values: [7] }
		];
		const layout = layoutColumns(rows, box);
		// Axis 0..8 over 200 px: y(v) = 200 − 25v. Bands of 100 px, columns 80 px wide, 10 px in.
		expect(layout.yTicks).toEqual([
			{ value: 0, y: 200 },
			{ value: 2, y: 150 },
			{ value: 4, y: 100 },
			{ value: 6, y: 50 },
			{ value: 8, y: 0 }
		]);
		expect(layout.baseline).toBe(200);
		expect(layout.step).toBe(100);
		expect(layout.columns).toEqual([
			{ key: 'a', x: 50, width: 80, segments: [{ series: 0, y: 125, height: 75 }] },
			{ key: 'b', x: 150, width: 80, segments: [{ series: 0, y: 25, height: 175 }] }
		]);
		expect(layout.xTicks).toEqual([
			{ key: 'a', x: 90, anchor: 'middle' },
			{ key: 'b', x: 190, anchor: 'middle' }
		]);
	});

	it('stacks positives up from zero and negatives down, in series order; a zero draws nothing', () => {
		const layout = layoutColumns([{ key: 'm', values: [2, -1, 0, 3] }], box);
		// Spans: 0→2, 0→−1, 2→5. Axis −2..6: y(v) = 150 − 25v, zero at 150.
		expect(layout.baseline).toBe(150);
		expect(layout.columns[0].segments).toEqual([
			{ series: 0, y: 100, height: 50 },
			{ series: 1, y: 150, height: 25 },
			{ series: 3, y: 25, height: 75 }
		]);
	});

	it('labels every n-th column so the widest label fits, and keeps the last one inside the chart', () => {
		const months = Array.from({ length: 12 }, (_, i) => ({ key: `Month ${i + 1}`.padEnd(8), values: [1] }));
		// 12 bands of 16.7 px; an 8-character label needs 8 × 6 + 8 = 56 px: every 4th (56 / 16.7 → 4).
		const layout = layoutColumns(months, { ...box, maxTicks: 8 });
		expect(layout.xTicks.map((t) => t.key)).toEqual([months[0].key, months[4].key, months[8].key]);

		// Three 66.7 px bands, a 13-character label (86 px wide with its margin): every 2nd. The last one's
		// centre is at 206.7 and it is 78 px wide, past the right edge (240): it ends there instead.
		const long = ['a', 'b', 'c'].map((c) => ({ key: `${c} December 25`.slice(0, 13), values: [1] }));
		const ends = layoutColumns(long, box);
		expect(ends.xTicks).toEqual([
			{ key: long[0].key, x: 40 + 200 / 6, anchor: 'middle' },
			{ key: long[2].key, x: 240, anchor: 'end' }
		]);
	});

	it('all zero: a flat axis at the bottom and no segments; no rows: nothing to label', () => {
		const flat = layoutColumns([{ key: 'z', values: [0, 0] }], box);
		expect(flat.yTicks).toEqual([{ value: 0, y: 200 }]);
		expect(flat.columns[0].segments).toEqual([]);
		expect(layoutColumns([], box)).toMatchObject({ columns: [], xTicks: [], step: 0 });
	});
});
