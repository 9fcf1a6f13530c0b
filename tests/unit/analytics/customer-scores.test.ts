import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	bucketCounts,
	ntile,
	revenueCuts,
	revenueOrder,
	rfmScores,
	tierOf,
	topByRevenue,
	type HistoryColumns
} from '../../../src/lib/analytics/customer-scores';
import { quantileCont } from '../../../src/lib/analytics/quantile';
import type { SqlEngine } from '../../../src/lib/sql/sql-engine';
import { openDuckDBWasmNode } from '../../../src/lib/sql/duckdb-wasm-node';

/** A small deterministic generator, so the histories below are the same on every run. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

/** `count` customers in id order, with many ties in orders, revenue and last day (what rankings must split). */
function history(count: number, seed: number): HistoryColumns {
	const next = random(seed);
	const ids = Array.from({ length: count }, (_, i) => `C${String(i).padStart(5, '0')}`);
	const pick = (values: number[]) => values[Math.floor(next() * values.length)];
	const cents = Float64Array.from(
		ids,
		() => pick([-1250, 0, 9999, 25000, 25000, 123456]) + Math.floor(next() * 3) * 10
	);
	return {
		count,
		id: (i) => ids[i],
		orders: Float64Array.from(ids, () => 1 + Math.floor(next() * 4)),
		revenue: cents.map((paise) => paise / 100),
		cents,
		margin: Float64Array.from(ids, () => Math.round(next() * 5000) / 100),
		lastKey: Float64Array.from(ids, () => pick([20240105, 20240229, 20241231, 20250301, 20250310]))
	};
}

/**
 * The history as a DuckDB table, to rank with DuckDB's own window functions and quantiles; the revenues go in
 * as text read as DOUBLE, so DuckDB holds the very numbers JavaScript does.
 */
async function load(sql: SqlEngine, h: HistoryColumns): Promise<void> {
	const rows = Array.from(
		{ length: h.count },
		(_, i) => `('${h.id(i)}', ${h.orders[i]}, '${h.revenue[i]}'::DOUBLE, ${h.lastKey[i]})`
	);
	await sql.exec(
		`CREATE OR REPLACE TABLE h AS SELECT * FROM (VALUES ${rows.join(', ')}) t(customer_id, orders, revenue, last_key)`
	);
}

describe('customer scores against DuckDB', () => {
	let sql: SqlEngine;
	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
	});
	afterAll(async () => {
		await sql.close();
	});

	it('ntile gives the bucket DuckDB gives for every rank of 0–23 rows', async () => {
		const { rows } = await sql.query(
			`SELECT n, k, ntile(5) OVER (PARTITION BY n ORDER BY k) AS bucket
			FROM range(1, 24) a(n), range(0, 23) b(k) WHERE k < n`
		);
		expect(rows.length).toBe(276);
		for (const row of rows) expect(ntile(Number(row.k), Number(row.n), 5)).toBe(Number(row.bucket));
	});

	it.each([
		[1, 1],
		[7, 2],
		[503, 3]
	])(
		'RFM scores of %i customers: ntile over recency, orders and revenue, ties by customer id',
		async (count, seed) => {
			const h = history(count, seed);
			await load(sql, h);
			const { rows } = await sql.query(`
			SELECT
				date_diff('day', make_date(last_key // 10000, last_key // 100 % 100, last_key % 100), DATE '2025-03-10') AS recency,
				ntile(5) OVER (ORDER BY recency DESC, customer_id) AS r,
				ntile(5) OVER (ORDER BY orders, customer_id) AS f,
				ntile(5) OVER (ORDER BY revenue, customer_id) AS m
			FROM h ORDER BY customer_id`);
			const scores = rfmScores(h, 20250310, revenueOrder(h));
			expect([...scores.recencyDays]).toEqual(rows.map((row) => Number(row.recency)));
			expect([...scores.r]).toEqual(rows.map((row) => Number(row.r)));
			expect([...scores.f]).toEqual(rows.map((row) => Number(row.f)));
			expect([...scores.m]).toEqual(rows.map((row) => Number(row.m)));
		}
	);

	it.each([1, 2, 10, 503])(
		'revenue cut-offs of %i customers equal quantile_cont to the bit',
		async (count) => {
			const h = history(count, count);
			await load(sql, h);
			const [row] = (
				await sql.query(`SELECT quantile_cont(revenue, 0.5) AS p50, quantile_cont(revenue, 0.75) AS p75,
				quantile_cont(revenue, 0.9) AS p90, min(revenue) FILTER (WHERE revenue > 0) AS smallest,
				max(revenue) AS top FROM h`)
			).rows;
			expect(revenueCuts(h, revenueOrder(h))).toEqual({
				p50: row.p50,
				p75: row.p75,
				p90: row.p90,
				smallest: row.smallest,
				top: row.top
			});
		}
	);
});

describe('customer scores by hand', () => {
	it('quantile_cont interpolates between the nearest ranks', () => {
		expect(quantileCont([10, 20, 30, 40], 0.5)).toBe(25);
		expect(quantileCont([10, 20, 30, 40, 50], 0.75)).toBe(40);
		expect(quantileCont([0, 100], 0.9)).toBe(90);
	});

	it('no customers: no cut-offs', () => {
		const none = history(0, 1);
		expect(revenueCuts(none, revenueOrder(none))).toBeNull();
	});

	it('tiers from the cut-offs, each cut-off inside its tier', () => {
		const cuts = { p50: 100, p75: 200, p90: 300, smallest: 1, top: 400 };
		expect([99.99, 100, 199, 200, 300, 1e6].map((r) => tierOf(r, cuts))).toEqual([
			'Bronze',
			'Silver',
			'Silver',
			'Gold',
			'Platinum',
			'Platinum'
		]);
	});

	it('buckets take their start, the last its end and beyond, the first anything below', () => {
		expect(bucketCounts([-5, 0, 99, 100, 150, 200, 500, 900], [0, 100, 200, 500])).toEqual([3, 2, 3]);
		expect(bucketCounts([1, 2], [])).toEqual([]);
	});

	it('the top customers by revenue, largest first, equal revenues in customer id order', () => {
		const revenue = [5, 9, 1, 9, 7, 9];
		const h: HistoryColumns = {
			count: revenue.length,
			id: (i) => `C${i}`,
			orders: new Float64Array(revenue.length),
			revenue: Float64Array.from(revenue),
			cents: Float64Array.from(revenue, (r) => r * 100),
			margin: new Float64Array(revenue.length),
			lastKey: new Float64Array(revenue.length)
		};
		expect(topByRevenue(h, revenueOrder(h), 4)).toEqual([1, 3, 5, 4]);
		expect(topByRevenue(h, revenueOrder(h))).toEqual([1, 3, 5, 4, 0, 2]);
	});

	it('revenues too far apart to pack with their index are ordered all the same', () => {
		const cents = [2 ** 52, -(2 ** 52), 5, 2 ** 52, 0];
		const h = { ...history(cents.length, 9), cents: Float64Array.from(cents) };
		expect([...revenueOrder(h)]).toEqual([1, 4, 2, 0, 3]);
	});
});
