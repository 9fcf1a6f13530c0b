import type { Catalog } from './catalog';
import { SECONDS_PER_DAY } from '../calendar/dates';
import { EVENT_RULES, type EventPlan, type FraudOrderPlan, type FraudPattern } from './planted-events';
import { Rng } from './rng';

/** A fraudulent web order as written: what `_truth.json` lists. */
export interface FraudOrderRecord {
	orderId: string;
	pattern: FraudPattern;
	customerId: string;
	/** `YYYY-MM-DD HH:MM:SS` */
	orderedAt: string;
}

/**
 * The planted events while the days are generated: which stores are closed today, which product is
 * mispriced, which category is promoted, which fraudulent orders fall today; and what each one did
 * (lines charged a wrong price, extra orders, the fraud orders' ids), for the ground truth.
 */
export class PlantedEvents {
	/** 1 for a store whose floor is closed today. */
	readonly closed: Uint8Array;
	/** Per product: the price error running on it today (index into the plan's), −1 for none. */
	readonly #priceError: Int32Array;
	/** One-hot category weights: the promotion's extra orders buy from row `category` only. */
	readonly promotionAffinity: Float64Array;
	/** The category promoted today, −1 for none. */
	promotedCategory = -1;
	/** Today is a promotion's first day: its stock arrives (see `Inventory.stockUp`). */
	promotionStarts = false;
	#promotion = -1;
	#fraudCursor = 0;
	readonly #rng: Rng;
	readonly #categories: number;
	/** Per price error: lines charged, last day it ran (−1 while it has not ended), whether it ended. */
	readonly priceErrorLines: number[];
	readonly priceErrorLastDay: number[];
	readonly promotionExtraOrders: number[];
	readonly fraudOrders: FraudOrderRecord[] = [];
	/** Per outage: its store (the planned one, or the busiest when that one sells too little), its last
	 * day (−1 until it starts) and the invoices it was expected to cost. */
	readonly outageStore: number[];
	readonly outageLastDay: number[];
	readonly outageExpectedLost: number[];
	/** Per store × day of a ring of `outageRateDays`: invoices written, and their sum per store. */
	readonly #recent: Int32Array;
	readonly #recentSum: Int32Array;
	#today = 0;
	/** Per reseller: the customer who places their orders, −1 until the first one. */
	readonly resellerCustomer: Int32Array;

