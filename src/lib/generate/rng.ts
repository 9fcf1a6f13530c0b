/**
 * Seeded pseudo-random numbers: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), 32-bit
 * integer arithmetic only, so every JS engine produces the same sequence. Each concern of the generator
 * draws from its own stream (`Rng.stream(seed, 'pos')`), so adding or changing one dataset never shifts
 * the numbers another one sees.
 */
export class Rng {
	#a: number;
	#b: number;
	#c: number;
	#d: number;

	private constructor(a: number, b: number, c: number, d: number) {
		this.#a = a;
		this.#b = b;
		this.#c = c;
		this.#d = d;
		for (let i = 0; i < 15; i++) this.nextUint32();
	}

	/** An independent stream for one concern, named by `name`, of the run seeded with `seed`. */
	static stream(seed: number, name: string): Rng {
		const [a, b, c, d] = hash128(`${seed >>> 0}:${name}`);
		return new Rng(a, b, c, d);
	}

	nextUint32(): number {
		const t = (((this.#a + this.#b) | 0) + this.#d) | 0;
		this.#d = (this.#d + 1) | 0;
		this.#a = this.#b ^ (this.#b >>> 9);
		this.#b = (this.#c + (this.#c << 3)) | 0;
		this.#c = (this.#c << 21) | (this.#c >>> 11);
		this.#c = (this.#c + t) | 0;
		return t >>> 0;
	}

	/** Uniform in [0, 1), 32 bits of resolution. */
	float(): number {
		return this.nextUint32() / 4294967296;
	}

	/** Uniform integer in [0, n). */
	int(n: number): number {
		return Math.floor(this.float() * n);
	}

	/** Uniform integer in [lo, hi], both included. */
	intBetween(lo: number, hi: number): number {
		return lo + this.int(hi - lo + 1);
	}

	/** Uniform in [lo, hi). */
	between(lo: number, hi: number): number {
		return lo + this.float() * (hi - lo);
	}

	chance(probability: number): boolean {
		return this.float() < probability;
	}
}

/** cyrb128: four 32-bit words from a string, with `Math.imul` (exact) for mixing. */
function hash128(text: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < text.length; i++) {
		const k = text.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}
