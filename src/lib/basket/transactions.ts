/**
 * Transactions for basket mining in compressed sparse rows: transaction `t` holds the items
 * `items[offsets[t]] … items[offsets[t + 1] - 1]`. Items are dense integer ids `0 … itemCount - 1`; a
 * transaction may be empty or repeat an item (mining counts it once).
 */
export interface Transactions {
	offsets: Int32Array;
	items: Int32Array;
	itemCount: number;
}

export function transactionCount(transactions: Transactions): number {
	return transactions.offsets.length - 1;
}

/** Transactions from arrays of item ids (tests, small data). */
export function transactionsFromArrays(
	baskets: readonly (readonly number[])[],
	itemCount?: number
): Transactions {
	const offsets = new Int32Array(baskets.length + 1);
	let size = 0;
	baskets.forEach((basket, t) => {
		size += basket.length;
		offsets[t + 1] = size;
	});
	const items = Int32Array.from(baskets.flat());
	const largest = items.reduce((max, item) => Math.max(max, item), -1);
	for (const item of items) {
		if (!Number.isInteger(item) || item < 0) throw new RangeError(`Item ids are integers ≥ 0, got ${item}.`);
	}
	return { offsets, items, itemCount: itemCount ?? largest + 1 };
}

/** The transactions as arrays of their distinct items, ascending (tests, small data). */
export function transactionsToArrays(transactions: Transactions): number[][] {
	const { offsets, items } = transactions;
	return Array.from({ length: offsets.length - 1 }, (_, t) =>
		[...new Set(items.subarray(offsets[t], offsets[t + 1]))].sort((a, b) => a - b)
	);
}
