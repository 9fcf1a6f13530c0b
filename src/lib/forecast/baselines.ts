/**
 * The simple forecasts the LSTM must beat, each from a series' history alone. `history` is every day before
 * the first forecast day; the forecast covers the next `horizon` days.
 */

/** Seasonal naive: each day repeats the same weekday of the last week (lag `season`, default 7). */
export function seasonalNaive(history: ArrayLike<number>, horizon: number, season = 7): Float64Array {
	if (history.length < season)
		throw new Error(`Seasonal naive needs ${season} days of history, got ${history.length}.`);
	const start = history.length - season;
	return Float64Array.from({ length: horizon }, (_, h) => history[start + (h % season)]);
}

/** Moving average: every day is the mean of the last `window` days (default 28). */
export function movingAverage(history: ArrayLike<number>, horizon: number, window = 28): Float64Array {
	if (history.length < window)
		throw new Error(`A ${window}-day average needs ${window} days, got ${history.length}.`);
	let sum = 0;
	for (let t = history.length - window; t < history.length; t++) sum += history[t];
	return new Float64Array(horizon).fill(sum / window);
}
