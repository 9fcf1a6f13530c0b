import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageReport } from '../../../src/lib/analytics/reports';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';
import { fillSql } from '../../../src/lib/sql/sql-template';
import { createCommercialFixture } from '../analytics/gold-fixture';

/**
 * Finding: the KPI templates repeat their filled conditions in their `--` comments, so a filter value with a
 * line break (a city typed into the URL: `?city=Mumbai%0A)%20OR%20TRUE%20--`) ended the comment there and the
 * rest of the value became SQL: `cli report --page sales --city $'Delhi\n) OR TRUE --'` failed with
 * "Parser Error: syntax error at or near ")"", and a value made to parse would have run as part of the query.
 * A value filled into a comment now goes on one line; in the SQL itself it stays a quoted literal.
 */
describe('filter value with a line break leaves its comment', () => {
	let sql: DuckDBWasmEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await createCommercialFixture(sql);
	});
	afterAll(() => sql?.close());

	it('fills a comment with the value on one line and the SQL with the value as given', () => {
		const template =
			"-- Grain: rows where {{where}}, not '--' {{where}}\nSELECT 1 WHERE {{where}} -- {{where}}";
		const where = "c = 'a\r\n) OR TRUE --'";
		expect(fillSql(template, { where })).toBe(
			"-- Grain: rows where c = 'a ) OR TRUE --', not '--' c = 'a ) OR TRUE --'\n" +
				`SELECT 1 WHERE ${where} -- c = 'a ) OR TRUE --'`
		);
	});

	it('answers a city with a line break as a city with no sales', async () => {
		// The fixture's Mumbai has sales, so the zeros below are the filter's doing: 140 at S1 and 90 on the web.
		const mumbai = await pageReport(sql, 'sales', { city: 'Mumbai' });
		expect(mumbai.cards.current.revenue).toBe(230);
		for (const page of ['overview', 'sales'] as const) {
			const report = await pageReport(sql, page, { city: 'Mumbai\n) OR TRUE --' });
			expect(report.cards.current, page).toMatchObject({ revenue: 0, orders: 0, customers: 0 });
		}
	});
});
