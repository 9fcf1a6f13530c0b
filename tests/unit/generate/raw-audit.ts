import {
	parseAmount,
	parseCsv,
	parseDate,
	parseInteger,
	parseNdjson,
	parseTimestamp,
	quartiles,
	type CsvFile
} from './raw-reader';

/**
 * Re-derives every injected defect from the raw files alone, with the rules of docs/quality.md and the
 * contracts of docs/data-model.md, so tests compare what the files show with what `_truth.json` claims.
 */
export type Counts = Record<string, number>;

export interface SalesLine {
	dataset: 'pos_sales' | 'web_orders';
	order: string;
	productId: string;
	customerId: string | null;
	city: string;
	/** Seconds since 1970-01-01 (local). */
	at: number;
	quantity: number;
	price: number;
	/** No defect of any kind. */
	clean: boolean;
}

export interface RawTexts {
	pos_sales: string;
	web_orders: string;
	inventory: string;
	shipments: string;
	products: string;
	stores: string;
	customers: string;
}

export interface Audit {
	csv: Record<'pos_sales' | 'inventory' | 'shipments' | 'products' | 'stores' | 'customers', CsvFile>;
	webRecords: ReturnType<typeof parseNdjson>;
	/** Defects found, per dataset and kind. */
	defects: Record<string, Counts>;
	/** Rows found to carry more than one defect (must be none). */
	multiDefectRows: string[];
	/** Sales lines that parse (duplicate copies and the truncated line left out). */
	sales: SalesLine[];
	products: Map<string, { name: string; category: string; listPrice: number; unitCost: number }>;
	stores: Map<string, { city: string }>;
	webOrderIds: Set<string>;
}

const SPIKE_FLOOR = 50;
const IQR_MULTIPLIER = 3;

