/**
 * Per-series scaling of the target, fitted on the training days only: optionally log1p, then standardised
 * (mean 0, standard deviation 1 over the training days).
 */
export interface SeriesScaler {
	log: boolean;
	mean: number;
	std: number;
}

/** Fits on `values[0 … end)`, the training days; a constant series gets std 1 so it stays finite. */
export function fitScaler(values: ArrayLike<number>, end: number, log: boolean): SeriesScaler {
	if (end < 1 || end > values.length)
		throw new Error(`Cannot fit a scaler on ${end} of ${values.length} days.`);
	let sum = 0;
	for (let t = 0; t < end; t++) sum += transform(values[t], log);
	const mean = sum / end;
	let squares = 0;
	for (let t = 0; t < end; t++) squares += (transform(values[t], log) - mean) ** 2;
	const std = Math.sqrt(squares / end);
	return { log, mean, std: std > 0 ? std : 1 };
}

function transform(value: number, log: boolean): number {
	return log ? Math.log1p(Math.max(0, value)) : value;
}

export function scale(scaler: SeriesScaler, value: number): number {
	return (transform(value, scaler.log) - scaler.mean) / scaler.std;
}

export function unscale(scaler: SeriesScaler, z: number): number {
	const value = z * scaler.std + scaler.mean;
	return scaler.log ? Math.expm1(value) : value;
}
