import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGold } from '$lib/pipeline/gold/build-gold';
import { buildQualityReport } from '$lib/pipeline/quality/quality-report';
import { buildSilver } from '$lib/pipeline/silver/build-silver';
import type { IngestResult, QualityReport } from '$lib/pipeline/types';
import type { DuckDBWasmEngine } from '$lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '$lib/sql/duckdb-wasm-node';
import { loadRetailFixture, REFERENCE_TIME } from '../silver/retail-fixture';

/** The fixture's files as ingestion saw them: b1.csv of the POS sales lost a truncated last line. */
function ingested(dataset: IngestResult['dataset'], file: string, raw: number, rejected = 0): IngestResult {
	return {
		path: `raw/${dataset}/${file}`,
		dataset,
		batch_id: file.replace(/\.\w+$/, ''),
		sha256: 'x',
		rows_raw: raw,
		rows_bronze: raw - rejected,
		rows_rejected: rejected,
		status: 'ingested',
		duration_ms: 1
	};
}

const INGESTION: IngestResult[] = [
	ingested('pos_sales', 'b1.csv', 26, 1),
	ingested('pos_sales', 'a0.csv', 1),
	{ ...ingested('pos_sales', 'b1.csv', 26, 1), status: 'skipped' },
	ingested('web_orders', 'b1.ndjson', 6),
	ingested('inventory', 'b1.csv', 6),
	ingested('shipments', 'b1.csv', 5),
	ingested('products', 'b1.csv', 5),
	ingested('stores', 'b1.csv', 2),
	ingested('customers', 'b1.csv', 6)
];

