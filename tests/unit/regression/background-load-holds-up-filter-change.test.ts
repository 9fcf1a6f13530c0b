import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { CATEGORY_ORDER_TOTALS } from '../../../src/lib/analytics/order-parts';
import { AnalyticsService } from '../../../src/lib/engine/analytics-service';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import type { DecodeOptions, ParquetCodec } from '../../../src/lib/parquet/parquet-codec';
import { openNodeParquetCodec } from '../../../src/lib/parquet/node-parquet-codec';
import { readManifest } from '../../../src/lib/pipeline/run/manifest';
import type { RunLog } from '../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { loadParquetTable } from '../../../src/lib/sql/load-parquet';
import { publishGeneratedLake } from '../helpers/published-lake';

/**
 * Finding: a filter chosen a few seconds after a dashboard showed its figures waited about a second more than
 * one chosen at once (1M lines, the Overview's first city: 1,036–1,301 ms against 225). Once the pages were
 * quiet, background work loaded whole Gold tables in one piece (the order parts by category loaded ahead,
 * 1.9 s; fact_sales for the summary's detection, 2.4 s), and the page's request waited for the load to end.
 * A background request's loads now pause between row groups (one is ~0.3 s at 1M), and a page request that
 * needs the table meanwhile loads it itself.
 */
