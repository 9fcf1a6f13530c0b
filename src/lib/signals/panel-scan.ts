import type { Pause } from './detection-progress';
import { log10NegativeBinomialLower, log10NegativeBinomialUpper } from './poisson-tail';

/** Series scanned between two calls of `pause` (50 stores over three years: ~40 ms of script). */
const SERIES_PER_PAUSE = 5;

/**
 * Counts per series and day for a group of series that share their ups and downs (the POS stores, or the
 * categories): row-major, `counts[s * days + d]`. Revenue rides along for the reasons' rupee figures.
 */
export interface Panel {
	names: readonly string[];
	days: number;
	counts: Float64Array;
	revenue: Float64Array;
	/** Per series, the first day it sells (a store opening in the range): earlier days are not judged. */
	activeFrom: Int32Array;
}

export interface ScanSettings {
	/** Days each side of a window that its baseline is learnt from. */
	contextDays: number;
	/** Longest window scanned, in days. */
	maxWindow: number;
	/** Report a window whose surprise (−log10 of its chance under the baseline) reaches this. */
	minSurprise: number;
	/** Relative uncertainty of a window's baseline beyond its sampling error (seasonal drift). */
	baselineUncertainty: number;
	/** Which departures to report. */
	directions: readonly ('up' | 'down')[];
}

/** What was seen against what was expected, with the range (about 95 %) that would not surprise. */
export interface ObservedRange {
	observed: number;
	expected: number;
	low: number;
	high: number;
	/** Revenue: as observed, and the expectation and range at the usual revenue per count. */
	observedRevenue: number;
	expectedRevenue: number;
	lowRevenue: number;
	highRevenue: number;
}

export interface PanelAnomaly extends ObservedRange {
	series: number;
	/** First and last day of the window (day indexes). */
	first: number;
	last: number;
	direction: 'up' | 'down';
	/** −log10 of the chance of a count at least this far from the expectation: 6 = one in a million. */
	surprise: number;
	/** The series' dispersion (variance ÷ mean of a day's count; 1 = Poisson). */
	dispersion: number;
}

/**
 * Finds the windows of 1 … `maxWindow` days in which a series departs from its share of the group.
 *
 * Baseline: the series' count over a window is expected to be its ratio to the rest of the group (the
 * other series' counts added up) in the `contextDays` before and after the window, times the rest's count
 * in the window. Whatever moves the whole group (the weekday, festivals, salary days, sales, growth) moves
 * the expectation with it, so a festival is not an anomaly; only a departure of this series from the
 * others is. Score: the count is Poisson-like with variance φλ + κ²λ², φ the series' dispersion (the
 * trimmed Pearson statistic of its days) and κ² the baseline's relative uncertainty (the setting, plus the
 * sampling error of its context, 1 ÷ the context's count); its tail probability (quasi-Poisson) gives the
 * surprise. Windows above `minSurprise` are kept, strongest first, none overlapping another of its series.
 */
export async function scanPanel(
	panel: Panel,
	settings: ScanSettings,
	pause: Pause = () => {}
): Promise<PanelAnomaly[]> {
	const first = await scanAll(panel, panel.counts, settings, pause);
	if (first.length === 0) return first;
	// A series that departs moves the others' share too (a closed store lifts every other store's share of
	// the rest): scan again with each departure replaced by its expectation in the others' baseline.
	return scanAll(panel, cleanedCounts(panel, first), settings, pause);
}

async function scanAll(
	panel: Panel,
	groupCounts: Float64Array,
	settings: ScanSettings,
	pause: Pause
): Promise<PanelAnomaly[]> {
	const { names, days } = panel;
	const totals = new Float64Array(days);
	for (let s = 0; s < names.length; s++) {
		for (let d = 0; d < days; d++) totals[d] += groupCounts[s * days + d];
	}
	const found: PanelAnomaly[] = [];
	for (let s = 0; s < names.length; s++) {
		if (s > 0 && s % SERIES_PER_PAUSE === 0) await pause();
		const others = Float64Array.from(totals, (total, d) => total - groupCounts[s * days + d]);
		found.push(...scanSeries(panel, others, s, settings));
	}
	return found.sort((a, b) => b.surprise - a.surprise || a.series - b.series || a.first - b.first);
}

/**
 * The counts with each departure found replaced by its expectation, spread evenly over its days. A weaker
 * departure the other way in another series at the same time is the stronger one's mirror image, not a
 * departure of its own: it is left as it is.
 */
function cleanedCounts(panel: Panel, found: readonly PanelAnomaly[]): Float64Array {
	const counts = Float64Array.from(panel.counts);
	const cleaned: PanelAnomaly[] = [];
	for (const anomaly of found) {
		const mirror = cleaned.some(
			(c) =>
				c.series !== anomaly.series &&
				c.direction !== anomaly.direction &&
				c.first <= anomaly.last &&
				anomaly.first <= c.last
		);
		if (mirror) continue;
		cleaned.push(anomaly);
		const perDay = anomaly.expected / (anomaly.last - anomaly.first + 1);
		for (let d = anomaly.first; d <= anomaly.last; d++) counts[anomaly.series * panel.days + d] = perDay;
	}
	return counts;
}

