import { describe, expect, it } from 'vitest';
import { prepareWindows } from '../../../src/lib/forecast/run-forecast';
import { fitScaler } from '../../../src/lib/forecast/scaler';
import { DEFAULT_SETTINGS } from '../../../src/lib/forecast/settings';
import { HORIZON, NotEnoughHistoryError, splitSeries } from '../../../src/lib/forecast/split';
import { windowRange } from '../../../src/lib/forecast/windows';
import { syntheticSeries } from './synthetic-series';

describe('no leakage: the holdout never reaches scalers, inputs or targets', () => {
	it('cuts 1,096 days into training, a 56-day validation and the last 28 days as holdout', () => {
		const split = splitSeries(1096, 28);
		expect(split).toMatchObject({ holdoutStart: 1068, validationStart: 1012, trainOrigins: [28, 984] });
		expect(split.validationOrigins).toEqual([1012, 1040]);
		// Every training target is before the validation part; every validation target is inside it.
		expect(split.trainOrigins[1] + HORIZON).toBe(split.validationStart);
		expect(split.validationOrigins[1] + HORIZON).toBe(split.holdoutStart);
		expect(() => splitSeries(150, 28)).toThrow(NotEnoughHistoryError);
	});

	it('windows never read a holdout day, and training targets never reach the validation part', () => {
		const series = syntheticSeries({ days: 400 });
		const { split, train, validation, known } = prepareWindows(series, { ...DEFAULT_SETTINGS, stride: 1 });
		expect(known.every((days) => days.length === split.holdoutStart)).toBe(true);
		const refs = windowRange(series.names.length, split.trainOrigins, 1);
		expect(train.count).toBe(refs.length);
		for (const { origin } of refs) {
			expect(origin - DEFAULT_SETTINGS.lookback).toBeGreaterThanOrEqual(0);
			expect(origin + HORIZON).toBeLessThanOrEqual(split.validationStart);
		}
		for (const { origin } of windowRange(series.names.length, split.validationOrigins)) {
			expect(origin).toBeGreaterThanOrEqual(split.validationStart);
			expect(origin + HORIZON).toBeLessThanOrEqual(split.holdoutStart);
		}
		expect(validation.count).toBe(series.names.length * (HORIZON + 1));
	});

	it('changing every holdout day changes no scaler, input or target of training or validation', () => {
		const series = syntheticSeries({ days: 400 });
		const tampered = syntheticSeries({ days: 400 });
		const { holdoutStart } = splitSeries(400, DEFAULT_SETTINGS.lookback);
		for (const units of tampered.units) units.fill(1e6, holdoutStart);
		const a = prepareWindows(series, DEFAULT_SETTINGS);
		const b = prepareWindows(tampered, DEFAULT_SETTINGS);
		expect(b.scalers).toEqual(a.scalers);
		for (const part of ['train', 'validation'] as const) {
			expect(b[part].sequence).toEqual(a[part].sequence);
			expect(b[part].context).toEqual(a[part].context);
			expect(b[part].target).toEqual(a[part].target);
		}
	});

	it('scaler statistics come from the training days only', () => {
		const series = syntheticSeries({ days: 400 });
		const { validationStart } = splitSeries(400, DEFAULT_SETTINGS.lookback);
		const { scalers } = prepareWindows(series, DEFAULT_SETTINGS);
		series.units.forEach((units, s) => {
			// Worked out independently: the mean and population standard deviation of log1p over days < validationStart.
			const logs = Array.from(units.subarray(0, validationStart), (value) => Math.log1p(value));
			const mean = logs.reduce((x, y) => x + y, 0) / logs.length;
			const std = Math.sqrt(logs.reduce((x, y) => x + (y - mean) ** 2, 0) / logs.length);
			expect(scalers[s].mean).toBeCloseTo(mean, 12);
			expect(scalers[s].std).toBeCloseTo(std, 12);
			// A validation day far off the training days' range changes nothing.
			const changed = Float64Array.from(units);
			changed[validationStart] = 1e9;
			expect(fitScaler(changed, validationStart, true)).toEqual(scalers[s]);
		});
	});
});
