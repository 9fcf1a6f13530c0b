import type { AssociationRule } from './association-rules';
import type { BasketItem } from './basket-transactions';
import { MLXTEND_COLUMNS, RULE_METRICS } from './rule-metrics';

/** A rule as mlxtend prints it, for JSON: item names, their stable ids, and every metric under mlxtend's name. */
export type RuleRecord = Record<string, string | number | string[]>;

/** A record's keys, in order: mlxtend's columns, then each side's item ids and the rule's count of transactions. */
export const RULE_RECORD_COLUMNS = [
	'antecedents',
	'consequents',
	...RULE_METRICS.map((metric) => MLXTEND_COLUMNS[metric]),
	'antecedent_ids',
	'consequent_ids',
	'count'
];

/** An item's id that outlives a pipeline run: the product id (with its side across channels) or the category. */
export function itemKey(item: BasketItem): string {
	const key = item.productId ?? item.category ?? item.label;
	return item.side ? `${item.side}:${key}` : key;
}

/** A rule as a JSON-ready record; an infinite conviction is the string "inf" (JSON has no infinity). */
export function ruleRecord(rule: AssociationRule, items: readonly BasketItem[]): RuleRecord {
	const record: RuleRecord = {
		antecedents: rule.antecedents.map((id) => items[id].label),
		consequents: rule.consequents.map((id) => items[id].label)
	};
	for (const metric of RULE_METRICS) {
		const value = rule[metric];
		record[MLXTEND_COLUMNS[metric]] = Number.isFinite(value) ? value : value > 0 ? 'inf' : '-inf';
	}
	record.antecedent_ids = rule.antecedents.map((id) => itemKey(items[id]));
	record.consequent_ids = rule.consequents.map((id) => itemKey(items[id]));
	record.count = rule.count;
	return record;
}
