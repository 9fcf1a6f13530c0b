import { describe, expect, it } from 'vitest';
import {
	AliasTable,
	cumulative,
	detExp,
	detLog,
	logNormalFactor,
	pickCumulative,
	standardNormal
} from '$lib/generate/deterministic-math';
import { Rng } from '$lib/generate/rng';

describe('Rng', () => {
	it('yields the same sfc32 sequence on every engine (golden values)', () => {
		const rng = Rng.stream(42, 'golden');
		expect([rng.nextUint32(), rng.nextUint32(), rng.nextUint32(), rng.nextUint32()]).toEqual([
			3227825127, 2164502488, 2610677494, 104222431
		]);
	});

	it('gives independent streams per name and per seed', () => {
		const first = (seed: number, name: string) => Rng.stream(seed, name).nextUint32();
		expect(first(1, 'pos')).not.toBe(first(1, 'web'));
		expect(first(1, 'pos')).not.toBe(first(2, 'pos'));
		expect(first(1, 'pos')).toBe(first(1, 'pos'));
	});

	it('draws uniform floats in [0, 1) and integers in range', () => {
		const rng = Rng.stream(3, 'uniform');
		const n = 20_000;
		const draws = Array.from({ length: n }, () => rng.float());
		expect(draws.filter((u) => !(u >= 0 && u < 1))).toEqual([]);
		expect(draws.reduce((sum, u) => sum + u, 0) / n).toBeCloseTo(0.5, 2);
		const seen = new Set(Array.from({ length: 1000 }, () => rng.intBetween(3, 7)));
		expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
	});
});

describe('deterministic math', () => {
	it('matches Math.log and Math.exp to within a few ulps', () => {
		for (const x of [1e-300, 1e-10, 0.001, 0.5, 1, 1.5, Math.SQRT2, 2, 10, 12345.678, 1e10, 1e300]) {
			expect(Math.abs(detLog(x) - Math.log(x))).toBeLessThanOrEqual(
				4e-16 * Math.max(1, Math.abs(Math.log(x)))
			);
		}
		for (const x of [-700 + 1, -50, -5.5, -1, -1e-9, 0, 1e-9, 0.5, 1, 3.3, 50, 699]) {
			expect(Math.abs(detExp(x) / Math.exp(x) - 1)).toBeLessThan(1e-14);
		}
	});

	it('rejects arguments outside the domain', () => {
		expect(() => detLog(0)).toThrow(RangeError);
		expect(() => detLog(-1)).toThrow(RangeError);
		expect(() => detExp(710)).toThrow(RangeError);
	});

	it('draws standard normals with mean 0 and variance 1, log-normal factors with median 1', () => {
		const rng = Rng.stream(5, 'normal');
		const n = 20_000;
		const draws = Array.from({ length: n }, () => standardNormal(rng));
		const mean = draws.reduce((sum, x) => sum + x, 0) / n;
		const variance = draws.reduce((sum, x) => sum + (x - mean) ** 2, 0) / n;
		expect(Math.abs(mean)).toBeLessThan(0.03);
		expect(Math.abs(variance - 1)).toBeLessThan(0.05);
		const factors = Array.from({ length: n }, () => logNormalFactor(rng, 0.5)).sort((a, b) => a - b);
		expect(factors[n / 2]).toBeCloseTo(1, 1);
	});

	it('picks indexes in proportion to their weights, never a zero weight', () => {
		const sums = cumulative([1, 0, 3]);
		const rng = Rng.stream(9, 'pick');
		const counts = [0, 0, 0];
		for (let i = 0; i < 8000; i++) counts[pickCumulative(rng, sums)]++;
		expect(counts[1]).toBe(0);
		expect(counts[2] / counts[0]).toBeCloseTo(3, 0);
	});

	it('draws from an alias table in proportion to the weights', () => {
		const table = new AliasTable([1, 0, 3, 6]);
		const rng = Rng.stream(11, 'alias');
		const counts = [0, 0, 0, 0];
		const n = 20_000;
		for (let i = 0; i < n; i++) counts[table.pick(rng)]++;
		expect(counts[1]).toBe(0);
		expect(counts.map((count) => Math.round((count / n) * 10))).toEqual([1, 0, 3, 6]);
	});
});
