import { FpTree } from './fp-tree';
import { grown } from './grow-array';
import { ItemsetBuilder, type FrequentItemsets } from './itemsets';
import { transactionCount, type Transactions } from './transactions';

export interface FpGrowthOptions {
	/** An itemset is frequent when at least this many transactions hold it (≥ 1). */
	minCount: number;
	/** The longest itemset to look for; 3 by default, `Infinity` for no limit. */
	maxLen?: number;
	onProgress?: (progress: FpGrowthProgress) => void;
	/** Stops the search by throwing what it returns instead of undefined (checked between items). */
	checkCancelled?: () => Error | undefined;
}

export interface FpGrowthProgress {
	/** Frequent itemsets found so far. */
	itemsets: number;
	/** Nodes of the FP-tree over all transactions. */
	treeNodes: number;
	/** Frequent items whose itemsets are all found, of `itemsTotal`. */
	itemsDone: number;
	itemsTotal: number;
}

export const DEFAULT_MAX_LEN = 3;

/**
 * Every itemset of at most `maxLen` items held by at least `minCount` transactions, with its count, by
 * FP-Growth (Han, Pei & Yin 2000): one FP-tree over the transactions' frequent items, then, per item from the
 * least frequent up, the tree of the paths that lead to it (its conditional tree), recursively. At the last
 * level an item's paths are only counted, since no longer itemset is wanted.
 */
export function fpGrowth(transactions: Transactions, options: FpGrowthOptions): FrequentItemsets {
	const minCount = Math.max(1, Math.ceil(options.minCount));
	const maxLen = options.maxLen ?? DEFAULT_MAX_LEN;
	if (!(maxLen >= 1)) throw new RangeError(`max_len must be at least 1, got ${maxLen}.`);

	const n = transactionCount(transactions);
	const itemCounts = countItems(transactions);
	const itemOfRank = frequentItemsByCount(itemCounts, minCount);
	const ranks = itemOfRank.length;
	const rankOf = new Int32Array(transactions.itemCount).fill(-1);
	itemOfRank.forEach((item, rank) => (rankOf[item] = rank));

	const tree = new FpTree();
	tree.reset(ranks);
	if (maxLen >= 2) insertTransactions(tree, transactions, rankOf);
	// Transactions with a single frequent item are not in the tree (they hold no pair): totals come from the counts.
	itemOfRank.forEach((item, rank) => (tree.totalOf[rank] = itemCounts[item]));

	const miner = new ConditionalMiner(itemOfRank, minCount, maxLen, options);
	miner.mineTop(tree);
	return miner.found.build(n, minCount);
}

/** Each item's count of transactions holding it (repeats within a transaction count once). */
export function countItems({ offsets, items, itemCount }: Transactions): Int32Array {
	const counts = new Int32Array(itemCount);
	const lastSeenIn = new Int32Array(itemCount).fill(-1);
	for (let t = 0; t + 1 < offsets.length; t++) {
		for (let i = offsets[t]; i < offsets[t + 1]; i++) {
			const item = items[i];
			if (lastSeenIn[item] !== t) {
				lastSeenIn[item] = t;
				counts[item]++;
			}
		}
	}
	return counts;
}

/** The items held by at least `minCount` transactions, most frequent first (ties: smaller id first). */
function frequentItemsByCount(counts: Int32Array, minCount: number): number[] {
	const frequent: number[] = [];
	counts.forEach((count, item) => {
		if (count >= minCount) frequent.push(item);
	});
	return frequent.sort((a, b) => counts[b] - counts[a] || a - b);
}

function insertTransactions(tree: FpTree, { offsets, items }: Transactions, rankOf: Int32Array): void {
	// About a third of the items inserted become nodes in retail baskets (prefixes are shared): room for
	// that at once spares rehashing the tree as it grows.
	tree.reserve(Math.ceil(items.length / 3));
	let path = new Int32Array(64);
	const lastSeenIn = new Int32Array(rankOf.length).fill(-1);
	for (let t = 0; t + 1 < offsets.length; t++) {
		const size = offsets[t + 1] - offsets[t];
		if (size > path.length) path = new Int32Array(size * 2);
		let length = 0;
		for (let i = offsets[t]; i < offsets[t + 1]; i++) {
			const item = items[i];
			const rank = rankOf[item];
			if (rank >= 0 && lastSeenIn[item] !== t) {
				lastSeenIn[item] = t;
				path[length++] = rank;
			}
		}
		if (length < 2) continue;
		sortAscending(path, length);
		tree.insert(path, length, 1);
	}
}

