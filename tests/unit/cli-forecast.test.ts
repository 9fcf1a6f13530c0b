import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import type { ForecasterMetrics, SeriesSummary } from '../../src/lib/forecast/forecast-result';
import { readLatestForecast } from '../../src/lib/forecast/forecast-store';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import type { LakeManifest } from '../../src/lib/pipeline/types';
import { publishedFile } from './helpers/published-file';
import { openNativeConnection } from './helpers/native-duckdb';

interface ForecastJson {
	run_id: string;
	backend: string;
	series: SeriesSummary[];
	metrics: Record<string, ForecasterMetrics>;
	coverage: { p80: number; p95: number };
	verdict: string;
	forecast: { series: string; date: string; units: number; lo80: number; hi95: number }[];
}

/**
 * `cli forecast` on a small generated lake, checked against native DuckDB reading the Gold and forecast
 * Parquet files directly: the baselines' scores are recomputed here from the fact table.
 */
describe('CLI forecast (tfjs wasm in Node over a lake folder)', () => {
	let dir: string;
	let native: DuckDBConnection;
	let json: ForecastJson;

	async function cli(...args: string[]) {
		const out: string[] = [];
		const err: string[] = [];
		const code = await runCli(args, { out: (text) => out.push(text), err: (text) => err.push(text) });
		return { code, out: out.join('\n'), err: err.join('\n') };
	}

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'cli-forecast-'));
		await generateRaw(
			{ salesLines: 3_000, seed: 9, from: '2024-01-01', to: '2024-09-30' },
			new NodeLakeStore(dir)
		);
		const pipeline = await cli('pipeline', '--lake', dir, '--threads', '1');
		expect(pipeline.code, pipeline.err).toBe(0);
		const forecast = await cli(
			'forecast',
			'--lake',
			dir,
			'--epochs',
			'2',
			'--units',
			'4',
			'--lookback',
			'14',
			'--json'
		);
		expect(forecast.code, forecast.err).toBe(0);
		json = JSON.parse(forecast.out) as ForecastJson;
		native = await openNativeConnection();
	}, 240_000);
	afterAll(async () => {
		native?.closeSync();
		await rm(dir, { recursive: true, force: true });
	});

	/** Daily units per category and in total from the fact table, spikes left out, every day of the range. */
	async function dailyUnits(): Promise<Map<string, number[]>> {
		const sales = await publishedFile(dir, 'gold/fact_sales');
		const products = await publishedFile(dir, 'gold/dim_product');
		const reader = await native.runAndReadAll(`
			WITH days AS (
				SELECT unnest(range(strptime(min(date_key)::VARCHAR, '%Y%m%d'), strptime(max(date_key)::VARCHAR, '%Y%m%d') + INTERVAL 1 DAY, INTERVAL 1 DAY))::DATE AS day
				FROM read_parquet('${sales}')
			), categories AS (SELECT DISTINCT category FROM read_parquet('${products}')),
			sales AS (
				SELECT strptime(f.date_key::VARCHAR, '%Y%m%d')::DATE AS day, p.category, sum(f.quantity) AS units
				FROM read_parquet('${sales}') f JOIN read_parquet('${products}') p USING (product_sk)
				WHERE NOT f.is_spike GROUP BY ALL
			)
			SELECT c.category, list(coalesce(s.units, 0)::DOUBLE ORDER BY d.day) AS units
			FROM days d CROSS JOIN categories c LEFT JOIN sales s ON s.day = d.day AND s.category = c.category
			GROUP BY c.category ORDER BY c.category`);
		const series = new Map<string, number[]>();
		for (const row of reader.getRowObjectsJson())
			series.set(String(row.category), (row.units as number[]).map(Number));
		const categories = [...series.values()];
		series.set(
			'Total',
			categories[0].map((_, d) => categories.reduce((sum, units) => sum + units[d], 0))
		);
		return series;
	}

	function rmsse(actual: number[], forecast: number[], history: number[]): number {
		let scale = 0;
		for (let t = 1; t < history.length; t++) scale += (history[t] - history[t - 1]) ** 2;
		const mse = actual.reduce((sum, value, h) => sum + (value - forecast[h]) ** 2, 0) / actual.length;
		return Math.sqrt(mse / (scale / (history.length - 1)));
	}

	it('trains on wasm and scores seasonal naive and the moving average as native DuckDB’s series give them', async () => {
		expect(json.backend).toBe('wasm');
		const series = await dailyUnits();
		expect(json.series.map((s) => s.name)).toEqual([...series.keys()]);
		for (const [name, units] of series) {
			const history = units.slice(0, -28);
			const actual = units.slice(-28);
			const naive = actual.map((_, h) => history[history.length - 7 + (h % 7)]);
			const mean = history.slice(-28).reduce((a, b) => a + b, 0) / 28;
			expect(json.metrics.seasonal_naive.series[name].rmsse, name).toBeCloseTo(
				rmsse(actual, naive, history),
				9
			);
			expect(json.metrics.moving_average.series[name].rmsse, name).toBeCloseTo(
				rmsse(
					actual,
					actual.map(() => mean),
					history
				),
				9
			);
		}
		for (const forecaster of ['lstm', 'seasonal_naive', 'moving_average', 'holt_winters']) {
			expect(json.metrics[forecaster].wrmsse, forecaster).toBeGreaterThan(0);
		}
		expect(json.coverage.p80).toBeGreaterThanOrEqual(0);
		expect(json.coverage.p95).toBeGreaterThanOrEqual(json.coverage.p80);
		expect(json.verdict).toContain('seasonal naive');
	});

	it('forecasts the 28 days after the last sale for every series, as saved in the lake’s Parquet', async () => {
		const manifest = JSON.parse(await readFile(join(dir, '_manifest.json'), 'utf8')) as LakeManifest;
		expect(json.run_id).toBe(manifest.run_id);
		expect(json.forecast).toHaveLength(28 * json.series.length);
		const parquet = join(dir, 'analytics', 'forecast', json.run_id, 'forecast.parquet');
		const reader = await native.runAndReadAll(`
			SELECT series, date::VARCHAR AS date, value FROM read_parquet('${parquet}')
			WHERE kind = 'future' ORDER BY series, date`);
		const saved = reader.getRowObjectsJson();
		const printed = [...json.forecast].sort(
			(a, b) => a.series.localeCompare(b.series) || a.date.localeCompare(b.date)
		);
		expect(saved.map((row) => [row.series, row.date])).toEqual(printed.map((row) => [row.series, row.date]));
		saved.forEach((row, i) => expect(Number(row.value)).toBeCloseTo(printed[i].units, 9));
		const [last] = (
			await native.runAndReadAll(
				`SELECT (max(strptime(date_key::VARCHAR, '%Y%m%d')::DATE) + 1)::VARCHAR AS next FROM read_parquet('${await publishedFile(dir, 'gold/fact_sales')}')`
			)
		).getRowObjectsJson();
		expect(printed.map((row) => row.date).sort()[0]).toBe(last.next);
		for (const name of ['model.json', 'weights.bin', 'evaluation.json']) {
			expect((await stat(join(dir, 'analytics', 'forecast', json.run_id, name))).size).toBeGreaterThan(0);
		}
	});

	it('a newer pipeline run keeps the saved forecast, which is then stale', async () => {
		const pipeline = await cli('pipeline', '--lake', dir, '--threads', '1', '--json');
		expect(pipeline.code, pipeline.err).toBe(0);
		const runId = (JSON.parse(pipeline.out) as { run_id: string }).run_id;
		expect(runId).not.toBe(json.run_id);
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		const stored = await readLatestForecast(
			new NodeLakeStore(dir),
			await createParquetWasmCodec(wasm),
			runId
		);
		expect(stored?.stale).toBe(true);
		expect(stored?.result.evaluation.runId).toBe(json.run_id);
	});

	it('refuses bad settings with the usage, and says how to get Gold when the lake has none', async () => {
		const bad = await cli('forecast', '--lake', dir, '--epochs', '0');
		expect(bad.code).toBe(2);
		expect(bad.err).toContain('--epochs must be a whole number from 1 to 200, got 0.');
		const backend = await cli('forecast', '--lake', dir, '--backend', 'webgl');
		expect(backend.code).toBe(2);
		expect(backend.err).toContain('--backend must be one of auto, wasm, cpu');
		const empty = await mkdtemp(join(tmpdir(), 'cli-forecast-empty-'));
		try {
			const { code, err } = await cli('forecast', '--lake', empty);
			expect(code).toBe(1);
			expect(err).toContain('has no published Gold yet: run "pipeline --lake');
		} finally {
			await rm(empty, { recursive: true, force: true });
		}
	});
});
