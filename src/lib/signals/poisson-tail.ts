/**
 * Tail probabilities of a count, in log space so that one-in-a-billion events keep their digits.
 *
 * A Poisson count X with mean λ: P(X ≥ x) = P(x, λ) and P(X ≤ x) = Q(x + 1, λ), the regularized incomplete
 * gamma functions (Numerical Recipes §6.2), which also take a non-integer x: that is what lets an
 * over-dispersed count be scored as a Poisson one after dividing both x and λ by its dispersion
 * (quasi-Poisson).
 */

const LANCZOS = [
	0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
	12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7
];
const HALF_LOG_TWO_PI = 0.9189385332046728;

/** ln Γ(z) for z > 0 (Lanczos, g = 7). */
export function logGamma(z: number): number {
	if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
	const x = z - 1;
	let sum = LANCZOS[0];
	for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i] / (x + i);
	const t = x + 7.5;
	return HALF_LOG_TWO_PI + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}

const EPSILON = 1e-15;
const MAX_TERMS = 10_000;

/** ln P(a, x) by its series (converges fast for x < a + 1). */
function logLowerSeries(a: number, x: number): number {
	let term = 1 / a;
	let sum = term;
	for (let n = 1; n < MAX_TERMS; n++) {
		term *= x / (a + n);
		sum += term;
		if (term < sum * EPSILON) break;
	}
	return Math.log(sum) - x + a * Math.log(x) - logGamma(a);
}

/** ln Q(a, x) by its continued fraction (modified Lentz; converges fast for x ≥ a + 1). */
function logUpperFraction(a: number, x: number): number {
	const tiny = 1e-300;
	let b = x + 1 - a;
	let c = 1 / tiny;
	let d = 1 / b;
	let h = d;
	for (let i = 1; i < MAX_TERMS; i++) {
		const an = -i * (i - a);
		b += 2;
		d = an * d + b;
		if (Math.abs(d) < tiny) d = tiny;
		c = b + an / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	return Math.log(h) - x + a * Math.log(x) - logGamma(a);
}

/** ln P(a, x), the regularized lower incomplete gamma function. */
export function logLowerGamma(a: number, x: number): number {
	if (x <= 0) return -Infinity;
	if (x < a + 1) return logLowerSeries(a, x);
	return Math.log1p(-Math.exp(logUpperFraction(a, x)));
}

/** ln Q(a, x) = ln(1 − P(a, x)), the regularized upper incomplete gamma function. */
export function logUpperGamma(a: number, x: number): number {
	if (x <= 0) return 0;
	if (x < a + 1) return Math.log1p(-Math.exp(logLowerSeries(a, x)));
	return logUpperFraction(a, x);
}

/** log10 P(X ≥ x) for X ~ Poisson(λ), x ≥ 0 not necessarily whole. */
export function log10UpperTail(x: number, lambda: number): number {
	if (x <= 0) return 0;
	if (lambda <= 0) return -Infinity;
	return logLowerGamma(x, lambda) / Math.LN10;
}

/** log10 P(X ≤ x) for X ~ Poisson(λ). */
export function log10LowerTail(x: number, lambda: number): number {
	if (lambda <= 0) return 0;
	return logUpperGamma(x + 1, lambda) / Math.LN10;
}

/** ln of the regularized incomplete beta I_x(a, b) by its continued fraction (Numerical Recipes §6.4). */
function logBetaFraction(a: number, b: number, x: number): number {
	const tiny = 1e-300;
	const qab = a + b;
	const qap = a + 1;
	const qam = a - 1;
	let c = 1;
	let d = 1 - (qab * x) / qap;
	if (Math.abs(d) < tiny) d = tiny;
	d = 1 / d;
	let h = d;
	for (let m = 1; m < MAX_TERMS; m++) {
		const m2 = 2 * m;
		let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		h *= d * c;
		aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
		d = 1 + aa * d;
		if (Math.abs(d) < tiny) d = tiny;
		c = 1 + aa / c;
		if (Math.abs(c) < tiny) c = tiny;
		d = 1 / d;
		const delta = d * c;
		h *= delta;
		if (Math.abs(delta - 1) < EPSILON) break;
	}
	const front = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x);
	return front + Math.log(h) - Math.log(a);
}

/** ln I_x(a, b), the regularized incomplete beta function. */
export function logIncompleteBeta(a: number, b: number, x: number): number {
	if (x <= 0) return -Infinity;
	if (x >= 1) return 0;
	if (x < (a + 1) / (a + b + 2)) return logBetaFraction(a, b, x);
	return Math.log1p(-Math.exp(logBetaFraction(b, a, 1 - x)));
}

/**
 * log10 P(X ≥ x) for a negative binomial X with mean μ and size r (variance μ + μ²/r), x ≥ 0 not
 * necessarily whole: I_{1−p}(x, r) with p = r / (r + μ). As r grows it becomes the Poisson tail.
 */
export function log10NegativeBinomialUpper(x: number, mean: number, size: number): number {
	if (x <= 0) return 0;
	if (mean <= 0) return -Infinity;
	return logIncompleteBeta(x, size, mean / (size + mean)) / Math.LN10;
}

/** log10 P(X ≤ x) for the same negative binomial: I_p(r, x + 1). */
export function log10NegativeBinomialLower(x: number, mean: number, size: number): number {
	if (mean <= 0) return 0;
	return logIncompleteBeta(size, x + 1, size / (size + mean)) / Math.LN10;
}