/** Insertion sort for the short paths of a basket; typed-array sort for long ones. */
function sortAscending(values: Int32Array, length: number): void {
	if (length > 16) {
		values.subarray(0, length).sort();
		return;
	}
	for (let i = 1; i < length; i++) {
		const value = values[i];
		let j = i - 1;
		while (j >= 0 && values[j] > value) {
			values[j + 1] = values[j];
			j--;
		}
		values[j + 1] = value;
	}
}

/** The recursive part of FP-Growth, with one reusable conditional tree and scratch array per depth. */
class ConditionalMiner {
	readonly found = new ItemsetBuilder();
	readonly #trees: FpTree[] = [];
	readonly #counts: Int32Array[] = [];
	/** The ranks of the itemset being extended, innermost last. */
	readonly #suffix: number[] = [];
	#path = new Int32Array(64);
	#ids = new Int32Array(64);

	constructor(
		private readonly itemOfRank: number[],
		private readonly minCount: number,
		private readonly maxLen: number,
		private readonly options: FpGrowthOptions
	) {}

	mineTop(tree: FpTree): void {
		const { onProgress, checkCancelled } = this.options;
		const progress = (itemsDone: number) =>
			onProgress?.({
				itemsets: this.found.size,
				treeNodes: tree.size,
				itemsDone,
				itemsTotal: tree.ranks
			});
		progress(0);
		for (let rank = tree.ranks - 1; rank >= 0; rank--) {
			const cancelled = checkCancelled?.();
			if (cancelled) throw cancelled;
			this.#extend(tree, rank, 0);
			progress(tree.ranks - rank);
		}
	}

	#mine(tree: FpTree, depth: number): void {
		for (let rank = tree.ranks - 1; rank >= 0; rank--) {
			if (tree.totalOf[rank] >= this.minCount) this.#extend(tree, rank, depth);
		}
	}

	/** Emits suffix + rank, then every frequent itemset that extends it. */
	#extend(tree: FpTree, rank: number, depth: number): void {
		this.#suffix.push(rank);
		this.#emit(tree.totalOf[rank]);
		const length = this.#suffix.length;
		if (length < this.maxLen && tree.headOf[rank] !== -1) {
			const counts = this.#countPrefixes(tree, rank, depth);
			if (length + 1 === this.maxLen) {
				for (let other = rank - 1; other >= 0; other--) {
					if (counts[other] >= this.minCount) {
						this.#suffix.push(other);
						this.#emit(counts[other]);
						this.#suffix.pop();
					}
				}
			} else {
				const conditional = this.#conditionalTree(tree, rank, depth, counts);
				if (conditional.size > 1) this.#mine(conditional, depth + 1);
			}
		}
		this.#suffix.pop();
	}

	/** Per rank above `rank`: the count of transactions (of this tree) holding both. */
	#countPrefixes(tree: FpTree, rank: number, depth: number): Int32Array {
		if (!this.#counts[depth] || this.#counts[depth].length < rank)
			this.#counts[depth] = new Int32Array(tree.ranks);
		const counts = this.#counts[depth];
		counts.fill(0, 0, rank);
		const { parent, count } = tree;
		const treeRank = tree.rank;
		for (let node = tree.headOf[rank]; node !== -1; node = tree.nextSameRank[node]) {
			const times = count[node];
			for (let up = parent[node]; up > 0; up = parent[up]) counts[treeRank[up]] += times;
		}
		return counts;
	}

	/** The tree of the paths leading to `rank`, keeping only the ranks frequent among them. */
	#conditionalTree(tree: FpTree, rank: number, depth: number, counts: Int32Array): FpTree {
		const conditional = (this.#trees[depth] ??= new FpTree());
		conditional.reset(rank);
		for (let other = 0; other < rank; other++) {
			conditional.totalOf[other] = counts[other] >= this.minCount ? counts[other] : 0;
		}
		const { parent, count } = tree;
		const treeRank = tree.rank;
		for (let node = tree.headOf[rank]; node !== -1; node = tree.nextSameRank[node]) {
			let length = 0;
			for (let up = parent[node]; up > 0; up = parent[up]) {
				const upRank = treeRank[up];
				if (counts[upRank] < this.minCount) continue;
				if (length === this.#path.length) this.#path = grown(this.#path);
				this.#path[length++] = upRank;
			}
			if (length === 0) continue;
			this.#path.subarray(0, length).reverse();
			conditional.insert(this.#path, length, count[node]);
		}
		return conditional;
	}

	#emit(count: number): void {
		const length = this.#suffix.length;
		if (length > this.#ids.length) this.#ids = grown(this.#ids);
		for (let i = 0; i < length; i++) this.#ids[i] = this.itemOfRank[this.#suffix[i]];
		const ids = this.#ids.subarray(0, length);
		sortAscending(ids, length);
		this.found.add(ids, count);
	}
}
