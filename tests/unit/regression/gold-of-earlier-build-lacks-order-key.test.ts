import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { kpiCards, revenueByCity } from '../../../src/lib/analytics/commercial';
import { kpiFilters } from '../../../src/lib/analytics/filters';
import { addMissingGoldColumns, earlierGoldStandIns } from '../../../src/lib/analytics/gold-compat';
import type { DashboardReports } from '../../../src/lib/analytics/reports';
import { AnalyticsService } from '../../../src/lib/engine/analytics-service';
import { LakeService } from '../../../src/lib/engine/lake-service';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../../src/lib/lake/node-lake-store';
import { sha256Hex } from '../../../src/lib/lake/sha256';
import { openNodeParquetCodec } from '../../../src/lib/parquet/node-parquet-codec';
import { readManifest, writeManifest } from '../../../src/lib/pipeline/run/manifest';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createCommercialFixture } from '../analytics/gold-fixture';
import { publishedFile } from '../helpers/published-file';
import { openNativeConnection } from '../helpers/native-duckdb';

/**
 * Finding: the dashboards count orders by gold_fact_sales.order_key, which Gold published by an earlier
 * build lacks, so a lake kept in the browser from before would fail on every page until a new run. Loading
 * such a table now adds the column. Such Gold has no order parts (gold_fact_orders, and by category
 * gold_fact_order_categories), nor those added up over every day, either: they are made
 * from the facts once loaded (a stand-in). The fixture's orders (gold-fixture.ts): O1 (two lines), O2…O5, so
 * 5 orders; Mumbai has O1 and O3, Delhi O2, O4 and O5; Electronics (P1) is in O1, O3 and O5.
 */
describe('Gold of an earlier build, without order_key', () => {
	let sql: DuckDBWasmEngine;
	const keys = async () =>
		(await sql.query('SELECT order_id, order_key FROM gold_fact_sales ORDER BY order_id, line_no')).rows;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
	});
	afterAll(() => sql?.close());

	it('gets the column on load, and the orders count as before', async () => {
		await sql.exec(`ALTER TABLE gold_fact_sales DROP COLUMN order_key;
			DROP TABLE gold_fact_orders; DROP TABLE gold_fact_order_categories;
			DROP TABLE gold_agg_order_totals; DROP TABLE gold_agg_category_order_totals`);
		await expect(kpiCards(sql, { category: 'Electronics' })).rejects.toThrow(
			/gold_agg_category_order_totals/
		);
		await expect(kpiCards(sql, {})).rejects.toThrow(/gold_agg_order_totals/);

		await addMissingGoldColumns(sql, 'gold_fact_sales');
		expect(await keys()).toEqual([
			{ order_id: 'O1', order_key: 1 },
			{ order_id: 'O1', order_key: 1 },
			{ order_id: 'O2', order_key: 2 },
			{ order_id: 'O3', order_key: 3 },
			{ order_id: 'O4', order_key: 4 },
			{ order_id: 'O5', order_key: 5 }
		]);
		const standIns = earlierGoldStandIns(sql);
		await standIns.make('gold_fact_order_categories');
		await standIns.make('gold_agg_category_order_totals');
		expect((await kpiCards(sql, { category: 'Electronics' })).current.orders).toBe(3);
		await standIns.make('gold_fact_orders');
		await standIns.make('gold_agg_order_totals');
		expect((await kpiCards(sql, {})).current.orders).toBe(5);
		expect((await revenueByCity(sql, {})).map(({ city, orders }) => [city, orders])).toEqual([
			['Delhi', 3],
			['Mumbai', 2]
		]);
	});

	it('leaves a table that has it, and other tables, as they are', async () => {
		await sql.exec('UPDATE gold_fact_sales SET order_key = order_key + 10');
		await addMissingGoldColumns(sql, 'gold_fact_sales');
		await addMissingGoldColumns(sql, 'gold_dim_product');
		expect((await keys()).map((row) => row.order_key)).toEqual([11, 11, 12, 13, 14, 15]);
	});
});

/**
 * The same finding where a lake is read: the browser's AnalyticsService and the CLI's reports, over a lake
 * folder whose published gold/fact_sales Parquet was rewritten without the column and whose manifest names
 * no gold/fact_orders, gold/fact_order_categories, gold/agg_product_sales, gold/agg_stock_draws,
 * gold/agg_daily_orders, gold/agg_daily_category_orders, gold/agg_order_totals, gold/agg_category_order_totals,
 * gold/agg_customer_months or gold/agg_category_customer_months (as earlier builds published them), give the reports they gave before
 * under a city (the Sales and Inventory pages' too: the daily order sums are made from order parts that are
 * themselves made from the lines) and the Customers page's under a category, and the orders a second engine
 * counts by order_id.
 */
