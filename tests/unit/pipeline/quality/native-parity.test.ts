import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createParquetWasmCodec } from '$lib/parquet/parquet-wasm-codec';
import { buildGold } from '$lib/pipeline/gold/build-gold';
import { buildQualityReport } from '$lib/pipeline/quality/quality-report';
import { buildSilver } from '$lib/pipeline/silver/build-silver';
import { DuckDBNativeEngine } from '$lib/sql/duckdb-native-engine';
import { openDuckDBWasmNode } from '$lib/sql/duckdb-wasm-node';
import type { SqlEngine } from '$lib/sql/sql-engine';
import { loadRetailFixture, REFERENCE_TIME } from '../silver/retail-fixture';

/** Runs Silver, Gold and the report on the fixture, and reads back every table they made, sorted. */
async function runPipeline(sql: SqlEngine) {
	await loadRetailFixture(sql);
	const silver = await buildSilver(sql, { referenceTime: REFERENCE_TIME });
	const gold = await buildGold(sql);
	const report = await buildQualityReport(sql, { runId: 'r', generatedAt: 'g', ingestion: [], silver, gold });
	const { rows } = await sql.query(
		`SELECT table_name FROM duckdb_tables() WHERE regexp_matches(table_name, '^(silver|gold)_') ORDER BY 1`
	);
	const tables: Record<string, unknown> = {};
	for (const { table_name } of rows) {
		tables[String(table_name)] = (await sql.query(`SELECT * FROM ${table_name} ORDER BY ALL`)).rows;
	}
	return { silver, gold, report, tables };
}

describe('the pipeline SQL on native DuckDB 1.5 (the CLI) and DuckDB-WASM 1.4 (the browser)', () => {
	let native: DuckDBNativeEngine;
	let wasm: Awaited<ReturnType<typeof openDuckDBWasmNode>>;
	beforeAll(async () => {
		const codecWasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		native = await DuckDBNativeEngine.open(await createParquetWasmCodec(codecWasm), { threads: 1 });
		wasm = await openDuckDBWasmNode();
	});
	afterAll(async () => {
		await native?.close();
		await wasm?.close();
	});

	it('builds the same tables, counts and report', async () => {
		const [fromNative, fromWasm] = [await runPipeline(native), await runPipeline(wasm)];
		expect(Object.keys(fromWasm.tables)).toHaveLength(8 + 19);
		expect(fromNative).toEqual(fromWasm);
	});
});