describe('a table loaded by background work, with a page asking meanwhile', () => {
	const ROWS_PER_GROUP = 100;

	it('loads a row group at a time, pausing after each but the last, and stops where the pause says', async () => {
		const sql = await openDuckDBWasmNode();
		try {
			const inner = await openNodeParquetCodec({ rowGroupSize: ROWS_PER_GROUP });
			const decoded: (number[] | undefined)[] = [];
			const codec: ParquetCodec = {
				...inner,
				decode: (bytes: Uint8Array, options?: DecodeOptions) => {
					decoded.push(options?.rowGroups);
					return inner.decode(bytes, options);
				}
			};
			const parquet = codec.encode(await sql.queryArrowIPC(`SELECT i::INTEGER AS i FROM range(450) t(i)`));
			const pauses: number[] = [];
			const count = async () => (await sql.query(`SELECT count(*)::INTEGER AS n FROM t`)).rows[0].n;

			// 450 rows: groups of 100, 100, 100, 100 and 50; a pause after each of the first four.
			const between = async () => {
				pauses.push(Number(await count()));
				return true;
			};
			expect(await loadParquetTable(sql, codec, 't', parquet, between)).toBe(true);
			expect(decoded).toEqual([[0], [1], [2], [3], [4]]);
			expect(pauses).toEqual([100, 200, 300, 400]);
			expect(await count()).toBe(450);

			// Told to stop at the second pause: two row groups loaded, and it says it did not load the whole.
			pauses.length = 0;
			const stopAtSecond = async () => {
				pauses.push(Number(await count()));
				return pauses.length < 2;
			};
			expect(await loadParquetTable(sql, codec, 't', parquet, stopAtSecond)).toBe(false);
			expect(await count()).toBe(200);
		} finally {
			await sql.close();
		}
	});

	describe('the category sums, loaded ahead by an engine', () => {
		const store = new MemoryLakeStore();
		let codec: ParquetCodec;
		let publishedRows: number;
		const decodes: { bytes: number; rowGroups?: number[] }[] = [];
		const engines: DuckDBWasmEngine[] = [];
		const CATEGORY = kpiFilters({ category: 'Electronics' });
		const CITY = kpiFilters({ city: 'Mumbai' });

		beforeAll(async () => {
			// Small row groups, so that the table's load has several pauses.
			const inner = await openNodeParquetCodec({ rowGroupSize: ROWS_PER_GROUP });
			codec = {
				...inner,
				decode: (bytes: Uint8Array, options?: DecodeOptions) => {
					decodes.push({ bytes: bytes.length, rowGroups: options?.rowGroups });
					return inner.decode(bytes, options);
				}
			};
			await publishGeneratedLake(store, codec, 8);
			publishedRows = (await readManifest(store))!.tables['gold/agg_category_order_totals'].rows;
			expect(publishedRows).toBeGreaterThan(3 * ROWS_PER_GROUP);
		}, 120_000);
		afterAll(async () => {
			await Promise.all(engines.map((engine) => engine.close()));
		});

		async function pageEngine(): Promise<{ sql: DuckDBWasmEngine; analytics: AnalyticsService }> {
			const sql = await openDuckDBWasmNode();
			engines.push(sql);
			return {
				sql,
				analytics: new AnalyticsService(new LakeService(sql, store, codec), () => readManifest(store))
			};
		}

		/**
		 * Sends `ask` once `background` has loaded the first row group of `table`; gives the order the two were
		 * answered in.
		 */
		async function askDuringLoad(
			sql: DuckDBWasmEngine,
			table: string,
			background: () => Promise<unknown>,
			ask: () => Promise<unknown>
		): Promise<string[]> {
			const answered: string[] = [];
			let asked: Promise<unknown> | null = null;
			const stop = sql.watchStatements((statement) => {
				if (asked === null && statement.startsWith(`load ${table}`))
					asked = ask().then(() => answered.push('page'));
			});
			await background().then(() => answered.push('background'));
			stop();
			expect(asked).not.toBeNull();
			await asked;
			return answered;
		}
		const askDuringPreload = (
			sql: DuckDBWasmEngine,
			analytics: AnalyticsService,
			ask: () => Promise<unknown>
		) => askDuringLoad(sql, CATEGORY_ORDER_TOTALS, () => analytics.preloadCategorySums(), ask);

		const rowsLoaded = async (sql: DuckDBWasmEngine) =>
			(await sql.query(`SELECT count(*)::INTEGER AS n FROM ${CATEGORY_ORDER_TOTALS}`)).rows[0].n;

		it('answers a report that needs the table before the preload ends, loading the rest of it: every row once', async () => {
			const fresh = await pageEngine();
			const expected = (await fresh.analytics.report('overview', CATEGORY)).report;

			const { sql, analytics } = await pageEngine();
			const file = (await readManifest(store))!.tables['gold/agg_category_order_totals'];
			decodes.length = 0;
			let report: unknown;
			const answered = await askDuringPreload(sql, analytics, async () => {
				report = (await analytics.report('overview', CATEGORY)).report;
			});
			expect(answered).toEqual(['page', 'background']);
			expect(report).toEqual(expected);
			expect(await rowsLoaded(sql)).toBe(publishedRows);
			// The report went on from the preload's first row group: each decoded once, in order.
			const groups = Math.ceil(publishedRows / ROWS_PER_GROUP);
			const decoded = decodes.filter((d) => d.bytes === file.bytes).map((d) => d.rowGroups);
			expect(decoded).toEqual(Array.from({ length: groups }, (_, i) => [i]));
		}, 120_000);

		it('answers a report that does not need it before the preload ends, which then loads the rest', async () => {
			const { sql, analytics } = await pageEngine();
			const answered = await askDuringPreload(sql, analytics, () => analytics.report('overview', CITY));
			expect(answered).toEqual(['page', 'background']);
			expect(await rowsLoaded(sql)).toBe(publishedRows);
			// Loaded whole: the first category chosen loads nothing.
			const { statements } = await analytics.report('overview', CATEGORY);
			expect(statements.filter((s) => s.label.startsWith(`load ${CATEGORY_ORDER_TOTALS}`))).toEqual([]);
		}, 120_000);

		it('stops part-way when a run of the same engine starts, adding no row to the table the run builds', async () => {
			const { sql, analytics } = await pageEngine();
			let finishRun!: (log: RunLog) => void;
			const run = new Promise<RunLog>((resolve) => (finishRun = resolve));
			let started = false;
			const stop = sql.watchStatements((statement) => {
				if (!started && statement.startsWith(`load ${CATEGORY_ORDER_TOTALS}`)) {
					started = true;
					analytics.duringPipelineRun(run);
				}
			});
			expect(await analytics.preloadCategorySums()).toBe(false);
			stop();
			// The first row group only.
			expect(await rowsLoaded(sql)).toBe(ROWS_PER_GROUP);
			// A run that did not publish: the next report loads the table afresh, whole.
			finishRun({ run_id: 'none', status: 'failed' } as RunLog);
			await analytics.report('overview', CATEGORY);
			expect(await rowsLoaded(sql)).toBe(publishedRows);
		}, 120_000);

		it('lets a report in while any background request loads a table it names (the summary’s detection)', async () => {
			const { sql, analytics } = await pageEngine();
			const sales = 'gold_fact_sales';
			let counted: unknown;
			const answered = await askDuringLoad(
				sql,
				sales,
				() =>
					analytics.onPublished(
						async (engine) =>
							(counted = (await engine.query(`SELECT count(*)::INTEGER AS n FROM ${sales}`)).rows[0].n),
						{ priority: 'background' }
					),
				() => analytics.report('overview', CITY)
			);
			expect(answered).toEqual(['page', 'background']);
			expect(counted).toBe((await readManifest(store))!.tables['gold/fact_sales'].rows);
		}, 120_000);
	});
});
