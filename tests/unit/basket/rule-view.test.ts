import { describe, expect, it } from 'vitest';
import type { BasketResult } from '../../../src/lib/basket/basket-result';
import {
	basketSettingsToParams,
	DEFAULT_BASKET_SETTINGS,
	parseBasketSettings,
	settingsOfResult,
	type BasketSettings
} from '../../../src/lib/basket/basket-settings';
import { mineRules } from '../../../src/lib/basket/mine-basket';
import { medianLift, rulesForSettings, rulesFrom, searchRules } from '../../../src/lib/basket/rule-view';
import { transactionsFromArrays } from '../../../src/lib/basket/transactions';
import { ruleNetwork } from '../../../src/lib/components/basket/rule-network';

const LABELS = ['Pasta', 'Olive Oil', 'Saffron', 'Bread'];
const items = LABELS.map((label, id) => ({ id, label, productId: `P${id}`, category: null, side: null }));

/** Mined at 2 baskets, confidence ≥ 0.3, lift ≥ 0 (hand-countable: 8 baskets). */
function mined(): BasketResult {
	const baskets = [[0, 1], [0, 1], [0, 1, 2], [0, 1, 2], [0, 2], [3], [3, 1], [0]];
	return {
		...mineRules(transactionsFromArrays(baskets, 4), { minSupport: 2, minConfidence: 0.3, minLift: 0 }),
		level: 'product',
		filters: {},
		runId: 'run-1',
		items,
		minedAt: '2026-01-01T00:00:00.000Z',
		elapsedMs: { transactions: 0, mining: 0 }
	};
}

const settings = (patch: Partial<BasketSettings>): BasketSettings => ({
	...DEFAULT_BASKET_SETTINGS,
	minSupport: 2,
	minConfidence: 0.3,
	minLift: 0,
	...patch
});

describe('the rules the page shows', () => {
	it('filters the mined rules exactly for stricter settings', () => {
		const result = mined();
		const all = rulesForSettings(result, settings({}));
		expect(all).toMatchObject({ exact: true });
		expect(all.rules).toEqual(result.rules);
		// Stricter: support 4 baskets keeps the rules of {0,1} (in 4) only: 0→1 and 1→0.
		const strict = rulesForSettings(result, settings({ minSupport: 4 }));
		expect(strict.exact).toBe(true);
		expect(strict.rules.map((r) => [r.antecedents, r.consequents])).toEqual([
			[[1], [0]],
			[[0], [1]]
		]);
		expect(
			rulesForSettings(result, settings({ maxLen: 2 })).rules.every(
				(r) => r.antecedents.length + r.consequents.length === 2
			)
		).toBe(true);
	});

	it('says when the settings ask for rules that were not mined', () => {
		const result = mined();
		expect(rulesForSettings(result, settings({ minConfidence: 0.1 })).exact).toBe(false);
		expect(rulesForSettings(result, settings({ minSupport: 1 })).exact).toBe(false);
		expect(rulesForSettings(result, settings({ maxLen: 4 })).exact).toBe(false);
		expect(rulesForSettings(result, settings({ minSupport: 'auto' })).exact).toBe(false); // mined at a given support
	});

	it('finds rules by any item’s name, gives the median lift and the rules from one item', () => {
		const { rules } = mined();
		const label = (id: number) => LABELS[id];
		expect(
			searchRules(rules, label, 'saff').every((r) => [...r.antecedents, ...r.consequents].includes(2))
		).toBe(true);
		expect(searchRules(rules, label, 'saff').length).toBeGreaterThan(0);
		expect(
			searchRules(rules, label, 'OLIVE pasta').every((r) => [...r.antecedents, ...r.consequents].includes(0))
		).toBe(true);
		expect(searchRules(rules, label, '')).toHaveLength(rules.length);
		expect(medianLift([])).toBeNull();
		const lifts = rules.map((r) => r.lift).sort((a, b) => a - b);
		expect(medianLift(rules)).toBe(
			lifts.length % 2
				? lifts[lifts.length >> 1]
				: (lifts[lifts.length / 2 - 1] + lifts[lifts.length / 2]) / 2
		);
		expect(rulesFrom(rules, 2).every((r) => r.antecedents.length === 1 && r.antecedents[0] === 2)).toBe(true);
	});
});

describe('basket settings in the URL', () => {
	it('round-trips, leaves defaults out and keeps other params', () => {
		const chosen: BasketSettings = {
			level: 'cross-channel',
			minSupport: 0.002,
			minConfidence: 0.25,
			minLift: 2,
			maxLen: 2
		};
		const params = basketSettingsToParams(chosen, new URLSearchParams('city=Pune'));
		expect(params.toString()).toBe(
			'city=Pune&level=cross-channel&support=0.002&confidence=0.25&lift=2&maxlen=2'
		);
		expect(parseBasketSettings(params)).toEqual(chosen);
		expect(basketSettingsToParams(DEFAULT_BASKET_SETTINGS, new URLSearchParams()).toString()).toBe('');
	});

	it('gives the settings a result was mined at: a given support as its fraction, or auto', () => {
		const result = mined();
		expect(settingsOfResult(result)).toEqual({
			level: 'product',
			minSupport: 2 / 8,
			minConfidence: 0.3,
			minLift: 0,
			maxLen: 3
		});
		const auto = { ...result, supportChoice: { source: 'auto' as const, tried: [] } };
		expect(settingsOfResult(auto).minSupport).toBe('auto');
		// Reading the fraction back gives the same count of baskets, so the view is exact.
		expect(rulesForSettings(result, settingsOfResult(result)).exact).toBe(true);
	});

	it('drops invalid values for their defaults', () => {
		expect(
			parseBasketSettings(new URLSearchParams('level=aisle&support=1.5&confidence=2&lift=-1&maxlen=9'))
		).toEqual(DEFAULT_BASKET_SETTINGS);
		expect(parseBasketSettings(new URLSearchParams('support=20')).minSupport).toBe(20);
	});
});

describe('the rule network', () => {
	it('draws a rule and its reverse as one two-headed arrow, and a multi-item side through a junction', () => {
		const { rules } = mined();
		const pair = rules.filter(
			(r) =>
				r.antecedents.length === 1 &&
				r.consequents.length === 1 &&
				[0, 1].includes(r.antecedents[0]) &&
				[0, 1].includes(r.consequents[0])
		);
		expect(pair).toHaveLength(2);
		const network = ruleNetwork(pair, items);
		expect(network.nodes.map((n) => n.text).sort()).toEqual(['Olive Oil', 'Pasta']);
		expect(network.edges).toHaveLength(1);
		expect(network.edges[0]).toMatchObject({ both: true, arrow: true });

		const triple = rules.find((r) => r.antecedents.length === 2)!;
		const joined = ruleNetwork([triple], items);
		expect(joined.nodes.filter((n) => n.kind === 'junction')).toHaveLength(1);
		// Two links into the junction (no arrowhead), one arrow out of it.
		expect(joined.edges.map((e) => e.arrow).sort()).toEqual([false, false, true]);
		expect(ruleNetwork(rules, items, 3).rules).toBe(3);
	});
});
