import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	dateKeyToDay,
	readDailySeries,
	TOTAL_SERIES,
	type DailySeries
} from '../../../src/lib/forecast/daily-series';
import { HORIZON } from '../../../src/lib/forecast/split';
import type { DuckDBWasmEngine } from '../../../src/lib/sql/duckdb-wasm-engine';
import { openPipelinedLake } from '../analytics/pipelined-lake';

describe('the daily series read from a generated, pipelined lake', () => {
	let sql: DuckDBWasmEngine;
	let series: DailySeries;

	beforeAll(async () => {
		sql = await openPipelinedLake({ seed: 3, salesLines: 4_000, from: '2024-01-01', to: '2024-07-31' });
		series = await readDailySeries(sql);
	}, 120_000);
	afterAll(() => sql?.close());

	const rows = async (text: string) => (await sql.query(text)).rows;

	it('spans the first to the last sales day, every category then the total', async () => {
		const [range] = await rows(`SELECT min(date_key) AS lo, max(date_key) AS hi FROM gold_fact_sales`);
		expect(series.firstDay).toBe(dateKeyToDay(Number(range.lo)));
		expect(series.days).toBe(dateKeyToDay(Number(range.hi)) - series.firstDay + 1);
		const categories = await rows(`SELECT DISTINCT category FROM gold_dim_product ORDER BY category`);
		expect(series.names).toEqual([...categories.map((row) => String(row.category)), TOTAL_SERIES]);
	});

	it('equals the fact table summed per day and category without the flagged spikes; missing days are 0', async () => {
		const facts = await rows(`
			SELECT f.date_key, p.category, sum(f.quantity)::DOUBLE AS units, sum(f.net_amount)::DOUBLE AS revenue
			FROM gold_fact_sales f JOIN gold_dim_product p USING (product_sk)
			WHERE NOT f.is_spike GROUP BY ALL`);
		const expectedUnits = series.names.map(() => new Float64Array(series.days));
		const expectedRevenue = series.names.map(() => new Float64Array(series.days));
		const total = series.names.length - 1;
		for (const row of facts) {
			const d = dateKeyToDay(Number(row.date_key)) - series.firstDay;
			const s = series.names.indexOf(String(row.category));
			for (const [expected, value] of [
				[expectedUnits, Number(row.units)],
				[expectedRevenue, Number(row.revenue)]
			] as const) {
				expected[s][d] += value;
				expected[total][d] += value;
			}
		}
		series.units.forEach((units, s) => expect([...units]).toEqual([...expectedUnits[s]]));
		series.revenue.forEach((revenue, s) =>
			revenue.forEach((value, d) => expect(value).toBeCloseTo(expectedRevenue[s][d], 6))
		);
		expect(series.units.slice(0, total).some((units) => units.includes(0))).toBe(true);
		const [spikes] = await rows(`SELECT sum(quantity)::DOUBLE AS units FROM gold_fact_sales WHERE is_spike`);
		expect(Number(spikes.units)).toBeGreaterThan(0);
	});

	it('takes festival and salary days from dim_date, and the horizon’s from the calendar that marks dim_date', async () => {
		const days = await rows(
			`SELECT date_key, is_festival, is_salary_day FROM gold_dim_date ORDER BY date_key`
		);
		expect(series.festival).toHaveLength(series.days + HORIZON);
		let checkedAhead = 0;
		for (const row of days) {
			const d = dateKeyToDay(Number(row.date_key)) - series.firstDay;
			if (d < 0 || d >= series.days + HORIZON) continue;
			expect([d, series.festival[d]]).toEqual([d, row.is_festival ? 1 : 0]);
			expect([d, series.salary[d]]).toEqual([d, row.is_salary_day ? 1 : 0]);
			if (d >= series.days) checkedAhead++;
		}
		// Shipments run past the last sale, so dim_date covers some forecast days: they agree.
		expect(checkedAhead).toBeGreaterThan(0);
		expect(series.festival.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
	});
});