export function auditRaw(texts: RawTexts, referenceTime: string): Audit {
	const reference = parseTimestamp(referenceTime)!;
	const referenceDay = Math.floor(reference / 86_400);
	const csv = {
		pos_sales: parseCsv(texts.pos_sales),
		inventory: parseCsv(texts.inventory),
		shipments: parseCsv(texts.shipments),
		products: parseCsv(texts.products),
		stores: parseCsv(texts.stores),
		customers: parseCsv(texts.customers)
	};
	const webRecords = parseNdjson(texts.web_orders);
	const products = new Map(
		rows(csv.products).map((r) => [
			r.product_id,
			{
				name: r.product_name,
				category: r.category,
				listPrice: Number(r.list_price),
				unitCost: Number(r.unit_cost)
			}
		])
	);
	const stores = new Map(rows(csv.stores).map((r) => [r.store_id, { city: r.city }]));
	const defects: Record<string, Counts> = {};
	const multiDefectRows: string[] = [];
	const sales: SalesLine[] = [];
	const found = (dataset: string, text: string, kinds: string[]) => {
		if (kinds.length === 0) return;
		const counts = (defects[dataset] ??= {});
		for (const kind of kinds) counts[kind] = (counts[kind] ?? 0) + 1;
		if (kinds.length > 1) multiDefectRows.push(`${dataset}: ${kinds.join('+')}: ${text}`);
	};

	const salesKinds = (
		line: Omit<SalesLine, 'clean' | 'at' | 'quantity' | 'price'> & {
			at: unknown;
			quantity: unknown;
			price: unknown;
		},
		storeId: string | null
	): { kinds: string[]; at: number | null; quantity: number | null; price: number | null } => {
		const kinds: string[] = [];
		const at = parseTimestamp(line.at);
		const quantity = parseInteger(line.quantity);
		const price = parseAmount(line.price);
		if (at === null) kinds.push('malformed_date');
		else if (at > reference) kinds.push('future_date');
		if (quantity === null || price === null) kinds.push('malformed_number');
		if (price !== null && price < 0) kinds.push('negative_price');
		if (line.customerId === null || line.customerId === '') kinds.push('null_customer_id');
		if (!products.has(line.productId)) kinds.push('unknown_product_id');
		if (storeId !== null && !stores.has(storeId)) kinds.push('unknown_store_id');
		if (quantity !== null) {
			if (quantity === 0) kinds.push('quantity_zero');
			else if (quantity < 0) kinds.push('quantity_negative');
			else if (quantity > 10_000) kinds.push('quantity_too_large');
		}
		return { kinds, at, quantity, price };
	};
	const pending: { dataset: SalesLine['dataset']; text: string; kinds: string[]; line: SalesLine | null }[] =
		[];

	const posSeen = new Set<string>();
	csv.pos_sales.records.forEach((record, i) => {
		if (posSeen.has(record.text)) return found('pos_sales', record.text, ['duplicate_row']);
		posSeen.add(record.text);
		if (record.fields.length !== csv.pos_sales.header.length) {
			const isShortEnd = i === csv.pos_sales.records.length - 1 && !record.terminated;
			return found('pos_sales', record.text, [isShortEnd ? 'truncated_line' : 'unparseable']);
		}
		const r = named(csv.pos_sales.header, record.fields);
		const base = {
			dataset: 'pos_sales' as const,
			order: r.invoice_no,
			productId: r.product_id,
			customerId: r.customer_id,
			city: r.store_city
		};
		const { kinds, at, quantity, price } = salesKinds(
			{ ...base, at: r.invoice_date, quantity: r.quantity, price: r.unit_price },
			r.store_id
		);
		const line =
			at === null || quantity === null || price === null
				? null
				: { ...base, at, quantity, price, clean: kinds.length === 0 };
		pending.push({ dataset: 'pos_sales', text: record.text, kinds, line });
	});

	const webSeen = new Set<string>();
	const webOrderIds = new Set<string>();
	for (const record of webRecords) {
		if (webSeen.has(record.text)) {
			found('web_orders', record.text, ['duplicate_row']);
			continue;
		}
		webSeen.add(record.text);
		const value = record.value;
		if (value === null) {
			found('web_orders', record.text, ['unparseable']);
			continue;
		}
		webOrderIds.add(String(value.order_id));
		const base = {
			dataset: 'web_orders' as const,
			order: String(value.order_id),
			productId: String(value.product_id),
			customerId: value.customer_id as string | null,
			city: String(value.customer_city)
		};
		const { kinds, at, quantity, price } = salesKinds(
			{ ...base, at: value.order_date, quantity: value.quantity, price: value.unit_price },
			null
		);
		const line =
			at === null || quantity === null || price === null
				? null
				: { ...base, at, quantity, price, clean: kinds.length === 0 };
		pending.push({ dataset: 'web_orders', text: record.text, kinds, line });
	}

	// Spikes: per product, over lines whose quantity passes the range check, quantity > max(Q3 + 3·IQR, 50).
	const quantities = new Map<string, number[]>();
	for (const { line } of pending) {
		if (line && line.quantity >= 1 && line.quantity <= 10_000) {
			const list = quantities.get(line.productId) ?? [];
			list.push(line.quantity);
			quantities.set(line.productId, list);
		}
	}
	const limits = new Map(
		[...quantities].map(([product, values]) => {
			const [q1, q3] = quartiles(values);
			return [product, Math.max(q3 + IQR_MULTIPLIER * (q3 - q1), SPIKE_FLOOR)];
		})
	);
	for (const entry of pending) {
		const { line } = entry;
		if (
			line &&
			line.quantity >= 1 &&
			line.quantity <= 10_000 &&
			line.quantity > limits.get(line.productId)!
		) {
			entry.kinds.push('quantity_spike');
			line.clean = false;
		}
		found(entry.dataset, entry.text, entry.kinds);
		if (line) sales.push(line);
	}

	const inventorySeen = new Set<string>();
	for (const record of csv.inventory.records) {
		if (inventorySeen.has(record.text)) {
			found('inventory', record.text, ['duplicate_row']);
			continue;
		}
		inventorySeen.add(record.text);
		const r = named(csv.inventory.header, record.fields);
		const kinds: string[] = [];
		const day = parseDate(r.snapshot_date);
		if (day === null) kinds.push('malformed_date');
		else if (day > referenceDay) kinds.push('future_date');
		if (!stores.has(r.store_id)) kinds.push('unknown_store_id');
		if (!products.has(r.product_id)) kinds.push('unknown_product_id');
		if (parseInteger(r.quantity_on_hand) === null) kinds.push('malformed_number');
		found('inventory', record.text, kinds);
	}

	const shipmentSeen = new Set<string>();
	for (const record of csv.shipments.records) {
		if (shipmentSeen.has(record.text)) {
			found('shipments', record.text, ['duplicate_row']);
			continue;
		}
		shipmentSeen.add(record.text);
		const r = named(csv.shipments.header, record.fields);
		const kinds: string[] = [];
		const shipped = parseTimestamp(r.ship_date);
		if (shipped === null) kinds.push('malformed_date');
		else if (shipped > reference) kinds.push('future_date');
		if (!webOrderIds.has(r.order_id)) kinds.push('orphan_order_id');
		found('shipments', record.text, kinds);
	}

	return { csv, webRecords, defects, multiDefectRows, sales, products, stores, webOrderIds };
}

/** The records of a CSV file as objects keyed by header. */
export function rows(file: CsvFile): Record<string, string>[] {
	return file.records.map((record) => named(file.header, record.fields));
}

function named(header: string[], fields: string[]): Record<string, string> {
	return Object.fromEntries(header.map((column, i) => [column, fields[i]]));
}
