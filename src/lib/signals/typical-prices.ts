/** One product's day with sales: its median line price that day, and its lowest and highest line price. */
export interface PriceDay {
	productSk: number;
	dateKey: number;
	/** Days since 1970-01-01. */
	dayNo: number;
	dayPrice: number;
	minPrice: number;
	maxPrice: number;
}

/** A product's day with a line charged under `low` or over `high` times the product's typical price. */
export interface MispricedDay {
	productSk: number;
	dateKey: number;
	/** The median of the product's day prices over `contextDays` either side (that day included). */
	typicalPrice: number;
}

export interface TypicalPriceSettings {
	low: number;
	high: number;
	contextDays: number;
	/** Days with sales the window needs before a typical price is trusted. */
	minDays: number;
}

/**
 * The days on which some line of a product was mispriced, with the typical price it is judged against.
 * `days` come sorted by product, then day. One pass per product, its window of day prices kept sorted, so
 * each median is a lookup: the engine's windowed median over the same frame took seconds at 1M lines.
 */
export function mispricedDays(days: readonly PriceDay[], settings: TypicalPriceSettings): MispricedDay[] {
	const found: MispricedDay[] = [];
	for (let start = 0; start < days.length;) {
		let end = start;
		while (end < days.length && days[end].productSk === days[start].productSk) end++;
		scanProduct(days, start, end, settings, found);
		start = end;
	}
	return found;
}

function scanProduct(
	days: readonly PriceDay[],
	start: number,
	end: number,
	{ low, high, contextDays, minDays }: TypicalPriceSettings,
	found: MispricedDay[]
): void {
	const window: number[] = [];
	let first = start;
	let next = start;
	for (let i = start; i < end; i++) {
		const day = days[i];
		while (next < end && days[next].dayNo <= day.dayNo + contextDays)
			insertSorted(window, days[next++].dayPrice);
		while (days[first].dayNo < day.dayNo - contextDays) removeSorted(window, days[first++].dayPrice);
		if (window.length < minDays) continue;
		const typical = median(window);
		if (day.minPrice < low * typical || day.maxPrice > high * typical) {
			found.push({ productSk: day.productSk, dateKey: day.dateKey, typicalPrice: typical });
		}
	}
}

/** The median as DuckDB's `median` (`quantile_cont` at 0.5) computes it: the two middle values interpolated. */
export function median(sorted: readonly number[]): number {
	const rank = (sorted.length - 1) / 2;
	const lo = sorted[Math.floor(rank)];
	const hi = sorted[Math.ceil(rank)];
	return lo === hi ? lo : lo + (hi - lo) * (rank - Math.floor(rank));
}

function lowerBound(sorted: readonly number[], value: number): number {
	let lo = 0;
	let hi = sorted.length;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sorted[mid] < value) lo = mid + 1;
		else hi = mid;
	}
	return lo;
}

function insertSorted(sorted: number[], value: number): void {
	sorted.splice(lowerBound(sorted, value), 0, value);
}

function removeSorted(sorted: number[], value: number): void {
	sorted.splice(lowerBound(sorted, value), 1);
}
