import { describe, expect, it } from 'vitest';
import { bestForecaster, categoryWins, verdictSentence } from '../../../src/lib/forecast/evaluation';
import type { Forecaster, ForecasterMetrics } from '../../../src/lib/forecast/forecast-result';

const CATEGORIES = ['A', 'B', 'C'];

/** Metrics whose per-category RMSSE are `rmsse` and whose WRMSSE is `wrmsse`. */
function metrics(scores: Record<Forecaster, { rmsse: (number | null)[]; wrmsse: number | null }>) {
	return Object.fromEntries(
		Object.entries(scores).map(([forecaster, { rmsse, wrmsse }]) => [
			forecaster,
			{
				wrmsse,
				rmsse: null,
				mase: null,
				smape: 0,
				series: Object.fromEntries(
					CATEGORIES.map((name, i) => [name, { rmsse: rmsse[i], mase: null, smape: 0 }])
				)
			} satisfies ForecasterMetrics
		])
	) as Record<Forecaster, ForecasterMetrics>;
}

describe('the verdict: the LSTM against every baseline, in one sentence', () => {
	it('counts categories won, names the best overall, and says when a baseline is better', () => {
		const m = metrics({
			lstm: { rmsse: [0.7, 0.8, 0.9], wrmsse: 0.75 },
			seasonal_naive: { rmsse: [1, 1, 1], wrmsse: 1 },
			moving_average: { rmsse: [0.8, 0.7, null], wrmsse: 0.74 },
			holt_winters: { rmsse: [0.6, 0.6, 0.6], wrmsse: 0.6 }
		});
		expect(categoryWins(m, CATEGORIES, 'seasonal_naive')).toEqual({ wins: 3, of: 3 });
		expect(categoryWins(m, CATEGORIES, 'moving_average')).toEqual({ wins: 1, of: 2 });
		expect(bestForecaster(m)).toBe('holt_winters');
		expect(verdictSentence(m, CATEGORIES)).toBe(
			'The LSTM beats seasonal naive on 3 of 3, moving average on 1 of 2 and Holt-Winters on 0 of 3 categories ' +
				'(lower RMSSE on the 28-day holdout); by revenue-weighted RMSSE it scores 0.750 against 1.000, 0.740 ' +
				'and 0.600, so Holt-Winters is more accurate than the LSTM overall.'
		);
	});

	it('says plainly when the LSTM beats no baseline anywhere, and when it is the best', () => {
		const losing = metrics({
			lstm: { rmsse: [2, 2, 2], wrmsse: 2 },
			seasonal_naive: { rmsse: [1, 1, 1], wrmsse: 1 },
			moving_average: { rmsse: [1, 1, 1], wrmsse: 1.1 },
			holt_winters: { rmsse: [1, 1, 1], wrmsse: 1.2 }
		});
		expect(verdictSentence(losing, CATEGORIES)).toMatch(
			/^The LSTM does not beat seasonal naive, moving average or Holt-Winters on any of the 3 categories .* so seasonal naive is more accurate than the LSTM overall\.$/
		);
		const winning = metrics({
			lstm: { rmsse: [0.5, 0.5, 0.5], wrmsse: 0.5 },
			seasonal_naive: { rmsse: [1, 1, 1], wrmsse: 1 },
			moving_average: { rmsse: [1, 1, 1], wrmsse: 1 },
			holt_winters: { rmsse: [1, 1, 1], wrmsse: 1 }
		});
		expect(verdictSentence(winning, CATEGORIES)).toMatch(/so the LSTM is the most accurate overall\.$/);
	});
});
