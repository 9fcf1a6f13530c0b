import type { RawDataset } from '../contracts/raw-contracts';

/** Where the generator writes each raw dataset, and its columns in file order (the original's order). */

/** CSV header columns, or the NDJSON members of each web order line, in the order written. */
export const RAW_COLUMNS: Record<RawDataset, readonly string[]> = {
	pos_sales: [
		'invoice_no',
		'invoice_date',
		'store_id',
		'store_city',
		'customer_id',
		'product_id',
		'product_name',
		'category',
		'quantity',
		'unit_price',
		'total_amount',
		'payment_method'
	],
	web_orders: [
		'order_id',
		'order_date',
		'customer_id',
		'customer_name',
		'customer_city',
		'product_id',
		'product_name',
		'category',
		'quantity',
		'unit_price',
		'total_amount',
		'payment_method',
		'delivery_address'
	],
	inventory: [
		'snapshot_date',
		'store_id',
		'store_city',
		'product_id',
		'product_name',
		'category',
		'quantity_on_hand',
		'reorder_level',
		'unit_cost'
	],
	shipments: [
		'shipment_id',
		'order_id',
		'origin_store',
		'destination_city',
		'ship_date',
		'delivery_date',
		'status',
		'carrier',
		'promised_date'
	],
	products: ['product_id', 'product_name', 'category', 'list_price', 'unit_cost'],
	stores: ['store_id', 'store_name', 'city', 'state', 'region', 'format', 'opened_on'],
	customers: ['customer_id', 'customer_name', 'city', 'state', 'signup_date', 'extracted_at']
};

export function rawFormat(dataset: RawDataset): 'csv' | 'ndjson' {
	return dataset === 'web_orders' ? 'ndjson' : 'csv';
}

/** The header line a file starts with (NDJSON has none). */
export function rawHeader(dataset: RawDataset): string {
	return rawFormat(dataset) === 'csv' ? `${RAW_COLUMNS[dataset].join(',')}\n` : '';
}

export function rawPath(dataset: RawDataset, batchId: string): string {
	return `raw/${dataset}/${batchId}.${rawFormat(dataset)}`;
}

export const TRUTH_PATH = 'raw/_truth.json';
