import { describe, expect, it } from 'vitest';
import { statementLabel, StatementTimings } from '../../src/lib/sql/statement-timings';

describe('statement labels', () => {
	it('name a KPI query by its Grain sentence, up to the end of its first line', () => {
		const sql = `-- Grain: one channel (pos, web) with sales matching the filters (o: their order parts); share =
-- its part of their revenue.
SELECT o.channel FROM gold_fact_orders o`;
		expect(statementLabel(sql)).toBe(
			'one channel (pos, web) with sales matching the filters (o: their order parts); share ='
		);
	});

	it('mark a table made from a KPI query as kept', () => {
		const sql = `CREATE TEMP TABLE derived_4 AS -- Grain: one natural customer over their whole history
SELECT 1`;
		expect(statementLabel(sql)).toBe('kept: one natural customer over their whole history');
	});

	it('fall back to the statement itself, whitespace collapsed', () => {
		expect(statementLabel('SELECT  count(*)\n\tFROM "gold_fact_orders"')).toBe(
			'SELECT count(*) FROM "gold_fact_orders"'
		);
	});

	it('cut a long label at 90 characters, the last one an ellipsis', () => {
		const label = statementLabel(`SELECT ${'x, '.repeat(60)}y`);
		expect(label).toHaveLength(90);
		// 89 characters of "SELECT x, x, …" (7 + 27 × 3 = 88, then "x"), then the ellipsis.
		expect(label).toBe(`SELECT ${'x, '.repeat(27)}x…`);
	});
});

describe('statement timings', () => {
	it('sum the statements with one label and list them slowest first, to 0.1 ms', () => {
		const timings = new StatementTimings();
		timings.add('-- Grain: one city\nSELECT 1', 12.25);
		timings.add('load gold_fact_orders (Arrow rows into DuckDB)', 30);
		timings.add('-- Grain: one city\nSELECT 2', 20.5);
		timings.add('-- Grain: one row, the totals\nSELECT 3', 3.04);
		// one city: 12.25 + 20.5 = 32.75 → 32.8 (two statements); the load 30; the totals 3.04 → 3.
		expect(timings.list()).toEqual([
			{ label: 'one city', ms: 32.8, count: 2 },
			{ label: 'load gold_fact_orders (Arrow rows into DuckDB)', ms: 30, count: 1 },
			{ label: 'one row, the totals', ms: 3, count: 1 }
		]);
	});

	it('list nothing before any statement', () => {
		expect(new StatementTimings().list()).toEqual([]);
	});
});
