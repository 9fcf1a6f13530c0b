import type { SqlEngine } from '$lib/sql/sql-engine';
import { createBronze, dropBronze, rowsOf } from './bronze-fixture';

/**
 * A hand-made Bronze for the pipeline tests: every gate, check and Gold rule meets a row made for it (the
 * comments say which). The expectations in the tests are worked out by hand from these rows.
 */
export const REFERENCE_TIME = '2025-06-30 23:59:59';

const PRODUCTS: Record<string, { product_name: string; category: string }> = {
	P1: { product_name: 'Rice', category: 'Grocery' },
	P2: { product_name: 'Soap', category: 'Personal Care' },
	P3: { product_name: 'Pen', category: 'Stationery' },
	P4: { product_name: 'Tea', category: 'Grocery' },
	P9: { product_name: 'Mystery', category: 'Grocery' }
};

const POS = [
	'invoice_no',
	'invoice_date',
	'store_id',
	'store_city',
	'product_id',
	'quantity',
	'unit_price',
	'customer_id'
];
const WEB = [
	'order_id',
	'order_date',
	'product_id',
	'quantity',
	'unit_price',
	'customer_id',
	'customer_name',
	'customer_city'
];

// total_amount is left NULL in both sales datasets: check 7 must report those two columns.
const posSales = rowsOf(POS, [
	['INV-0', '2024-11-01 10:00:00', 'S1', 'Pune', 'P1', 1, 120, 'C1'], // C1's first sale, before any observation
	['INV-1', '2025-03-01 10:00:00', 'S1', 'Pune', 'P2', 3, 50.5, 'C1'],
	['INV-1', '2025-03-01 10:00:00', 'S1', 'Pune', 'P1', 2, 100, 'C1'],
	['INV-1', '2025-03-01 10:00:00', 'S1', 'Pune', 'P1', 2, 100, 'C1'], // row 4: duplicate of row 3
	['INV-2', '2055-01-01 09:00:00', 'S1', 'Pune', 'P1', 1, -5, 'C2'], // future date (and negative: gate 2 first)
	['INV-3', '2025-03-02 11:00:00', 'S1', 'Pune', 'P1', 1, -10, 'C2'], // negative price
	['INV-4', '2025-03-02 12:00:00', 'S1', 'Pune', 'P4', 0, 200, 'C2'], // quantity 0
	['INV-5', '2025-03-02 12:10:00', 'S1', 'Pune', 'P4', -1, 200, 'C2'], // quantity -1
	['INV-6', '2025-03-02 12:20:00', 'S1', 'Pune', 'P4', 10001, 200, 'C2'], // quantity 10,001
	['INV-7', '2025-03-03 09:00:00', 'S1', 'Pune', 'P1', 1, 120, null], // null customer id
	['INV-8', '2025-03-03 09:30:00', 'S1', 'Pune', 'P1', 1, 120, '  '], // blank customer id
	['INV-9', '2025-03-03 10:00:00', 'S2', 'Delhi', 'P3', 2, 10, 'C4'], // C4: sales, no observation
	['INV-11', '2025-03-10 10:00:00', 'S1', 'Pune', 'P1', 1, 120, 'C1'], // C1 after the move
	['INV-12', '2025-03-11 10:00:00', 'S9', 'Agra', 'P1', 1, 120, 'C2'], // unknown store: orphan
	// P4's kept quantities 10, 20, 30, 40, 101: Q1 20, Q3 40, fence 40 + 3 × 20 = 100, so 101 is a spike.
	['INV-20', '2025-04-01 10:00:00', 'S1', 'Pune', 'P4', 10, 200, 'C2'],
	['INV-21', '2025-04-02 10:00:00', 'S1', 'Pune', 'P4', 20, 200, 'C2'],
	['INV-22', '2025-04-03 10:00:00', 'S1', 'Pune', 'P4', 30, 200, 'C2'],
	['INV-23', '2025-04-04 10:00:00', 'S1', 'Pune', 'P4', 40, 200, 'C2'],
	['INV-24', '2025-04-05 10:00:00', 'S1', 'Pune', 'P4', 101, 200, 'C2'],
	// P3's kept quantities 1, 2, 2, 3, 4, 4, 5, 60: Q1 2, Q3 4.25, fence max(11, 50) = 50, so 60 is a spike.
	['INV-30', '2025-05-01 10:00:00', 'S1', 'Pune', 'P3', 1, 10, 'C2'],
	['INV-31', '2025-05-02 10:00:00', 'S1', 'Pune', 'P3', 2, 10, 'C2'],
	['INV-32', '2025-05-03 10:00:00', 'S1', 'Pune', 'P3', 3, 10, 'C2'],
	['INV-33', '2025-05-04 10:00:00', 'S1', 'Pune', 'P3', 4, 10, 'C2'],
	['INV-34', '2025-05-05 10:00:00', 'S1', 'Pune', 'P3', 5, 10, 'C2'],
	['INV-35', '2025-05-06 10:00:00', 'S1', 'Pune', 'P3', 60, 10, 'C2']
]).map((row) => ({ ...row, ...PRODUCTS[row.product_id as string], payment_method: 'UPI' }));

/** INV-9's other line sits in an earlier file (a0 < b1), so it is line 1 though its row number is higher. */
const posSalesEarlierFile = {
	...posSales[11],
	product_id: 'P2',
	quantity: 1,
	unit_price: 60,
	...PRODUCTS.P2,
	_source_file: 'raw/pos_sales/a0.csv',
	_row_number: 30
};

