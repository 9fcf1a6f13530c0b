import { formatInt } from '../format/number';
import { countsByItemset, itemsetAt, itemsetKey, type FrequentItemsets } from './itemsets';
import { ruleMetrics, type RuleMetric, type RuleMetrics } from './rule-metrics';

/** A rule A → C between disjoint item sets (ids ascending), with mlxtend's metrics. */
export interface AssociationRule extends RuleMetrics {
	antecedents: number[];
	consequents: number[];
	/** Transactions that hold every item of both sides. */
	count: number;
}

export interface RuleThresholds {
	/** Keep rules whose confidence is at least this (0 by default). */
	minConfidence?: number;
	/** Keep rules whose lift is at least this (0 by default). */
	minLift?: number;
}

export interface RuleOptions extends RuleThresholds {
	/** Keeps only the rules it accepts (e.g. store items → online items). */
	accept?: (antecedents: readonly number[], consequents: readonly number[]) => boolean;
	/** Refuses to build more rules than this (they would not fit a page or a worker message). */
	maxRules?: number;
}

export const DEFAULT_MAX_RULES = 250_000;

/** Thrown when the itemsets would give more rules than `maxRules`. */
export class TooManyRulesError extends Error {
	override name = 'TooManyRulesError';
}

/**
 * Every rule A → C with A ∪ C a frequent itemset of two items or more (every non-empty proper subset as A),
 * filtered by the thresholds, then sorted by `compareRules`: sorting comes before any cut.
 */
export function associationRules(itemsets: FrequentItemsets, options: RuleOptions = {}): AssociationRule[] {
	const { accept, maxRules = DEFAULT_MAX_RULES } = options;
	const n = itemsets.transactions;
	const counts = countsByItemset(itemsets);
	const countOf = (items: number[]) => {
		const count = counts.get(itemsetKey(items));
		if (count === undefined)
			throw new Error(`Itemset ${items.join(',')} is missing: the itemsets are not closed under subsets.`);
		return count;
	};
	const rules: AssociationRule[] = [];
	for (let k = 0; k < itemsets.counts.length; k++) {
		const items = Array.from(itemsetAt(itemsets, k));
		if (items.length < 2) continue;
		if (items.length > 30)
			throw new TooManyRulesError(`An itemset of ${items.length} items has too many rules.`);
		const countAC = itemsets.counts[k];
		for (let mask = 1; mask < (1 << items.length) - 1; mask++) {
			const antecedents = items.filter((_, i) => mask & (1 << i));
			const consequents = items.filter((_, i) => !(mask & (1 << i)));
			if (accept && !accept(antecedents, consequents)) continue;
			const metrics = ruleMetrics(countAC / n, countOf(antecedents) / n, countOf(consequents) / n);
			if (!meetsThresholds(metrics, options)) continue;
			if (rules.length === maxRules) {
				throw new TooManyRulesError(
					`More than ${formatInt(maxRules)} rules: raise the minimum support, confidence or lift.`
				);
			}
			rules.push({ antecedents, consequents, count: countAC, ...metrics });
		}
	}
	return rules.sort(compareRules);
}

export function meetsThresholds(
	metrics: RuleMetrics,
	{ minConfidence = 0, minLift = 0 }: RuleThresholds
): boolean {
	return metrics.confidence >= minConfidence && metrics.lift >= minLift;
}

/** The rules at or above the thresholds, in their order. */
export function filterRules<R extends RuleMetrics>(rules: readonly R[], thresholds: RuleThresholds): R[] {
	return rules.filter((rule) => meetsThresholds(rule, thresholds));
}

/**
 * The strongest rule first: lift, then confidence, then support, all descending; ties by the items
 * (antecedents, then consequents, as id lists), so the order is the same on every machine.
 */
export function compareRules(a: AssociationRule, b: AssociationRule): number {
	return b.lift - a.lift || b.confidence - a.confidence || b.support - a.support || compareRuleItems(a, b);
}

/** The rules sorted by one metric (descending unless `ascending`), ties in `compareRules` order. */
export function sortRulesBy<R extends AssociationRule>(
	rules: readonly R[],
	metric: RuleMetric,
	ascending = false
): R[] {
	const sign = ascending ? 1 : -1;
	return [...rules].sort((a, b) => sign * (a[metric] - b[metric]) || compareRules(a, b));
}

function compareRuleItems(a: AssociationRule, b: AssociationRule): number {
	return compareIds(a.antecedents, b.antecedents) || compareIds(a.consequents, b.consequents);
}

function compareIds(a: readonly number[], b: readonly number[]): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
	return a.length - b.length;
}
