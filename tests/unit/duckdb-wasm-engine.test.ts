import { tableFromIPC } from 'apache-arrow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBWasmEngine } from '../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';

describe('DuckDB-WASM engine (Node build)', () => {
	let engine: DuckDBWasmEngine;
	beforeAll(async () => {
		engine = await openDuckDBWasmNode();
	});
	afterAll(() => engine?.close());

	it('embeds DuckDB 1.4.3 and has autoloading disabled and locked', async () => {
		expect(engine.version).toBe('v1.4.3');
		const { rows } = await engine.query(
			`SELECT current_setting('autoload_known_extensions') AS autoload,
			        current_setting('lock_configuration') AS locked`
		);
		expect(rows).toEqual([{ autoload: false, locked: true }]);
		await expect(engine.exec(`SET autoload_known_extensions = true`)).rejects.toThrow(/lock/i);
	});

	it('fails fast instead of reaching for the network when Parquet is used', async () => {
		await expect(engine.query(`SELECT * FROM read_parquet('nowhere.parquet')`)).rejects.toThrow();
	});

	it('returns rows with SQL types and exact values', async () => {
		const result = await engine.query(`
			SELECT 42::INTEGER AS i, 9007199254740993::BIGINT AS big, 2.5::DOUBLE AS d, 'ā"b' AS s,
			       NULL::VARCHAR AS n, DATE '2024-11-01' AS day,
			       TIMESTAMP '2024-11-01 18:30:05' AS ts, 1234.56::DECIMAL(12,2) AS amount, true AS flag`);
		expect(result.columns).toEqual([
			{ name: 'i', type: 'INTEGER' },
			{ name: 'big', type: 'BIGINT' },
			{ name: 'd', type: 'DOUBLE' },
			{ name: 's', type: 'VARCHAR' },
			{ name: 'n', type: 'VARCHAR' },
			{ name: 'day', type: 'DATE' },
			{ name: 'ts', type: 'TIMESTAMP' },
			{ name: 'amount', type: 'DECIMAL(12,2)' },
			{ name: 'flag', type: 'BOOLEAN' }
		]);
		expect(result.rows).toEqual([
			{
				i: 42,
				big: 9007199254740993n,
				d: 2.5,
				s: 'ā"b',
				n: null,
				day: new Date('2024-11-01T00:00:00Z'),
				ts: new Date('2024-11-01T18:30:05Z'),
				amount: 1234.56,
				flag: true
			}
		]);
	});

	it('negative decimals keep their sign', async () => {
		const { rows } = await engine.query(
			`SELECT (-0.05)::DECIMAL(18,2) AS a, (-123456789.12)::DECIMAL(38,2) AS b`
		);
		expect(rows).toEqual([{ a: -0.05, b: -123456789.12 }]);
	});

	it('round-trips a table through an Arrow IPC stream', async () => {
		const ipc = await engine.queryArrowIPC(
			`SELECT range::INTEGER AS id, range * 1.5 AS x FROM range(5000) UNION ALL SELECT NULL, NULL`
		);
		expect(tableFromIPC(ipc).numRows).toBe(5001);
		await engine.loadArrowIPC('copy', ipc);
		const { rows } = await engine.query(
			`SELECT count(*)::INTEGER AS n, count(id)::INTEGER AS ids, sum(id)::BIGINT AS s, sum(x) AS sx FROM copy`
		);
		// Σ 0..4999 = 4999·5000/2 = 12,497,500; Σ 1.5·i = 18,746,250
		expect(rows).toEqual([{ n: 5001, ids: 5000, s: 12_497_500, sx: 18_746_250 }]);
	});

	it('replaces a table loaded twice under one name', async () => {
		await engine.loadArrowIPC('t', await engine.queryArrowIPC(`SELECT 1 AS a`));
		await engine.loadArrowIPC('t', await engine.queryArrowIPC(`SELECT 2 AS a UNION ALL SELECT 3`));
		expect((await engine.query(`SELECT sum(a)::INTEGER AS s FROM t`)).rows).toEqual([{ s: 5 }]);
	});

	it('caps the rows it converts but reports how many the query returned', async () => {
		const result = await engine.query(`SELECT range::INTEGER AS n FROM range(10)`, { maxRows: 3 });
		expect(result.rows).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
		expect(result.rowCount).toBe(10);
	});

	it('reads a registered CSV file with read_csv, offline', async () => {
		const csv = 'id,name,price\r\n1,"Pasta, 500g",89.50\r\n2,"Olive ""Extra"" Oil",499\r\n';
		await engine.registerFile('sample.csv', new TextEncoder().encode(csv));
		const { rows } = await engine.query(
			`SELECT id, name, price FROM read_csv('sample.csv', header = true, all_varchar = true) ORDER BY id`
		);
		expect(rows).toEqual([
			{ id: '1', name: 'Pasta, 500g', price: '89.50' },
			{ id: '2', name: 'Olive "Extra" Oil', price: '499' }
		]);
		await engine.dropFile('sample.csv');
		await expect(engine.query(`SELECT * FROM read_csv('sample.csv')`)).rejects.toThrow();
	});
});
