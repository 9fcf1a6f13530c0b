import { associationLookup, plantedAssociations, productAppeal } from './associations';
import { BasketPicker, MAX_ORDER_LINES } from './basket';
import { WEB_BASKET_SIZE_WEIGHTS } from './basket-shape';
import { buildCatalog, drawQuantity, type Catalog } from './catalog';
import type { GeneratorConfig } from './config';
import {
	buildCustomers,
	cityAt,
	customerAddress,
	customerCountFor,
	customerId,
	customerName,
	pickCustomer,
	type Customers
} from './customers';
import { civilDate, formatTimestamp, parseIsoDate, SECONDS_PER_DAY } from '../calendar/dates';
import { AliasTable } from './deterministic-math';
import { formatPaise } from './money';
import { buildNamePools, type NamePools } from './name-pools';
import { WEB_PAYMENTS } from './payment-methods';
import { unitPricePaise } from './pricing';
import { RAW_COLUMNS } from './raw-datasets';
import { monthEnds } from './retail-world';
import { Rng } from './rng';
import { buildStores, CITIES, HYPERMARKET_SLOT, STORES_PER_CITY, type Store } from './stores';

/** Seconds of the lake's clock one live batch covers: the clock runs at wall speed while live mode is on. */
export const LIVE_BATCH_SECONDS = 5;
/** Orders per batch, drawn uniformly: a busier web shop than the history, so the feed is visible. */
export const LIVE_ORDERS_PER_BATCH = [2, 6] as const;

/** The batch id of a live batch: `live-s<seed>-<6 digits>`. */
export function liveBatchId(seed: number, sequence: number): string {
	return `live-s${seed}-${String(sequence).padStart(6, '0')}`;
}

/** The sequence of a live batch of `seed` from its file name (`live-s42-000007.ndjson` → 7), else null. */
export function liveSequenceOf(seed: number, fileName: string): number | null {
	const match = /^live-s(\d+)-(\d{6})\.ndjson$/.exec(fileName);
	return match && Number(match[1]) === seed ? Number(match[2]) : null;
}

/** Where the next live batch starts: its sequence number, its first order number and its first second. */
export interface LiveCursor {
	/** 1 for the first live batch of a lake. */
	sequence: number;
	/** The number of the batch's first order (`WEB-<8 digits>`). */
	orderNumber: number;
	/** Epoch second the batch's window starts at. */
	second: number;
}

/** One micro-batch of web orders, as NDJSON in the raw contract's column order. */
export interface LiveBatch {
	cursor: LiveCursor;
	/** The NDJSON text, one object per order line. */
	text: string;
	lines: number;
	orders: number;
	/** Σ total_amount, in paise. */
	revenuePaise: number;
	/** The cursor of the batch after this one. */
	next: LiveCursor;
}

/**
 * The generated world's web shop, carried on after the lake's range: the same products and list prices,
 * the same customers (where they live on the day, their names and addresses, their categories), the same
 * pricing and payment mix. Each batch draws from its own stream (`live-<sequence>`), so batch n depends
 * only on the generation parameters and its cursor. Live orders carry no defects, no planted events and
 * leave the stores' stock alone: they are clean web orders, one shipment-less micro-batch at a time.
 */
export class LiveOrders {
	readonly #config: GeneratorConfig;
	readonly #catalog: Catalog;
	readonly #stores: readonly Store[];
	readonly #customers: Customers;
	readonly #names: NamePools;
	readonly #picker: BasketPicker;
	readonly #sizes = new AliasTable(WEB_BASKET_SIZE_WEIGHTS);
	readonly #basket = new Int16Array(MAX_ORDER_LINES);

	constructor(config: GeneratorConfig) {
		const fromDay = parseIsoDate(config.from);
		const toDay = parseIsoDate(config.to);
		if (fromDay === null || toDay === null) throw new Error('LiveOrders needs a validated config');
		const { seed } = config;
		this.#config = config;
		this.#catalog = buildCatalog(seed);
		const associations = plantedAssociations(this.#catalog);
		const appeal = productAppeal(this.#catalog, associations);
		this.#stores = buildStores(seed, this.#catalog, associations, fromDay, toDay);
		this.#picker = new BasketPicker(
			this.#catalog,
			appeal,
			this.#stores,
			associationLookup(associations, this.#catalog.products.length)
		);
		this.#customers = buildCustomers({
			seed,
			count: customerCountFor(config.salesLines),
			fromDay,
			toDay,
			extractDays: monthEnds(fromDay, toDay),
			catalog: this.#catalog
		});
		this.#names = buildNamePools(seed);
	}

