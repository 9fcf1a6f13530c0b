import { describe, expect, it } from 'vitest';
import { ruleMetrics } from '../../../src/lib/basket/rule-metrics';

/**
 * Hand-worked: 10 transactions, A in 5, C in 4, both in 3 (sA 0.5, sC 0.4, sAC 0.3). Formulas from mlxtend's
 * association_rules; the expected numbers are worked out by hand below each.
 */
describe('rule metrics (mlxtend’s formulas)', () => {
	it('gives every metric of A → C on a hand-worked example', () => {
		const m = ruleMetrics(0.3, 0.5, 0.4);
		expect(m.antecedentSupport).toBe(0.5);
		expect(m.consequentSupport).toBe(0.4);
		expect(m.support).toBe(0.3);
		expect(m.confidence).toBeCloseTo(0.6, 12); // 0.3 / 0.5
		expect(m.lift).toBeCloseTo(1.5, 12); // 0.6 / 0.4
		expect(m.representativity).toBe(1); // no missing values
		expect(m.leverage).toBeCloseTo(0.1, 12); // 0.3 − 0.5 × 0.4
		expect(m.conviction).toBeCloseTo(1.5, 12); // (1 − 0.4) / (1 − 0.6)
		expect(m.zhangsMetric).toBeCloseTo(2 / 3, 12); // 0.1 / max(0.3 × 0.5, 0.5 × 0.1) = 0.1 / 0.15
		expect(m.jaccard).toBeCloseTo(0.5, 12); // 0.3 / (0.5 + 0.4 − 0.3)
		expect(m.certainty).toBeCloseTo(1 / 3, 12); // (0.6 − 0.4) / (1 − 0.4)
		expect(m.kulczynski).toBeCloseTo(0.675, 12); // (0.3/0.5 + 0.3/0.4) / 2
	});

	it('gives an infinite conviction when the rule always holds (confidence 1)', () => {
		const m = ruleMetrics(0.2, 0.2, 0.5);
		expect(m.confidence).toBe(1);
		expect(m.conviction).toBe(Infinity);
		expect(m.zhangsMetric).toBeCloseTo(0.625, 12); // 0.1 / max(0.2 × 0.8, 0.2 × 0.3)
	});

	it('reaches Zhang’s bounds: 1 when C comes only with A, −1 when they never meet, 0 when undefined', () => {
		expect(ruleMetrics(0.2, 0.5, 0.2).zhangsMetric).toBeCloseTo(1, 12); // 0.1 / max(0.1, 0)
		expect(ruleMetrics(0, 0.5, 0.4).zhangsMetric).toBeCloseTo(-1, 12); // −0.2 / max(0, 0.2)
		expect(ruleMetrics(0.3, 1, 0.3).zhangsMetric).toBe(0); // 0 / max(0, 0): mlxtend's 0
	});

	it('gives certainty 0 when the consequent is in every transaction (mlxtend’s convention)', () => {
		const m = ruleMetrics(0.5, 0.5, 1);
		expect(m.certainty).toBe(0);
		expect(m.lift).toBe(1);
		expect(m.conviction).toBe(Infinity);
	});

	it('gives a rule and its reverse exactly the same lift, leverage and Jaccard', () => {
		const ab = ruleMetrics(0.4, 0.8, 0.6);
		const ba = ruleMetrics(0.4, 0.6, 0.8);
		expect(ab.lift).toBe(ba.lift);
		expect(ab.leverage).toBe(ba.leverage);
		expect(ab.jaccard).toBe(ba.jaccard);
		expect(ab.kulczynski).toBe(ba.kulczynski);
	});
});
