import type { Rng } from './rng';

/*
 * `Math.log`, `Math.exp`, `Math.pow` and the trigonometric functions are "implementation-approximated"
 * in ECMAScript: engines may differ in the last bit, which would make generated files differ across
 * browsers. These replacements use only + − × ÷ and sqrt, which IEEE 754 defines exactly, in a fixed
 * order, so every engine computes the same bits.
 */

const LN2 = 0.6931471805599453;
// ln 2 split in two (fdlibm's constants): k · LN2_HI is exact for the k that detExp meets.
const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.9082149292705877e-10;
const SQRT2 = 1.4142135623730951;

/** Natural logarithm of x > 0, to about 1e-16 relative error. */
export function detLog(x: number): number {
	if (!(x > 0) || x === Infinity) throw new RangeError(`detLog needs a finite x > 0, got ${x}`);
	let mantissa = x;
	let exponent = 0;
	while (mantissa >= SQRT2) {
		mantissa /= 2;
		exponent++;
	}
	while (mantissa < SQRT2 / 2) {
		mantissa *= 2;
		exponent--;
	}
	// ln(m) = 2 atanh(t) with t = (m − 1) / (m + 1), |t| ≤ 0.1716, so 12 odd terms reach double precision.
	const t = (mantissa - 1) / (mantissa + 1);
	const t2 = t * t;
	let term = t;
	let sum = 0;
	for (let k = 1; k <= 23; k += 2) {
		sum += term / k;
		term *= t2;
	}
	return exponent * LN2 + 2 * sum;
}

/** e^x for |x| < 700, to about 1e-15 relative error. */
export function detExp(x: number): number {
	if (!(Math.abs(x) < 700)) throw new RangeError(`detExp needs |x| < 700, got ${x}`);
	const k = Math.round(x / LN2);
	const r = x - k * LN2_HI - k * LN2_LO;
	// |r| ≤ ln2/2: the Taylor series converges to double precision within 18 terms.
	let term = 1;
	let sum = 1;
	for (let n = 1; n <= 18; n++) {
		term = (term * r) / n;
		sum += term;
	}
	let scale = 1;
	for (let i = 0; i < Math.abs(k); i++) scale *= 2;
	return k >= 0 ? sum * scale : sum / scale;
}

/** A standard normal deviate (Marsaglia's polar method with `detLog`). */
export function standardNormal(rng: Rng): number {
	for (;;) {
		const u = rng.float() * 2 - 1;
		const v = rng.float() * 2 - 1;
		const s = u * u + v * v;
		if (s > 0 && s < 1) return u * Math.sqrt((-2 * detLog(s)) / s);
	}
}

/** A log-normal factor with median 1 and log-space spread `sigma`. */
export function logNormalFactor(rng: Rng, sigma: number): number {
	return detExp(sigma * standardNormal(rng));
}

/** Running sums of `weights`, for `pickCumulative`. */
export function cumulative(weights: ArrayLike<number>): Float64Array {
	const out = new Float64Array(weights.length);
	let total = 0;
	for (let i = 0; i < weights.length; i++) {
		total += weights[i];
		out[i] = total;
	}
	return out;
}

/** An index drawn with probability proportional to its weight, from running sums over [0, length). */
export function pickCumulative(rng: Rng, sums: ArrayLike<number>, length = sums.length): number {
	const target = rng.float() * sums[length - 1];
	let lo = 0;
	let hi = length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >>> 1;
		if (sums[mid] > target) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Walker's alias method (Vose's construction): draws from a fixed distribution in constant time. */
export class AliasTable {
	readonly #probability: Float64Array;
	readonly #alias: Int32Array;

	constructor(weights: ArrayLike<number>) {
		const n = weights.length;
		let total = 0;
		for (let i = 0; i < n; i++) total += weights[i];
		const scaled = Float64Array.from(weights, (weight) => (weight * n) / total);
		this.#probability = new Float64Array(n).fill(1);
		this.#alias = Int32Array.from({ length: n }, (_, i) => i);
		const small: number[] = [];
		const large: number[] = [];
		scaled.forEach((p, i) => (p < 1 ? small : large).push(i));
		while (small.length > 0 && large.length > 0) {
			const less = small.pop()!;
			const more = large.pop()!;
			this.#probability[less] = scaled[less];
			this.#alias[less] = more;
			scaled[more] = scaled[more] + scaled[less] - 1;
			(scaled[more] < 1 ? small : large).push(more);
		}
	}

	pick(rng: Rng): number {
		const u = rng.float() * this.#probability.length;
		const i = Math.floor(u);
		return u - i < this.#probability[i] ? i : this.#alias[i];
	}
}
