import { grown } from './grow-array';

/**
 * Frequent itemsets in compressed sparse rows: itemset `k` is `items[offsets[k]] … items[offsets[k + 1] - 1]`
 * (item ids ascending), found in `counts[k]` of `transactions` transactions.
 */
export interface FrequentItemsets {
	transactions: number;
	/** The support threshold as a count of transactions: every itemset's count is at least this. */
	minCount: number;
	offsets: Int32Array;
	items: Int32Array;
	counts: Int32Array;
}

export function itemsetCount(itemsets: FrequentItemsets): number {
	return itemsets.counts.length;
}

export function itemsetAt(itemsets: FrequentItemsets, k: number): Int32Array {
	return itemsets.items.subarray(itemsets.offsets[k], itemsets.offsets[k + 1]);
}

/** A set of item ids as a map key: its ids ascending, comma-separated. */
export function itemsetKey(items: ArrayLike<number>): string {
	return Array.from(items)
		.sort((a, b) => a - b)
		.join(',');
}

/** Itemset key → count of transactions that hold it. */
export function countsByItemset(itemsets: FrequentItemsets): Map<string, number> {
	const counts = new Map<string, number>();
	for (let k = 0; k < itemsets.counts.length; k++)
		counts.set(itemsetKey(itemsetAt(itemsets, k)), itemsets.counts[k]);
	return counts;
}

/** The itemsets found in at least `minCount` transactions (a higher threshold than they were mined at). */
export function itemsetsAtLeast(itemsets: FrequentItemsets, minCount: number): FrequentItemsets {
	if (minCount <= itemsets.minCount) return itemsets;
	const builder = new ItemsetBuilder();
	for (let k = 0; k < itemsets.counts.length; k++) {
		if (itemsets.counts[k] >= minCount) builder.add(itemsetAt(itemsets, k), itemsets.counts[k]);
	}
	return builder.build(itemsets.transactions, minCount);
}

/** Collects itemsets into growable typed arrays. */
export class ItemsetBuilder {
	#offsets = new Int32Array(1024);
	#items = new Int32Array(4096);
	#counts = new Int32Array(1024);
	#size = 0;
	#itemsSize = 0;

	get size(): number {
		return this.#size;
	}

	/** Adds one itemset; `items` must be ascending. */
	add(items: ArrayLike<number>, count: number): void {
		if (this.#size + 2 > this.#offsets.length) {
			this.#offsets = grown(this.#offsets);
			this.#counts = grown(this.#counts);
		}
		while (this.#itemsSize + items.length > this.#items.length) this.#items = grown(this.#items);
		for (let i = 0; i < items.length; i++) this.#items[this.#itemsSize++] = items[i];
		this.#counts[this.#size] = count;
		this.#offsets[++this.#size] = this.#itemsSize;
	}

	build(transactions: number, minCount: number): FrequentItemsets {
		return {
			transactions,
			minCount,
			offsets: this.#offsets.slice(0, this.#size + 1),
			items: this.#items.slice(0, this.#itemsSize),
			counts: this.#counts.slice(0, this.#size)
		};
	}
}
