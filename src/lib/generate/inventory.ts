import type { BasketPicker } from './basket';
import type { Catalog } from './catalog';
import { Rng } from './rng';
import { CITIES, HYPERMARKET_SLOT, STORES_PER_CITY, type Store } from './stores';

const DEMAND_SMOOTHING = 0.15;
const SAFETY_DAYS = 2;
const COVER_DAYS = 12;
const MAX_SUPPLIER_DELAY_DAYS = 2;
/** Replenishments are kept in buckets by arrival day modulo this (longer than any lead time). */
const ARRIVAL_RING = 16;

/**
 * Stock per store × product. Sales take from it (a sale larger than the shelf sells what is there; an
 * empty shelf loses the sale), and an (s, S) policy refills it: at the end of each day, a product whose
 * stock has fallen to its reorder level s, with nothing on order, is ordered up to S, arriving after
 * the store's lead time plus a supplier delay. s and S follow a moving average of demand, so stockouts
 * cluster after demand peaks (festivals) that the average has not caught up with yet.
 */
export class Inventory {
	readonly onHand: Int32Array;
	readonly #reorderLevel: Int32Array;
	readonly #orderUpTo: Int32Array;
	readonly #pending: Int32Array;
	readonly #arrivals: number[][] = Array.from({ length: ARRIVAL_RING }, () => []);
	/** Moving average of daily demand as of `#reviewedOn`; days without demand decay it by `#decay`. */
	readonly #demandRate: Float64Array;
	readonly #reviewedOn: Int32Array;
	/** `#decay[k]` = (1 − smoothing)^k, by repeated multiplication. */
	readonly #decay: Float64Array;
	readonly #demandToday: Int32Array;
	/** Slots with demand today: only they can need an order tonight. */
	readonly #touched: Int32Array;
	#touchedCount = 0;
	readonly #products: number;
	readonly #rng: Rng;

