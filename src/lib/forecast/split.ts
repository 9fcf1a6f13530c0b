/**
 * How a series of `days` days is cut so that nothing of the holdout reaches the model:
 *
 * ```
 * day 0 ─── training ───┤ validation (2 × horizon) ┤ holdout (horizon) ┤ days
 *                        validationStart            holdoutStart
 * ```
 *
 * A window is `lookback` days of input and the `horizon` days after them as its target; its origin is the
 * first target day. Training windows have every target day before `validationStart`; validation windows
 * have every target day in the validation part; the one holdout window's targets are the holdout. Scalers
 * see only days before `validationStart`. Baselines forecast the holdout from every day before it.
 */
export interface Split {
	days: number;
	lookback: number;
	horizon: number;
	validationStart: number;
	holdoutStart: number;
	/** First and last origin of a training window. */
	trainOrigins: [number, number];
	/** First and last origin of a validation window. */
	validationOrigins: [number, number];
}

/** The holdout is always this long (M5's horizon): four weeks. */
export const HORIZON = 28;
/** Training windows wanted at the least, per series. */
const MIN_TRAIN_ORIGINS = 28;

/** Thrown when the history is too short for the split. */
export class NotEnoughHistoryError extends Error {
	override name = 'NotEnoughHistoryError';
}

export function splitSeries(days: number, lookback: number, horizon = HORIZON): Split {
	const holdoutStart = days - horizon;
	const validationStart = holdoutStart - 2 * horizon;
	const trainOrigins: [number, number] = [lookback, validationStart - horizon];
	const needed = lookback + MIN_TRAIN_ORIGINS - 1 + 4 * horizon;
	if (days < needed || trainOrigins[1] - trainOrigins[0] + 1 < MIN_TRAIN_ORIGINS) {
		throw new NotEnoughHistoryError(
			`A forecast with a ${lookback}-day lookback needs at least ${needed} days of sales (training, a ` +
				`${2 * horizon}-day validation and a ${horizon}-day holdout); the published Gold has ${days}.`
		);
	}
	return {
		days,
		lookback,
		horizon,
		validationStart,
		holdoutStart,
		trainOrigins,
		validationOrigins: [validationStart, holdoutStart - horizon]
	};
}
