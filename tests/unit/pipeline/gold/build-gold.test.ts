import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGold } from '$lib/pipeline/gold/build-gold';
import { decimalUnits } from '$lib/pipeline/quality/decimal-text';
import { buildSilver } from '$lib/pipeline/silver/build-silver';
import type { GoldStats, SilverStats } from '$lib/pipeline/types';
import type { DuckDBWasmEngine } from '$lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '$lib/sql/duckdb-wasm-node';
import { loadRetailFixture, REFERENCE_TIME } from '../silver/retail-fixture';

describe('buildGold', () => {
	let sql: DuckDBWasmEngine;
	let silver: SilverStats;
	let gold: GoldStats;
	const rows = async (query: string) => (await sql.query(query)).rows.map((row) => Object.values(row));

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await loadRetailFixture(sql);
		silver = await buildSilver(sql, { referenceTime: REFERENCE_TIME });
		gold = await buildGold(sql);
	});
	afterAll(() => sql?.close());

	it('counts every table and reconciles sales lines and amounts with Silver', () => {
		// From retail-fixture.ts. POS lines kept in Gold: INV-0, INV-1 ×2 (its duplicate dropped), INV-7, INV-8,
		// INV-9 ×2, INV-11, INV-20…24, INV-30…35 = 19 (INV-2…6 held back, INV-12 an orphan); web: WEB-1 ×2,
		// WEB-2 = 3 (WEB-3 held back, WEB-4 an orphan); 22 lines. Their amounts: POS 120 + 151.50 + 200 + 120
		// + 120 + 20 + 60 + 120 + (2,000 + 4,000 + 6,000 + 8,000 + 20,200) + (10 + 20 + 30 + 40 + 50 + 600) =
		// 41,861.50; web 101 + 100 + 40 = 241; 42,102.50 in all. Orphans: INV-12 120 + WEB-4 25 = 145.
		// Order parts: one per order, as INV-1's, INV-9's and WEB-1's two lines share day, store, customer and
		// flags (no spike, no return): 17 POS orders + 2 web = 19. By category: INV-1 (P2 Personal Care, P1
		// Grocery), INV-9 (P3 Stationery, P2) and WEB-1 (P2, P1) each split in two, 19 + 3 = 22. Stock draws
		// (day × store drawn on × product × spike flag): the 19 POS lines but INV-7 and INV-8 (one day, store and
		// product) = 18; WEB-1's two products from SH-1's S1 and WEB-2 from SH-3's S2 (SH-2 held back) = 3; 21.
		// By day × product × city × channel × spike flag: the same 18 POS rows (a store has one city) and the
		// 3 web lines, 21. Order parts by day and place (day × channel × city × state × region × spike flag):
		// the 19 parts but INV-7's and INV-8's (one day, store and flags) = 18; by category too, the 22 category
		// parts but those two (both P1 Grocery) = 21. The customers of a month, UNKNOWN left out: C1 in Nov 2024
		// (POS in Pune, her first order) and in Mar 2025 (POS in Pune and web in Mumbai, returning), C3 (web) and C4
		// (POS) new in Delhi in Mar, C2 new in Apr and back in May (POS in Pune); a row per month × new or
		// returning × channel or all × city or all: Nov 2 × 2, Mar returning 1 + 2 + 2 + 2 (all channels: all,
		// Mumbai, Pune; POS: all, Pune; web: all, Mumbai), Mar new 3 × 2, Apr and May 2 × 2 each = 25. By
		// category (× channel or all, no city): Grocery C1 in Nov (POS) and Mar (POS and web), C2 new in Apr (POS)
		// = 2 + 3 + 2; Personal Care C1 in Mar (POS and web, returning), C4 new in Mar (POS) = 3 + 2; Stationery
		// C3 (web) and C4 (POS) new in Mar, C2 back in May (POS) = 3 + 2; 17. The order parts over every day (customer
		// version × channel × city × spike flag × return flag; no order is split, so no split_order_key): C1's first
		// version POS in Pune (INV-0, INV-1), her second POS in Pune (INV-11) and web in Mumbai (WEB-1), C2 POS in
		// Pune without and with a spike (INV-24 and INV-35 are spikes), C3 web in Delhi, C4 POS in Delhi, UNKNOWN POS
		// in Pune (INV-7, INV-8) = 8; by category: C1's first version Grocery and Personal Care (INV-1 has both),
		// her second POS Grocery and web Grocery and Personal Care, C2 Grocery and Stationery each with and without
		// a spike, C3 Stationery, C4 Personal Care and Stationery, UNKNOWN Grocery = 2 + 1 + 2 + 4 + 1 + 2 + 1 = 13.
		expect(gold).toEqual({
			tables: {
				fact_sales: 22,
				fact_inventory: 3,
				fact_shipments: 3,
				dim_date: 187,
				dim_product: 4,
				dim_store: 3,
				dim_customer: 6,
				agg_daily_sales: 21,
				agg_product_sales: 21,
				fact_orders: 19,
				fact_order_categories: 22,
				agg_stock_draws: 21,
				agg_daily_orders: 18,
				agg_daily_category_orders: 21,
				agg_order_totals: 8,
				agg_category_order_totals: 13,
				agg_customer_months: 25,
				agg_category_customer_months: 17,
				orphans: 3
			},
			orphan_sales: 2,
			orphan_shipments: 1,
			net_amount: '42102.50',
			orphan_net_amount: '145.00'
		});
		expect(silver.tables.sales_lines).toBe(gold.tables.fact_sales + gold.orphan_sales);
		expect(decimalUnits(silver.net_amount)).toBe(
			decimalUnits(gold.net_amount) + decimalUnits(gold.orphan_net_amount)
		);
	});

	it('adds the order parts up over every day: C2’s orders in Pune without and with a spike', async () => {
		// INV-20…23 and INV-30…34 (2,000 + 4,000 + 6,000 + 8,000 + 10 + 20 + 30 + 40 + 50, the last on 5 May) and
		// the spikes INV-24 and INV-35 (20,200 + 600, the last on 6 May); by category, Grocery's INV-20…24 and
		// Stationery's INV-30…35.
		const c2 = `WHERE customer_id = 'C2' ORDER BY ALL`;
		expect(
			await rows(
				`SELECT is_spike, whole_orders, net_amount::VARCHAR, date_key FROM gold_agg_order_totals ${c2}`
			)
		).toEqual([
			[false, 9, '20150.00', 20250505],
			[true, 2, '20800.00', 20250506]
		]);
		expect(
			await rows(
				`SELECT category, is_spike, whole_orders, net_amount::VARCHAR FROM gold_agg_category_order_totals ${c2}`
			)
		).toEqual([
			['Grocery', false, 4, '20000.00'],
			['Grocery', true, 1, '20200.00'],
			['Stationery', false, 5, '150.00'],
			['Stationery', true, 1, '600.00']
		]);
	});

	it('rejects sales lines and snapshots with an unknown product or store to gold_orphans (check 5)', async () => {
		expect(
			await rows(
				`SELECT dataset, check_id, reason, order_id, net_amount::VARCHAR, _row_number FROM gold_orphans
				 ORDER BY dataset`
			)
		).toEqual([
			['inventory', 5, 'product_id P9 is not in dim_product', null, null, 5],
			['pos_sales', 5, 'store_id S9 is not in dim_store', 'INV-12', '120.00', 14],
			['web_orders', 5, 'product_id P9 is not in dim_product', 'WEB-4', '25.00', 6]
		]);
	});

	it('keys dimensions by stable integer surrogates, with WEB-ONLINE among the stores', async () => {
		expect(await rows(`SELECT product_sk, product_id FROM gold_dim_product ORDER BY 1`)).toEqual([
			[1, 'P1'],
			[2, 'P2'],
			[3, 'P3'],
			[4, 'P4']
		]);
		expect(await rows(`SELECT store_sk, store_id, city, format FROM gold_dim_store ORDER BY 1`)).toEqual([
			[1, 'S1', 'Pune', 'mall'],
			[2, 'S2', 'Delhi', 'mall'],
			[3, 'WEB-ONLINE', null, 'online']
		]);
	});

	it('numbers the orders 1…n in order_id text order (order_key), the same key on each of an order’s lines', async () => {
		// Silver's 21 orders in text order: INV-0, INV-1, INV-11, INV-12, INV-20…24, INV-30…35, INV-7, INV-8,
		// INV-9, WEB-1, WEB-2, WEB-4. INV-12 (key 4) and WEB-4 (key 21) have only orphan lines, so not in Gold.
		expect(
			await rows(
				`SELECT order_id, count(DISTINCT order_key), min(order_key), count(*) FROM gold_fact_sales
				 GROUP BY order_id ORDER BY min(order_key)`
			)
		).toEqual([
			['INV-0', 1, 1, 1],
			['INV-1', 1, 2, 2],
			['INV-11', 1, 3, 1],
			['INV-20', 1, 5, 1],
			['INV-21', 1, 6, 1],
			['INV-22', 1, 7, 1],
			['INV-23', 1, 8, 1],
			['INV-24', 1, 9, 1],
			['INV-30', 1, 10, 1],
			['INV-31', 1, 11, 1],
			['INV-32', 1, 12, 1],
			['INV-33', 1, 13, 1],
			['INV-34', 1, 14, 1],
			['INV-35', 1, 15, 1],
			['INV-7', 1, 16, 1],
			['INV-8', 1, 17, 1],
			['INV-9', 1, 18, 2],
			['WEB-1', 1, 19, 2],
			['WEB-2', 1, 20, 1]
		]);
		// The numbering's working table (gold-order-keys.sql) is gone once Gold is built.
		expect(await rows(`SELECT table_name FROM duckdb_tables() WHERE table_name = 'gold_order_keys'`)).toEqual(
			[]
		);
	});

	it('versions a customer who moves once (SCD2), and gives one version to the unobserved and to UNKNOWN', async () => {
		expect(
			await rows(
				`SELECT customer_sk, customer_id, customer_name, city, state, signup_date::VARCHAR,
				        valid_from::VARCHAR, valid_to::VARCHAR, is_current, version
				 FROM gold_dim_customer ORDER BY customer_sk`
			)
		).toEqual([
			// First sale (2024-11-01) before the first extract; web order in Mumbai on 03-05 before the CRM saw it.
			[
				1,
				'C1',
				'Asha K',
				'Pune',
				'Maharashtra',
				'2024-06-01',
				'2024-11-01 10:00:00',
				'2025-03-05 12:00:00',
				false,
				1
			],
			[2, 'C1', 'Asha K', 'Mumbai', 'Maharashtra', '2024-06-01', '2025-03-05 12:00:00', null, true, 2],
			[3, 'C2', 'Bela', 'Delhi', 'Delhi', '2024-07-01', '2025-01-01 00:00:00', null, true, 1],
			// Seen only in web orders: the state comes from the stores in Delhi.
			[4, 'C3', 'Ravi', 'Delhi', 'Delhi', null, '2025-03-06 08:00:00', null, true, 1],
			// Sales but no observation: the city of the latest sale.
			[5, 'C4', null, 'Delhi', 'Delhi', null, '2025-03-03 10:00:00', null, true, 1],
			[6, 'UNKNOWN', null, null, null, null, '2025-03-03 09:00:00', null, true, 1]
		]);
	});

	it('keys each sale to the customer version valid at its time, with cost from the product', async () => {
		expect(
			await rows(
				`SELECT order_id, line_no, date_key, product_sk, store_sk, customer_sk, customer_id, channel, city,
				        net_amount::VARCHAR, cost_amount::VARCHAR, is_spike
				 FROM gold_fact_sales
				 WHERE order_id IN ('INV-0', 'INV-1', 'WEB-1', 'INV-11', 'INV-7', 'INV-24')
				 ORDER BY ts, order_id, line_no`
			)
		).toEqual([
			['INV-0', 1, 20241101, 1, 1, 1, 'C1', 'pos', 'Pune', '120.00', '60.00', false],
			['INV-1', 1, 20250301, 2, 1, 1, 'C1', 'pos', 'Pune', '151.50', '90.00', false],
			['INV-1', 2, 20250301, 1, 1, 1, 'C1', 'pos', 'Pune', '200.00', '120.00', false],
			['INV-7', 1, 20250303, 1, 1, 6, 'UNKNOWN', 'pos', 'Pune', '120.00', '60.00', false],
			// At the very second version 2 starts: version 2 (valid_from inclusive, valid_to exclusive).
			['WEB-1', 1, 20250305, 2, 3, 2, 'C1', 'web', 'Mumbai', '101.00', '60.00', false],
			['WEB-1', 2, 20250305, 1, 3, 2, 'C1', 'web', 'Mumbai', '100.00', '60.00', false],
			['INV-11', 1, 20250310, 1, 1, 2, 'C1', 'pos', 'Pune', '120.00', '60.00', false],
			['INV-24', 1, 20250405, 4, 1, 3, 'C2', 'pos', 'Pune', '20200.00', '15150.00', true]
		]);
		expect(await rows(`SELECT count(*) FROM gold_fact_sales WHERE customer_sk IS NULL`)).toEqual([[0]]);
	});

	it('values inventory snapshots and flags stockouts', async () => {
		expect(
			await rows(
				`SELECT date_key, store_sk, product_sk, on_hand, reorder_level, stock_value::VARCHAR, is_stockout
				 FROM gold_fact_inventory ORDER BY store_sk, product_sk`
			)
		).toEqual([
			[20250302, 1, 1, 5, 3, '300.00', false],
			[20250302, 1, 2, 0, 5, '0.00', true],
			[20250302, 2, 4, 2, 1, '300.00', false]
		]);
	});

	it('keeps a shipment of an unknown order with order_found = false, and dates each shipment', async () => {
		expect(
			await rows(
				`SELECT shipment_id, order_found, origin_store_sk, ship_date_key, delivery_date_key, promised_date_key,
				        delivery_days, promised_days, is_late
				 FROM gold_fact_shipments ORDER BY shipment_id`
			)
		).toEqual([
			['SH-1', true, 1, 20250305, 20250309, 20250308, 4, 3, true],
			['SH-3', true, 2, 20250306, null, 20250309, null, 3, true],
			['SH-4', false, 1, 20250307, null, 20250312, null, 5, false]
		]);
	});

	it('lays out every day of the range with ISO week, weekday, festival and salary day', async () => {
		expect(
			await rows(
				`SELECT min(date_key), max(date_key), count(*) FILTER (WHERE is_festival) FROM gold_dim_date`
			)
		).toEqual([[20241101, 20250506, 6]]);
		expect(
			await rows(
				`SELECT date_key, quarter, iso_week, weekday, weekday_name, is_weekend, festival_name, is_salary_day
				 FROM gold_dim_date WHERE date_key IN (20241101, 20241102, 20241130, 20250314) ORDER BY 1`
			)
		).toEqual([
			[20241101, 4, 44, 5, 'Friday', false, 'Diwali', true],
			[20241102, 4, 44, 6, 'Saturday', true, null, false],
			[20241130, 4, 48, 6, 'Saturday', true, null, true],
			[20250314, 1, 11, 5, 'Friday', false, 'Holi', false]
		]);
	});

	it('aggregates daily sales per store, city, category and channel to the same totals as the facts', async () => {
		const totals = `SELECT sum(revenue)::VARCHAR, sum(cost)::VARCHAR, sum(units)::BIGINT, sum(lines)::BIGINT`;
		const facts = `SELECT sum(net_amount)::VARCHAR, sum(cost_amount)::VARCHAR, sum(quantity)::BIGINT, count(*)`;
		const [aggregate] = await rows(`${totals} FROM gold_agg_daily_sales`);
		expect(aggregate).toEqual((await rows(`${facts} FROM gold_fact_sales`))[0]);
		expect(aggregate).toEqual(['42102.50', '31074.00', 295, 22]);
		expect(
			await rows(
				`SELECT date_key, store_sk, city, category, channel, revenue::VARCHAR, units, lines, orders
				 FROM gold_agg_daily_sales WHERE date_key IN (20250303, 20250305) ORDER BY store_sk, category`
			)
		).toEqual([
			[20250303, 1, 'Pune', 'Grocery', 'pos', '240.00', 2, 2, 2],
			[20250303, 2, 'Delhi', 'Personal Care', 'pos', '60.00', 1, 1, 1],
			[20250303, 2, 'Delhi', 'Stationery', 'pos', '20.00', 2, 1, 1],
			[20250305, 3, 'Mumbai', 'Grocery', 'web', '100.00', 1, 1, 1],
			[20250305, 3, 'Mumbai', 'Personal Care', 'web', '101.00', 2, 1, 1]
		]);
	});
});
