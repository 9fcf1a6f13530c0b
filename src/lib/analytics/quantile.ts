/**
 * DuckDB's quantile_cont of `count` ascending values (`valueAt(i)`, i from 0): interpolated between the two
 * nearest ranks, weighted as DuckDB weighs doubles (`lo × (1 − d) + hi × d`; `lo + (hi − lo) × d` differs in
 * the last bit).
 */
export function quantileContOf(count: number, valueAt: (index: number) => number, q: number): number {
	const position = (count - 1) * q;
	const below = Math.floor(position);
	const above = Math.ceil(position);
	if (below === above) return valueAt(below);
	const d = position - below;
	return valueAt(below) * (1 - d) + valueAt(above) * d;
}

/** quantileContOf over ascending `sorted` values. */
export function quantileCont(sorted: ArrayLike<number>, q: number): number {
	return quantileContOf(sorted.length, (i) => sorted[i], q);
}
