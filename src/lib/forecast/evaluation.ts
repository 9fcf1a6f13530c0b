import {
	FORECASTER_LABELS,
	FORECASTERS,
	type Forecaster,
	type ForecasterMetrics,
	type SeriesScores
} from './forecast-result';
import { mase, rmsse, smape, wrmsse } from './metrics';

/** One forecaster's holdout forecast of every series, against the same actuals and histories. */
export interface HoldoutForecasts {
	names: readonly string[];
	/** How many of the series (the first ones) are categories; the rest (Total) are not in the overall scores. */
	categories: number;
	actual: readonly Float64Array[];
	/** Every day before the holdout, per series: the scale of the scaled errors. */
	history: readonly Float64Array[];
	/** WRMSSE weight per category. */
	weights: readonly number[];
	forecasts: Record<Forecaster, readonly Float64Array[]>;
}

function mean(values: readonly (number | null)[]): number | null {
	const known = values.filter((value): value is number => value !== null);
	return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
}

/** RMSSE, MASE and sMAPE per series, and over the categories: WRMSSE and unweighted means. */
export function scoreForecasters(input: HoldoutForecasts): Record<Forecaster, ForecasterMetrics> {
	const scoreOne = (forecaster: Forecaster): ForecasterMetrics => {
		const scores: SeriesScores[] = input.names.map((_, s) => ({
			rmsse: rmsse(input.actual[s], input.forecasts[forecaster][s], input.history[s]),
			mase: mase(input.actual[s], input.forecasts[forecaster][s], input.history[s]),
			smape: smape(input.actual[s], input.forecasts[forecaster][s])
		}));
		const categories = scores.slice(0, input.categories);
		return {
			wrmsse: wrmsse(
				categories.map((score) => score.rmsse),
				input.weights
			),
			rmsse: mean(categories.map((score) => score.rmsse)),
			mase: mean(categories.map((score) => score.mase)),
			smape: mean(categories.map((score) => score.smape)) ?? 0,
			series: Object.fromEntries(input.names.map((name, s) => [name, scores[s]]))
		};
	};
	return Object.fromEntries(FORECASTERS.map((forecaster) => [forecaster, scoreOne(forecaster)])) as Record<
		Forecaster,
		ForecasterMetrics
	>;
}

const BASELINES = FORECASTERS.filter((forecaster) => forecaster !== 'lstm');

/** How many categories the LSTM's RMSSE is lower than the baseline's on, out of those both could score. */
export function categoryWins(
	metrics: Record<Forecaster, ForecasterMetrics>,
	categories: readonly string[],
	baseline: Forecaster
): { wins: number; of: number } {
	let wins = 0;
	let of = 0;
	for (const name of categories) {
		const lstm = metrics.lstm.series[name]?.rmsse;
		const other = metrics[baseline].series[name]?.rmsse;
		if (lstm == null || other == null) continue;
		of++;
		if (lstm < other) wins++;
	}
	return { wins, of };
}

/** The forecaster with the lowest WRMSSE (null when none could be scored). */
export function bestForecaster(metrics: Record<Forecaster, ForecasterMetrics>): Forecaster | null {
	let best: Forecaster | null = null;
	for (const forecaster of FORECASTERS) {
		const score = metrics[forecaster].wrmsse;
		if (score !== null && (best === null || score < metrics[best].wrmsse!)) best = forecaster;
	}
	return best;
}

/** `seasonal naive`, `moving average`, `Holt-Winters`: the label without its parameters, as in a sentence. */
function label(forecaster: Forecaster): string {
	if (forecaster === 'lstm') return 'the LSTM';
	const name = FORECASTER_LABELS[forecaster].replace(/ \(.*\)$/, '');
	return forecaster === 'holt_winters' ? name : name.toLowerCase();
}
const score = (value: number | null) => (value === null ? '—' : value.toFixed(3));

/**
 * The comparison in one sentence, e.g. "The LSTM beats seasonal naive on 6 of 8 categories, moving average
 * on 3 of 8 and Holt-Winters on 2 of 8 (lower RMSSE on the 28-day holdout); by revenue-weighted RMSSE it
 * scores 0.712 against 0.981, 0.745 and 0.702, so Holt-Winters is the most accurate overall."
 */
export function verdictSentence(
	metrics: Record<Forecaster, ForecasterMetrics>,
	categories: readonly string[]
): string {
	const wins = BASELINES.map((baseline) => ({ baseline, ...categoryWins(metrics, categories, baseline) }));
	const list = (items: string[], and = 'and') => `${items.slice(0, -1).join(', ')} ${and} ${items.at(-1)}`;
	const comparison = wins.some(({ wins }) => wins > 0)
		? `The LSTM beats ${list(wins.map(({ baseline, wins, of }) => `${label(baseline)} on ${wins} of ${of}`))} categories`
		: `The LSTM does not beat ${list(BASELINES.map(label), 'or')} on any of the ${wins[0].of} categories`;
	const best = bestForecaster(metrics);
	const overall =
		best === null
			? 'no forecaster could be scored overall'
			: best === 'lstm'
				? 'so the LSTM is the most accurate overall'
				: `so ${label(best)} is more accurate than the LSTM overall`;
	return (
		`${comparison} (lower RMSSE on the 28-day holdout); by revenue-weighted RMSSE it scores ` +
		`${score(metrics.lstm.wrmsse)} against ${list(BASELINES.map((baseline) => score(metrics[baseline].wrmsse)))}, ${overall}.`
	);
}
