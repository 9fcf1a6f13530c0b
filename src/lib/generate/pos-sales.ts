import { MAX_ORDER_LINES } from './basket';
import { POS_BASKET_SIZE_WEIGHTS } from './basket-shape';
import { encodeText, type RawFileWriter } from './batch-writer';
import { drawQuantity } from './catalog';
import { csvField } from './csv';
import { cityAt, customerId, pickCustomer, pickSlot } from './customers';
import type { DayContext } from './day-context';
import { SECONDS_PER_DAY } from '../calendar/dates';
import type { DefectInjector, DefectKind } from './defects';
import { POS_MEAN_LINES } from './demand';
import type { PlantedEvents } from './event-runtime';
import { AliasTable } from './deterministic-math';
import { applyLineDefect, emptyLineValues, type DefectTextFormat } from './line-defects';
import { storeHours } from './intraday';
import { STORE_PAYMENTS } from './payment-methods';
import { unitPricePaise } from './pricing';
import type { RetailWorld } from './retail-world';
import { Rng } from './rng';
import { HYPERMARKET_SLOT, STORES_PER_CITY } from './stores';

const CSV_DEFECT_TEXT: DefectTextFormat = { date: csvField, number: csvField };

const COMMA = 44;
const INVOICE_PREFIX = encodeText('INV-');
const CUSTOMER_PREFIX = encodeText('CUST-');
const PAYMENTS = STORE_PAYMENTS.methods.map(encodeText);

/** The invoice being written; one object, reused from invoice to invoice. */
interface Invoice {
	number: number;
	second: number;
	store: number;
	customer: number;
	payment: number;
}

/**
 * Store invoices, one CSV row per invoice line. Every invoice has a known customer (no walk-in nulls). A
 * store whose floor is closed by a planted outage sells nothing; a category promotion adds single-line
 * orders of its category among the day's invoices.
 */
export class PosSales {
	readonly #rng: Rng;
	readonly #hours = storeHours();
	readonly #sizes = new AliasTable(POS_BASKET_SIZE_WEIGHTS);
	readonly #basket = new Int16Array(MAX_ORDER_LINES);
	readonly #invoice: Invoice = { number: 0, second: 0, store: 0, customer: 0, payment: 0 };
	#invoices = 0;

	constructor(
		private readonly world: RetailWorld,
		private readonly file: RawFileWriter,
		private readonly defects: DefectInjector,
		private readonly events: PlantedEvents
	) {
		this.#rng = Rng.stream(world.config.seed, 'pos');
	}

	get invoices(): number {
		return this.#invoices;
	}

	/** Writes the day's invoices; returns the number of lines sold. */
	day(day: DayContext, orders: number): number {
		const { customers, stores, picker, inventory, catalog } = this.world;
		const { events } = this;
		const rng = this.#rng;
		const invoice = this.#invoice;
		const extra = events.extraOrders(orders, POS_MEAN_LINES, day.month);
		const total = orders + extra;
		const seconds = this.#hours.draw(rng, total);
		const categories = catalog.byCategory.length;
		let promotionLeft = extra;
		let lines = 0;
		for (let o = 0; o < total; o++) {
			// Spreads the promotion's orders among the day's (selection sampling): ids keep following time.
			const promoted = promotionLeft > 0 && rng.chance(promotionLeft / (total - o));
			if (promoted) promotionLeft--;
			const customer = pickCustomer(rng, customers, customers.posSums, day.signedUp, day.dayNo);
			if (customer < 0) continue;
			const city = cityAt(customers, customer, day.dayNo);
			let store = city * STORES_PER_CITY + pickSlot(rng, customers, customer);
			if (stores[store].openedDay > day.dayNo) store = city * STORES_PER_CITY + HYPERMARKET_SLOT;
			if (events.closed[store] === 1) continue;
			const size = promoted ? 1 : this.#sizes.pick(rng) + 1;
			const basket = this.#basket;
			const picked = promoted
				? picker.pick(
						rng,
						events.promotionAffinity,
						events.promotedCategory * categories,
						day.month,
						store,
						size,
						basket
					)
				: picker.pick(rng, customers.affinity, customer * categories, day.month, store, size, basket);
			invoice.number = 0;
			invoice.second = day.dayNo * SECONDS_PER_DAY + seconds[o];
			invoice.store = store;
			invoice.customer = customer;
			invoice.payment = STORE_PAYMENTS.drawIndex(rng);
			for (let j = 0; j < picked; j++) {
				const product = catalog.products[basket[j]];
				const sold = inventory.take(store, product.index, drawQuantity(rng, catalog, product.categoryIndex));
				if (sold === 0) continue;
				if (invoice.number === 0) {
					invoice.number = ++this.#invoices;
					events.countInvoice(store);
				}
				const discount = events.discountFor(product.categoryIndex, day.discount);
				const price = unitPricePaise(rng, product.listPaise, discount, false);
				const defect = this.defects.next();
				const charged = defect === null ? events.charged(product.index, price) : price;
				this.#line(defect, day, product.index, sold, charged);
				lines++;
			}
		}
		this.file.writeResent();
		return lines;
	}

	/**
	 * The "short file": one more invoice line, cut off in transfer in the middle of its product id. Its
	 * invoice is not in the file otherwise.
	 */
	truncatedLastLine(): string {
		const { stores, customers, config } = this.world;
		this.defects.record('truncated_line');
		const invoice = `INV-${String(this.#invoices + 1).padStart(8, '0')}`;
		const store = `${stores[0].id},${csvField(stores[0].city.name)}`;
		return `${invoice},${config.to} 21:59:59,${store},${customerId(customers.count - 1)},P00`;
	}

	readonly #shown = emptyLineValues();

	#line(defect: DefectKind | null, day: DayContext, product: number, quantity: number, price: number): void {
		const { fragments } = this.world;
		const { file, defects } = this;
		const invoice = this.#invoice;
		const shown = applyLineDefect(
			this.#shown,
			defects,
			defect,
			CSV_DEFECT_TEXT,
			invoice.second,
			quantity,
			price
		);
		file.beginRow();
		file.put(INVOICE_PREFIX);
		file.padded(invoice.number, 8);
		file.char(COMMA);
		if (shown.dateText === null) {
			file.put(day.datePrefix);
			file.clock(invoice.second - day.dayNo * SECONDS_PER_DAY);
		} else {
			file.text(shown.dateText);
		}
		file.char(COMMA);
		(defect === 'unknown_store_id' ? fragments.unknownStoreCsv : fragments.storeCsv).writeTo(
			file,
			invoice.store
		);
		file.char(COMMA);
		if (defect !== 'null_customer_id') {
			file.put(CUSTOMER_PREFIX);
			file.padded(invoice.customer + 1, 6);
		}
		file.char(COMMA);
		(defect === 'unknown_product_id' ? fragments.unknownProductCsv : fragments.productCsv).writeTo(
			file,
			product
		);
		file.char(COMMA);
		if (shown.quantityText === null) file.int(shown.quantity);
		else file.text(shown.quantityText);
		file.char(COMMA);
		if (shown.priceText === null) file.paise(shown.price);
		else file.text(shown.priceText);
		file.char(COMMA);
		file.paise(shown.quantity * shown.price);
		file.char(COMMA);
		file.put(PAYMENTS[invoice.payment]);
		file.endRow();
		if (defect === 'duplicate_row') file.resendLater();
	}
}
