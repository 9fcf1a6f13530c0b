import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBWasmEngine } from '../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../src/lib/sql/duckdb-wasm-node';
import { sqlEngineContract } from './sql-engine.contract';

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
		// With autoloading off, DuckDB names the extension it would need instead of downloading it.
		await expect(engine.query(`SELECT * FROM read_parquet('nowhere.parquet')`)).rejects.toThrow(
			/read_parquet" is not in the catalog, but it exists in the parquet extension/
		);
	});

	it('tells a statement watcher each statement it runs, until told to stop', async () => {
		const seen: string[] = [];
		const times: number[] = [];
		const stop = engine.watchStatements((statement, ms) => {
			seen.push(statement);
			times.push(ms);
		});
		await engine.exec('CREATE TEMP TABLE watched AS SELECT 1 AS x');
		await engine.query('SELECT x FROM watched');
		await engine.queryArrowIPC('SELECT x + 1 AS y FROM watched');
		await expect(engine.query('SELECT nope FROM watched')).rejects.toThrow(/nope/);
		stop();
		await engine.exec('DROP TABLE watched');
		expect(seen).toEqual([
			'CREATE TEMP TABLE watched AS SELECT 1 AS x',
			'SELECT x FROM watched',
			'SELECT x + 1 AS y FROM watched',
			'SELECT nope FROM watched'
		]);
		expect(times.every((ms) => Number.isFinite(ms) && ms >= 0)).toBe(true);
	});

	sqlEngineContract('DuckDB-WASM', () => engine);
});
