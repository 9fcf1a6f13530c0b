import { describe, expect, it } from 'vitest';
import { layoutTrend, nearestPoint, type TrendPoint } from '$lib/components/dashboard/trend-layout';

// A 240 × 220 chart with a 40 px axis on the left and 20 px below: the plot is 200 × 200 from (40, 0).
const box = {
	width: 240,
	height: 220,
	padding: { left: 40, right: 0, top: 0, bottom: 20 },
	tickLabel: () => 'abc',
	tickSpacing: 90
};
const day = (d: number, month = 0) => new Date(2024, month, d);

describe('layoutTrend', () => {
	it('places the points over time and value, the area closed down to zero', () => {
		const points: TrendPoint[] = [
			{ date: day(1), value: 0 },
			{ date: day(2), value: 50 },
			{ date: day(3), value: 100 }
		];
		const layout = layoutTrend(points, box);
		// Axis 0..100 in steps of 20 (100 / 4 = 25 → 20) over 200 px: y(v) = 200 − 2v. Days 100 px apart.
		expect(layout.yTicks.map((t) => [t.value, t.y])).toEqual([
			[0, 200],
			[20, 160],
			[40, 120],
			[60, 80],
			[80, 40],
			[100, 0]
		]);
		expect(layout.points).toEqual([
			{ x: 40, y: 200 },
			{ x: 140, y: 100 },
			{ x: 240, y: 0 }
		]);
		expect(layout.line).toBe('M40,200L140,100L240,0');
		expect(layout.area).toBe('M40,200L140,100L240,0L240,200L40,200Z');
		expect(layout.baseline).toBe(200);
		// Labels 100 px apart (≥ 90): all three; the last, 18 px wide, would cross the right edge so ends at it.
		expect(layout.xTicks).toEqual([
			{ index: 0, x: 40, anchor: 'middle' },
			{ index: 1, x: 140, anchor: 'middle' },
			{ index: 2, x: 240, anchor: 'end' }
		]);
	});

	it('takes in negative values: zero sits inside the axis and the area closes on it', () => {
		const layout = layoutTrend(
			[
				{ date: day(1), value: -10 },
				{ date: day(5), value: 30 }
			],
			box
		);
		// Axis −10..30 in steps of 10: y(v) = 200 − 5(v + 10), so zero at 150.
		expect(layout.yTicks.map((t) => t.value)).toEqual([-10, 0, 10, 20, 30]);
		expect(layout.baseline).toBe(150);
		expect(layout.area).toBe('M40,200L240,0L240,150L40,150Z');
	});

	it('one point sits in the middle; no points draw nothing', () => {
		const one = layoutTrend([{ date: day(1), value: 40 }], box);
		expect(one.points).toEqual([{ x: 140, y: 0 }]);
		const none = layoutTrend([], box);
		expect([none.line, none.area, none.xTicks]).toEqual(['', '', []]);
	});

	it('labels no closer than the spacing; with month labels only where a month starts', () => {
		// 11 points 20 px apart: every fifth keeps 100 px ≥ 90.
		const daily = Array.from({ length: 11 }, (_, i) => ({ date: day(i + 1), value: i }));
		expect(layoutTrend(daily, box).xTicks.map((t) => t.index)).toEqual([0, 5, 10]);
		// 30 Jan – 1 Apr, one point a day (63 points, 200 / 62 px apart): months start at points 2 (1 Feb),
		// 31 (1 Mar) and 62 (1 Apr); 30 Jan is not a month's first day. 1 Feb → 1 Mar is 93.5 px (≥ 90), → 1 Apr 100.
		const months = Array.from({ length: 63 }, (_, i) => ({ date: new Date(2024, 0, 30 + i), value: 1 }));
		const ticks = layoutTrend(months, { ...box, monthStarts: true }).xTicks;
		expect(ticks.map((t) => months[t.index].date.toDateString())).toEqual([
			'Thu Feb 01 2024',
			'Fri Mar 01 2024',
			'Mon Apr 01 2024'
		]);
	});
});

describe('nearestPoint', () => {
	it('the point closest along the time axis', () => {
		const layout = layoutTrend(
			[
				{ date: day(1), value: 1 },
				{ date: day(2), value: 2 },
				{ date: day(3), value: 3 }
			],
			box
		);
		expect([0, 89, 91, 200, 400].map((x) => nearestPoint(layout, x))).toEqual([0, 0, 1, 2, 2]);
		expect(nearestPoint(layoutTrend([], box), 10)).toBeNull();
	});
});
