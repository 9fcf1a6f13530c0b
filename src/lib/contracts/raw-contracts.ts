/**
 * The raw contracts as data (docs/data-model.md): the datasets that land in `raw/<dataset>/`, their
 * columns and each column's Bronze type (docs/pipeline.md). The single source of truth for the generator,
 * the importer, ingestion and the SQL of later layers; it depends on none of them.
 */

/** The raw datasets: four transaction feeds and three optional masters. */
export const RAW_DATASETS = [
	'pos_sales',
	'web_orders',
	'inventory',
	'shipments',
	'products',
	'stores',
	'customers'
] as const;
export type RawDataset = (typeof RAW_DATASETS)[number];

/** The SQL type a raw value is validated against and cast to in Bronze. */
export type BronzeType = 'VARCHAR' | 'INTEGER' | 'DATE' | 'TIMESTAMP' | 'DECIMAL(12,2)' | 'DECIMAL(14,2)';

export interface ContractColumn {
	name: string;
	type: BronzeType;
	/** A required column must be in the file (else the file is rejected) and non-NULL in every row. */
	required: boolean;
}

const required = (name: string, type: BronzeType): ContractColumn => ({ name, type, required: true });
const optional = (name: string, type: BronzeType): ContractColumn => ({ name, type, required: false });

/** Per dataset, its columns in the raw contract's order (docs/data-model.md) (required first): Bronze tables keep this order. */
export const RAW_CONTRACTS: Record<RawDataset, readonly ContractColumn[]> = {
	pos_sales: [
		required('invoice_no', 'VARCHAR'),
		required('invoice_date', 'TIMESTAMP'),
		required('store_id', 'VARCHAR'),
		required('product_id', 'VARCHAR'),
		required('quantity', 'INTEGER'),
		required('unit_price', 'DECIMAL(12,2)'),
		optional('store_city', 'VARCHAR'),
		optional('customer_id', 'VARCHAR'),
		optional('product_name', 'VARCHAR'),
		optional('category', 'VARCHAR'),
		optional('total_amount', 'DECIMAL(14,2)'),
		optional('payment_method', 'VARCHAR'),
		// `return` (any case) marks a returned line, whose quantity is negative (docs/import.md, Returns).
		optional('line_type', 'VARCHAR')
	],
	web_orders: [
		required('order_id', 'VARCHAR'),
		required('order_date', 'TIMESTAMP'),
		required('product_id', 'VARCHAR'),
		required('quantity', 'INTEGER'),
		required('unit_price', 'DECIMAL(12,2)'),
		optional('customer_id', 'VARCHAR'),
		optional('customer_name', 'VARCHAR'),
		optional('customer_city', 'VARCHAR'),
		optional('product_name', 'VARCHAR'),
		optional('category', 'VARCHAR'),
		optional('total_amount', 'DECIMAL(14,2)'),
		optional('payment_method', 'VARCHAR'),
		optional('delivery_address', 'VARCHAR')
	],
	inventory: [
		required('snapshot_date', 'DATE'),
		required('store_id', 'VARCHAR'),
		required('product_id', 'VARCHAR'),
		required('quantity_on_hand', 'INTEGER'),
		optional('store_city', 'VARCHAR'),
		optional('product_name', 'VARCHAR'),
		optional('category', 'VARCHAR'),
		optional('reorder_level', 'INTEGER'),
		optional('unit_cost', 'DECIMAL(12,2)')
	],
	shipments: [
		required('shipment_id', 'VARCHAR'),
		required('order_id', 'VARCHAR'),
		required('ship_date', 'TIMESTAMP'),
		required('status', 'VARCHAR'),
		required('carrier', 'VARCHAR'),
		optional('origin_store', 'VARCHAR'),
		optional('destination_city', 'VARCHAR'),
		optional('delivery_date', 'TIMESTAMP'),
		optional('promised_date', 'DATE')
	],
	products: [
		required('product_id', 'VARCHAR'),
		required('product_name', 'VARCHAR'),
		required('category', 'VARCHAR'),
		required('list_price', 'DECIMAL(12,2)'),
		required('unit_cost', 'DECIMAL(12,2)')
	],
	stores: [
		required('store_id', 'VARCHAR'),
		required('city', 'VARCHAR'),
		optional('store_name', 'VARCHAR'),
		optional('state', 'VARCHAR'),
		optional('region', 'VARCHAR'),
		optional('format', 'VARCHAR'),
		optional('opened_on', 'DATE')
	],
	customers: [
		required('customer_id', 'VARCHAR'),
		required('city', 'VARCHAR'),
		required('extracted_at', 'TIMESTAMP'),
		optional('customer_name', 'VARCHAR'),
		optional('state', 'VARCHAR'),
		optional('signup_date', 'DATE')
	]
};

/** Appended to every Bronze table, after the contract's and the files' extra columns. */
export const BRONZE_LINEAGE_COLUMNS = [
	{ name: '_batch_id', type: 'VARCHAR' },
	{ name: '_source_file', type: 'VARCHAR' },
	{ name: '_row_number', type: 'BIGINT' },
	{ name: '_ingested_at', type: 'TIMESTAMP' }
] as const;

export function requiredColumns(dataset: RawDataset): string[] {
	return RAW_CONTRACTS[dataset].filter((column) => column.required).map((column) => column.name);
}
