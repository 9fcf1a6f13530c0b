import { MAX_ORDER_LINES } from './basket';
import { WEB_BASKET_SIZE_WEIGHTS } from './basket-shape';
import { encodeText, FragmentTable, type RawFileWriter } from './batch-writer';
import { drawQuantity, type Product } from './catalog';
import {
	byResidence,
	cityAt,
	customerAddress,
	customerName,
	customerId,
	pickCustomer,
	residenceIndex
} from './customers';
import type { DayContext } from './day-context';
import { SECONDS_PER_DAY } from '../calendar/dates';
import { LINE_REMOVING_KINDS, type DefectInjector, type DefectKind } from './defects';
import { AliasTable } from './deterministic-math';
import { applyLineDefect, emptyLineValues, type DefectTextFormat } from './line-defects';
import { webHours } from './intraday';
import { WEB_PAYMENTS } from './payment-methods';
import { unitPricePaise } from './pricing';
import type { RetailWorld } from './retail-world';
import { unknownProductId } from './row-fragments';
import { Rng } from './rng';
import type { Shipments } from './shipments';
import { CITIES, HYPERMARKET_SLOT, STORES_PER_CITY, type Store } from './stores';

/** The date sits between quotes already; defects only use characters JSON needs no escape for. */
const JSON_DEFECT_TEXT: DefectTextFormat = { date: (text) => text, number: (text) => JSON.stringify(text) };

/** Share of web orders fulfilled by the customer's own city; the rest by another city of the region. */
const LOCAL_FULFILMENT = 0.88;

// Constant JSON between the variable values, each joined with its neighbours to save copies.
const ORDER_ID = encodeText('{"order_id":"WEB-');
const ORDER_DATE = encodeText('","order_date":"');
const UNIT_PRICE = encodeText(',"unit_price":');
const TOTAL_AMOUNT = encodeText(',"total_amount":');
const PAYMENTS = WEB_PAYMENTS.methods.map((method) =>
	encodeText(`,"payment_method":${JSON.stringify(method)},"delivery_address":`)
);
const productMembers = (id: string, p: Product) =>
	`"product_id":"${id}","product_name":${JSON.stringify(p.name)},"category":${JSON.stringify(p.category)},"quantity":`;

/**
 * Web orders as NDJSON, one object per order line; an order may span several lines. Customer city and
 * delivery address are the customer's at the time of the order, so movers show their move. Each order
 * ships from a hypermarket near the customer and gets one shipment.
 */
export class WebOrders {
	readonly #rng: Rng;
	readonly #hours = webHours();
	readonly #sizes = new AliasTable(WEB_BASKET_SIZE_WEIGHTS);
	readonly #basket = new Int16Array(MAX_ORDER_LINES);
	readonly #lineProducts = new Int16Array(MAX_ORDER_LINES);
	readonly #lineQuantities = new Int32Array(MAX_ORDER_LINES);
	/** `","customer_id":"…","customer_name":"…","customer_city":"…",` per residence, and with a null id. */
	readonly #customers: FragmentTable;
	readonly #nullIdCustomers: FragmentTable;
	/** `"product_id":…,"category":"…","quantity":` */
	readonly #products: FragmentTable;
	readonly #unknownProducts: FragmentTable;
	/** JSON strings (and the closing brace) of every customer's home address, then of their address after a move. */
	readonly #addresses: FragmentTable;
	/** Per city: the hypermarkets of the other cities in its region. */
	readonly #regionalHubs: readonly (readonly Store[])[];
	readonly #order: WebOrder = { number: 0, second: 0, residence: 0, payment: 0 };
	#orders = 0;

