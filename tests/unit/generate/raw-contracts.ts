import { parseAmount, parseDate, parseInteger, parseTimestamp } from './raw-reader';

export type ColumnType = 'text' | 'text?' | 'int' | 'amount' | 'date' | 'timestamp' | 'timestamp?';

/** Column types of every contract (docs/data-model.md), in file order; `?` = may be empty or null. */
export const CONTRACT_TYPES: Record<string, Record<string, ColumnType>> = {
	pos_sales: {
		invoice_no: 'text',
		invoice_date: 'timestamp',
		store_id: 'text',
		store_city: 'text',
		customer_id: 'text?',
		product_id: 'text',
		product_name: 'text',
		category: 'text',
		quantity: 'int',
		unit_price: 'amount',
		total_amount: 'amount',
		payment_method: 'text'
	},
	web_orders: {
		order_id: 'text',
		order_date: 'timestamp',
		customer_id: 'text?',
		customer_name: 'text',
		customer_city: 'text',
		product_id: 'text',
		product_name: 'text',
		category: 'text',
		quantity: 'int',
		unit_price: 'amount',
		total_amount: 'amount',
		payment_method: 'text',
		delivery_address: 'text'
	},
	inventory: {
		snapshot_date: 'date',
		store_id: 'text',
		store_city: 'text',
		product_id: 'text',
		product_name: 'text',
		category: 'text',
		quantity_on_hand: 'int',
		reorder_level: 'int',
		unit_cost: 'amount'
	},
	shipments: {
		shipment_id: 'text',
		order_id: 'text',
		origin_store: 'text',
		destination_city: 'text',
		ship_date: 'timestamp',
		delivery_date: 'timestamp?',
		status: 'text',
		carrier: 'text',
		promised_date: 'date'
	},
	products: {
		product_id: 'text',
		product_name: 'text',
		category: 'text',
		list_price: 'amount',
		unit_cost: 'amount'
	},
	stores: {
		store_id: 'text',
		store_name: 'text',
		city: 'text',
		state: 'text',
		region: 'text',
		format: 'text',
		opened_on: 'date'
	},
	customers: {
		customer_id: 'text',
		customer_name: 'text',
		city: 'text',
		state: 'text',
		signup_date: 'date',
		extracted_at: 'timestamp'
	}
};

export function fitsType(value: unknown, type: ColumnType): boolean {
	const empty = value === null || value === '';
	if (type.endsWith('?') && empty) return true;
	switch (type) {
		case 'text':
		case 'text?':
			return typeof value === 'string' && value !== '';
		case 'int':
			return parseInteger(value) !== null;
		case 'amount':
			return parseAmount(value) !== null;
		case 'date':
			return parseDate(value) !== null;
		default:
			return parseTimestamp(value) !== null;
	}
}

export const WEB_FIELDS = Object.keys(CONTRACT_TYPES.web_orders);
