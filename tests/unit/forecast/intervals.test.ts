import { describe, expect, it } from 'vitest';
import { coverage, quantile, residualBands } from '../../../src/lib/forecast/intervals';
import { standardNormal } from '../../../src/lib/generate/deterministic-math';
import { Rng } from '../../../src/lib/generate/rng';

describe('prediction intervals from residual quantiles', () => {
	it('quantiles interpolate linearly between order statistics (R type 7)', () => {
		expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
		expect(quantile([1, 2, 3, 4], 0.1)).toBeCloseTo(1.3, 12);
		expect(quantile([1, 2, 3, 4], 1)).toBe(4);
		expect(quantile([7], 0.9)).toBe(7);
	});

	it('coverage counts the days inside the band, ends included', () => {
		expect(coverage([1, 5, 9, 3], [0, 5, 0, 4], [2, 6, 8, 6])).toBe(0.5);
	});

	it('bands are per day ahead: a wider error far ahead gives a wider band there', () => {
		// Two days ahead; residuals of day 2 are ten times those of day 1.
		const residuals = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? 1 : 10) * ((i >> 1) - 49.5));
		const bands = residualBands(residuals, 2);
		expect(bands.p80.upper[1]).toBeCloseTo(10 * bands.p80.upper[0], 9);
		expect(bands.p95.upper[0]).toBeGreaterThan(bands.p80.upper[0]);
	});

	it('on a series with known normal noise, the holdout coverage is near the nominal 80 % and 95 %', () => {
		// Forecast = the true mean, so residuals are the noise (σ = 3): calibrate on 400 windows of 28 days, then
		// measure coverage on 2,000 fresh windows. The sampling error of a coverage over 56,000 days is ~0.2 %,
		// and the band's own estimation error (400 draws per day ahead) is a few percent of its width.
		const rng = Rng.stream(7, 'interval-noise');
		const noise = (n: number) => Float64Array.from({ length: n }, () => 3 * standardNormal(rng));
		const bands = residualBands(noise(400 * 28), 28);
		const fresh = noise(2000 * 28);
		const band = (level: 'p80' | 'p95', side: 'lower' | 'upper') =>
			Float64Array.from(fresh, (_, i) => bands[level][side][i % 28]);
		expect(Math.abs(coverage(fresh, band('p80', 'lower'), band('p80', 'upper')) - 0.8)).toBeLessThan(0.03);
		expect(Math.abs(coverage(fresh, band('p95', 'lower'), band('p95', 'upper')) - 0.95)).toBeLessThan(0.015);
		// And the bands sit where the normal quantiles are: ±1.2816 σ and ±1.96 σ.
		const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;
		expect(mean(bands.p80.upper)).toBeCloseTo(1.2816 * 3, 0);
		expect(mean(bands.p95.lower)).toBeCloseTo(-1.96 * 3, 0);
	});
});
