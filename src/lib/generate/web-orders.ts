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
	NEVER,
	pickCustomer,
	residenceIndex
} from './customers';
import type { DayContext } from './day-context';
import { SECONDS_PER_DAY } from '../calendar/dates';
import { LINE_REMOVING_KINDS, type DefectInjector, type DefectKind } from './defects';
import { WEB_MEAN_LINES } from './demand';
import type { PlantedEvents } from './event-runtime';
import { formatTimestamp } from '../calendar/dates';
import type { FraudOrderPlan } from './planted-events';
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
 * ships from a hypermarket near the customer and gets one shipment. Planted fraud orders (see
 * `planted-events.ts`) and a category promotion's extra orders fall among the day's orders in time order.
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
	/** Web orders each customer placed so far (an account takeover picks one with a history). */
	readonly #ordersOf: Uint16Array;

	constructor(
		private readonly world: RetailWorld,
		private readonly file: RawFileWriter,
		private readonly defects: DefectInjector,
		private readonly shipments: Shipments,
		private readonly events: PlantedEvents
	) {
		this.#rng = Rng.stream(world.config.seed, 'web');
		this.#ordersOf = new Uint16Array(world.customers.count);
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
		const { events } = this;
		const rng = this.#rng;
		const extra = events.extraOrders(orders, WEB_MEAN_LINES, day.month);
		const total = orders + extra;
		const seconds = this.#hours.draw(rng, total);
		const fraud = events.fraudOrdersOn(day.dayNo);
		let nextFraud = 0;
		const categories = catalog.byCategory.length;
		let promotionLeft = extra;
		let lines = 0;
		for (let o = 0; o < total; o++) {
			const second = day.dayNo * SECONDS_PER_DAY + seconds[o];
			while (nextFraud < fraud.length && fraud[nextFraud].second <= second) {
				lines += this.#fraudOrder(day, fraud[nextFraud++]);
			}
			const promoted = promotionLeft > 0 && rng.chance(promotionLeft / (total - o));
			if (promoted) promotionLeft--;
			const customer = pickCustomer(rng, customers, customers.webSums, day.signedUp, day.dayNo);
			if (customer < 0) continue;
			const city = cityAt(customers, customer, day.dayNo);
			const hubs = this.#regionalHubs[city];
			const origin =
				hubs.length === 0 || rng.chance(LOCAL_FULFILMENT)
					? stores[city * STORES_PER_CITY + HYPERMARKET_SLOT]
					: hubs[rng.int(hubs.length)];
			const size = promoted ? 1 : this.#sizes.pick(rng) + 1;
			const picked = promoted
				? picker.pick(
						rng,
						events.promotionAffinity,
						events.promotedCategory * categories,
						day.month,
						origin.index,
						size,
						this.#basket
					)
				: picker.pick(
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
			order.second = second;
			order.residence = residenceIndex(customers, customer, day.dayNo);
			order.payment = WEB_PAYMENTS.drawIndex(rng);
			if (this.#ordersOf[customer] < 0xffff) this.#ordersOf[customer]++;
			// A line the pipeline removes must leave its order another line, or the shipment would look orphaned.
			let removed = false;
			for (let j = 0; j < count; j++) {
				const defect = this.defects.next(count >= 2 && !removed);
				if (defect !== null && LINE_REMOVING_KINDS.has(defect)) removed = true;
				const product = this.#lineProducts[j];
				const { listPaise, categoryIndex } = catalog.products[product];
				const price = unitPricePaise(rng, listPaise, events.discountFor(categoryIndex, day.discount), true);
				const charged = defect === null ? events.charged(product, price) : price;
				this.#line(defect, day, product, this.#lineQuantities[j], charged);
			}
			lines += count;
			this.shipments.add(order.number, order.second, origin, city);
		}
		while (nextFraud < fraud.length) lines += this.#fraudOrder(day, fraud[nextFraud++]);
		this.file.writeResent();
		this.shipments.endDay();
		return lines;
	}

	/**
	 * Writes one planted fraud order (a single clean line, shipped from the hypermarket of the city it goes
	 * to) and records it for the truth; returns its lines (0 when no account fits a takeover yet). Fraud
	 * orders are filled from the distribution centre: they leave the stores' stock alone.
	 */
	#fraudOrder(day: DayContext, plan: FraudOrderPlan): number {
		const { customers, names, catalog, stores } = this.world;
		const { events } = this;
		const rng = events.rng;
		let identity: LineIdentity | undefined;
		let buyerId: string;
		let shipTo: number;
		if (plan.pattern === 'card_testing') {
			const tester = events.plan.cardTesters[plan.actor];
			const city = CITIES[tester.city];
			const name = `${names.firstNames[tester.firstName]} ${names.lastNames[tester.lastName]}`;
			const address = `${tester.house} ${names.streets[tester.street]}, ${city.name}, ${city.state} - ${city.pinPrefix}${String(tester.pinSuffix).padStart(3, '0')}`;
			buyerId = tester.id;
			shipTo = tester.city;
			identity = {
				customer: `","customer_id":${JSON.stringify(tester.id)},"customer_name":${JSON.stringify(name)},"customer_city":${JSON.stringify(city.name)},`,
				address: `${JSON.stringify(address)}}`
			};
		} else {
			const customer = this.#fraudCustomer(day, plan);
			if (customer < 0) return 0;
			const home = cityAt(customers, customer, day.dayNo);
			buyerId = customerId(customer);
			this.#order.residence = residenceIndex(customers, customer, day.dayNo);
			shipTo = (home + plan.shipToOffset) % CITIES.length;
			// Never a city the account lived in: the goods go somewhere its owner has no address.
			const lived = (city: number) =>
				city === customers.homeCity[customer] ||
				(customers.moveDay[customer] !== NEVER && city === customers.newCity[customer]);
			while (plan.shipToOffset !== 0 && lived(shipTo)) shipTo = (shipTo + 1) % CITIES.length;
			if (plan.shipToOffset !== 0) {
				const city = CITIES[shipTo];
				const address = `${rng.intBetween(1, 999)} ${names.streets[rng.int(names.streets.length)]}, ${city.name}, ${city.state} - ${city.pinPrefix}${String(rng.intBetween(1, 99)).padStart(3, '0')}`;
				identity = { address: `${JSON.stringify(address)}}` };
			}
		}
		const order = this.#order;
		order.number = ++this.#orders;
		order.second = plan.second;
		order.payment = plan.pattern === 'reseller' ? WEB_PAYMENTS.drawIndex(rng) : CREDIT_CARD;
		const { listPaise, categoryIndex } = catalog.products[plan.product];
		const price = unitPricePaise(rng, listPaise, events.discountFor(categoryIndex, day.discount), true);
		this.#line(null, day, plan.product, plan.quantity, price, identity);
		this.shipments.add(
			order.number,
			order.second,
			stores[shipTo * STORES_PER_CITY + HYPERMARKET_SLOT],
			shipTo,
			true
		);
		events.recordFraud({
			orderId: `WEB-${String(order.number).padStart(8, '0')}`,
			pattern: plan.pattern,
			customerId: buyerId,
			orderedAt: formatTimestamp(order.second)
		});
		return 1;
	}

	/**
	 * The account behind a takeover (one with two web orders or more) or a reseller (any online customer,
	 * the same for all their orders); −1 when none is found.
	 */
	#fraudCustomer(day: DayContext, plan: FraudOrderPlan): number {
		const { customers } = this.world;
		const { events } = this;
		if (plan.pattern === 'reseller' && events.resellerCustomer[plan.actor] >= 0) {
			return events.resellerCustomer[plan.actor];
		}
		const history = plan.pattern === 'account_takeover' ? 2 : 1;
		for (let attempt = 0; attempt < 64; attempt++) {
			const customer = pickCustomer(events.rng, customers, customers.webSums, day.signedUp, day.dayNo);
			if (customer < 0) return -1;
			if (this.#ordersOf[customer] < history) continue;
			if (plan.pattern === 'reseller') events.resellerCustomer[plan.actor] = customer;
			return customer;
		}
		return -1;
	}

	readonly #shown = emptyLineValues();

	#line(
		defect: DefectKind | null,
		day: DayContext,
		product: number,
		quantity: number,
		price: number,
		identity?: LineIdentity
	): void {
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
		if (identity?.customer !== undefined) file.text(identity.customer);
		else
			(defect === 'null_customer_id' ? this.#nullIdCustomers : this.#customers).writeTo(
				file,
				order.residence
			);
		(defect === 'unknown_product_id' ? this.#unknownProducts : this.#products).writeTo(file, product);
		if (shown.quantityText === null) file.int(shown.quantity);
		else file.text(shown.quantityText);
		file.put(UNIT_PRICE);
		if (shown.priceText === null) file.paise(shown.price);
		else file.text(shown.priceText);
		file.put(TOTAL_AMOUNT);
		file.paise(shown.quantity * shown.price);
		file.put(PAYMENTS[order.payment]);
		if (identity?.address !== undefined) file.text(identity.address);
		else this.#addresses.writeTo(file, order.residence);
		file.endRow();
		if (defect === 'duplicate_row') file.resendLater();
	}
}

/** A fraud line's own customer members and delivery address, where the per-residence fragments do not fit. */
interface LineIdentity {
	/** `","customer_id":…,"customer_name":…,"customer_city":…,` */
	customer?: string;
	/** The delivery address as a JSON string, and the closing brace. */
	address?: string;
}

const CREDIT_CARD = WEB_PAYMENTS.methods.indexOf('Credit Card');

/** The order being written; one object, reused from order to order. */
interface WebOrder {
	number: number;
	second: number;
	/** Index into the per-residence fragments (see `residenceIndex`). */
	residence: number;
	payment: number;
}
