import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kpiFilters } from '../../src/lib/analytics/filters';
import type { DashboardFilters } from '../../src/lib/filters/url-filters';
import { AnalyticsService } from '../../src/lib/engine/analytics-service';
import { LakeService } from '../../src/lib/engine/lake-service';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { MemoryLakeStore } from '../../src/lib/lake/memory-lake-store';
import type { ParquetCodec } from '../../src/lib/parquet/parquet-codec';
import { createParquetWasmCodec } from '../../src/lib/parquet/parquet-wasm-codec';
import { readManifest } from '../../src/lib/pipeline/run/manifest';
import { runPipeline } from '../../src/lib/pipeline/run/run-pipeline';
import { DerivedTables } from '../../src/lib/sql/derived-tables';
import type { DuckDBWasmEngine } from '../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '../../src/lib/sql/sql-engine';
import { freshEngineReport } from './helpers/fresh-report';

/** The engine, with every statement it runs recorded in `statements`. */
function recorded(sql: SqlEngine, statements: string[]): SqlEngine {
	return {
		...sql,
		exec: (text) => (statements.push(text), sql.exec(text)),
		query: (text, options) => sql.query(text, options)
	};
}

async function temporaryTables(sql: SqlEngine): Promise<string[]> {
	const { rows } = await sql.query(
		`SELECT table_name FROM duckdb_tables() WHERE temporary ORDER BY table_name`
	);
	return rows.map((row) => String(row.table_name));
}

describe('DerivedTables (DuckDB-WASM)', () => {
	let sql: DuckDBWasmEngine;
	const statements: string[] = [];
	let engine: SqlEngine;
	const SUM = 'SELECT sum(x)::INTEGER AS s FROM t';
	const COUNT = 'SELECT count(*)::INTEGER AS n FROM t';
	const MAX = 'SELECT max(x)::INTEGER AS m FROM t';

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		engine = recorded(sql, statements);
		await sql.exec('CREATE TABLE t AS SELECT * FROM (VALUES (1), (2), (3)) v(x)');
	});
	afterAll(() => sql?.close());

	const valueOf = async (table: string) =>
		Object.values((await sql.query(`SELECT * FROM ${table}`)).rows[0])[0];

	it('makes a table once per SELECT and generation, and drops the old ones when the data changes', async () => {
		const derived = new DerivedTables(engine);
		const [a, b] = await Promise.all([derived.table(SUM, 1), derived.table(SUM, 1)]);
		expect(a).toBe(b);
		expect(await valueOf(a)).toBe(6);
		expect(statements.filter((s) => s.startsWith('CREATE'))).toHaveLength(1);

		await sql.exec('INSERT INTO t VALUES (10)');
		// The same generation: the table made before, its rows as they were.
		expect(await valueOf(await derived.table(SUM, 1))).toBe(6);
		const next = await derived.table(SUM, 2);
		expect(next).not.toBe(a);
		expect(await valueOf(next)).toBe(16);
		expect(await temporaryTables(sql)).toEqual([next]);
	});

	it('keeps `limit` tables, dropping the least recently used', async () => {
		const derived = new DerivedTables(engine, 2);
		const sum = await derived.table(SUM, 1);
		const count = await derived.table(COUNT, 1);
		expect(await derived.table(SUM, 1)).toBe(sum);
		const max = await derived.table(MAX, 1);
		expect((await temporaryTables(sql)).filter((t) => [sum, count, max].includes(t)).sort()).toEqual(
			[sum, max].sort()
		);
		expect(await derived.table(COUNT, 1)).not.toBe(count);
	});

	it('keeps no table for a SELECT that failed; the next call tries again', async () => {
		const derived = new DerivedTables(engine);
		await expect(derived.table('SELECT * FROM missing', 1)).rejects.toThrow(/missing/);
		await sql.exec('CREATE TABLE missing AS SELECT 42 AS answer');
		expect(await valueOf(await derived.table('SELECT * FROM missing', 1))).toBe(42);
	});
});

