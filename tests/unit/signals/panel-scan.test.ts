import { describe, expect, it } from 'vitest';
import { ANOMALY_SETTINGS } from '../../../src/lib/signals/anomalies';
import { scanPanel, type Panel } from '../../../src/lib/signals/panel-scan';

/** A seeded generator (mulberry32), so the series are the same every run. */
function random(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** A Poisson draw (Knuth's method; the means here are small). */
function poisson(mean: number, next: () => number): number {
	const limit = Math.exp(-mean);
	let k = 0;
	for (let p = next(); p > limit; p *= next()) k++;
	return k;
}

const DAYS = 240;
/** Weekly pattern (busy weekends), growth over the period, and festivals that treble every series' sales. */
const WEEKDAY = [0.8, 0.85, 0.9, 0.95, 1.1, 1.5, 1.4];
const FESTIVALS = new Set([60, 61, 150, 200]);
const SHARES = [1, 1.5, 0.7, 1.2, 0.9];

function seasonal(day: number): number {
	return WEEKDAY[day % 7] * (1 + day / DAYS) * (FESTIVALS.has(day) ? 3 : 1);
}

/**
 * Five series (stores) whose expected daily count is share × 12 × the day's seasonal factor, drawn as
 * Poisson counts; `change(series, day)` multiplies a series' mean on a day (the planted anomaly).
 */
function panel(seed: number, change: (series: number, day: number) => number = () => 1): Panel {
	const next = random(seed);
	const counts = new Float64Array(SHARES.length * DAYS);
	const revenue = new Float64Array(SHARES.length * DAYS);
	SHARES.forEach((share, s) => {
		for (let d = 0; d < DAYS; d++) {
			const count = poisson(share * 12 * seasonal(d) * change(s, d), next);
			counts[s * DAYS + d] = count;
			revenue[s * DAYS + d] = count * 1000;
		}
	});
	return {
		names: SHARES.map((_, s) => `S${s}`),
		days: DAYS,
		counts,
		revenue,
		activeFrom: new Int32Array(SHARES.length)
	};
}

const settings = ANOMALY_SETTINGS.store;

describe('scanPanel: series against their share of the group', () => {
	it.each([1, 2, 3, 4, 5])(
		'finds nothing in a clean seasonal panel with festivals (seed %i)',
		async (seed) => {
			expect(await scanPanel(panel(seed), settings)).toEqual([]);
		}
	);

	it('does not take a festival day of one series for an anomaly when every series has it', async () => {
		const found = await scanPanel(panel(7), settings);
		expect(found.filter((a) => FESTIVALS.has(a.first) || FESTIVALS.has(a.last))).toEqual([]);
	});

	it('finds a store closed for five days, as a drop on exactly those days, and no mirror rise elsewhere (regression: the closed store lifted store 0 over the same days)', async () => {
		const found = await scanPanel(
			panel(11, (s, d) => (s === 1 && d >= 120 && d <= 124 ? 0 : 1)),
			settings
		);
		expect(found).toHaveLength(1);
		const [outage] = found;
		expect(outage).toMatchObject({ series: 1, first: 120, last: 124, direction: 'down', observed: 0 });
		// Expected: store 1's share (1.5 of the others' 3.8) of the others' count over those days, about
		// 1.5 × 12 × Σ seasonal(120 … 124) ≈ 18 × (0.85 + 0.9 + 0.95 + 1.1 + 1.5) × 1.5 ≈ 143.
		const byHand = 18 * [120, 121, 122, 123, 124].reduce((t, d) => t + seasonal(d), 0);
		expect(outage.expected).toBeGreaterThan(byHand * 0.85);
		expect(outage.expected).toBeLessThan(byHand * 1.15);
		expect(outage.low).toBeLessThan(outage.expected);
		expect(outage.high).toBeGreaterThan(outage.expected);
		expect(outage.surprise).toBeGreaterThan(settings.minSurprise);
	});

	it('finds a week-long promotion of one series, up, and no mirror drop elsewhere (regression: the promotion sank series 1)', async () => {
		const found = await scanPanel(
			panel(13, (s, d) => (s === 3 && d >= 170 && d <= 176 ? 2.5 : 1)),
			ANOMALY_SETTINGS.category
		);
		expect(found).toHaveLength(1);
		expect(found[0]).toMatchObject({ series: 3, direction: 'up' });
		expect(found[0].first).toBeGreaterThanOrEqual(169);
		expect(found[0].last).toBeLessThanOrEqual(177);
		expect(found[0].observed / found[0].expected).toBeGreaterThan(1.8);
	});

	it('lets the engine answer other requests every five series of each of its two passes', async () => {
		// Three copies of a panel with a closed store: 15 series, departures found, so a second pass runs.
		const one = panel(11, (s, d) => (s === 1 && d >= 120 && d <= 124 ? 0 : 1));
		const copies = 3;
		const wide: Panel = {
			names: Array.from({ length: copies }, (_, c) => one.names.map((name) => `${name}.${c}`)).flat(),
			days: one.days,
			counts: Float64Array.from(
				{ length: copies * one.counts.length },
				(_, i) => one.counts[i % one.counts.length]
			),
			revenue: Float64Array.from(
				{ length: copies * one.revenue.length },
				(_, i) => one.revenue[i % one.revenue.length]
			),
			activeFrom: new Int32Array(copies * SHARES.length)
		};
		let pauses = 0;
		const found = await scanPanel(wide, settings, () => void pauses++);
		expect(found.map((a) => a.series).sort((a, b) => a - b)).toEqual([1, 6, 11]);
		// Before series 5 and 10, in each pass.
		expect(pauses).toBe(4);
		expect(await scanPanel(wide, settings)).toEqual(found);
	});

	it('does not judge a series before its first sale (a store that opened late)', async () => {
		const late = panel(17, (s, d) => (s === 4 && d < 100 ? 0 : 1));
		late.activeFrom[4] = 100;
		expect(await scanPanel(late, settings)).toEqual([]);
	});
});