describe('buildQualityReport', () => {
	let sql: DuckDBWasmEngine;
	let report: QualityReport;

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await loadRetailFixture(sql);
		const silver = await buildSilver(sql, { referenceTime: REFERENCE_TIME });
		const gold = await buildGold(sql);
		report = await buildQualityReport(sql, {
			runId: 'run-20250701-000000-abcd',
			generatedAt: '2025-07-01T00:00:05.000Z',
			ingestion: INGESTION,
			silver,
			gold
		});
	});
	afterAll(() => sql?.close());

	it('scores the rows that reached Gold clean; on a fixture this small every check needs attention', () => {
		expect(report.run_id).toBe('run-20250701-000000-abcd');
		// 57 raw rows (27 POS in two files, 6 web, 6 inventory, 5 shipments, 5 products, 2 stores, 6 customers).
		// Held back: 1 rejected when read + 9 quarantined (1 negative price, 5 future dates, 3 quantities out
		// of range) + 6 duplicates + 3 orphans (POS, web, inventory) = 19. Fixed: 2 customer ids filled + 1
		// shipment and 2 spikes flagged = 5. Clean: 57 − 19 − 5 = 33; 33 ÷ 57 = 57.89 %, shown as 57.8.
		expect(report.summary).toEqual({
			total_checks: 7,
			passed: 0,
			handled: 0,
			needs_attention: 7,
			rows_incoming: 57,
			rows_clean: 33,
			rows_held_back: 19,
			held_back: { rejected: 1, quarantined: 9, duplicates: 6, orphans: 3 },
			rows_fixed: 5,
			fixed: { filled: 2, flagged: 3 },
			quality_score: 57.8
		});
		expect(report.datasets_checked).toEqual([
			'pos_sales',
			'web_orders',
			'inventory',
			'shipments',
			'products',
			'stores',
			'customers'
		]);
		const checks = report.check_results.map((c) => [
			c.check_id,
			c.status,
			c.violations_found,
			c.total_rows_checked,
			c.violation_details.map((d) => [d.dataset, d.rows_checked, d.violations])
		]);
		expect(checks.slice(0, 6)).toEqual([
			[
				1,
				'NEEDS_ATTENTION',
				1,
				28,
				[
					['pos_sales', 24, 1],
					['web_orders', 4, 0]
				]
			],
			[
				2,
				'NEEDS_ATTENTION',
				5,
				44,
				[
					['pos_sales', 25, 1],
					['web_orders', 5, 1],
					['inventory', 5, 1],
					['shipments', 4, 1],
					['customers', 5, 1]
				]
			],
			[
				3,
				'NEEDS_ATTENTION',
				2,
				24,
				[
					['pos_sales', 20, 2],
					['web_orders', 4, 0]
				]
			],
			[
				4,
				'NEEDS_ATTENTION',
				6,
				56,
				[
					['pos_sales', 26, 1],
					['web_orders', 6, 1],
					['inventory', 6, 1],
					['shipments', 5, 1],
					['products', 5, 1],
					['stores', 2, 0],
					['customers', 6, 1]
				]
			],
			[
				5,
				'NEEDS_ATTENTION',
				4,
				31,
				[
					['pos_sales', 20, 1],
					['web_orders', 4, 1],
					['inventory', 4, 1],
					['shipments', 3, 1]
				]
			],
			// 3 quantities out of range (rejected) + 2 spikes (kept) in POS.
			[
				6,
				'NEEDS_ATTENTION',
				5,
				27,
				[
					['pos_sales', 23, 5],
					['web_orders', 4, 0]
				]
			]
		]);
	});

	it('counts check 7 per table: the columns under the threshold, a warning', () => {
		const check7 = report.check_results[6];
		expect([check7.check_id, check7.status, check7.violations_found]).toEqual([7, 'NEEDS_ATTENTION', 10]);
		const details = new Map(check7.violation_details.map((d) => [d.dataset, [d.rows_checked, d.violations]]));
		expect(details.size).toBe(7 + 6 + 18);
		expect(details.get('bronze/pos_sales')).toEqual([26, 1]);
		expect(details.get('gold/dim_customer')).toEqual([6, 4]);
		expect(details.get('gold/dim_store')).toEqual([3, 4]);
		// One part per order (build-gold.test.ts), every column filled: order_once is NULL only on mixed orders.
		expect(details.get('gold/fact_orders')).toEqual([19, 0]);
		expect(details.get('gold/fact_order_categories')).toEqual([22, 0]);
		expect(details.get('gold/agg_product_sales')).toEqual([21, 0]);
		// Every sale places in a state and region (S1's, S2's, C1's observed state in Mumbai); split_order_key,
		// NULL but on the rare order counted distinct, is not checked.
		expect(details.get('gold/agg_daily_orders')).toEqual([18, 0]);
		expect(details.get('gold/agg_daily_category_orders')).toEqual([21, 0]);
		expect(details.get('gold/agg_order_totals')).toEqual([8, 0]);
		expect(details.get('gold/agg_category_order_totals')).toEqual([13, 0]);
		// Every web line's order was shipped, so every stock draw has its store.
		expect(details.get('gold/agg_stock_draws')).toEqual([21, 0]);
		// channel and city, NULL on the rows of every channel or city, are not checked.
		expect(details.get('gold/agg_customer_months')).toEqual([25, 0]);
		expect(details.get('gold/agg_category_customer_months')).toEqual([17, 0]);
		expect(details.get('silver/sales_lines')).toEqual([24, 0]);
		expect(check7.total_rows_checked).toBe([...details.values()].reduce((total, [rows]) => total + rows, 0));
	});

	it('samples the lineage of offending rows per check and dataset', () => {
		const sample = (checkId: number, dataset: string) =>
			report.check_results[checkId - 1].violation_details.find((d) => d.dataset === dataset)?.sample;
		expect(sample(4, 'pos_sales')).toEqual([
			{
				_source_file: 'raw/pos_sales/b1.csv',
				_row_number: 4,
				reason: 'same contract columns as an earlier row'
			}
		]);
		expect(sample(5, 'shipments')).toEqual([
			{
				_source_file: 'raw/shipments/b1.csv',
				_row_number: 5,
				reason: 'order_id WEB-99 is not among the web orders (kept, flagged)'
			}
		]);
		expect(sample(6, 'pos_sales')?.map((s) => s._row_number)).toEqual([7, 8, 9, 19, 25]);
		expect(sample(3, 'pos_sales')?.map((s) => s._row_number)).toEqual([10, 11]);
		expect(sample(1, 'web_orders')).toBeUndefined();
	});

	it('measures completeness per column and layer against 95 %', () => {
		const column = (layer: string, table: string, name: string) =>
			report.completeness.find((c) => c.layer === layer && c.table === table && c.column === name);
		expect(column('bronze', 'pos_sales', 'customer_id')).toEqual({
			layer: 'bronze',
			table: 'pos_sales',
			column: 'customer_id',
			rows: 26,
			non_null: 25,
			pct: 96.15,
			passed: true
		});
		expect(column('gold', 'dim_customer', 'city')).toMatchObject({
			rows: 6,
			non_null: 5,
			pct: 83.33,
			passed: false
		});
		expect(column('bronze', '_rejects', 'reason')).toBeUndefined();
		expect(column('silver', 'sales_lines', '_source_file')).toBeUndefined();
		expect(column('gold', 'dim_customer', 'valid_to')).toBeUndefined();
		const failing = report.completeness
			.filter((c) => !c.passed)
			.map((c) => `${c.layer}/${c.table}.${c.column}`);
		expect(failing).toEqual([
			'bronze/pos_sales.total_amount',
			'bronze/web_orders.total_amount',
			'gold/dim_customer.customer_name',
			'gold/dim_customer.city',
			'gold/dim_customer.state',
			'gold/dim_customer.signup_date',
			'gold/dim_store.city',
			'gold/dim_store.state',
			'gold/dim_store.region',
			'gold/dim_store.opened_on'
		]);
	});

	it('reconciles rows from Raw to Silver per dataset and sales from Silver to Gold', () => {
		const { rows, sales } = report.reconciliation;
		expect(rows.find((r) => r.dataset === 'pos_sales')).toEqual({
			dataset: 'pos_sales',
			raw: 27,
			bronze: 26,
			rejects: 1,
			silver: 20,
			quarantined: 5,
			duplicates: 1,
			balanced: true
		});
		expect(rows.every((r) => r.balanced)).toBe(true);
		expect(sales).toEqual({
			silver_rows: 24,
			gold_rows: 22,
			orphan_rows: 2,
			silver_amount: '42247.50',
			gold_amount: '42102.50',
			orphan_amount: '145.00',
			balanced: true
		});
	});
});