	/** Writes the batch that starts at `cursor`. */
	batch(cursor: LiveCursor): LiveBatch {
		const rng = Rng.stream(this.#config.seed, `live-${cursor.sequence}`);
		const [fewest, most] = LIVE_ORDERS_PER_BATCH;
		const count = rng.intBetween(fewest, most);
		const seconds = Array.from({ length: count }, () => cursor.second + rng.int(LIVE_BATCH_SECONDS)).sort(
			(a, b) => a - b
		);
		const rows: string[] = [];
		let orderNumber = cursor.orderNumber;
		let revenuePaise = 0;
		for (const second of seconds) {
			const lines = this.#order(rng, orderNumber, second);
			if (lines.length === 0) continue;
			for (const line of lines) {
				rows.push(line.json);
				revenuePaise += line.totalPaise;
			}
			orderNumber++;
		}
		return {
			cursor,
			text: rows.map((row) => `${row}\n`).join(''),
			lines: rows.length,
			orders: orderNumber - cursor.orderNumber,
			revenuePaise,
			next: {
				sequence: cursor.sequence + 1,
				orderNumber,
				second: cursor.second + LIVE_BATCH_SECONDS
			}
		};
	}

	/** One order's lines (none when no customer or product fits), shipped from the customer's city. */
	#order(rng: Rng, orderNumber: number, second: number): { json: string; totalPaise: number }[] {
		const customers = this.#customers;
		const dayNo = Math.floor(second / SECONDS_PER_DAY);
		const customer = pickCustomer(rng, customers, customers.webSums, customers.count, dayNo);
		if (customer < 0) return [];
		const city = cityAt(customers, customer, dayNo);
		const origin = this.#stores[city * STORES_PER_CITY + HYPERMARKET_SLOT];
		const categories = this.#catalog.byCategory.length;
		const size = this.#sizes.pick(rng) + 1;
		const month = civilDate(dayNo).month - 1;
		const picked = this.#picker.pick(
			rng,
			customers.affinity,
			customer * categories,
			month,
			origin.index,
			size,
			this.#basket
		);
		const payment = WEB_PAYMENTS.methods[WEB_PAYMENTS.drawIndex(rng)];
		const moved = dayNo >= customers.moveDay[customer];
		const identity = {
			order_id: `WEB-${String(orderNumber).padStart(8, '0')}`,
			order_date: formatTimestamp(second),
			customer_id: customerId(customer),
			customer_name: customerName(customers, this.#names, customer),
			customer_city: CITIES[city].name
		};
		const address = customerAddress(customers, this.#names, customer, moved);
		const lines: { json: string; totalPaise: number }[] = [];
		for (let j = 0; j < picked; j++) {
			const product = this.#catalog.products[this.#basket[j]];
			const quantity = drawQuantity(rng, this.#catalog, product.categoryIndex);
			const price = unitPricePaise(rng, product.listPaise, 0, true);
			const values: Record<string, string | number> = {
				...identity,
				product_id: product.id,
				product_name: product.name,
				category: product.category,
				quantity,
				unit_price: formatPaise(price),
				total_amount: formatPaise(quantity * price),
				payment_method: payment,
				delivery_address: address
			};
			lines.push({ json: ndjsonRow(values), totalPaise: quantity * price });
		}
		return lines;
	}
}

/** Money members are written as JSON numbers with two decimals, as the generator writes them. */
const NUMBER_COLUMNS = new Set(['quantity', 'unit_price', 'total_amount']);

function ndjsonRow(values: Record<string, string | number>): string {
	const members = RAW_COLUMNS.web_orders.map((column) => {
		const value = values[column];
		return `${JSON.stringify(column)}:${NUMBER_COLUMNS.has(column) ? String(value) : JSON.stringify(value)}`;
	});
	return `{${members.join(',')}}`;
}