const webOrders = rowsOf(WEB, [
	['WEB-1', '2025-03-05 12:00:00', 'P2', 2, 50.5, 'C1', 'Asha', 'Mumbai'], // C1 seen in Mumbai: the move
	['WEB-1', '2025-03-05 12:00:00', 'P1', 1, 100, 'C1', 'Asha', 'Mumbai'],
	['WEB-2', '2025-03-06 08:00:00', 'P3', 4, 10, 'C3', 'Ravi', 'Delhi'], // C3: web sightings only
	['WEB-3', '2055-02-01 10:00:00', 'P1', 1, 100, 'C3', 'Ravi', 'Delhi'], // future date
	['WEB-2', '2025-03-06 08:00:00', 'P3', 4, 10, 'C3', 'Ravi', 'Delhi'], // duplicate of row 3
	['WEB-4', '2025-03-07 09:00:00', 'P9', 1, 25, 'C3', 'Ravi', 'Delhi'] // unknown product: orphan
]).map((row) => ({
	...row,
	...PRODUCTS[row.product_id as string],
	payment_method: 'Card',
	delivery_address: '1 Main Rd'
}));

const inventory = rowsOf(
	['snapshot_date', 'store_id', 'store_city', 'product_id', 'quantity_on_hand', 'reorder_level', 'unit_cost'],
	[
		['2025-03-02', 'S1', 'Pune', 'P1', 5, 3, 60],
		['2025-03-02', 'S1', 'Pune', 'P1', 7, 3, 60], // same store × product × day: duplicate
		['2055-03-02', 'S1', 'Pune', 'P2', 4, 5, 30], // future date
		['2025-03-02', 'S1', 'Pune', 'P2', 0, 5, 30], // stockout
		['2025-03-02', 'S1', 'Pune', 'P9', 3, 1, 20], // unknown product: orphan
		['2025-03-02', 'S2', 'Delhi', 'P4', 2, 1, 150] // stock value 2 × 150 = 300
	]
).map((row) => ({ ...row, ...PRODUCTS[row.product_id as string] }));

const shipments = rowsOf(
	[
		'shipment_id',
		'order_id',
		'ship_date',
		'status',
		'carrier',
		'origin_store',
		'destination_city',
		'delivery_date',
		'promised_date'
	],
	[
		[
			'SH-1',
			'WEB-1',
			'2025-03-05 18:00:00',
			'delivered',
			'BlueDart',
			'S1',
			'Mumbai',
			'2025-03-09 10:00:00',
			'2025-03-08'
		],
		['SH-1', 'WEB-1', '2025-03-05 18:00:00', 'in_transit', 'BlueDart', 'S1', 'Mumbai', null, '2025-03-08'], // same id
		['SH-2', 'WEB-2', '2055-01-01 00:00:00', 'in_transit', 'DTDC', 'S2', 'Delhi', null, '2055-01-05'], // future
		['SH-3', 'WEB-2', '2025-03-06 20:00:00', 'delayed', 'DTDC', 'S2', 'Delhi', null, '2025-03-09'],
		['SH-4', 'WEB-99', '2025-03-07 10:00:00', 'in_transit', 'DTDC', 'S1', 'Pune', null, '2025-03-12'] // unknown order
	]
);

const customers = rowsOf(
	['customer_id', 'city', 'extracted_at', 'customer_name', 'state', 'signup_date'],
	[
		['C1', 'Pune', '2025-01-01 00:00:00', 'Asha', 'Maharashtra', '2024-06-01'],
		['C1', 'Pune', '2025-01-01 00:00:00', 'Asha', 'Maharashtra', '2024-06-01'], // same customer × extract
		['C1', 'Pune', '2025-02-01 00:00:00', 'Asha', 'Maharashtra', '2024-06-01'],
		['C1', 'Mumbai', '2025-04-01 00:00:00', 'Asha K', 'Maharashtra', '2024-06-01'],
		['C2', 'Delhi', '2025-01-01 00:00:00', 'Bela', 'Delhi', '2024-07-01'],
		['C2', 'Delhi', '2055-01-01 00:00:00', 'Bela', 'Delhi', '2024-07-01'] // future extract
	]
);

const products = rowsOf(
	['product_id', 'product_name', 'category', 'list_price', 'unit_cost'],
	[
		['P1', 'Rice', 'Grocery', 120, 60],
		['P2', 'Soap', 'Personal Care', 60, 30],
		['P3', 'Pen', 'Stationery', 10, 4],
		['P4', 'Tea', 'Grocery', 200, 150],
		['P1', 'Rice 5 kg', 'Grocery', 130, 65] // same product id: duplicate, the first row is kept
	]
);

const stores = rowsOf(
	['store_id', 'city', 'store_name', 'state', 'region', 'format', 'opened_on'],
	[
		['S1', 'Pune', 'Pune Central', 'Maharashtra', 'West', 'mall', '2020-01-01'],
		['S2', 'Delhi', 'Delhi Mall', 'Delhi', 'North', 'mall', '2021-01-01']
	]
);

/** Creates the fixture's bronze tables; `masters: false` leaves out the products and stores masters. */
export async function loadRetailFixture(sql: SqlEngine, { masters = true } = {}): Promise<void> {
	await dropBronze(sql);
	await createBronze(sql, 'pos_sales', [...posSales, posSalesEarlierFile]);
	await createBronze(sql, 'web_orders', webOrders);
	await createBronze(sql, 'inventory', inventory);
	await createBronze(sql, 'shipments', shipments);
	await createBronze(sql, 'customers', customers);
	if (masters) {
		await createBronze(sql, 'products', products);
		await createBronze(sql, 'stores', stores);
	}
}
