import { civilDate, dayNumber, isoWeekday } from '../calendar/dates';
import type { DailySeries } from './daily-series';

/**
 * The model's inputs, as flat Float32Arrays ready to become tensors. For a window of series `s` whose first
 * forecast day (origin) is `t`:
 *
 * - level: the mean scaled value of the lookback days. Inputs and targets are relative to it, so a model
 *   that outputs 0 forecasts the lookback's average, and the network learns the departures from it (the
 *   week's shape, festivals, salary days, the season);
 * - sequence `[lookback, SEQUENCE_FEATURES]`, days t − lookback … t − 1: the scaled target minus the level,
 *   day-of-week (sin, cos), day-of-year (sin, cos), festival and salary-day flags;
 * - context `[series count + 4·horizon + 3]`: the series id one-hot, then for each forecast day its
 *   day-of-week (sin, cos) and festival and salary flags (known ahead), then the origin's day-of-year
 *   (sin, cos), then the level;
 * - target `[horizon]`: the scaled values of days t … t + horizon − 1 minus the level, when known.
 */
export const SEQUENCE_FEATURES = 7;
const PER_HORIZON_DAY = 4;

export function contextFeatures(seriesCount: number, horizon: number): number {
	return seriesCount + PER_HORIZON_DAY * horizon + 3;
}

/** One window: which series, and its first forecast day. */
export interface WindowRef {
	series: number;
	origin: number;
}

export interface Windows {
	count: number;
	/** Per window: the lookback's mean scaled value, which inputs and targets are relative to. */
	level: Float32Array;
	sequence: Float32Array;
	context: Float32Array;
	/** Null when the windows reach past the known days (the forecast of the future). */
	target: Float32Array | null;
}

/** Day-of-week and day-of-year encodings and the known-ahead flags of every day of `series` and its horizon. */
export interface CalendarFeatures {
	dowSin: Float32Array;
	dowCos: Float32Array;
	doySin: Float32Array;
	doyCos: Float32Array;
	festival: Uint8Array;
	salary: Uint8Array;
}

export function calendarFeatures(series: DailySeries): CalendarFeatures {
	const length = series.festival.length;
	const features: CalendarFeatures = {
		dowSin: new Float32Array(length),
		dowCos: new Float32Array(length),
		doySin: new Float32Array(length),
		doyCos: new Float32Array(length),
		festival: series.festival,
		salary: series.salary
	};
	for (let d = 0; d < length; d++) {
		const dayNo = series.firstDay + d;
		const weekAngle = (2 * Math.PI * isoWeekday(dayNo)) / 7;
		const yearAngle = (2 * Math.PI * (dayNo - dayNumber(civilDate(dayNo).year, 1, 1))) / 365.25;
		features.dowSin[d] = Math.sin(weekAngle);
		features.dowCos[d] = Math.cos(weekAngle);
		features.doySin[d] = Math.sin(yearAngle);
		features.doyCos[d] = Math.cos(yearAngle);
	}
	return features;
}

/**
 * The windows of series `0 … seriesCount − 1` with origins `first … last`, every `stride`-th day counted back
 * from `last` (so the latest window is always in), series by series.
 */
export function windowRange(seriesCount: number, [first, last]: [number, number], stride = 1): WindowRef[] {
	const refs: WindowRef[] = [];
	for (let series = 0; series < seriesCount; series++) {
		const origins: number[] = [];
		for (let origin = last; origin >= first; origin -= stride) origins.push(origin);
		for (const origin of origins.reverse()) refs.push({ series, origin });
	}
	return refs;
}

/**
 * The inputs (and targets, where every target day is known) of `refs`. `scaled[s][d]` is series `s`'s
 * scaled value on day `d`; days at or past `scaled[s].length` are unknown.
 */
export function buildWindows(
	refs: readonly WindowRef[],
	scaled: readonly Float32Array[],
	calendar: CalendarFeatures,
	lookback: number,
	horizon: number
): Windows {
	const count = refs.length;
	const seriesCount = scaled.length;
	const contextSize = contextFeatures(seriesCount, horizon);
	const level = new Float32Array(count);
	const sequence = new Float32Array(count * lookback * SEQUENCE_FEATURES);
	const context = new Float32Array(count * contextSize);
	const known = refs.every(({ series, origin }) => origin + horizon <= scaled[series].length);
	const target = known ? new Float32Array(count * horizon) : null;
	refs.forEach(({ series, origin }, i) => {
		if (origin < lookback || origin > scaled[series].length) {
			throw new Error(`Window origin ${origin} is outside the history (lookback ${lookback}).`);
		}
		const values = scaled[series];
		let sum = 0;
		for (let d = origin - lookback; d < origin; d++) sum += values[d];
		const mean = (level[i] = sum / lookback);
		let at = i * lookback * SEQUENCE_FEATURES;
		for (let d = origin - lookback; d < origin; d++) {
			sequence[at++] = values[d] - mean;
			sequence[at++] = calendar.dowSin[d];
			sequence[at++] = calendar.dowCos[d];
			sequence[at++] = calendar.doySin[d];
			sequence[at++] = calendar.doyCos[d];
			sequence[at++] = calendar.festival[d];
			sequence[at++] = calendar.salary[d];
		}
		at = i * contextSize;
		context[at + series] = 1;
		at += seriesCount;
		for (let d = origin; d < origin + horizon; d++) {
			context[at++] = calendar.dowSin[d];
			context[at++] = calendar.dowCos[d];
			context[at++] = calendar.festival[d];
			context[at++] = calendar.salary[d];
		}
		context[at++] = calendar.doySin[origin];
		context[at++] = calendar.doyCos[origin];
		context[at] = mean;
		if (target) for (let h = 0; h < horizon; h++) target[i * horizon + h] = values[origin + h] - mean;
	});
	return { count, level, sequence, context, target };
}
