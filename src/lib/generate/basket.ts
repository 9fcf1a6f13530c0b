import type { AssociationLookup } from './associations';
import type { Catalog } from './catalog';
import { AliasTable } from './deterministic-math';
import type { Rng } from './rng';
import type { Store } from './stores';

/** Longest order, planted consequents included. */
export const MAX_ORDER_LINES = 16;

/**
 * Fills orders with distinct products a store carries: a category by the customer's affinity, the
 * month's seasonality and how much of the category the store stocks, then a product by appeal; then
 * planted associations pull in their consequents. Works in preallocated arrays: no garbage per order.
 */
export class BasketPicker {
	readonly #catalog: Catalog;
	readonly #categories: number;
	readonly #lookup: AssociationLookup;
	/** Per store × category: the products carried, and a table to draw one by appeal. */
	readonly #products: Int16Array[] = [];
	readonly #productDraws: AliasTable[] = [];
	/** Per store × category: share of the category's appeal the store carries. */
	readonly #categoryCover: Float64Array;
	/** Per store × month × category: cover times the category's seasonal factor. */
	readonly #seasonalCover: Float64Array;
	/** Per store × product: 1 when carried. */
	readonly #carries: Uint8Array;
	readonly #categorySums: Float64Array;

	constructor(catalog: Catalog, appeal: Float64Array, stores: readonly Store[], lookup: AssociationLookup) {
		this.#catalog = catalog;
		this.#categories = catalog.byCategory.length;
		this.#lookup = lookup;
		this.#categorySums = new Float64Array(this.#categories);
		this.#categoryCover = new Float64Array(stores.length * this.#categories);
		this.#carries = new Uint8Array(stores.length * catalog.products.length);
		for (const store of stores) {
			for (const product of store.carried) this.#carries[store.index * catalog.products.length + product] = 1;
			catalog.byCategory.forEach((members, c) => {
				const carried = members.filter((product) => store.carried.includes(product));
				const categoryAppeal = members.reduce((sum, product) => sum + appeal[product], 0);
				const carriedAppeal = carried.reduce((sum, product) => sum + appeal[product], 0);
				this.#products.push(Int16Array.from(carried));
				this.#productDraws.push(new AliasTable(carried.map((product) => appeal[product])));
				this.#categoryCover[store.index * this.#categories + c] = carriedAppeal / categoryAppeal;
			});
		}
		this.#seasonalCover = new Float64Array(stores.length * 12 * this.#categories);
		for (let store = 0; store < stores.length; store++) {
			for (let month = 0; month < 12; month++) {
				for (let c = 0; c < this.#categories; c++) {
					this.#seasonalCover[(store * 12 + month) * this.#categories + c] =
						this.#categoryCover[store * this.#categories + c] * catalog.monthFactors[c * 12 + month];
				}
			}
		}
	}

	/** Share of category `c`'s appeal that `store` carries (0 … 1). */
	categoryCover(store: number, c: number): number {
		return this.#categoryCover[store * this.#categories + c];
	}

	/**
	 * Writes up to `size` distinct products (plus planted consequents) into `out`; returns how many.
	 * `affinity` holds the customer's category weights at `affinityOffset`.
	 */
	pick(
		rng: Rng,
		affinity: Float64Array,
		affinityOffset: number,
		month: number,
		store: number,
		size: number,
		out: Int16Array
	): number {
		const categories = this.#categories;
		const sums = this.#categorySums;
		const seasonal = (store * 12 + month) * categories;
		let total = 0;
		for (let c = 0; c < categories; c++) {
			total += affinity[affinityOffset + c] * this.#seasonalCover[seasonal + c];
			sums[c] = total;
		}
		if (total === 0) return 0;
		let count = 0;
		for (let line = 0; line < size; line++) {
			for (let attempt = 0; attempt < 4; attempt++) {
				// A linear scan beats a binary search over eight categories.
				const target = rng.float() * total;
				let c = 0;
				while (sums[c] <= target) c++;
				const slot = store * categories + c;
				const product = this.#products[slot][this.#productDraws[slot].pick(rng)];
				if (!contains(out, count, product)) {
					out[count++] = product;
					break;
				}
			}
		}
		const picked = count;
		const productCount = this.#catalog.products.length;
		for (let i = 0; i < picked && count < out.length; i++) {
			const consequent = this.#lookup.consequentOf[out[i]];
			if (
				consequent >= 0 &&
				this.#carries[store * productCount + consequent] === 1 &&
				!contains(out, count, consequent) &&
				rng.chance(this.#lookup.probabilityOf[out[i]])
			) {
				out[count++] = consequent;
			}
		}
		return count;
	}
}

function contains(values: Int16Array, length: number, value: number): boolean {
	for (let i = 0; i < length; i++) if (values[i] === value) return true;
	return false;
}
