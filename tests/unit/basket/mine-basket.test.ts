import { describe, expect, it } from 'vitest';
import { associationRules } from '../../../src/lib/basket/association-rules';
import { fpGrowth } from '../../../src/lib/basket/fp-growth';
import {
	DEFAULT_THRESHOLDS,
	MIN_AUTO_COUNT,
	mineRules,
	SUPPORT_GRID,
	supportCount,
	TARGET_RULES
} from '../../../src/lib/basket/mine-basket';
import { transactionsFromArrays } from '../../../src/lib/basket/transactions';

/** Seeded xorshift32, so the datasets are reproducible. */
function random(seed: number): () => number {
	let state = seed >>> 0 || 1;
	return () => {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		return (state >>> 0) / 4294967296;
	};
}

/** Baskets of 1–6 of 80 items with skewed popularity, and pairs that go together. */
function shop(n: number, seed: number): number[][] {
	const next = random(seed);
	return Array.from({ length: n }, () => {
		const basket = Array.from({ length: 1 + Math.floor(next() * next() * 6) }, () =>
			Math.floor(80 * next() ** 2)
		);
		for (const item of [...basket]) if (item % 10 === 0 && next() < 0.5) basket.push(item + 1);
		return basket;
	});
}

describe('choosing the support from the data', () => {
	it('turns a fraction into a count of transactions, at least the fraction (float rounding aside)', () => {
		expect(supportCount(0.002, 394_813)).toBe(790); // 789.626 → 790
		expect(supportCount(0.3, 10)).toBe(3); // 0.3 × 10 = 3.0000000000000004 in floats
		expect(supportCount(0.1, 10)).toBe(1);
		expect(supportCount(0.0001, 100)).toBe(1);
		expect(supportCount(20, 1000)).toBe(20);
		for (const bad of [0, -0.1, 1.5, NaN]) expect(() => supportCount(bad, 100)).toThrow(RangeError);
	});

	it('offers round supports from 50 % down, highest first', () => {
		expect(SUPPORT_GRID.slice(0, 10)).toEqual([0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.08, 0.06, 0.05]);
		expect(SUPPORT_GRID).toContain(0.002);
		expect([...SUPPORT_GRID].sort((a, b) => b - a)).toEqual(SUPPORT_GRID);
	});

	it('picks the highest grid support that gives 50–500 rules, as mining at every support shows', () => {
		for (const [n, seed] of [
			[3000, 1],
			[8000, 2],
			[20000, 3]
		]) {
			const baskets = shop(n, seed);
			const transactions = transactionsFromArrays(baskets, 81);
			const mined = mineRules(transactions, {});
			// By brute force: mine at every grid support the auto search may consider, count the rules.
			const counts = SUPPORT_GRID.filter((s) => supportCount(s, n) >= MIN_AUTO_COUNT).map((support) => {
				const minCount = supportCount(support, n);
				return {
					minCount,
					rules: associationRules(fpGrowth(transactions, { minCount }), DEFAULT_THRESHOLDS).length
				};
			});
			const inRange = counts.find(({ rules }) => rules >= TARGET_RULES.min && rules <= TARGET_RULES.max);
			expect(inRange, `n ${n}: rule counts ${counts.map((c) => c.rules).join(' ')}`).toBeDefined();
			expect(mined.minCount, `n ${n}`).toBe(inRange!.minCount);
			expect(mined.rules).toHaveLength(inRange!.rules);
			expect(mined.supportChoice.source).toBe('auto');
		}
	});

	it('comes as close as it can when no support reaches the target, and keeps a given support', () => {
		const few = transactionsFromArrays([[0, 1], [0, 1], [1, 2], [0, 1, 2], [2], [0]]);
		const mined = mineRules(few, {});
		// Six baskets: no grid support reaches MIN_AUTO_COUNT (5) transactions, so it falls back to 5, where no
		// item is frequent (0 and 1 are in 4 baskets, 2 in 3).
		expect(mined).toMatchObject({ minCount: MIN_AUTO_COUNT, rules: [], itemsetsBySize: [] });
		const given = mineRules(few, { minSupport: 2, minConfidence: 0, minLift: 0 });
		expect(given).toMatchObject({ minCount: 2, supportChoice: { source: 'given' }, maxLen: 3 });
		// Singles 0 (4), 1 (4), 2 (3); pairs {0,1} (3) and {1,2} (2); {0,2} is in 1 basket only.
		expect(given.itemsetsBySize).toEqual([3, 2]);
		expect(given.rules).toHaveLength(4);
	});
});
