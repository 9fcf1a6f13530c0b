import type { DuckDBConnection } from '@duckdb/node-api';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main';
import { openNativeLake, type NativeLake } from '../../src/cli/native-lake';
import { AnalyticsService } from '../../src/lib/engine/analytics-service';
import { CONSOLE_EXAMPLES, consoleTables } from '../../src/lib/engine/console-tables';
import type { LakeFileInfo } from '../../src/lib/engine/engine-api';
import { LakeService } from '../../src/lib/engine/lake-service';
import { generateRaw } from '../../src/lib/generate/generate-raw';
import { NodeLakeStore } from '../../src/lib/lake/node-lake-store';
import { readManifest } from '../../src/lib/pipeline/run/manifest';
import { publishedFile } from './helpers/published-file';
import { openNativeConnection } from './helpers/native-duckdb';

const column = { name: 'n', type: 'BIGINT' };

describe('consoleTables', () => {
	it('offers the published Gold and Silver tables by their SQL names, Gold first; not Bronze batches or other files', () => {
		const file = (path: string, stored?: string): LakeFileInfo => ({
			path,
			stored,
			size: 1,
			modified: 0,
			parquet: { rows: 7, columns: [column] }
		});
		const tables = consoleTables([
			file('silver/_quarantine.parquet', 'silver/_quarantine/r2.parquet'),
			file('gold/fact_sales.parquet', 'gold/fact_sales/r2.parquet'),
			file('bronze/pos_sales/b1.parquet', 'bronze/pos_sales/b1/r1.parquet'),
			file('gold/dim_date.parquet', 'gold/dim_date/r1.parquet'),
			file('user/mine.parquet'),
			file('gold/fact_sales/r1.parquet')
		]);
		expect(tables.map((t) => [t.name, t.path])).toEqual([
			['gold_dim_date', 'gold/dim_date.parquet'],
			['gold_fact_sales', 'gold/fact_sales.parquet'],
			['silver_quarantine', 'silver/_quarantine.parquet']
		]);
		expect(tables[0]).toMatchObject({ rows: 7, columns: [column] });
	});
});

/** The console on a fresh lake: its first query sees every table; the examples agree with native DuckDB. */
describe('SQL console on a published lake', () => {
	let dir: string;
	let lake: NativeLake;
	let analytics: AnalyticsService;
	let native: DuckDBConnection;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'console-'));
		await generateRaw(
			{ salesLines: 1_500, seed: 5, from: '2024-01-01', to: '2024-06-30' },
			new NodeLakeStore(dir)
		);
		const code = await runCli(['pipeline', '--lake', dir, '--threads', '1'], {
			out: () => {},
			err: () => {}
		});
		expect(code).toBe(0);
		lake = await openNativeLake(dir, { threads: 1 });
		analytics = new AnalyticsService(new LakeService(lake.sql, lake.store, lake.codec), () =>
			readManifest(lake.store)
		);
		native = await openNativeConnection();
	}, 120_000);
	afterAll(async () => {
		native?.closeSync();
		await lake?.sql.close();
		await rm(dir, { recursive: true, force: true });
	});

	async function nativeValue(sql: string): Promise<number> {
		const reader = await native.runAndReadAll(sql);
		return Number(reader.getRows()[0][0]);
	}

	async function example(label: string) {
		const found = CONSOLE_EXAMPLES.find((e) => e.label === label);
		if (!found) throw new Error(`no example ${label}`);
		return analytics.consoleQuery(found.sql);
	}

	it('answers a Gold and a Silver table on the first query, without loading them first', async () => {
		const sales = await publishedFile(dir, 'gold/fact_sales');
		const { rows } = await analytics.consoleQuery('SELECT count(*)::INTEGER AS n FROM GOLD_FACT_SALES');
		expect(rows[0].n).toBe(await nativeValue(`SELECT count(*) FROM read_parquet('${sales}')`));
		const quarantine = await publishedFile(dir, 'silver/_quarantine');
		const held = await analytics.consoleQuery('SELECT count(*)::INTEGER AS n FROM silver_quarantine');
		expect(held.rows[0].n).toBe(await nativeValue(`SELECT count(*) FROM read_parquet('${quarantine}')`));
	});

	it('names the tables that exist when a query names one that does not', async () => {
		await expect(analytics.consoleQuery('SELECT * FROM gold_fact_sale')).rejects.toThrow(
			/The lake's tables: .*gold_fact_sales.*silver_quarantine/
		);
	});

	it('runs every example; their totals equal native DuckDB reading the Parquet files', async () => {
		const sales = await publishedFile(dir, 'gold/fact_sales');
		const months = await example('Revenue by month');
		expect(months.rows.length).toBe(6);
		const revenue = months.rows.reduce((sum, row) => sum + Number(row.revenue), 0);
		expect(revenue).toBeCloseTo(
			await nativeValue(`SELECT sum(net_amount) FROM read_parquet('${sales}') WHERE NOT is_spike`),
			2
		);
		expect((await example('Top products')).rows).toHaveLength(10);
		const held = await example('Rows held back');
		expect(held.rows.reduce((sum, row) => sum + Number(row.rows), 0)).toBe(
			await nativeValue(
				`SELECT count(*) FROM read_parquet('${await publishedFile(dir, 'silver/_quarantine')}')`
			)
		);
		const stockouts = await example('Stock-outs by store');
		const inventory = await publishedFile(dir, 'gold/fact_inventory');
		expect(stockouts.rows.reduce((sum, row) => sum + Number(row.stockouts), 0)).toBe(
			await nativeValue(`SELECT count(*) FROM read_parquet('${inventory}') WHERE is_stockout`)
		);
	});
});
