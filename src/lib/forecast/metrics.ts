/**
 * Forecast accuracy as the M5 competition measures it. Scaled errors divide by the in-sample one-step
 * naive error of the series' history (everything before the holdout), so 1 means "as bad as repeating
 * yesterday, in sample" and series of different sizes compare. A series whose history never changes has
 * no scale: its scaled errors are null rather than infinite.
 */

/** Mean squared and mean absolute one-step naive error of `history` (lag 1); null with fewer than 2 days. */
export function naiveScale(history: ArrayLike<number>): { squared: number; absolute: number } | null {
	if (history.length < 2) return null;
	let squared = 0;
	let absolute = 0;
	for (let t = 1; t < history.length; t++) {
		const diff = history[t] - history[t - 1];
		squared += diff * diff;
		absolute += Math.abs(diff);
	}
	const n = history.length - 1;
	return { squared: squared / n, absolute: absolute / n };
}

function checkLengths(actual: ArrayLike<number>, forecast: ArrayLike<number>): void {
	if (actual.length !== forecast.length || actual.length === 0) {
		throw new Error(
			`A forecast of ${forecast.length} days cannot be scored against ${actual.length} actual days.`
		);
	}
}

/** Root mean squared scaled error: √(mean squared error ÷ mean squared naive error in sample). */
export function rmsse(
	actual: ArrayLike<number>,
	forecast: ArrayLike<number>,
	history: ArrayLike<number>
): number | null {
	checkLengths(actual, forecast);
	const scale = naiveScale(history);
	if (!scale || scale.squared === 0) return null;
	let sum = 0;
	for (let i = 0; i < actual.length; i++) sum += (actual[i] - forecast[i]) ** 2;
	return Math.sqrt(sum / actual.length / scale.squared);
}

/** Mean absolute scaled error: mean absolute error ÷ mean absolute naive error in sample. */
export function mase(
	actual: ArrayLike<number>,
	forecast: ArrayLike<number>,
	history: ArrayLike<number>
): number | null {
	checkLengths(actual, forecast);
	const scale = naiveScale(history);
	if (!scale || scale.absolute === 0) return null;
	let sum = 0;
	for (let i = 0; i < actual.length; i++) sum += Math.abs(actual[i] - forecast[i]);
	return sum / actual.length / scale.absolute;
}

/** Symmetric mean absolute percentage error, in percent (0–200); a day where both are 0 counts as 0. */
export function smape(actual: ArrayLike<number>, forecast: ArrayLike<number>): number {
	checkLengths(actual, forecast);
	let sum = 0;
	for (let i = 0; i < actual.length; i++) {
		const denominator = Math.abs(actual[i]) + Math.abs(forecast[i]);
		if (denominator > 0) sum += (200 * Math.abs(actual[i] - forecast[i])) / denominator;
	}
	return sum / actual.length;
}

/**
 * Weighted RMSSE: Σ wᵢ·RMSSEᵢ with weights proportional to `weights` (M5: each series' revenue over the
 * last 28 days of its history). Series without a scale are left out and the others' weights renormalised;
 * null when none is left.
 */
export function wrmsse(scores: readonly (number | null)[], weights: readonly number[]): number | null {
	if (scores.length !== weights.length) throw new Error('One weight per series is needed.');
	let total = 0;
	let weighted = 0;
	scores.forEach((score, i) => {
		if (score === null || !(weights[i] > 0)) return;
		total += weights[i];
		weighted += weights[i] * score;
	});
	return total > 0 ? weighted / total : null;
}