/**
 * Customers' histories are kept for the loaded Gold (a city change reuses them): each report equals a fresh
 * engine's, and a run this engine publishes (fewer sales: the web orders gone) replaces them.
 */
describe('customers’ histories kept across reports (generated lake, AnalyticsService)', () => {
	const store = new MemoryLakeStore();
	let codec: ParquetCodec;
	let sql: DuckDBWasmEngine;
	let analytics: AnalyticsService;

	const freshCustomers = async (filters: DashboardFilters) =>
		(await freshEngineReport(store, codec, 'customers', kpiFilters(filters))).report;

	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		codec = await createParquetWasmCodec(wasm);
		await generateRaw({ seed: 5, salesLines: 4_000, from: '2024-01-01', to: '2024-03-31' }, store);
		sql = await openDuckDBWasmNode();
		expect((await runPipeline({ sql, store, codec })).status).toBe('succeeded');
		analytics = new AnalyticsService(new LakeService(sql, store, codec), () => readManifest(store));
	}, 120_000);
	afterAll(() => sql?.close());

	it('answers every filter as a fresh engine does, and a new run’s Gold with new histories', async () => {
		const cities = (await analytics.report('customers', kpiFilters({}))).report.cities.map((c) => c.city);
		const asked: DashboardFilters[] = [
			{ city: cities[0] },
			{ city: cities[1] },
			{},
			{ channel: 'web' },
			{ city: cities[0] }
		];
		for (const filters of asked) {
			expect((await analytics.report('customers', kpiFilters(filters))).report).toEqual(
				await freshCustomers(filters)
			);
		}
		// Two histories (every channel, web: a city does not cut one) and the listed movers' versions, which read no
		// filter. With no date range the histories and the other customer queries read the order parts Gold added up
		// over every day, and new against returning customers Gold's counts: no first months.
		expect((await temporaryTables(sql)).filter((t) => t.startsWith('derived_'))).toHaveLength(3);
		const before = (await analytics.report('customers', kpiFilters({}))).report;

		const webOrders = (await readManifest(store))!.ingested.find((file) => file.dataset === 'web_orders')!;
		await store.delete(webOrders.path);
		const run = runPipeline({ sql, store, codec });
		analytics.duringPipelineRun(run);
		expect((await run).status).toBe('succeeded');
		const after = (await analytics.report('customers', kpiFilters({}))).report;
		expect(after).toEqual(await freshCustomers({}));
		expect(after.clv).not.toEqual(before.clv);
	}, 120_000);

	it('ranks the customers once per history: a city change finds the CLV and RFM summaries made', async () => {
		const queries: string[] = [];
		const watched = new Proxy(sql, {
			get(target, property) {
				if (property === 'queryArrowIPC') {
					return (text: string) => (queries.push(text), target.queryArrowIPC(text));
				}
				const value: unknown = Reflect.get(target, property, target);
				return typeof value === 'function' ? value.bind(target) : value;
			}
		});
		const service = new AnalyticsService(new LakeService(watched, store, codec), () => readManifest(store));
		// Each ranking reads the history's customers as columns (history-columns.sql).
		const rankings = () =>
			queries.filter((text) => text.includes('customer-history.sql), in customer id order')).length;
		const cities = (await service.report('customers', kpiFilters({}))).report.cities.map((c) => c.city);
		expect(rankings()).toBe(1);
		const inCity = (await service.report('customers', kpiFilters({ city: cities[0] }))).report;
		expect(rankings()).toBe(1);
		expect(inCity).toEqual(await freshCustomers({ city: cities[0] }));
		// Another channel is another history.
		const web = (await service.report('customers', kpiFilters({ channel: 'web', city: cities[0] }))).report;
		expect(rankings()).toBe(2);
		expect(web).toEqual(await freshCustomers({ channel: 'web', city: cities[0] }));
	}, 120_000);
});
