import type * as tf from '@tensorflow/tfjs';
import { formatDate } from '../calendar/dates';
import { movingAverage, seasonalNaive } from './baselines';
import type { DailySeries } from './daily-series';
import { scoreForecasters, verdictSentence } from './evaluation';
import type {
	Forecaster,
	ForecastEvaluation,
	ForecastRow,
	ForecastSettings,
	SeriesSummary
} from './forecast-result';
import { fitHoltWinters } from './holt-winters';
import { coverage, residualBands, type IntervalLevel, type ResidualBands } from './intervals';
import { buildModel } from './model';
import { fitScaler, scale, unscale, type SeriesScaler } from './scaler';
import { HORIZON, splitSeries, type Split } from './split';
import { predictWindows, trainModel, type EpochRecord } from './train';
import { buildWindows, calendarFeatures, windowRange, type CalendarFeatures, type Windows } from './windows';

/** Days of actuals kept before the forecast, for the page's history overlay. */
export const HISTORY_DAYS = 112;

export type ForecastProgress =
	| { stage: 'baselines'; series: string; done: number; of: number }
	| { stage: 'training'; epoch: number; epochs: number; batch: number; batches: number }
	| { stage: 'epoch'; record: EpochRecord }
	| { stage: 'evaluating' };

export interface ForecastHooks {
	onProgress?(progress: ForecastProgress): void;
	signal?: AbortSignal;
}

/** A finished run: what `evaluation.json` holds less what only the caller knows, the rows, and the model. */
export interface ForecastOutcome {
	evaluation: Omit<ForecastEvaluation, 'runId' | 'trainedAt' | 'backend'>;
	rows: ForecastRow[];
	/** The trained model; the caller saves and disposes it. */
	model: tf.LayersModel;
}

/**
 * The whole protocol on one set of series: baselines on the same split, the global LSTM trained on the
 * training windows with early stopping on the validation windows, intervals from the validation residuals,
 * every forecaster scored on the holdout, then the LSTM's forecast of the 28 days after the history.
 */
export async function runForecast(
	series: DailySeries,
	settings: ForecastSettings,
	hooks: ForecastHooks = {}
): Promise<ForecastOutcome> {
	const started = performance.now();
	const split = splitSeries(series.days, settings.lookback);
	const count = series.names.length;
	const categories = count - 1;
	const history = series.units.map((units) => units.subarray(0, split.holdoutStart));
	const actual = series.units.map((units) => units.subarray(split.holdoutStart));

	const baselines = fitBaselines(series, history, hooks);
	hooks.signal?.throwIfAborted();

	const { scalers, calendar, known, train, validation } = prepareWindows(series, settings);
	const model = buildModel(settings, count, HORIZON, settings.seed);
	try {
		const outcome = await trainModel(model, train, validation, settings.lookback, settings, {
			signal: hooks.signal,
			onBatch: (epoch, batch, batches) =>
				hooks.onProgress?.({ stage: 'training', epoch, epochs: settings.epochs, batch, batches }),
			onEpoch: (record) => hooks.onProgress?.({ stage: 'epoch', record })
		});
		hooks.onProgress?.({ stage: 'evaluating' });

		const predicted = predictWindows(model, validation, settings.lookback);
		const windowOf = (i: number) => Math.floor(i / HORIZON);
		const residuals = predicted.map(
			(value, i) => validation.target![i] + validation.level[windowOf(i)] - value
		);
		const bands = residualBands(residuals, HORIZON);
		const holdout = forecastAt(model, split.holdoutStart, known, calendar, scalers, bands, settings);
		const all = series.units.map((units, s) => scaleAll(units, scalers[s]));
		const future = forecastAt(model, series.days, all, calendar, scalers, bands, settings);

		const weights = categoryWeights(series, split, categories);
		const forecasts: Record<Forecaster, Float64Array[]> = { lstm: holdout.value, ...baselines.forecasts };
		const metrics = scoreForecasters({
			names: series.names,
			categories,
			actual,
			history,
			weights,
			forecasts
		});
		const epochMs = median(outcome.epochs.map((epoch) => epoch.ms));
		const evaluation: ForecastOutcome['evaluation'] = {
			version: 1,
			settings,
			dates: splitDates(series, split),
			series: series.names.map((name, s) =>
				summary(
					name,
					s < categories ? weights[s] : null,
					baselines.holtWinters[s],
					series.units[s],
					future.value[s]
				)
			),
			metrics,
			verdict: verdictSentence(metrics, series.names.slice(0, categories)),
			wrmsseRatio:
				metrics.lstm.wrmsse !== null && metrics.seasonal_naive.wrmsse
					? metrics.lstm.wrmsse / metrics.seasonal_naive.wrmsse
					: null,
			coverage: {
				p80: coverage(concat(actual), concat(holdout.bands.p80.lower), concat(holdout.bands.p80.upper)),
				p95: coverage(concat(actual), concat(holdout.bands.p95.lower), concat(holdout.bands.p95.upper))
			},
			training: {
				epochs: outcome.epochs,
				bestEpoch: outcome.bestEpoch,
				stoppedEarly: outcome.stoppedEarly,
				epochMs,
				elapsedMs: performance.now() - started,
				windows: { train: train.count, validation: validation.count }
			}
		};
		return { evaluation, rows: forecastRows(series, split, forecasts, holdout, future), model };
	} catch (error) {
		model.dispose();
		throw error;
	}
}

