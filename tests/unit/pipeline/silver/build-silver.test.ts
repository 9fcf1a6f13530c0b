import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSilver } from '$lib/pipeline/silver/build-silver';
import type { SilverStats } from '$lib/pipeline/types';
import type { DuckDBWasmEngine } from '$lib/sql/duckdb-wasm-engine';
import { openDuckDBWasmNode } from '$lib/sql/duckdb-wasm-node';
import { createBronze, dropBronze } from './bronze-fixture';
import { loadRetailFixture, REFERENCE_TIME } from './retail-fixture';

describe('buildSilver', () => {
	let sql: DuckDBWasmEngine;
	let stats: SilverStats;
	const rows = async (query: string) => (await sql.query(query)).rows;

	beforeAll(async () => {
		sql = await openDuckDBWasmNode();
		await loadRetailFixture(sql);
		stats = await buildSilver(sql, { referenceTime: REFERENCE_TIME });
	});
	afterAll(() => sql?.close());

	it('counts every gate per dataset, and bronze = silver + quarantine + duplicates', () => {
		const counts = stats.datasets.map((d) => [
			d.dataset,
			d.bronze_rows,
			d.silver_rows,
			d.quarantined,
			d.duplicates,
			d.unknown_customers_filled,
			d.spikes_flagged
		]);
		expect(counts).toEqual([
			['pos_sales', 26, 20, { 2: 1, 1: 1, 6: 3 }, 1, 2, 2],
			['web_orders', 6, 4, { 2: 1 }, 1, 0, 0],
			['inventory', 6, 4, { 2: 1 }, 1, 0, 0],
			['shipments', 5, 3, { 2: 1 }, 1, 0, 0],
			['products', 5, 4, {}, 1, 0, 0],
			['stores', 2, 2, {}, 0, 0, 0],
			['customers', 6, 4, { 2: 1 }, 1, 0, 0]
		]);
		for (const d of stats.datasets) {
			const quarantined = Object.values(d.quarantined).reduce((a, b) => a + b, 0);
			expect(d.bronze_rows, d.dataset).toBe(d.silver_rows + quarantined + d.duplicates);
		}
		expect(stats.tables).toEqual({
			sales_lines: 24,
			inventory_snapshots: 4,
			shipments: 3,
			customer_observations: 7,
			products: 4,
			stores: 2,
			quarantine: 9,
			duplicates: 6
		});
		// POS 41,981.50 + web 266.00
		expect(stats.net_amount).toBe('42247.50');
	});

	it('quarantines future dates before negative prices before bad quantities, with reason and the row as JSON', async () => {
		const quarantine = await rows(
			`SELECT dataset, check_id, rule, reason, _source_file, _row_number FROM silver_quarantine
			 ORDER BY dataset, _row_number`
		);
		const future = (column: string, value: string) =>
			`${column} ${value} is after the reference time ${REFERENCE_TIME}`;
		expect(quarantine.map((q) => [q.dataset, q.check_id, q._row_number, q.reason])).toEqual([
			['customers', 2, 6, future('extracted_at', '2055-01-01 00:00:00')],
			['inventory', 2, 3, future('snapshot_date', '2055-03-02')],
			['pos_sales', 2, 5, future('invoice_date', '2055-01-01 09:00:00')],
			['pos_sales', 1, 6, 'unit_price -10.00 is negative'],
			['pos_sales', 6, 7, 'quantity 0 is outside 1…10000'],
			['pos_sales', 6, 8, 'quantity -1 is outside 1…10000'],
			['pos_sales', 6, 9, 'quantity 10001 is outside 1…10000'],
			['shipments', 2, 3, future('ship_date', '2055-01-01 00:00:00')],
			['web_orders', 2, 4, future('order_date', '2055-02-01 10:00:00')]
		]);
		expect(quarantine[3]).toMatchObject({ rule: 'unit_price >= 0', _source_file: 'raw/pos_sales/b1.csv' });
		const [{ record }] = await rows(`SELECT record FROM silver_quarantine WHERE check_id = 1`);
		expect(JSON.parse(String(record))).toEqual({
			invoice_no: 'INV-3',
			invoice_date: '2025-03-02 11:00:00',
			store_id: 'S1',
			product_id: 'P1',
			quantity: 1,
			unit_price: -10,
			store_city: 'Pune',
			customer_id: 'C2',
			product_name: 'Rice',
			category: 'Grocery',
			total_amount: null,
			payment_method: 'UPI',
			line_type: null
		});
	});

	it('drops later copies of a row (sales) or of a natural key (the others), keeping the first', async () => {
		const duplicates = await rows(
			`SELECT dataset, _row_number, reason FROM silver_duplicates ORDER BY dataset, _row_number`
		);
		expect(duplicates.map((d) => [d.dataset, d._row_number, d.reason])).toEqual([
			['customers', 2, 'same customer_id, extracted_at as an earlier row'],
			['inventory', 2, 'same snapshot_date, store_id, product_id as an earlier row'],
			['pos_sales', 4, 'same contract columns as an earlier row'],
			['products', 5, 'same product_id as an earlier row'],
			['shipments', 2, 'same shipment_id as an earlier row'],
			['web_orders', 5, 'same contract columns as an earlier row']
		]);
		expect(
			await rows(
				`SELECT product_name, unit_cost::VARCHAR AS cost FROM silver_products WHERE product_id = 'P1'`
			)
		).toEqual([{ product_name: 'Rice', cost: '60.00' }]);
		expect(
			await rows(`SELECT quantity_on_hand FROM silver_inventory_snapshots WHERE product_id = 'P1'`)
		).toEqual([{ quantity_on_hand: 5 }]);
	});

	it('unifies POS and web lines: line numbers by file then row, channel, store, city, customer, net amount', async () => {
		const lines = await rows(
			`SELECT order_id, line_no, channel, store_id, city, customer_id, product_id, quantity,
			        net_amount::VARCHAR AS net_amount, _source_file, _row_number
			 FROM silver_sales_lines WHERE order_id IN ('INV-1', 'INV-7', 'INV-8', 'INV-9', 'WEB-1')
			 ORDER BY order_id, line_no`
		);
		const b1 = 'raw/pos_sales/b1.csv';
		const web = 'raw/web_orders/b1.csv';
		expect(lines.map((l) => Object.values(l))).toEqual([
			['INV-1', 1, 'pos', 'S1', 'Pune', 'C1', 'P2', 3, '151.50', b1, 2],
			['INV-1', 2, 'pos', 'S1', 'Pune', 'C1', 'P1', 2, '200.00', b1, 3],
			['INV-7', 1, 'pos', 'S1', 'Pune', 'UNKNOWN', 'P1', 1, '120.00', b1, 10],
			['INV-8', 1, 'pos', 'S1', 'Pune', 'UNKNOWN', 'P1', 1, '120.00', b1, 11],
			['INV-9', 1, 'pos', 'S2', 'Delhi', 'C4', 'P2', 1, '60.00', 'raw/pos_sales/a0.csv', 30],
			['INV-9', 2, 'pos', 'S2', 'Delhi', 'C4', 'P3', 2, '20.00', b1, 12],
			['WEB-1', 1, 'web', 'WEB-ONLINE', 'Mumbai', 'C1', 'P2', 2, '101.00', web, 1],
			['WEB-1', 2, 'web', 'WEB-ONLINE', 'Mumbai', 'C1', 'P1', 1, '100.00', web, 2]
		]);
	});

	it('flags spikes above max(Q3 + 3·IQR, 50) over the kept lines of each product', async () => {
		// P4 kept 10, 20, 30, 40, 101 → fence 100 (the rejected 0, -1, 10001 would have moved it to 275.5);
		// P3 kept 1, 2, 2, 3, 4, 4, 5, 60 → Q3 + 3·IQR = 11, fence 50.
		expect(
			await rows(`SELECT order_id, quantity FROM silver_sales_lines WHERE is_spike ORDER BY order_id`)
		).toEqual([
			{ order_id: 'INV-24', quantity: 101 },
			{ order_id: 'INV-35', quantity: 60 }
		]);
	});

	it('derives shipment days and customer observations from CRM extracts and web orders', async () => {
		expect(
			await rows(`SELECT shipment_id, status, delivery_days, promised_days FROM silver_shipments ORDER BY 1`)
		).toEqual([
			{ shipment_id: 'SH-1', status: 'delivered', delivery_days: 4, promised_days: 3 },
			{ shipment_id: 'SH-3', status: 'delayed', delivery_days: null, promised_days: 3 },
			{ shipment_id: 'SH-4', status: 'in_transit', delivery_days: null, promised_days: 5 }
		]);
		const observations = await rows(
			`SELECT customer_id, city, observed_at::VARCHAR AS observed_at, source FROM silver_customer_observations
			 ORDER BY customer_id, observed_at`
		);
		expect(observations.map((o) => Object.values(o))).toEqual([
			['C1', 'Pune', '2025-01-01 00:00:00', 'crm'],
			['C1', 'Pune', '2025-02-01 00:00:00', 'crm'],
			['C1', 'Mumbai', '2025-03-05 12:00:00', 'web'],
			['C1', 'Mumbai', '2025-04-01 00:00:00', 'crm'],
			['C2', 'Delhi', '2025-01-01 00:00:00', 'crm'],
			['C3', 'Delhi', '2025-03-06 08:00:00', 'web'],
			['C3', 'Delhi', '2025-03-07 09:00:00', 'web']
		]);
	});

	it('derives the products and stores masters from the transactions when they are absent', async () => {
		await loadRetailFixture(sql, { masters: false });
		const derived = await buildSilver(sql, { referenceTime: REFERENCE_TIME });
		expect(derived.datasets.map((d) => d.dataset)).toEqual([
			'pos_sales',
			'web_orders',
			'inventory',
			'shipments',
			'customers'
		]);
		const products = await rows(
			`SELECT product_id, product_name, category, list_price::VARCHAR AS list_price, unit_cost::VARCHAR AS unit_cost
			 FROM silver_products ORDER BY product_id`
		);
		expect(products.map((p) => Object.values(p))).toEqual([
			['P1', 'Rice', 'Grocery', '120.00', '60.00'],
			['P2', 'Soap', 'Personal Care', '60.00', '30.00'],
			['P3', 'Pen', 'Stationery', '10.00', null],
			['P4', 'Tea', 'Grocery', '200.00', '150.00'],
			['P9', 'Mystery', 'Grocery', '25.00', '20.00']
		]);
		expect(await rows(`SELECT store_id, city, store_name FROM silver_stores ORDER BY store_id`)).toEqual([
			{ store_id: 'S1', city: 'Pune', store_name: null },
			{ store_id: 'S2', city: 'Delhi', store_name: null },
			{ store_id: 'S9', city: 'Agra', store_name: null }
		]);
	});

	it('builds empty tables from an empty Bronze, and rejects a malformed reference time', async () => {
		await dropBronze(sql);
		await createBronze(sql, 'pos_sales', []);
		const empty = await buildSilver(sql, { referenceTime: REFERENCE_TIME });
		expect(empty.datasets).toEqual([
			{
				dataset: 'pos_sales',
				bronze_rows: 0,
				silver_rows: 0,
				quarantined: {},
				duplicates: 0,
				unknown_customers_filled: 0,
				spikes_flagged: 0
			}
		]);
		expect(empty.net_amount).toBe('0.00');
		await expect(buildSilver(sql, { referenceTime: '2025-06-30' })).rejects.toThrow(/YYYY-MM-DD HH:MM:SS/);
	});
});
