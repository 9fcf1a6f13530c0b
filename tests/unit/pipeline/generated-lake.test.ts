import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRaw } from '../../../src/lib/generate/generate-raw';
import type { RawTruth } from '../../../src/lib/generate/truth';
import { MemoryLakeStore } from '../../../src/lib/lake/memory-lake-store';
import { createParquetWasmCodec } from '../../../src/lib/parquet/parquet-wasm-codec';
import { runPipeline } from '../../../src/lib/pipeline/run/run-pipeline';
import type { QualityReport, RunLog } from '../../../src/lib/pipeline/types';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

// The whole pipeline on a generated lake, judged against the generator's ground truth.
describe('pipeline on generated data (DuckDB-WASM, memory lake)', () => {
	let sql: DuckDBWasmEngine;
	let truth: RawTruth;
	let log: RunLog;
	let report: QualityReport;

	beforeAll(async () => {
		const wasm = await readFile(
			createRequire(import.meta.url).resolve('parquet-wasm/esm/parquet_wasm_bg.wasm')
		);
		const store = new MemoryLakeStore();
		({ truth } = await generateRaw(
			{ seed: 11, salesLines: 15_000, from: '2024-01-01', to: '2025-06-30' },
			store
		));
		sql = await openDuckDBWasmNode();
		log = await runPipeline({ sql, store, codec: await createParquetWasmCodec(wasm) });
		report = log.quality!;
	}, 120_000);
	afterAll(() => sql?.close());

	const one = async (query: string) => (await sql.query(query)).rows[0];

	it('finds exactly the injected defects, per check and dataset: no misses, no false positives', () => {
		expect(log.status).toBe('succeeded');
		let compared = 0;
		let violations = 0;
		for (const result of report.check_results.filter((r) => r.check_id <= 6)) {
			for (const detail of result.violation_details) {
				const injected = Object.entries(truth.defects[detail.dataset as keyof RawTruth['defects']] ?? {})
					.filter(
						([kind]) => truth.defectKinds[kind as keyof RawTruth['defectKinds']].check === result.check_id
					)
					.reduce((sum, [, count]) => sum + (count ?? 0), 0);
				expect(detail.violations, `check ${result.check_id}, ${detail.dataset}`).toBe(injected);
				compared++;
				violations += detail.violations;
			}
		}
		// Checks 1–6 over the datasets each applies to, and a lake with defects of every kind.
		expect(compared).toBeGreaterThanOrEqual(18);
		expect(violations).toBeGreaterThan(100);
	});

	it('accounts for every row from Raw to Gold, and Σ net amount reconciles Silver = Gold + orphans', async () => {
		for (const file of log.ingestion) {
			expect(file.rows_raw, file.path).toBe(truth.files[file.dataset].rows);
			expect(file.rows_bronze + file.rows_rejected, file.path).toBe(file.rows_raw);
		}
		expect(report.reconciliation.rows.every((r) => r.balanced)).toBe(true);
		const totals = await one(`SELECT
			(SELECT count(*) FROM silver_sales_lines)::INTEGER AS silver_rows,
			(SELECT count(*) FROM gold_fact_sales)::INTEGER AS gold_rows,
			(SELECT count(*) FROM gold_orphans WHERE dataset <> 'inventory')::INTEGER AS orphan_rows,
			(SELECT sum(net_amount) FROM silver_sales_lines)::VARCHAR AS silver_amount,
			((SELECT sum(net_amount) FROM gold_fact_sales)
				+ (SELECT coalesce(sum(net_amount), 0) FROM gold_orphans WHERE dataset <> 'inventory'))::VARCHAR AS gold_amount`);
		expect(totals.silver_rows).toBe(Number(totals.gold_rows) + Number(totals.orphan_rows));
		expect(totals.gold_amount).toBe(totals.silver_amount);
	});

	it('keeps SCD2 versions disjoint, one current per customer, two or more for movers', async () => {
		const checks = await one(`
			WITH v AS (
				SELECT customer_id, valid_from, valid_to, is_current,
					lead(valid_from) OVER (PARTITION BY customer_id ORDER BY valid_from) AS next_from
				FROM gold_dim_customer)
			SELECT
				count(*) FILTER (WHERE next_from IS NOT NULL AND valid_to <> next_from)::INTEGER AS gaps_or_overlaps,
				count(*) FILTER (WHERE valid_to IS NOT NULL AND valid_to < valid_from)::INTEGER AS inverted,
				(SELECT count(*) FROM (SELECT customer_id FROM gold_dim_customer GROUP BY ALL
					HAVING count(*) FILTER (WHERE is_current) <> 1))::INTEGER AS not_one_current,
				(SELECT count(*) FROM (SELECT customer_id FROM gold_dim_customer GROUP BY ALL
					HAVING count(*) >= 2))::INTEGER AS versioned
			FROM v`);
		expect(checks).toEqual({
			gaps_or_overlaps: 0,
			inverted: 0,
			not_one_current: 0,
			versioned: truth.customers.movers
		});
	});

	it('keys every sale to the customer version valid at its time', async () => {
		const { wrong, unkeyed } = await one(`SELECT
			count(*) FILTER (WHERE c.customer_sk IS NOT NULL AND NOT (f.ts >= c.valid_from
				AND (c.valid_to IS NULL OR f.ts < c.valid_to) AND c.customer_id = f.customer_id))::INTEGER AS wrong,
			count(*) FILTER (WHERE c.customer_sk IS NULL)::INTEGER AS unkeyed
			FROM gold_fact_sales f LEFT JOIN gold_dim_customer c USING (customer_sk)`);
		expect({ wrong, unkeyed }).toEqual({ wrong: 0, unkeyed: 0 });
	});
});