/** What the LSTM learns from: scalers, calendar, and the training and validation windows. */
export interface PreparedWindows {
	split: Split;
	scalers: SeriesScaler[];
	calendar: CalendarFeatures;
	/** Scaled values of every day before the holdout, per series: all that training and validation see. */
	known: Float32Array[];
	train: Windows;
	validation: Windows;
}

/**
 * Scalers fitted on the training days (before `validationStart`), and windows cut from the days before the
 * holdout only: no holdout value can reach a scaler, an input or a target.
 */
export function prepareWindows(series: DailySeries, settings: ForecastSettings): PreparedWindows {
	const split = splitSeries(series.days, settings.lookback);
	const count = series.names.length;
	const scalers = series.units.map((units) => fitScaler(units, split.validationStart, settings.logScale));
	const calendar = calendarFeatures(series);
	const known = series.units.map((units, s) => scaleAll(units.subarray(0, split.holdoutStart), scalers[s]));
	const windows = (origins: [number, number], stride: number) =>
		buildWindows(windowRange(count, origins, stride), known, calendar, settings.lookback, HORIZON);
	return {
		split,
		scalers,
		calendar,
		known,
		train: windows(split.trainOrigins, settings.stride),
		validation: windows(split.validationOrigins, 1)
	};
}

interface Baselines {
	forecasts: Record<Exclude<Forecaster, 'lstm'>, Float64Array[]>;
	holtWinters: SeriesSummary['holtWinters'][];
}

function fitBaselines(series: DailySeries, history: Float64Array[], hooks: ForecastHooks): Baselines {
	const result: Baselines = {
		forecasts: { seasonal_naive: [], moving_average: [], holt_winters: [] },
		holtWinters: []
	};
	history.forEach((days, s) => {
		hooks.onProgress?.({ stage: 'baselines', series: series.names[s], done: s, of: history.length });
		const holtWinters = fitHoltWinters(days, HORIZON);
		result.forecasts.seasonal_naive.push(seasonalNaive(days, HORIZON));
		result.forecasts.moving_average.push(movingAverage(days, HORIZON));
		result.forecasts.holt_winters.push(holtWinters.forecast.map((value) => Math.max(0, value)));
		result.holtWinters.push(holtWinters.params);
	});
	return result;
}

function scaleAll(values: ArrayLike<number>, scaler: SeriesScaler): Float32Array {
	return Float32Array.from(values, (value) => scale(scaler, value));
}

interface LstmForecast {
	value: Float64Array[];
	bands: Record<IntervalLevel, { lower: Float64Array[]; upper: Float64Array[] }>;
}

