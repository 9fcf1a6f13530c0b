import type { HoltWintersParams } from './holt-winters';
import type { EpochRecord } from './train';

/** Every forecaster scored, the LSTM first. Names are the CLI's JSON keys. */
export const FORECASTERS = ['lstm', 'seasonal_naive', 'moving_average', 'holt_winters'] as const;
export type Forecaster = (typeof FORECASTERS)[number];

export const FORECASTER_LABELS: Record<Forecaster, string> = {
	lstm: 'LSTM',
	seasonal_naive: 'Seasonal naive (lag 7)',
	moving_average: 'Moving average (28 d)',
	holt_winters: 'Holt-Winters (weekly)'
};

/** What the page lets a person change, and the rest of the training recipe. */
export interface ForecastSettings {
	epochs: number;
	lookback: number;
	units: number;
	layers: number;
	seed: number;
	batchSize: number;
	learningRate: number;
	patience: number;
	/** Days between the origins of consecutive training windows (neighbours share all but one input day). */
	stride: number;
	/** log1p before standardising (else standardise the units as they are). */
	logScale: boolean;
}

export interface SeriesScores {
	rmsse: number | null;
	mase: number | null;
	smape: number;
}

export interface ForecasterMetrics {
	/** Revenue-weighted RMSSE over the category series (M5's WRMSSE). */
	wrmsse: number | null;
	/** Unweighted means over the category series. */
	rmsse: number | null;
	mase: number | null;
	smape: number;
	/** Every series' scores, `Total` included, by series name. */
	series: Record<string, SeriesScores>;
}

export interface SeriesSummary {
	name: string;
	/** Share of the categories' revenue over the 28 days before the holdout (WRMSSE weight); null for Total. */
	weight: number | null;
	holtWinters: HoltWintersParams;
	/** Units over the last 28 days of history and the LSTM's next 28, and the change in percent. */
	growth: { last28: number; next28: number; pct: number | null };
}

/** Where the split fell, as `YYYY-MM-DD`. */
export interface SplitDates {
	first: string;
	last: string;
	validationStart: string;
	holdoutStart: string;
	/** The forecast's days: the day after `last` and the 27 after it. */
	futureStart: string;
	futureEnd: string;
}

export interface BackendInfo {
	/** The tfjs backend that trained: `webgl`, `wasm` or `cpu`. */
	name: string;
	/** Why it was chosen, as a sentence. */
	reason: string;
}

/** Everything a finished forecast reports except its per-day rows: `evaluation.json` beside the Parquet. */
export interface ForecastEvaluation {
	version: 1;
	/** The published pipeline run whose Gold the forecast learned from. */
	runId: string;
	trainedAt: string;
	backend: BackendInfo;
	settings: ForecastSettings;
	dates: SplitDates;
	series: SeriesSummary[];
	metrics: Record<Forecaster, ForecasterMetrics>;
	/** The honest one-sentence comparison with the baselines. */
	verdict: string;
	/** LSTM WRMSSE ÷ seasonal-naive WRMSSE (docs/benchmark.md: forecast_wrmsse_ratio). */
	wrmsseRatio: number | null;
	/** Share of holdout days (every series) inside the LSTM's 80 % and 95 % intervals. */
	coverage: { p80: number; p95: number };
	training: {
		epochs: EpochRecord[];
		bestEpoch: number;
		stoppedEarly: boolean;
		/** Median wall time of one training epoch. */
		epochMs: number;
		elapsedMs: number;
		windows: { train: number; validation: number };
	};
}

export type RowKind = 'history' | 'holdout' | 'future';

/** One day of one series: an actual (`model: 'actual'`) or a forecaster's value, with the LSTM's bands. */
export interface ForecastRow {
	series: string;
	/** `YYYY-MM-DD` */
	date: string;
	kind: RowKind;
	model: Forecaster | 'actual';
	value: number;
	lo80: number | null;
	hi80: number | null;
	lo95: number | null;
	hi95: number | null;
}

export interface ForecastResult {
	evaluation: ForecastEvaluation;
	rows: ForecastRow[];
}
