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
		await expect(engine.query(`SELECT * FROM read_parquet('nowhere.parquet')`)).rejects.toThrow();
	});

	sqlEngineContract('DuckDB-WASM', () => engine);
});
