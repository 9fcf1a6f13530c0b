import { quantileCont } from './quantile';

/**
 * CLV and RFM over a customers' history read as columns (customer-history.sql): ranks, quintile scores,
 * revenue cut-offs and buckets, worked out here rather than in SQL. A history holds one row per customer
 * (14,120 at 1M lines), and DuckDB-WASM took 40–100 ms of every category or channel change to rank them
 * with window functions over their ids (docs/kpis.md gives the definitions; DuckDB's own, ntile and
 * quantile_cont, are followed to the bit).
 */

/** One natural customer per index, in customer id order (the tie-break of every ranking). */
export interface HistoryColumns {
	count: number;
	/** The customer id at an index. */
	id: (index: number) => string;
	orders: Float64Array;
	revenue: Float64Array;
	/** Revenue in paise: the exact decimal sum, a whole number; revenue is the double nearest cents ÷ 100. */
	cents: Float64Array;
	/** 0 where no line of the customer had a cost. */
	margin: Float64Array;
	/** Their last sales day, yyyymmdd. */
	lastKey: Float64Array;
}

/** The 1-based ntile(`buckets`) of the row at 0-based `rank` among `count`, as DuckDB's window function. */
export function ntile(rank: number, count: number, buckets: number): number {
	const size = Math.floor(count / buckets);
	const large = count - buckets * size;
	const inLarge = large * (size + 1);
	if (rank < inLarge) return 1 + Math.floor(rank / (size + 1));
	return 1 + large + Math.floor((rank - inLarge) / size);
}

/**
 * Indices ordered by integer keys, then by index (customer id): each key and its index packed into one number
 * and sorted as numbers, no comparator called (a comparator runs interpreted at first: 20–60 ms over 14,000
 * customers on a page's first report); by comparator only where the packed numbers would pass 2^53.
 */
function orderByInteger(keys: ArrayLike<number>): Float64Array {
	const count = keys.length;
	let low = Infinity;
	let high = -Infinity;
	for (let i = 0; i < count; i++) {
		low = Math.min(low, keys[i]);
		high = Math.max(high, keys[i]);
	}
	const order = new Float64Array(count);
	if ((high - low + 1) * count > Number.MAX_SAFE_INTEGER) {
		for (let i = 0; i < count; i++) order[i] = i;
		return order.sort((a, b) => keys[a] - keys[b] || a - b);
	}
	for (let i = 0; i < count; i++) order[i] = (keys[i] - low) * count + i;
	order.sort();
	for (let i = 0; i < count; i++) order[i] %= count;
	return order;
}

/** Quintile scores 1–5 by an ordering of the indices (lowest first). */
function quintiles(order: ArrayLike<number>): Uint8Array {
	const scores = new Uint8Array(order.length);
	for (let rank = 0; rank < order.length; rank++) scores[order[rank]] = ntile(rank, order.length, 5);
	return scores;
}

/**
 * Indices by revenue, lowest first, ties by customer id: what the monetary scores, the cut-offs and the top
 * customers read, sorted once, by the revenue in paise (which orders them as the revenue does).
 */
export function revenueOrder({ cents }: HistoryColumns): Float64Array {
	return orderByInteger(cents);
}

export interface RfmScores {
	recencyDays: Float64Array;
	r: Uint8Array;
	f: Uint8Array;
	m: Uint8Array;
}

/**
 * Each customer's days since their last order as of `asOfKey` (yyyymmdd) and their quintile scores, 5 best:
 * r by recency (most recent), f by orders, m by revenue (`byRevenue`: revenueOrder's); ntile splits ties,
 * broken by customer id.
 */
export function rfmScores(history: HistoryColumns, asOfKey: number, byRevenue: ArrayLike<number>): RfmScores {
	const { count } = history;
	const asOf = dayNumber(asOfKey);
	const recencyDays = new Float64Array(count);
	const recent = new Float64Array(count);
	for (let i = 0; i < count; i++) {
		recencyDays[i] = asOf - dayNumber(history.lastKey[i]);
		recent[i] = -recencyDays[i];
	}
	return {
		recencyDays,
		r: quintiles(orderByInteger(recent)),
		f: quintiles(orderByInteger(history.orders)),
		m: quintiles(byRevenue)
	};
}

function dayNumber(key: number): number {
	return Date.UTC(Math.floor(key / 10000), (Math.floor(key / 100) % 100) - 1, key % 100) / 86_400_000;
}

export type ClvTier = 'Platinum' | 'Gold' | 'Silver' | 'Bronze';

export interface RevenueCuts {
	/** The tiers' cut-offs: Silver ≥ p50, Gold ≥ p75, Platinum ≥ p90. */
	p50: number;
	p75: number;
	p90: number;
	/** The smallest positive revenue (null when none is positive) and the largest. */
	smallest: number | null;
	top: number;
}

/** The revenue cut-offs of a history's customers (`byRevenue`: revenueOrder's), null without customers. */
export function revenueCuts({ revenue }: HistoryColumns, byRevenue: ArrayLike<number>): RevenueCuts | null {
	if (byRevenue.length === 0) return null;
	const sorted = new Float64Array(byRevenue.length);
	for (let k = 0; k < sorted.length; k++) sorted[k] = revenue[byRevenue[k]];
	const smallest = sorted.find((revenue) => revenue > 0);
	return {
		p50: quantileCont(sorted, 0.5),
		p75: quantileCont(sorted, 0.75),
		p90: quantileCont(sorted, 0.9),
		smallest: smallest ?? null,
		top: sorted[sorted.length - 1]
	};
}

export function tierOf(revenue: number, { p50, p75, p90 }: RevenueCuts): ClvTier {
	if (revenue >= p90) return 'Platinum';
	if (revenue >= p75) return 'Gold';
	if (revenue >= p50) return 'Silver';
	return 'Bronze';
}

/**
 * The customers per bucket of `edges` (ascending): bucket i holds revenues from edges[i] (included) to
 * edges[i + 1]; the last also takes the revenue at its end or above, the first a revenue below edges[0].
 */
export function bucketCounts(revenue: ArrayLike<number>, edges: readonly number[]): number[] {
	const counts = new Array<number>(Math.max(edges.length - 1, 0)).fill(0);
	if (counts.length === 0) return counts;
	for (let i = 0; i < revenue.length; i++) {
		let bucket = 0;
		while (bucket < counts.length - 1 && edges[bucket + 1] <= revenue[i]) bucket++;
		counts[bucket]++;
	}
	return counts;
}

/**
 * The indices of the customers with the most revenue (`order`: revenueOrder's), largest first, ties by customer
 * id; all without `limit`.
 */
export function topByRevenue(
	{ revenue }: HistoryColumns,
	order: ArrayLike<number>,
	limit = Infinity
): number[] {
	const top: number[] = [];
	// The order ends with the largest; equal revenues sit in id order, so each run is read forwards.
	let end = order.length;
	while (end > 0 && top.length < limit) {
		let start = end - 1;
		while (start > 0 && revenue[order[start - 1]] === revenue[order[end - 1]]) start--;
		for (let k = start; k < end && top.length < limit; k++) top.push(order[k]);
		end = start;
	}
	return top;
}