/** The LSTM's forecast of the `HORIZON` days from `origin` for every series, in units, with its bands. */
function forecastAt(
	model: tf.LayersModel,
	origin: number,
	scaled: Float32Array[],
	calendar: CalendarFeatures,
	scalers: SeriesScaler[],
	bands: ResidualBands,
	settings: ForecastSettings
): LstmForecast {
	const refs = scaled.map((_, series) => ({ series, origin }));
	const predicted = predictWindows(
		model,
		buildWindows(refs, scaled, calendar, settings.lookback, HORIZON),
		settings.lookback
	);
	const toUnits = (s: number, shift: (h: number) => number) =>
		Float64Array.from({ length: HORIZON }, (_, h) =>
			Math.max(0, unscale(scalers[s], predicted[s * HORIZON + h] + shift(h)))
		);
	const band = (level: IntervalLevel) => ({
		lower: scaled.map((_, s) => toUnits(s, (h) => bands[level].lower[h])),
		upper: scaled.map((_, s) => toUnits(s, (h) => bands[level].upper[h]))
	});
	return {
		value: scaled.map((_, s) => toUnits(s, () => 0)),
		bands: { p80: band('p80'), p95: band('p95') }
	};
}

/** Each category's share of the categories' revenue over the 28 days before the holdout (M5's weights). */
function categoryWeights(series: DailySeries, split: Split, categories: number): number[] {
	const revenue = series.revenue
		.slice(0, categories)
		.map((days) =>
			days.subarray(split.holdoutStart - HORIZON, split.holdoutStart).reduce((a, b) => a + b, 0)
		);
	const total = revenue.reduce((a, b) => a + b, 0);
	return revenue.map((value) => (total > 0 ? value / total : 0));
}

function summary(
	name: string,
	weight: number | null,
	holtWinters: SeriesSummary['holtWinters'],
	units: Float64Array,
	next: Float64Array
): SeriesSummary {
	const last28 = units.subarray(units.length - HORIZON).reduce((a, b) => a + b, 0);
	const next28 = next.reduce((a, b) => a + b, 0);
	return {
		name,
		weight,
		holtWinters,
		growth: { last28, next28, pct: last28 > 0 ? (next28 / last28 - 1) * 100 : null }
	};
}

function splitDates(series: DailySeries, split: Split) {
	const date = (day: number) => formatDate(series.firstDay + day);
	return {
		first: date(0),
		last: date(series.days - 1),
		validationStart: date(split.validationStart),
		holdoutStart: date(split.holdoutStart),
		futureStart: date(series.days),
		futureEnd: date(series.days + HORIZON - 1)
	};
}

/** The per-day rows: recent actuals, every forecaster on the holdout (the LSTM with bands), the LSTM ahead. */
function forecastRows(
	series: DailySeries,
	split: Split,
	forecasts: Record<Forecaster, Float64Array[]>,
	holdout: LstmForecast,
	future: LstmForecast
): ForecastRow[] {
	const rows: ForecastRow[] = [];
	const noBands = { lo80: null, hi80: null, lo95: null, hi95: null };
	const withBands = (forecast: LstmForecast, s: number, h: number) => ({
		lo80: forecast.bands.p80.lower[s][h],
		hi80: forecast.bands.p80.upper[s][h],
		lo95: forecast.bands.p95.lower[s][h],
		hi95: forecast.bands.p95.upper[s][h]
	});
	series.names.forEach((name, s) => {
		for (let d = Math.max(0, series.days - HISTORY_DAYS); d < series.days; d++) {
			const date = formatDate(series.firstDay + d);
			rows.push({
				series: name,
				date,
				kind: 'history',
				model: 'actual',
				value: series.units[s][d],
				...noBands
			});
		}
		for (const [model, values] of Object.entries(forecasts) as [Forecaster, Float64Array[]][]) {
			for (let h = 0; h < HORIZON; h++) {
				const date = formatDate(series.firstDay + split.holdoutStart + h);
				const bands = model === 'lstm' ? withBands(holdout, s, h) : noBands;
				rows.push({ series: name, date, kind: 'holdout', model, value: values[s][h], ...bands });
			}
		}
		for (let h = 0; h < HORIZON; h++) {
			const date = formatDate(series.firstDay + series.days + h);
			rows.push({
				series: name,
				date,
				kind: 'future',
				model: 'lstm',
				value: future.value[s][h],
				...withBands(future, s, h)
			});
		}
	});
	return rows;
}

function concat(arrays: Float64Array[]): Float64Array {
	const out = new Float64Array(arrays.reduce((n, array) => n + array.length, 0));
	let at = 0;
	for (const array of arrays) {
		out.set(array, at);
		at += array.length;
	}
	return out;
}

function median(values: number[]): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
