import { standardNormal } from '../../../src/lib/generate/deterministic-math';
import { civilDate, dayNumber } from '../../../src/lib/calendar/dates';
import { Rng } from '../../../src/lib/generate/rng';
import { TOTAL_SERIES, type DailySeries } from '../../../src/lib/forecast/daily-series';
import { HORIZON } from '../../../src/lib/forecast/split';

const WEEK = [0.85, 0.85, 0.9, 0.95, 1.05, 1.3, 1.2];

/**
 * Daily units for `categories` categories and their total: a level per category times a weekly shape, plus
 * normal noise of standard deviation `noise` (rounded, never below 0). Revenue is 100 ₹ a unit times the
 * category's number. Salary days are the 1st of each month; no festivals.
 */
export function syntheticSeries({
	days,
	categories = 2,
	noise = 2,
	seed = 1,
	firstDay = dayNumber(2024, 1, 1)
}: {
	days: number;
	categories?: number;
	noise?: number;
	seed?: number;
	firstDay?: number;
}): DailySeries {
	const rng = Rng.stream(seed, 'synthetic-series');
	const units = Array.from({ length: categories + 1 }, () => new Float64Array(days));
	const revenue = Array.from({ length: categories + 1 }, () => new Float64Array(days));
	for (let c = 0; c < categories; c++) {
		for (let d = 0; d < days; d++) {
			const expected = 10 * (c + 1) * WEEK[(firstDay + d + 3) % 7];
			units[c][d] = Math.max(0, Math.round(expected + noise * standardNormal(rng)));
			revenue[c][d] = units[c][d] * 100 * (c + 1);
			units[categories][d] += units[c][d];
			revenue[categories][d] += revenue[c][d];
		}
	}
	const salary = Uint8Array.from({ length: days + HORIZON }, (_, d) =>
		civilDate(firstDay + d).day === 1 ? 1 : 0
	);
	return {
		firstDay,
		days,
		names: [...Array.from({ length: categories }, (_, c) => `Category ${c + 1}`), TOTAL_SERIES],
		units,
		revenue,
		festival: new Uint8Array(days + HORIZON),
		salary
	};
}