function prefixSums(values: ArrayLike<number>, from: number): Float64Array {
	const sums = new Float64Array(values.length + 1);
	for (let d = 0; d < values.length; d++) sums[d + 1] = sums[d] + (d >= from ? values[d] : 0);
	return sums;
}

/** One series' departures from its share of `others` (the rest of the group's counts per day). */
function scanSeries(panel: Panel, others: Float64Array, s: number, settings: ScanSettings): PanelAnomaly[] {
	const { days, counts, revenue } = panel;
	const active = panel.activeFrom[s];
	if (active >= days) return [];
	const own = counts.subarray(s * days, (s + 1) * days);
	const X = prefixSums(own, active);
	const O = prefixSums(others, active);
	const R = prefixSums(revenue.subarray(s * days, (s + 1) * days), active);
	const K = settings.contextDays;
	const sum = (P: Float64Array, from: number, to: number) => P[to + 1] - P[Math.max(from, active)];
	const context = (first: number, last: number) => {
		const leftFrom = Math.max(active, first - K);
		const rightTo = Math.min(days - 1, last + K);
		return {
			x: sum(X, leftFrom, first - 1) + sum(X, last + 1, rightTo),
			o: sum(O, leftFrom, first - 1) + sum(O, last + 1, rightTo),
			r: sum(R, leftFrom, first - 1) + sum(R, last + 1, rightTo)
		};
	};

	const dispersion = seriesDispersion(own, others, active, days, context);
	const up = settings.directions.includes('up');
	const down = settings.directions.includes('down');
	const candidates: PanelAnomaly[] = [];
	for (let first = active; first < days; first++) {
		for (let last = first; last < Math.min(days, first + settings.maxWindow); last++) {
			const ctx = context(first, last);
			// Too little history to learn the series' share from: not judged.
			if (ctx.x < 10 || ctx.o <= 0) continue;
			const expected = (ctx.x / ctx.o) * sum(O, first, last);
			const observed = sum(X, first, last);
			if (expected <= 0) continue;
			const kappa2 = settings.baselineUncertainty ** 2 + 1 / ctx.x;
			const variance = dispersion * expected + kappa2 * expected * expected;
			// Only windows a normal approximation already finds 3 standard deviations out are worth the exact tail.
			const z = (observed - expected) / Math.sqrt(variance);
			if (Math.abs(z) < 3 || (z > 0 && !up) || (z < 0 && !down)) continue;
			// x / φ is negative binomial with mean λ / φ and size 1 / κ²: variance λ/φ + κ²(λ/φ)².
			const size = 1 / kappa2;
			const log10p =
				z > 0
					? log10NegativeBinomialUpper(observed / dispersion, expected / dispersion, size)
					: log10NegativeBinomialLower(observed / dispersion, expected / dispersion, size);
			const surprise = -log10p;
			if (!(surprise >= settings.minSurprise)) continue;
			const perCount = ctx.r / ctx.x;
			const spread = 2 * Math.sqrt(variance);
			const low = Math.max(0, expected - spread);
			const high = expected + spread;
			candidates.push({
				series: s,
				first,
				last,
				direction: z > 0 ? 'up' : 'down',
				observed,
				expected,
				low,
				high,
				observedRevenue: sum(R, first, last),
				expectedRevenue: expected * perCount,
				lowRevenue: low * perCount,
				highRevenue: high * perCount,
				surprise,
				dispersion
			});
		}
	}
	candidates.sort((a, b) => b.surprise - a.surprise || a.first - b.first || a.last - b.last);
	const kept: PanelAnomaly[] = [];
	for (const candidate of candidates) {
		if (kept.every((k) => candidate.last < k.first || candidate.first > k.last)) kept.push(candidate);
	}
	return kept;
}

/**
 * The series' dispersion: the mean squared Pearson residual of its days against the baseline, the largest
 * 2 % left out (the anomalies themselves); at least 1 (Poisson), at most 25.
 */
function seriesDispersion(
	own: Float64Array,
	others: Float64Array,
	active: number,
	days: number,
	context: (first: number, last: number) => { x: number; o: number }
): number {
	const squares: number[] = [];
	for (let d = active; d < days; d++) {
		const ctx = context(d, d);
		if (ctx.x < 10 || ctx.o <= 0) continue;
		const expected = (ctx.x / ctx.o) * others[d];
		if (expected <= 0) continue;
		squares.push((own[d] - expected) ** 2 / expected);
	}
	if (squares.length < 30) return 1;
	squares.sort((a, b) => a - b);
	const kept = squares.slice(0, Math.ceil(squares.length * 0.98));
	const mean = kept.reduce((total, value) => total + value, 0) / kept.length;
	return Math.min(25, Math.max(1, mean));
}