describe('a lake published by an earlier build, read by the app and the CLI', () => {
	let dir: string;
	let before: DashboardReports;
	let beforeCategory: DashboardReports;
	const FILTER = ['--city', 'Pune'];
	const CATEGORY = ['--page', 'customers', '--category', 'Electronics'];

	async function report(...filters: string[]): Promise<DashboardReports> {
		const out: string[] = [];
		const code = await runCli(['report', '--lake', dir, '--json', ...filters], {
			out: (text) => out.push(text),
			err: () => {}
		});
		expect(code).toBe(0);
		return (JSON.parse(out.join('\n')) as { pages: DashboardReports }).pages;
	}

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'earlier-gold-'));
		await generateRaw(
			{ salesLines: 1_500, seed: 5, from: '2024-01-01', to: '2024-03-31' },
			new NodeLakeStore(dir)
		);
		expect(
			await runCli(['pipeline', '--lake', dir, '--threads', '1'], { out: () => {}, err: () => {} })
		).toBe(0);
		before = await report(...FILTER);
		beforeCategory = await report(...CATEGORY);

		// The published file rewritten without order_key, and the manifest's size and SHA-256 with it.
		const store = new NodeLakeStore(dir);
		const { checksum: _, ...manifest } = (await readManifest(store))!;
		const entry = manifest.tables['gold/fact_sales'];
		const file = join(dir, entry.path);
		const native = await openNativeConnection();
		await native.run(
			`COPY (SELECT * EXCLUDE (order_key) FROM read_parquet('${file}')) TO '${file}.old' (FORMAT parquet)`
		);
		const columns = (await native.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}.old')`))
			.getRowObjects()
			.map((row) => row.column_name);
		expect(columns).not.toContain('order_key');
		expect(columns).toContain('order_id');
		const bytes = await readFile(`${file}.old`);
		await writeFile(file, bytes);
		await rm(`${file}.old`);
		manifest.tables['gold/fact_sales'] = {
			...entry,
			bytes: bytes.byteLength,
			sha256: await sha256Hex(bytes)
		};
		delete manifest.tables['gold/fact_orders'];
		delete manifest.tables['gold/fact_order_categories'];
		delete manifest.tables['gold/agg_product_sales'];
		delete manifest.tables['gold/agg_stock_draws'];
		delete manifest.tables['gold/agg_daily_orders'];
		delete manifest.tables['gold/agg_daily_category_orders'];
		delete manifest.tables['gold/agg_order_totals'];
		delete manifest.tables['gold/agg_category_order_totals'];
		delete manifest.tables['gold/agg_customer_months'];
		delete manifest.tables['gold/agg_category_customer_months'];
		await writeManifest(store, manifest);
		native.closeSync();
	}, 180_000);
	afterAll(() => rm(dir, { recursive: true, force: true }));

	it('the CLI reports what it reported before, its orders as counted by order_id', async () => {
		const after = await report(...FILTER);
		expect(after).toEqual(before);
		expect(await report(...CATEGORY)).toEqual(beforeCategory);
		expect(beforeCategory.customers.newVsReturning.length).toBeGreaterThan(1);
		const native = await openNativeConnection();
		const file = await publishedFile(dir, 'gold/fact_sales');
		const [{ orders }] = (
			await native.runAndReadAll(`SELECT count(DISTINCT order_id)::INTEGER AS orders FROM read_parquet('${file}')
				WHERE city = 'Pune' AND NOT is_spike AND NOT is_return`)
		).getRowObjects() as { orders: number }[];
		native.closeSync();
		expect(after.overview.cards.current.orders).toBe(orders);
		expect(orders).toBeGreaterThan(10);
	});

	it('the app’s engine loads it and reports what the CLI reported before', async () => {
		const [sql, codec] = await Promise.all([openDuckDBWasmNode(), openNodeParquetCodec()]);
		try {
			const store = new NodeLakeStore(dir);
			const analytics = new AnalyticsService(new LakeService(sql, store, codec), () => readManifest(store));
			const { report } = await analytics.report('overview', kpiFilters({ city: 'Pune' }), { grain: 'month' });
			expect(report).toEqual(before.overview);
			const sales = await analytics.report('sales', kpiFilters({ city: 'Pune' }), { grain: 'month' });
			expect(sales.report).toEqual(before.sales);
			const inventory = await analytics.report('inventory', kpiFilters({ city: 'Pune' }));
			expect(inventory.report).toEqual(before.inventory);
			expect(before.inventory.totals.cogs).toBeGreaterThan(0);
		} finally {
			await sql.close();
		}
	});
});
