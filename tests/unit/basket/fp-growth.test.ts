import { describe, expect, it } from 'vitest';
import { fpGrowth } from '../../../src/lib/basket/fp-growth';
import { itemsetAt, itemsetKey, type FrequentItemsets } from '../../../src/lib/basket/itemsets';
import { transactionsFromArrays, transactionsToArrays } from '../../../src/lib/basket/transactions';

/** Every itemset of at most `maxLen` items in at least `minCount` transactions, by enumerating subsets. */
function bruteForce(baskets: number[][], minCount: number, maxLen: number): Map<string, number> {
	const counts = new Map<string, number>();
	for (const basket of baskets) {
		const items = [...new Set(basket)].sort((a, b) => a - b);
		for (let mask = 1; mask < 1 << items.length; mask++) {
			const subset = items.filter((_, i) => mask & (1 << i));
			if (subset.length > maxLen) continue;
			const key = subset.join(',');
			counts.set(key, (counts.get(key) ?? 0) + 1);
		}
	}
	return new Map([...counts].filter(([, count]) => count >= minCount));
}

function asMap(itemsets: FrequentItemsets): Map<string, number> {
	const found = new Map<string, number>();
	for (let k = 0; k < itemsets.counts.length; k++) {
		const key = itemsetKey(itemsetAt(itemsets, k));
		expect(found.has(key), `itemset ${key} found twice`).toBe(false);
		found.set(key, itemsets.counts[k]);
	}
	return found;
}

/** sfc32: a seeded generator, so every dataset is reproducible. */
function random(seed: number): () => number {
	let a = 0x9e3779b9,
		b = 0x243f6a88,
		c = 0xb7e15162,
		d = seed >>> 0;
	return () => {
		a |= 0;
		b |= 0;
		c |= 0;
		d |= 0;
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
}

/** Skewed item popularity, empty baskets, repeated items and some correlated pairs. */
function randomBaskets(seed: number): { baskets: number[][]; itemCount: number } {
	const next = random(seed);
	const itemCount = 2 + Math.floor(next() * 12);
	const baskets = Array.from({ length: Math.floor(next() * 60) }, () => {
		const size = Math.floor(next() * next() * 9);
		const basket = Array.from({ length: size }, () => Math.floor(next() * next() * itemCount));
		if (basket.includes(0) && next() < 0.6) basket.push(1 % itemCount);
		if (next() < 0.2 && basket.length) basket.push(basket[0]);
		return basket;
	});
	return { baskets, itemCount };
}

describe('FP-Growth', () => {
	it('equals a brute-force enumeration on 300 random datasets (itemsets and counts)', () => {
		for (let seed = 1; seed <= 300; seed++) {
			const { baskets, itemCount } = randomBaskets(seed);
			const minCount = 1 + (seed % 4);
			const maxLen = [1, 2, 3, 4, Infinity][seed % 5];
			const found = fpGrowth(transactionsFromArrays(baskets, itemCount), { minCount, maxLen });
			expect(asMap(found), `seed ${seed}, minCount ${minCount}, maxLen ${maxLen}`).toEqual(
				bruteForce(baskets, minCount, maxLen)
			);
			expect(found.transactions).toBe(baskets.length);
		}
	});

	it('counts an item repeated within a transaction once, and empty transactions in the total', () => {
		const baskets = [[1, 1, 2], [], [2, 1, 2], [3], []];
		const found = fpGrowth(transactionsFromArrays(baskets), { minCount: 2 });
		expect(asMap(found)).toEqual(
			new Map([
				['1', 2],
				['2', 2],
				['1,2', 2]
			])
		);
		expect(found.transactions).toBe(5);
	});

	it('stops at max_len, and finds nothing in no transactions', () => {
		const baskets = [
			[0, 1, 2, 3],
			[0, 1, 2, 3]
		];
		const lengths = (maxLen: number) =>
			[...asMap(fpGrowth(transactionsFromArrays(baskets), { minCount: 2, maxLen })).keys()].map(
				(key) => key.split(',').length
			);
		expect(lengths(2).sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 2, 2]);
		expect(Math.max(...lengths(Infinity))).toBe(4);
		expect(lengths(Infinity)).toHaveLength(15);
		expect(fpGrowth(transactionsFromArrays([]), { minCount: 1 }).counts).toHaveLength(0);
	});

	it('reports progress up to every frequent item, and stops when cancelled', () => {
		const baskets = [
			[0, 1],
			[1, 2],
			[0, 2],
			[0, 1, 2]
		];
		const seen: number[] = [];
		fpGrowth(transactionsFromArrays(baskets), {
			minCount: 1,
			onProgress: (progress) => seen.push(progress.itemsDone)
		});
		expect(seen).toEqual([0, 1, 2, 3]);
		const stop = new Error('stopped');
		expect(() =>
			fpGrowth(transactionsFromArrays(baskets), { minCount: 1, checkCancelled: () => stop })
		).toThrow(stop);
	});

	it('round-trips transactions through arrays', () => {
		expect(transactionsToArrays(transactionsFromArrays([[3, 1, 3], []]))).toEqual([[1, 3], []]);
	});
});
