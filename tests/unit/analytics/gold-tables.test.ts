import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoldTables, NoGoldError, withGoldTables } from '../../../src/lib/analytics/gold-tables';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

function manifest(runId: string, keys: string[]): LakeManifest {
	const tables = Object.fromEntries(keys.map((key) => [key, { path: `${key}.parquet`, rows: 1, bytes: 1 }]));
	return { version: 1, run_id: runId, published_at: '2024-01-01T00:00:00Z', tables, ingested: [] };
}

describe('GoldTables: the published Gold a query names is loaded on first use', () => {
	let sql: SqlEngine;
	let published: LakeManifest | null;
	let loads: string[];
	let gold: GoldTables;
	let goldSql: SqlEngine;

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(() => sql.close());

	function setUp(initial: LakeManifest | null) {
		published = initial;
		loads = [];
		gold = new GoldTables(
			async () => published,
			async (path, table) => {
				loads.push(`${path}→${table}`);
				const run = published?.run_id ?? '';
				await sql.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT '${run}' AS run_id`);
			}
		);
		goldSql = withGoldTables(sql, gold);
	}

	it('loads only the tables a query names, once per published run', async () => {
		setUp(manifest('r1', ['gold/fact_sales', 'gold/dim_product', 'silver/sales_lines']));
		await goldSql.query('SELECT * FROM gold_fact_sales');
		await goldSql.query('SELECT * FROM gold_fact_sales f JOIN gold_dim_product p ON TRUE');
		expect(loads).toEqual([
			'gold/fact_sales.parquet→gold_fact_sales',
			'gold/dim_product.parquet→gold_dim_product'
		]);
	});

	it('keeps tables while the manifest names the same run, and reloads after another run publishes', async () => {
		setUp(manifest('r1', ['gold/fact_sales']));
		await goldSql.query('SELECT * FROM gold_fact_sales');
		gold.recheck();
		await goldSql.query('SELECT * FROM gold_fact_sales');
		expect(loads).toHaveLength(1);

		published = manifest('r2', ['gold/fact_sales']);
		await goldSql.query('SELECT * FROM gold_fact_sales');
		expect(loads).toHaveLength(1); // the manifest is not re-read until recheck()
		gold.recheck();
		const { rows } = await goldSql.query('SELECT run_id FROM gold_fact_sales');
		expect(loads).toHaveLength(2);
		expect(rows).toEqual([{ run_id: 'r2' }]);
	});

	it('reloads everything after invalidate() (this engine rebuilt the tables)', async () => {
		setUp(manifest('r1', ['gold/fact_sales']));
		await goldSql.query('SELECT * FROM gold_fact_sales');
		gold.invalidate();
		await goldSql.query('SELECT * FROM gold_fact_sales');
		expect(loads).toHaveLength(2);
	});

	it('loads a table once when two queries ask for it at the same time', async () => {
		setUp(manifest('r1', ['gold/fact_sales']));
		await Promise.all([
			goldSql.query('SELECT count(*) FROM gold_fact_sales'),
			goldSql.query('SELECT count(*) FROM gold_fact_sales')
		]);
		expect(loads).toHaveLength(1);
	});

	it('says how to get data when nothing is published', async () => {
		setUp(null);
		await expect(goldSql.query('SELECT * FROM gold_fact_sales')).rejects.toBeInstanceOf(NoGoldError);
	});

	it('tries again after a failed load', async () => {
		setUp(manifest('r1', ['gold/fact_sales']));
		let failures = 1;
		const flaky = new GoldTables(
			async () => published,
			async (_path, table) => {
				if (failures-- > 0) throw new Error('disk hiccup');
				await sql.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT 1 AS x`);
			}
		);
		const flakySql = withGoldTables(sql, flaky);
		await expect(flakySql.query('SELECT * FROM gold_fact_sales')).rejects.toThrow('disk hiccup');
		expect((await flakySql.query('SELECT x FROM gold_fact_sales')).rows).toEqual([{ x: 1 }]);
	});
});
