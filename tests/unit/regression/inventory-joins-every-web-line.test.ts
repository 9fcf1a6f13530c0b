import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiFilters } from '../../../src/lib/analytics/filters';
import { inventoryReport } from '../../../src/lib/analytics/inventory';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createInventoryFixture } from '../analytics/operations-fixture';

/**
 * Finding: on each change of filters the Inventory page joined every web sales line to the shipments, by
 * order id, to find the store whose stock it drew on (77–135 ms of a 1M-line report in Node). Gold now keeps
 * the sales by day, store drawn on, product and spike flag (gold_agg_stock_draws), and the page reads those
 * instead of the lines. The fixture is operations-fixture.ts' inventory lake.
 */
describe('inventory joins every web line', () => {
	let sql: DuckDBWasmEngine;
	const rows = async (query: string) => (await sql.query(query)).rows.map((row) => Object.values(row));

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createInventoryFixture(sql);
	});
	afterAll(() => sql?.close());

	it('keeps the sales by the store they drew on, worked out by hand', async () => {
		// O1 and O3 at S1, O2 (30 units: a spike) at S2; web: W1 shipped from S2, W2 from S1, W3 not shipped.
		expect(
			await rows(`SELECT date_key, store_sk, product_sk, is_spike, units, cost_amount::VARCHAR
				FROM gold_agg_stock_draws ORDER BY date_key`)
		).toEqual([
			[20240103, 1, 1, false, 2, '120.00'],
			[20240105, 2, 3, true, 30, '120.00'],
			[20240109, 2, 1, false, 1, '60.00'],
			[20240110, 1, 2, false, 5, '40.00'],
			[20240112, null, 3, false, 10, '40.00'],
			[20240113, 1, 2, false, 3, '24.00']
		]);
	});

	it('gives the same report with the sales lines and shipments gone', async () => {
		const cases: KpiFilters[] = [{}, { city: 'Mumbai' }, { spikes: 'exclude' }, { category: 'Electronics' }];
		const before = await Promise.all(cases.map((filters) => inventoryReport(sql, filters)));
		// Cost of goods sold 120 + 120 + 60 + 40 + 40 + 24 = 404 and 51 units, as the fixture works them out.
		expect([before[0].totals.cogs, before[0].totals.unitsSold]).toEqual([404, 51]);
		await sql.exec('DROP TABLE gold_fact_sales; DROP TABLE gold_fact_shipments');
		for (const [i, filters] of cases.entries()) {
			expect(await inventoryReport(sql, filters), JSON.stringify(filters)).toEqual(before[i]);
		}
	});
});