	constructor(
		private readonly world: RetailWorld,
		private readonly file: RawFileWriter,
		private readonly defects: DefectInjector,
		private readonly shipments: Shipments
	) {
		this.#rng = Rng.stream(world.config.seed, 'web');
		const { customers, names, stores } = world;
		const customerMembers = (idJson: (customer: number) => string) =>
			new FragmentTable(
				byResidence(customers, (i, moved) => {
					const city = CITIES[moved ? customers.newCity[i] : customers.homeCity[i]].name;
					const name = customerName(customers, names, i);
					return `","customer_id":${idJson(i)},"customer_name":${JSON.stringify(name)},"customer_city":${JSON.stringify(city)},`;
				})
			);
		this.#customers = customerMembers((i) => JSON.stringify(customerId(i)));
		this.#nullIdCustomers = customerMembers(() => 'null');
		this.#products = new FragmentTable(world.catalog.products.map((p) => productMembers(p.id, p)));
		this.#unknownProducts = new FragmentTable(
			world.catalog.products.map((p) => productMembers(unknownProductId(p.index), p))
		);
		this.#addresses = new FragmentTable(
			byResidence(customers, (i, moved) => `${JSON.stringify(customerAddress(customers, names, i, moved))}}`)
		);
		const hypermarkets = stores.filter((store) => store.slot === HYPERMARKET_SLOT);
		this.#regionalHubs = CITIES.map((city) =>
			hypermarkets.filter((hub) => hub.city.region === city.region && hub.city.index !== city.index)
		);
	}

	get orders(): number {
		return this.#orders;
	}

	/** Writes the day's orders and their shipments; returns the number of lines sold. */
	day(day: DayContext, orders: number): number {
		const { customers, stores, picker, inventory, catalog } = this.world;
		const rng = this.#rng;
		const seconds = this.#hours.draw(rng, orders);
		const categories = catalog.byCategory.length;
		let lines = 0;
		for (let o = 0; o < orders; o++) {
			const customer = pickCustomer(rng, customers, customers.webSums, day.signedUp, day.dayNo);
			if (customer < 0) continue;
			const city = cityAt(customers, customer, day.dayNo);
			const hubs = this.#regionalHubs[city];
			const origin =
				hubs.length === 0 || rng.chance(LOCAL_FULFILMENT)
					? stores[city * STORES_PER_CITY + HYPERMARKET_SLOT]
					: hubs[rng.int(hubs.length)];
			const size = this.#sizes.pick(rng) + 1;
			const picked = picker.pick(
				rng,
				customers.affinity,
				customer * categories,
				day.month,
				origin.index,
				size,
				this.#basket
			);
			let count = 0;
			for (let j = 0; j < picked; j++) {
				const product = this.#basket[j];
				const wanted = drawQuantity(rng, catalog, catalog.products[product].categoryIndex);
				const sold = inventory.take(origin.index, product, wanted);
				if (sold === 0) continue;
				this.#lineProducts[count] = product;
				this.#lineQuantities[count++] = sold;
			}
			if (count === 0) continue;
			const order = this.#order;
			order.number = ++this.#orders;
			order.second = day.dayNo * SECONDS_PER_DAY + seconds[o];
			order.residence = residenceIndex(customers, customer, day.dayNo);
			order.payment = WEB_PAYMENTS.drawIndex(rng);
			// A line the pipeline removes must leave its order another line, or the shipment would look orphaned.
			let removed = false;
			for (let j = 0; j < count; j++) {
				const defect = this.defects.next(count >= 2 && !removed);
				if (defect !== null && LINE_REMOVING_KINDS.has(defect)) removed = true;
				const product = this.#lineProducts[j];
				const price = unitPricePaise(rng, catalog.products[product].listPaise, day.discount, true);
				this.#line(defect, day, product, this.#lineQuantities[j], price);
			}
			lines += count;
			this.shipments.add(order.number, order.second, origin, city);
		}
		this.file.writeResent();
		this.shipments.endDay();
		return lines;
	}

	readonly #shown = emptyLineValues();

	#line(defect: DefectKind | null, day: DayContext, product: number, quantity: number, price: number): void {
		const order = this.#order;
		const { file, defects } = this;
		const shown = applyLineDefect(
			this.#shown,
			defects,
			defect,
			JSON_DEFECT_TEXT,
			order.second,
			quantity,
			price
		);
		file.beginRow();
		file.put(ORDER_ID);
		file.padded(order.number, 8);
		file.put(ORDER_DATE);
		if (shown.dateText === null) {
			file.put(day.datePrefix);
			file.clock(order.second - day.dayNo * SECONDS_PER_DAY);
		} else {
			file.text(shown.dateText);
		}
		(defect === 'null_customer_id' ? this.#nullIdCustomers : this.#customers).writeTo(file, order.residence);
		(defect === 'unknown_product_id' ? this.#unknownProducts : this.#products).writeTo(file, product);
		if (shown.quantityText === null) file.int(shown.quantity);
		else file.text(shown.quantityText);
		file.put(UNIT_PRICE);
		if (shown.priceText === null) file.paise(shown.price);
		else file.text(shown.priceText);
		file.put(TOTAL_AMOUNT);
		file.paise(shown.quantity * shown.price);
		file.put(PAYMENTS[order.payment]);
		this.#addresses.writeTo(file, order.residence);
		file.endRow();
		if (defect === 'duplicate_row') file.resendLater();
	}
}

/** The order being written; one object, reused from order to order. */
interface WebOrder {
	number: number;
	second: number;
	/** Index into the per-residence fragments (see `residenceIndex`). */
	residence: number;
	payment: number;
}
