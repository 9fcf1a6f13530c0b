/**
 * Prediction intervals from held-out residuals: for each day ahead, the empirical quantiles of the
 * validation windows' errors (actual − forecast, in the model's scaled units, pooled over series) are added
 * to the forecast. No distribution is assumed; a wide error far ahead gives a wide band far ahead.
 */

/** The two bands shown: 80 % and 95 %, each as its lower and upper quantile. */
export const INTERVAL_LEVELS = { p80: [0.1, 0.9], p95: [0.025, 0.975] } as const;
export type IntervalLevel = keyof typeof INTERVAL_LEVELS;

/** The p-quantile of sorted values, linearly interpolated (R's type 7, numpy's default). */
export function quantile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) throw new Error('The quantile of no values is undefined.');
	const position = (sorted.length - 1) * p;
	const below = Math.floor(position);
	const above = Math.min(below + 1, sorted.length - 1);
	return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

/** Per day ahead, the lower and upper residual quantile of each level. */
export type ResidualBands = Record<IntervalLevel, { lower: Float64Array; upper: Float64Array }>;

/**
 * `residuals` holds `count × horizon` errors, window after window; the bands are the quantiles of each
 * column (day ahead).
 */
export function residualBands(residuals: ArrayLike<number>, horizon: number): ResidualBands {
	const count = residuals.length / horizon;
	if (!Number.isInteger(count) || count < 2)
		throw new Error('Residual bands need two or more windows of residuals.');
	const columns = Array.from({ length: horizon }, (_, h) =>
		Float64Array.from({ length: count }, (_, i) => residuals[i * horizon + h]).sort()
	);
	const band = ([low, high]: readonly [number, number]) => ({
		lower: Float64Array.from(columns, (column) => quantile(column, low)),
		upper: Float64Array.from(columns, (column) => quantile(column, high))
	});
	return { p80: band(INTERVAL_LEVELS.p80), p95: band(INTERVAL_LEVELS.p95) };
}

/** Share of `actual` days inside [lower, upper], both ends included. */
export function coverage(
	actual: ArrayLike<number>,
	lower: ArrayLike<number>,
	upper: ArrayLike<number>
): number {
	if (actual.length === 0) throw new Error('Coverage of no days is undefined.');
	let inside = 0;
	for (let i = 0; i < actual.length; i++) if (actual[i] >= lower[i] && actual[i] <= upper[i]) inside++;
	return inside / actual.length;
}
