import { describe, expect, it } from 'vitest';
import { niceTicks, plotBox, valueAxis } from '$lib/components/dashboard/chart-axis';

describe('niceTicks', () => {
	it('steps of 1, 2 or 5 times a power of ten, from a multiple at or below the low end to one at or above the high end', () => {
		// 700 / 4 = 175 → 200.
		expect(niceTicks(0, 700, 4)).toEqual([0, 200, 400, 600, 800]);
		// 47 / 4 = 11.75 → 10.
		expect(niceTicks(0, 47, 4)).toEqual([0, 10, 20, 30, 40, 50]);
		// 6 / 4 = 1.5 → 2, from -2 (at or below -1).
		expect(niceTicks(-1, 5, 4)).toEqual([-2, 0, 2, 4, 6]);
		// Decimal steps without binary drift (3 × 0.1 is 0.30000000000000004 in floating point).
		expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
		expect(niceTicks(5, 5, 4)).toEqual([5]);
	});
});

describe('plotBox', () => {
	it('the plot inside the padding, never inside out', () => {
		const padding = { left: 30, right: 10, top: 5, bottom: 20 };
		expect(plotBox(200, 100, padding)).toEqual({ left: 30, top: 5, right: 190, bottom: 80 });
		// 20 px wide and 15 tall: less than the padding, so the plot is a point at its top left.
		expect(plotBox(20, 15, padding)).toEqual({ left: 30, top: 5, right: 30, bottom: 5 });
	});
});

describe('valueAxis', () => {
	const plot = { left: 0, top: 0, right: 100, bottom: 100 };

	it('from zero to the nice tick above the highest value, y up from the plot’s bottom', () => {
		const { ticks, y } = valueAxis(120, 700, plot);
		// 120 is above zero, so the axis starts at zero: 700 / 4 = 175 → steps of 200, to 800.
		expect(ticks).toEqual([0, 200, 400, 600, 800]);
		expect([y(0), y(200), y(400), y(800)]).toEqual([100, 75, 50, 0]);
	});

	it('negative values take the axis below zero', () => {
		const { ticks, y } = valueAxis(-1, 5, plot);
		expect(ticks).toEqual([-2, 0, 2, 4, 6]);
		// -2 … 6 over 100 px: 12.5 px a unit, zero 25 px up.
		expect([y(-2), y(0), y(6)]).toEqual([100, 75, 0]);
	});

	it('no spread (all zeros, or no value at all): one tick, every value on the bottom', () => {
		for (const [low, high] of [
			[0, 0],
			[Infinity, -Infinity]
		]) {
			const { ticks, y } = valueAxis(low, high, plot);
			expect(ticks).toEqual([0]);
			expect(y(0)).toBe(100);
		}
	});
});