	constructor(
		readonly plan: EventPlan,
		seed: number,
		storeCount: number,
		private readonly catalog: Catalog
	) {
		this.#rng = Rng.stream(seed, 'fraud');
		this.closed = new Uint8Array(storeCount);
		this.#priceError = new Int32Array(catalog.products.length).fill(-1);
		this.#categories = catalog.byCategory.length;
		this.promotionAffinity = new Float64Array(this.#categories * this.#categories);
		for (let c = 0; c < this.#categories; c++) this.promotionAffinity[c * this.#categories + c] = 1;
		this.priceErrorLines = plan.priceErrors.map(() => 0);
		this.priceErrorLastDay = plan.priceErrors.map(() => -1);
		this.promotionExtraOrders = plan.categoryPromotions.map(() => 0);
		this.resellerCustomer = new Int32Array(plan.resellers).fill(-1);
		this.outageStore = plan.outages.map((outage) => outage.store);
		this.outageLastDay = plan.outages.map(() => -1);
		this.outageExpectedLost = plan.outages.map(() => 0);
		this.#recent = new Int32Array(storeCount * EVENT_RULES.outageRateDays);
		this.#recentSum = new Int32Array(storeCount);
	}

	/** Counts an invoice of `store` today: an outage's length follows the store's recent rate. */
	countInvoice(store: number): void {
		this.#recent[store * EVENT_RULES.outageRateDays + (this.#today % EVENT_RULES.outageRateDays)]++;
		this.#recentSum[store]++;
	}

	/** The random stream of the events' own draws (fraud customers, prices, addresses, extra orders). */
	get rng(): Rng {
		return this.#rng;
	}

	beginDay(dayNo: number): void {
		const { plan } = this;
		const W = EVENT_RULES.outageRateDays;
		this.#today = dayNo;
		for (let store = 0; store < this.#recentSum.length; store++) {
			this.#recentSum[store] -= this.#recent[store * W + (dayNo % W)];
			this.#recent[store * W + (dayNo % W)] = 0;
		}
		this.closed.fill(0);
		plan.outages.forEach((outage, i) => {
			if (dayNo === outage.firstDay) this.#startOutage(i, dayNo);
			if (dayNo >= outage.firstDay && dayNo <= this.outageLastDay[i]) this.closed[this.outageStore[i]] = 1;
		});
		this.#priceError.fill(-1);
		plan.priceErrors.forEach((error, i) => {
			const running = dayNo >= error.firstDay && this.priceErrorLastDay[i] === -1;
			if (running) this.#priceError[error.product] = i;
		});
		this.#promotion = plan.categoryPromotions.findIndex((p) => dayNo >= p.firstDay && dayNo <= p.lastDay);
		const promotion = plan.categoryPromotions[this.#promotion];
		this.promotedCategory = promotion ? promotion.category : -1;
		this.promotionStarts = promotion?.firstDay === dayNo;
	}

	/** The promotion's lift − 1: the share of normal stock delivered on top for it. */
	get promotionExtraShare(): number {
		return this.#promotion === -1 ? 0 : this.plan.categoryPromotions[this.#promotion].lift - 1;
	}

	/**
	 * Closes outage `i`'s store long enough to cost `outageLostInvoices` at its rate of the last weeks; a
	 * store selling too little for that within the outage's days gives way to the busiest store.
	 */
	#startOutage(i: number, dayNo: number): void {
		const W = EVENT_RULES.outageRateDays;
		const { lostInvoices, maxDays } = {
			lostInvoices: EVENT_RULES.outageLostInvoices,
			maxDays: this.plan.outages[i].maxDays
		};
		let store = this.outageStore[i];
		if (this.#recentSum[store] / W < lostInvoices / maxDays) {
			for (let other = 0; other < this.#recentSum.length; other++) {
				if (this.#recentSum[other] > this.#recentSum[store]) store = other;
			}
		}
		const perDay = this.#recentSum[store] / W;
		const days = Math.min(maxDays, Math.max(1, Math.ceil(lostInvoices / Math.max(perDay, 1e-9))));
		this.outageStore[i] = store;
		this.outageLastDay[i] = dayNo + days - 1;
		this.outageExpectedLost[i] = Math.round(perDay * days * 10) / 10;
	}

	/** Ends a price error once it has hit enough lines, or on its last allowed day. */
	endDay(dayNo: number): void {
		this.plan.priceErrors.forEach((error, i) => {
			if (dayNo < error.firstDay || this.priceErrorLastDay[i] !== -1) return;
			const lastAllowed = error.firstDay + EVENT_RULES.priceErrorMaxDays - 1;
			if (this.priceErrorLines[i] >= EVENT_RULES.priceErrorMinLines || dayNo >= lastAllowed) {
				this.priceErrorLastDay[i] = dayNo;
			}
		});
	}

	/** The share taken off a product's list price today: the day's sales, or the category promotion's. */
	discountFor(categoryIndex: number, dayDiscount: number): number {
		if (categoryIndex !== this.promotedCategory) return dayDiscount;
		return Math.max(dayDiscount, this.plan.categoryPromotions[this.#promotion].discount);
	}

	/** The price a clean line is charged: keyed wrong while a price error runs on the product (counted). */
	charged(product: number, paise: number): number {
		const i = this.#priceError[product];
		if (i === -1) return paise;
		this.priceErrorLines[i]++;
		return this.plan.priceErrors[i].factor === 10 ? paise * 10 : Math.round(paise / 10);
	}

	/**
	 * Extra single-line orders of the promoted category for a channel today: the promotion's lift on the
	 * category's expected lines (`orders` × `meanLines` × its share this month). 0 without a promotion.
	 */
	extraOrders(orders: number, meanLines: number, month: number): number {
		if (this.#promotion === -1) return 0;
		const { lift } = this.plan.categoryPromotions[this.#promotion];
		const { catalog } = this;
		let shareTotal = 0;
		for (let c = 0; c < this.#categories; c++) {
			shareTotal += catalog.lineShare[c] * catalog.monthFactors[c * 12 + month];
		}
		const c = this.promotedCategory;
		const share = (catalog.lineShare[c] * catalog.monthFactors[c * 12 + month]) / shareTotal;
		const expected = (lift - 1) * orders * meanLines * share;
		const extra = Math.floor(expected) + (this.#rng.chance(expected - Math.floor(expected)) ? 1 : 0);
		this.promotionExtraOrders[this.#promotion] += extra;
		return extra;
	}

	/** The fraud orders planned for `dayNo`, in time order; each is handed out once. */
	fraudOrdersOn(dayNo: number): FraudOrderPlan[] {
		const { fraudOrders } = this.plan;
		const end = (dayNo + 1) * SECONDS_PER_DAY;
		const start = this.#fraudCursor;
		while (this.#fraudCursor < fraudOrders.length && fraudOrders[this.#fraudCursor].second < end) {
			this.#fraudCursor++;
		}
		return fraudOrders.slice(start, this.#fraudCursor);
	}

	recordFraud(record: FraudOrderRecord): void {
		this.fraudOrders.push(record);
	}
}
