import * as tf from '@tensorflow/tfjs';
import { readFile, rm, writeFile, mkdtemp } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainAndSave } from '../../../src/lib/forecast/forecast-job';
import type { ForecastResult, ForecastSettings } from '../../../src/lib/forecast/forecast-result';
import {
	deleteOtherForecasts,
	listForecasts,
	readForecast,
	readLatestForecast,
	readModelFiles
} from '../../../src/lib/forecast/forecast-store';
import { DEFAULT_SETTINGS } from '../../../src/lib/forecast/settings';
import { formatDate } from '../../../src/lib/calendar/dates';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { syntheticSeries } from './synthetic-series';
import { openNativeConnection } from '../helpers/native-duckdb';

const SETTINGS: ForecastSettings = { ...DEFAULT_SETTINGS, lookback: 7, units: 4, epochs: 2, batchSize: 64 };
const DAYS = 240;
const series = syntheticSeries({ days: DAYS, categories: 3, seed: 5 });
const BACKEND = { name: 'cpu', reason: 'test' };

describe('a whole forecast run: baselines, LSTM, scores, rows, and its files in the lake', () => {
	let codec: ParquetCodec;
	let store: MemoryLakeStore;
	let result: ForecastResult;

	beforeAll(async () => {
		await tf.setBackend('cpu');
		tf.enableProdMode();
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		codec = await createParquetWasmCodec(wasm);
		store = new MemoryLakeStore();
		result = await trainAndSave(
			{ series, runId: 'run-a', settings: SETTINGS, backend: BACKEND },
			{ store, codec }
		);
	}, 120_000);

	it('scores the seasonal-naive baseline as a hand computation over the same holdout does', () => {
		const holdoutStart = DAYS - 28;
		series.names.forEach((name, s) => {
			const units = series.units[s];
			let naiveSquares = 0;
			for (let t = 1; t < holdoutStart; t++) naiveSquares += (units[t] - units[t - 1]) ** 2;
			let errorSquares = 0;
			for (let h = 0; h < 28; h++)
				errorSquares += (units[holdoutStart + h] - units[holdoutStart - 7 + (h % 7)]) ** 2;
			const expected = Math.sqrt(errorSquares / 28 / (naiveSquares / (holdoutStart - 1)));
			expect(result.evaluation.metrics.seasonal_naive.series[name].rmsse).toBeCloseTo(expected, 10);
		});
		// WRMSSE weights: each category's revenue over the 28 days before the holdout.
		const revenue = series.revenue
			.slice(0, 3)
			.map((days) => days.slice(holdoutStart - 28, holdoutStart).reduce((a, b) => a + b));
		const total = revenue.reduce((a, b) => a + b);
		expect(result.evaluation.series.map((s) => s.weight)).toEqual([
			...revenue.map((r) => expect.closeTo(r / total, 12)),
			null
		]);
		const naive = result.evaluation.metrics.seasonal_naive;
		const expected = series.names
			.slice(0, 3)
			.reduce((sum, name, s) => sum + (revenue[s] / total) * naive.series[name].rmsse!, 0);
		expect(naive.wrmsse).toBeCloseTo(expected, 12);
		expect(result.evaluation.wrmsseRatio).toBeCloseTo(
			result.evaluation.metrics.lstm.wrmsse! / naive.wrmsse!,
			12
		);
	});

	it('keeps recent actuals, every forecaster on the holdout and the LSTM’s next 28 days with ordered bands', () => {
		const { rows, evaluation } = result;
		const of = (kind: string) => rows.filter((row) => row.kind === kind);
		expect(of('history')).toHaveLength(4 * 112);
		expect(of('holdout')).toHaveLength(4 * 4 * 28);
		const future = of('future');
		expect(future).toHaveLength(4 * 28);
		expect(future[0].date).toBe(formatDate(series.firstDay + DAYS));
		expect(evaluation.dates.futureEnd).toBe(formatDate(series.firstDay + DAYS + 27));
		for (const row of [...future, ...of('holdout').filter((r) => r.model === 'lstm')]) {
			expect(row.lo95!).toBeLessThanOrEqual(row.lo80!);
			expect(row.lo80!).toBeLessThanOrEqual(row.hi80!);
			expect(row.hi80!).toBeLessThanOrEqual(row.hi95!);
			expect(row.lo95!).toBeGreaterThanOrEqual(0);
		}
		// Coverage is the share of holdout actuals inside the LSTM's bands, counted here again.
		const actual = new Map(of('history').map((row) => [`${row.series} ${row.date}`, row.value]));
		const lstm = of('holdout').filter((row) => row.model === 'lstm');
		const inside = lstm.filter((row) => {
			const value = actual.get(`${row.series} ${row.date}`)!;
			return value >= row.lo80! && value <= row.hi80!;
		});
		expect(evaluation.coverage.p80).toBeCloseTo(inside.length / lstm.length, 12);
		expect(evaluation.verdict).toMatch(/^The LSTM (beats|does not beat) .*seasonal naive/);
	});

	it('saves Parquet that native DuckDB reads back with the same values, and the model files', async () => {
		const saved = await readForecast(store, codec, 'run-a');
		expect(saved).toEqual(result);
		expect(await readModelFiles(store, 'run-a')).toMatchObject({ json: { weightSpecs: expect.any(Array) } });
		const dir = await mkdtemp(join(tmpdir(), 'forecast-parquet-'));
		try {
			const path = join(dir, 'forecast.parquet');
			await writeFile(path, await store.read('analytics/forecast/run-a/forecast.parquet'));
			const db = await openNativeConnection();
			const reader = await db.runAndReadAll(`
				SELECT count(*)::INTEGER AS n, sum(value)::DOUBLE AS total, min(date)::VARCHAR AS first,
					count(lo80)::INTEGER AS banded, typeof(any_value(date)) AS date_type
				FROM read_parquet('${path}') WHERE kind = 'future'`);
			const future = result.rows.filter((row) => row.kind === 'future');
			expect(reader.getRowObjectsJson()[0]).toEqual({
				n: future.length,
				total: expect.closeTo(
					future.reduce((sum, row) => sum + row.value, 0),
					9
				),
				first: result.evaluation.dates.futureStart,
				banded: future.length,
				date_type: 'DATE'
			});
			db.closeSync();
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('reopens the forecast of the published run; after a newer run it is offered as stale; a new training replaces it', async () => {
		expect(await readLatestForecast(store, codec, 'run-a')).toEqual({ result, stale: false });
		expect(await readLatestForecast(store, codec, 'run-b')).toEqual({ result, stale: true });
		// An unfinished save (no evaluation.json) is never read.
		await store.write('analytics/forecast/run-c/forecast.parquet', new Uint8Array([1, 2, 3]));
		expect((await listForecasts(store)).map((evaluation) => evaluation.runId)).toEqual(['run-a']);
		await deleteOtherForecasts(store, 'run-a');
		expect((await store.list('analytics/forecast')).some((entry) => entry.path.includes('run-c'))).toBe(
			false
		);
		expect(await readLatestForecast(new MemoryLakeStore(), codec, 'run-a')).toBeNull();
	});
});
