import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRaw } from '../../../../src/lib/generate/generate-raw';
import type { RawTruth } from '../../../../src/lib/generate/truth';
import { MemoryLakeStore } from '../../../../src/lib/lake/memory-lake-store';
import { bronzeTable, ingestFile } from '../../../../src/lib/pipeline/ingest/ingest-file';
import { listRawFiles } from '../../../../src/lib/pipeline/ingest/raw-files';
import type { IngestResult } from '../../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../../src/lib/sql/duckdb-wasm-node';
import { FRESH } from './ingest-fixtures';

describe('ingesting a generated lake', () => {
	let sql: DuckDBWasmEngine;
	let truth: RawTruth;
	const results: IngestResult[] = [];
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		const store = new MemoryLakeStore();
		const config = { seed: 7, salesLines: 8000, from: '2024-01-01', to: '2024-06-30', defectRate: 0.05 };
		truth = (await generateRaw(config, store)).truth;
		for (const file of await listRawFiles(store)) results.push(await ingestFile(sql, store, file, FRESH));
	});
	afterAll(() => sql?.close());

	it('ingests every raw file, counting exactly the rows the generator wrote', () => {
		expect(results).toHaveLength(7);
		expect(results.filter((result) => result.status !== 'ingested')).toEqual([]);
		for (const { dataset, path, rows_raw, rows_bronze } of results) {
			expect(path).toBe(truth.files[dataset].path);
			expect(rows_raw, dataset).toBe(truth.files[dataset].rows);
			// Every row the generator wrote but the unparseable ones it injected reaches Bronze.
			const { malformed_date = 0, malformed_number = 0, truncated_line = 0 } = truth.defects[dataset];
			expect(rows_bronze, dataset).toBe(
				truth.files[dataset].rows - malformed_date - malformed_number - truncated_line
			);
		}
	});

	it('rejects exactly the malformed and truncated rows the generator injected', () => {
		for (const { dataset, rows_rejected } of results) {
			const { malformed_date = 0, malformed_number = 0, truncated_line = 0 } = truth.defects[dataset];
			expect(rows_rejected, dataset).toBe(malformed_date + malformed_number + truncated_line);
		}
		expect(truth.defects.pos_sales.malformed_number).toBeGreaterThan(0);
		expect(truth.defects.inventory.malformed_date).toBeGreaterThan(0);
	});

	it('holds the same rows in DuckDB as the results report', async () => {
		for (const { dataset, rows_bronze, rows_rejected } of results) {
			const { rows } = await sql.query(
				`SELECT (SELECT count(*) FROM ${bronzeTable(dataset)})::INTEGER AS bronze,
				        (SELECT count(*) FROM bronze_rejects WHERE dataset = '${dataset}')::INTEGER AS rejects`
			);
			expect(rows, dataset).toEqual([{ bronze: rows_bronze, rejects: rows_rejected }]);
		}
	});

	it('gives row numbers 1…rows_raw, each once, across Bronze and its rejects', async () => {
		for (const { dataset, rows_raw } of results) {
			const { rows } = await sql.query(
				`SELECT count(DISTINCT n)::INTEGER AS distinct_rows, min(n)::INTEGER AS first, max(n)::INTEGER AS last
				 FROM (SELECT _row_number AS n FROM ${bronzeTable(dataset)}
				       UNION ALL SELECT _row_number FROM bronze_rejects WHERE dataset = '${dataset}')`
			);
			expect(rows, dataset).toEqual([{ distinct_rows: rows_raw, first: 1, last: rows_raw }]);
		}
	});
});
