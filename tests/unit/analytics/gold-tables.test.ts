import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GoldTables, NoGoldError, withGoldTables } from '../../../src/lib/analytics/gold-tables';
import { localLeases } from '../../../src/lib/lake/snapshot-leases';
import type { LakeManifest } from '../../../src/lib/pipeline/types';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

let sequence = 0;

/** A manifest naming each key's file `<key>/<runId>.parquet`, as a run writes them. */
function manifest(runId: string, keys: string[]): LakeManifest {
	const tables = Object.fromEntries(
		keys.map((key) => [key, { path: `${key}/${runId}.parquet`, rows: 1, bytes: 1, sha256: '' }])
	);
	return {
		version: 2,
		sequence: ++sequence,
		run_id: runId,
		published_at: '2024-01-01T00:00:00Z',
		previous: null,
		tables,
		ingested: [],
		checksum: ''
	};
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
			'gold/fact_sales/r1.parquet→gold_fact_sales',
			'gold/dim_product/r1.parquet→gold_dim_product'
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

	it('reads the tables a run of this engine built after adopt(), and reloads another tab’s later version', async () => {
		setUp(manifest('r1', ['gold/fact_sales']));
		await goldSql.query('SELECT * FROM gold_fact_sales');
		// This engine's run built the table and published r2.
		await sql.exec(`CREATE OR REPLACE TABLE gold_fact_sales AS SELECT 'built by r2' AS run_id`);
		published = manifest('r2', ['gold/fact_sales']);
		gold.adopt(published);
		expect((await goldSql.query('SELECT run_id FROM gold_fact_sales')).rows).toEqual([
			{ run_id: 'built by r2' }
		]);
		expect(await gold.runId()).toBe('r2');
		expect(loads).toHaveLength(1);
		// Another tab publishes r3: the next request rechecks and loads its file.
		published = manifest('r3', ['gold/fact_sales']);
		gold.recheck();
		expect((await goldSql.query('SELECT run_id FROM gold_fact_sales')).rows).toEqual([{ run_id: 'r3' }]);
		expect(loads).toEqual([
			'gold/fact_sales/r1.parquet→gold_fact_sales',
			'gold/fact_sales/r3.parquet→gold_fact_sales'
		]);
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

	it('starts over once on the current version when its version’s files were removed under it', async () => {
		setUp(manifest('r1', ['gold/fact_sales', 'gold/dim_product']));
		const mixed = new GoldTables(
			async () => published,
			async (path, table) => {
				// r1's files are gone by the time the reader gets to them: the lake moved on to r2.
				if (path.includes('/r1.')) {
					published = manifest('r2', ['gold/fact_sales', 'gold/dim_product']);
					throw new Error(`The lake file ${path} is damaged: the manifest lists it but the file is missing.`);
				}
				loads.push(path);
				await sql.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT '${path}' AS file`);
			}
		);
		const { rows } = await withGoldTables(sql, mixed).query(
			'SELECT f.file AS fact, d.file AS dim FROM gold_fact_sales f, gold_dim_product d'
		);
		expect(rows).toEqual([{ fact: 'gold/fact_sales/r2.parquet', dim: 'gold/dim_product/r2.parquet' }]);
	});

	it('holds its version while loading, so a cleanup keeps that version’s files', async () => {
		setUp(manifest('r1', ['gold/fact_sales']));
		const leases = localLeases();
		const heldDuringLoad: number[][] = [];
		const leased = new GoldTables(
			async () => published,
			async (_path, table) => {
				heldDuringLoad.push([...(await leases.held())]);
				await sql.exec(`CREATE OR REPLACE TABLE ${table} AS SELECT 1 AS x`);
			},
			leases
		);
		await withGoldTables(sql, leased).query('SELECT * FROM gold_fact_sales');
		expect(heldDuringLoad).toEqual([[published!.sequence]]);
		expect(await leases.held()).toEqual(new Set());
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
