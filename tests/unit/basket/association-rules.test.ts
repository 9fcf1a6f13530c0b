import { describe, expect, it } from 'vitest';
import {
	associationRules,
	compareRules,
	filterRules,
	sortRulesBy,
	TooManyRulesError
} from '../../../src/lib/basket/association-rules';
import { fpGrowth } from '../../../src/lib/basket/fp-growth';
import { transactionsFromArrays } from '../../../src/lib/basket/transactions';

/**
 * Five baskets: {0,1} twice, {0,2}, {1,2}, {0,1,2}. At 2 transactions: 0 in 4, 1 in 4, 2 in 3, {0,1} in 3,
 * {0,2} in 2, {1,2} in 2 ({0,1,2} in 1 is not frequent). By hand, with n = 5:
 *   0→1, 1→0: confidence 3/4, lift (3/5) / (4/5 × 4/5) = 0.9375
 *   2→0, 2→1: confidence 2/3, lift (2/5) / (3/5 × 4/5) = 0.8333…
 *   0→2, 1→2: confidence 2/4, lift 0.8333…
 */
const baskets = [
	[0, 1],
	[0, 1],
	[0, 2],
	[1, 2],
	[0, 1, 2]
];
const itemsets = fpGrowth(transactionsFromArrays(baskets), { minCount: 2 });
const sides = (rules: ReturnType<typeof associationRules>) =>
	rules.map((rule) => `${rule.antecedents.join('+')}→${rule.consequents.join('+')}`);

describe('association rules', () => {
	it('derives every rule of the frequent itemsets with hand-worked metrics, strongest first', () => {
		const rules = associationRules(itemsets);
		expect(sides(rules)).toEqual(['0→1', '1→0', '2→0', '2→1', '0→2', '1→2']);
		expect(rules[0]).toMatchObject({
			count: 3,
			antecedentSupport: 0.8,
			consequentSupport: 0.8,
			support: 0.6
		});
		expect(rules[0].confidence).toBeCloseTo(0.75, 12);
		expect(rules[0].lift).toBeCloseTo(0.9375, 12);
		expect(rules[2].confidence).toBeCloseTo(2 / 3, 12);
		expect(rules[2].lift).toBeCloseTo(5 / 6, 12);
		expect(rules[4].confidence).toBeCloseTo(0.5, 12);
	});

	it('filters by confidence and lift before sorting, and the same filter applies after', () => {
		expect(sides(associationRules(itemsets, { minConfidence: 0.6 }))).toEqual(['0→1', '1→0', '2→0', '2→1']);
		expect(sides(associationRules(itemsets, { minLift: 0.9 }))).toEqual(['0→1', '1→0']);
		expect(filterRules(associationRules(itemsets), { minConfidence: 0.6, minLift: 0.9 })).toHaveLength(2);
	});

	it('splits a 3-itemset every way: 6 rules, with the supports of both sides', () => {
		const triple = fpGrowth(
			transactionsFromArrays([
				[0, 1, 2],
				[0, 1, 2],
				[0, 1]
			]),
			{ minCount: 2 }
		);
		const rules = associationRules(triple).filter(
			(rule) => rule.antecedents.length + rule.consequents.length === 3
		);
		expect(sides(rules).sort()).toEqual(['0+1→2', '0+2→1', '0→1+2', '1+2→0', '1→0+2', '2→0+1']);
		const rule = rules.find((r) => r.antecedents.join() === '0,1')!;
		expect(rule.antecedentSupport).toBeCloseTo(1, 12);
		expect(rule.confidence).toBeCloseTo(2 / 3, 12);
	});

	it('keeps only the rules `accept` lets through (e.g. even items → odd items)', () => {
		const rules = associationRules(itemsets, {
			accept: (a, c) => a.every((i) => i % 2 === 0) && c.every((i) => i % 2 === 1)
		});
		expect(sides(rules)).toEqual(['0→1', '2→1']);
	});

	it('sorts by any metric, ties in the default order, and refuses more rules than asked', () => {
		const all = associationRules(itemsets);
		expect(sides(sortRulesBy(all, 'confidence', true))).toEqual(['0→2', '1→2', '2→0', '2→1', '0→1', '1→0']);
		expect([...all].sort(compareRules)).toEqual(all);
		expect(() => associationRules(itemsets, { maxRules: 5 })).toThrow(TooManyRulesError);
	});
});
