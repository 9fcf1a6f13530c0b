import { describe, expect, it } from 'vitest';
import { movingAverage, seasonalNaive } from '../../../src/lib/forecast/baselines';
import {
	chooseHoltWintersParams,
	fitHoltWinters,
	holtWintersForecast
} from '../../../src/lib/forecast/holt-winters';

const PATTERN = [12, 9, 10, 11, 15, 24, 21];

/** `weeks` weeks of `level` + the weekly pattern (day 0 is the pattern's first day). */
function weekly(weeks: number, level = 0): number[] {
	return Array.from({ length: weeks * 7 }, (_, t) => level + PATTERN[t % 7]);
}

describe('baselines give the forecasts worked out by hand', () => {
	it('seasonal naive repeats the last week, weekday for weekday', () => {
		const history = Array.from({ length: 14 }, (_, t) => t + 1); // 1 … 14
		expect([...seasonalNaive(history, 10)]).toEqual([8, 9, 10, 11, 12, 13, 14, 8, 9, 10]);
	});

	it('the moving average is the mean of the last 28 days, every day', () => {
		const history = [...Array(10).fill(1000), ...Array.from({ length: 28 }, (_, t) => t)]; // last 28: 0 … 27
		expect([...movingAverage(history, 3)]).toEqual([13.5, 13.5, 13.5]);
	});

	it('Holt-Winters recovers a pure weekly pattern, whatever its parameters', () => {
		const history = weekly(10, 100);
		const expected = weekly(14, 100).slice(70, 98);
		for (const params of [
			{ alpha: 0.5, beta: 0.05, gamma: 0.3, phi: 0.98 },
			{ alpha: 0.01, beta: 0, gamma: 0.01, phi: 0.98 }
		]) {
			const forecast = holtWintersForecast(history, 28, params);
			forecast.forEach((value, h) => expect(value).toBeCloseTo(expected[h], 9));
		}
		// Started on a Wednesday, the season still lines up.
		const shifted = weekly(11, 100).slice(2, 72);
		const ahead = weekly(15, 100).slice(72, 100);
		fitHoltWinters(shifted, 28).forecast.forEach((value, h) => expect(value).toBeCloseTo(ahead[h], 9));
	});

	it('Holt-Winters follows a level shift that seasonal naive only half sees', () => {
		// Six weeks at level 10, then four weeks at level 40: a smoother that adapts ends near 40 + pattern.
		const history = [...weekly(6, 10), ...weekly(4, 40)];
		const { forecast } = fitHoltWinters(history, 28);
		forecast.slice(0, 7).forEach((value, h) => expect(value).toBeCloseTo(40 + PATTERN[h], 0));
	});

	it('Holt-Winters chooses its parameters by the error on the history’s last 28 days', () => {
		// Level 10 for six weeks, 40 after: fitted on the first eight weeks, only a quick level follows the
		// jump into the last four; on a steady series every choice fits alike and the smoothest (first) wins.
		const jump = chooseHoltWintersParams([...weekly(6, 10), ...weekly(6, 40)], 28);
		expect(jump.alpha).toBeGreaterThanOrEqual(0.2);
		expect(chooseHoltWintersParams(weekly(12, 10), 28)).toEqual({
			alpha: 0.01,
			beta: 0,
			gamma: 0.01,
			phi: 0.98
		});
		expect(() => holtWintersForecast([1, 2, 3], 7, { alpha: 0.1, beta: 0, gamma: 0.1, phi: 0.98 })).toThrow(
			/needs 14 days/
		);
	});
});
