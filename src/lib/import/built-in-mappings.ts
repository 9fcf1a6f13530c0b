import type { RawDataset } from '../contracts/raw-contracts';
import { normalizeColumnName } from './detect-dataset';
import type { ImportMapping } from './mapping';
import type { SourceValue } from './source-rows';
import type { DateOrder } from './value-text';

/**
 * A well-known export whose columns are not the contract's (docs/import.md, "Built-in mappings"): picked
 * from the file's header (never its name) when every column of `columns` is there.
 */
export interface BuiltInMapping {
	id: string;
	label: string;
	dataset: RawDataset;
	/** Contract column → the export's column (as the export spells it). */
	columns: Record<string, string>;
	/** The export's fixed date order, when its dates may read both ways. */
	dateOrder?: DateOrder;
	returns?: ImportMapping['returns'];
	orderLevel?: ImportMapping['orderLevel'];
	/** The figures' currency: fixed, or read from a column of the export. */
	currency: { code: string } | { column: string };
}

export const BUILT_IN_MAPPINGS: readonly BuiltInMapping[] = [
	{
		id: 'uci-online-retail-ii',
		label: 'UCI Online Retail II',
		dataset: 'pos_sales',
		columns: {
			invoice_no: 'Invoice',
			invoice_date: 'InvoiceDate',
			// No stores: each country is one store, and its city (the region dimension of the figures).
			store_id: 'Country',
			store_city: 'Country',
			product_id: 'StockCode',
			product_name: 'Description',
			quantity: 'Quantity',
			unit_price: 'Price',
			customer_id: 'Customer ID'
		},
		// `12/1/2009 7:45`: month first (ISO values are read as ISO whatever the order).
		dateOrder: 'mdy',
		// Cancellations: invoice C489449 with a negative quantity.
		returns: { column: 'Invoice', prefix: 'C' },
		currency: { code: 'GBP' }
	},
	{
		id: 'shopify-orders',
		label: 'Shopify orders export',
		dataset: 'web_orders',
		columns: {
			order_id: 'Name',
			order_date: 'Created at',
			product_id: 'Lineitem sku',
			product_name: 'Lineitem name',
			quantity: 'Lineitem quantity',
			unit_price: 'Lineitem price',
			customer_id: 'Email',
			customer_city: 'Billing City'
		},
		// Shopify writes an order's own columns on its first line only.
		orderLevel: { key: 'Name', columns: ['Email', 'Created at', 'Billing City', 'Currency'] },
		currency: { column: 'Currency' }
	}
];

/** The built-in mapping whose columns the header has (case-, space- and punctuation-blind), or null. */
export function matchBuiltIn(header: readonly string[]): BuiltInMapping | null {
	const names = new Set(header.map(normalizeColumnName));
	return (
		BUILT_IN_MAPPINGS.find((builtIn) =>
			Object.values(builtIn.columns).every((source) => names.has(normalizeColumnName(source)))
		) ?? null
	);
}

/** A source column named as the header spells it: `customer id` for the export's `Customer ID`. */
export function headerColumn(header: readonly string[], name: string): string {
	const wanted = normalizeColumnName(name);
	return header.find((column) => normalizeColumnName(column) === wanted) ?? name;
}

/** The currency a built-in mapping gives the rows read: its fixed code, or the first value of its column. */
export function builtInCurrency(
	builtIn: BuiltInMapping,
	header: readonly string[],
	rows: readonly Map<string, SourceValue>[]
): string | undefined {
	if ('code' in builtIn.currency) return builtIn.currency.code;
	const column = headerColumn(header, builtIn.currency.column);
	for (const values of rows) {
		const code = values.get(column)?.trim().toUpperCase();
		if (code && /^[A-Z]{3}$/.test(code)) return code;
	}
	return undefined;
}