	constructor(
		seed: number,
		private readonly stores: readonly Store[],
		productCount: number,
		initialDailyDemand: Float64Array,
		firstDay: number,
		dayCount: number
	) {
		this.#rng = Rng.stream(seed, 'inventory');
		this.#products = productCount;
		const size = stores.length * productCount;
		this.onHand = new Int32Array(size);
		this.#reorderLevel = new Int32Array(size);
		this.#orderUpTo = new Int32Array(size);
		this.#pending = new Int32Array(size);
		this.#demandRate = Float64Array.from(initialDailyDemand);
		this.#reviewedOn = new Int32Array(size).fill(firstDay - 1);
		this.#decay = new Float64Array(dayCount + 2);
		this.#decay[0] = 1;
		for (let k = 1; k < this.#decay.length; k++) this.#decay[k] = this.#decay[k - 1] * (1 - DEMAND_SMOOTHING);
		this.#demandToday = new Int32Array(size);
		this.#touched = new Int32Array(size);
		for (const store of stores) {
			for (const product of store.carried) {
				const slot = store.index * productCount + product;
				this.#updateLevels(slot, store.leadDays);
				const s = this.#reorderLevel[slot];
				this.onHand[slot] = s + 1 + this.#rng.int(this.#orderUpTo[slot] - s);
			}
		}
	}

	/** Receives the replenishments due today. */
	beginDay(dayNo: number): void {
		const due = this.#arrivals[dayNo % ARRIVAL_RING];
		for (const slot of due) {
			this.onHand[slot] += this.#pending[slot];
			this.#pending[slot] = 0;
		}
		due.length = 0;
	}

	/**
	 * A delivery ahead of a promotion: every shelf of `products` gets `share` of its order-up-to level on
	 * top (a shelf the store does not stock has none).
	 */
	stockUp(products: readonly number[], share: number): void {
		for (const store of this.stores) {
			for (const product of products) {
				const slot = store.index * this.#products + product;
				this.onHand[slot] += Math.ceil(this.#orderUpTo[slot] * share);
			}
		}
	}

	/** Sells up to `quantity` from the shelf; returns what was sold (0 = stockout, the sale is lost). */
	take(store: number, product: number, quantity: number): number {
		const slot = store * this.#products + product;
		if (this.#demandToday[slot] === 0) this.#touched[this.#touchedCount++] = slot;
		this.#demandToday[slot] += quantity;
		const sold = Math.min(quantity, this.onHand[slot]);
		this.onHand[slot] -= sold;
		return sold;
	}

	/** Updates the demand averages of what sold today and places the day's replenishment orders. */
	endDay(dayNo: number): void {
		for (let t = 0; t < this.#touchedCount; t++) {
			const slot = this.#touched[t];
			const rate = this.#decay[dayNo - this.#reviewedOn[slot] - 1] * this.#demandRate[slot];
			this.#demandRate[slot] = rate + DEMAND_SMOOTHING * (this.#demandToday[slot] - rate);
			this.#reviewedOn[slot] = dayNo;
			this.#demandToday[slot] = 0;
			const leadDays = this.stores[Math.floor(slot / this.#products)].leadDays;
			this.#updateLevels(slot, leadDays);
			if (this.#pending[slot] === 0 && this.onHand[slot] <= this.#reorderLevel[slot]) {
				this.#pending[slot] = this.#orderUpTo[slot] - this.onHand[slot];
				this.#arrivals[(dayNo + leadDays + this.#rng.int(MAX_SUPPLIER_DELAY_DAYS + 1)) % ARRIVAL_RING].push(
					slot
				);
			}
		}
		this.#touchedCount = 0;
	}

	/**
	 * The reorder level (s) at the close of `dayNo`. Without demand, s only falls, so a product that sold
	 * nothing today never needs an order tonight: that is why only sold products are reviewed.
	 */
	reorderLevelOn(store: number, product: number, dayNo: number): number {
		const slot = store * this.#products + product;
		const rate = this.#decay[dayNo - this.#reviewedOn[slot]] * this.#demandRate[slot];
		return reorderLevel(rate, this.stores[store].leadDays);
	}

	#updateLevels(slot: number, leadDays: number): void {
		const rate = this.#demandRate[slot];
		const s = reorderLevel(rate, leadDays);
		this.#reorderLevel[slot] = s;
		this.#orderUpTo[slot] = s + Math.max(3, Math.ceil(rate * COVER_DAYS));
	}
}

function reorderLevel(dailyDemand: number, leadDays: number): number {
	return Math.ceil(dailyDemand * (leadDays + SAFETY_DAYS)) + 1;
}

export interface DemandEstimateInputs {
	catalog: Catalog;
	appeal: Float64Array;
	stores: readonly Store[];
	picker: BasketPicker;
	posLinesPerDay: number;
	webLinesPerDay: number;
}

/**
 * Expected units per day for every store × product, from city sizes, store footfall, what each store
 * stocks and product appeal: the starting point of the demand averages. Web demand lands on each
 * city's hypermarket, which fulfils its web orders.
 */
export function estimateDailyDemand(inputs: DemandEstimateInputs): Float64Array {
	const { catalog, appeal, stores, picker, posLinesPerDay, webLinesPerDay } = inputs;
	const productCount = catalog.products.length;
	const categories = catalog.byCategory.length;
	const estimate = new Float64Array(stores.length * productCount);
	const cityTotal = CITIES.reduce((sum, city) => sum + city.weight, 0);
	const trafficTotal = stores.slice(0, STORES_PER_CITY).reduce((sum, store) => sum + store.traffic, 0);
	const categoryAppeal = catalog.byCategory.map((members) => members.reduce((sum, p) => sum + appeal[p], 0));
	const unitsPerLine = catalog.byCategory.map((_, c) => catalog.lineShare[c] * catalog.meanQuantity[c]);
	const lineShareTotal = catalog.lineShare.reduce((sum, share) => sum + share, 0);
	for (const store of stores) {
		const storeShare = (store.city.weight / cityTotal) * (store.traffic / trafficTotal);
		let coveredShare = 0;
		for (let c = 0; c < categories; c++)
			coveredShare += catalog.lineShare[c] * picker.categoryCover(store.index, c);
		for (const product of store.carried) {
			const c = catalog.products[product].categoryIndex;
			const withinCategory = appeal[product] / categoryAppeal[c];
			// In-store: the category's share among what the store stocks, spread over the products it stocks.
			let units = (posLinesPerDay * storeShare * unitsPerLine[c] * withinCategory) / coveredShare;
			if (store.slot === HYPERMARKET_SLOT) {
				units +=
					(webLinesPerDay * (store.city.weight / cityTotal) * unitsPerLine[c] * withinCategory) /
					lineShareTotal;
			}
			estimate[store.index * productCount + product] = units;
		}
	}
	return estimate;
}
