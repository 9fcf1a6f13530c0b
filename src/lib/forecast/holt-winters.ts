/**
 * Holt-Winters exponential smoothing, additive weekly season with an additive damped trend (Hyndman &
 * Athanasopoulos, "Forecasting: Principles and Practice", §8.3), fitted in TypeScript.
 *
 * Start: the level is the first week's mean, the trend 0, the seasonal terms the first week's deviations
 * from that mean, so a series that is one weekly pattern repeated is fitted without error. β = 0 keeps
 * the trend at 0 (no trend). Parameters are chosen by `fitHoltWinters`: a grid search that fits on the
 * history without its last `horizon` days and scores the forecast of those days (RMSE).
 */

export interface HoltWintersParams {
	/** Level smoothing. */
	alpha: number;
	/** Trend smoothing; 0: no trend. */
	beta: number;
	/** Seasonal smoothing. */
	gamma: number;
	/** Trend damping per day ahead. */
	phi: number;
}

export const SEASON = 7;
const PHI = 0.98;
const ALPHAS = [0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.5];
const BETAS = [0, 0.001, 0.01, 0.05];
const GAMMAS = [0.01, 0.05, 0.1, 0.2, 0.3];

/** The forecast of the `horizon` days after `history` with the given parameters. */
export function holtWintersForecast(
	history: ArrayLike<number>,
	horizon: number,
	{ alpha, beta, gamma, phi }: HoltWintersParams
): Float64Array {
	const n = history.length;
	if (n < 2 * SEASON) throw new Error(`Holt-Winters needs ${2 * SEASON} days of history, got ${n}.`);
	let level = 0;
	for (let j = 0; j < SEASON; j++) level += history[j] / SEASON;
	let trend = 0;
	const season = new Float64Array(SEASON);
	for (let j = 0; j < SEASON; j++) season[j] = history[j] - level;
	for (let t = SEASON; t < n; t++) {
		const s = t % SEASON;
		const previousLevel = level;
		const damped = phi * trend;
		level = alpha * (history[t] - season[s]) + (1 - alpha) * (previousLevel + damped);
		trend = beta * (level - previousLevel) + (1 - beta) * damped;
		season[s] = gamma * (history[t] - previousLevel - damped) + (1 - gamma) * season[s];
	}
	const forecast = new Float64Array(horizon);
	let dampedSum = 0;
	for (let h = 1; h <= horizon; h++) {
		dampedSum += phi ** h;
		forecast[h - 1] = level + dampedSum * trend + season[(n + h - 1) % SEASON];
	}
	return forecast;
}

/**
 * The grid's parameters whose forecast of the history's last `horizon` days, fitted on the days before them,
 * has the smallest RMSE (ties: the earlier in the grid, i.e. the smoother).
 */
export function chooseHoltWintersParams(history: ArrayLike<number>, horizon: number): HoltWintersParams {
	const cut = history.length - horizon;
	const fitPart = Array.prototype.slice.call(history, 0, cut) as number[];
	let best: { params: HoltWintersParams; rmse: number } | null = null;
	for (const alpha of ALPHAS) {
		for (const beta of BETAS) {
			for (const gamma of GAMMAS) {
				const params = { alpha, beta, gamma, phi: PHI };
				const forecast = holtWintersForecast(fitPart, horizon, params);
				let sum = 0;
				for (let h = 0; h < horizon; h++) sum += (history[cut + h] - forecast[h]) ** 2;
				const rmse = Math.sqrt(sum / horizon);
				if (!best || rmse < best.rmse) best = { params, rmse };
			}
		}
	}
	return best!.params;
}

/** Parameters chosen on the history's last `horizon` days, then the forecast from the whole history. */
export function fitHoltWinters(
	history: ArrayLike<number>,
	horizon: number
): { params: HoltWintersParams; forecast: Float64Array } {
	const params = chooseHoltWintersParams(history, horizon);
	return { params, forecast: holtWintersForecast(history, horizon, params) };
}
