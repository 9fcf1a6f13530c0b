import type { AssociationRule } from './association-rules';
import type { BasketResult } from './basket-result';
import type { BasketSettings } from './basket-settings';
import { supportCount } from './mine-basket';

/** The rules a result gives for the page's settings, and whether that is all of them. */
export interface RuleView {
	rules: AssociationRule[];
	/**
	 * True when the settings are as strict as the mining or stricter (support, confidence, lift, itemset
	 * length), so filtering the mined rules gives exactly the rules the settings ask for.
	 */
	exact: boolean;
}

/**
 * The result's rules at the settings. Raising a threshold or lowering the longest itemset keeps a subset of
 * the mined rules, exactly: a rule's support is its itemset's, so a higher support keeps the rules whose
 * support reaches it. Lowering one needs rules that were not mined; the view then shows what it has and
 * says it is not all.
 */
export function rulesForSettings(result: BasketResult, settings: BasketSettings): RuleView {
	const minCount =
		settings.minSupport === 'auto'
			? result.supportChoice.source === 'auto'
				? result.minCount
				: null
			: supportCount(settings.minSupport, result.transactions);
	const exact =
		minCount !== null &&
		minCount >= result.minCount &&
		settings.minConfidence >= result.minConfidence &&
		settings.minLift >= result.minLift &&
		settings.maxLen <= result.maxLen;
	const rules = result.rules.filter(
		(rule) =>
			rule.count >= (minCount ?? result.minCount) &&
			rule.confidence >= settings.minConfidence &&
			rule.lift >= settings.minLift &&
			rule.antecedents.length + rule.consequents.length <= settings.maxLen
	);
	return { rules, exact };
}

/** The rules whose items' labels all contain the words of `query` (any side, any case). */
export function searchRules(
	rules: readonly AssociationRule[],
	labelOf: (item: number) => string,
	query: string
): AssociationRule[] {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (words.length === 0) return [...rules];
	return rules.filter((rule) => {
		const text = [...rule.antecedents, ...rule.consequents].map(labelOf).join(' ').toLowerCase();
		return words.every((word) => text.includes(word));
	});
}

/** The median of the rules' lifts; null without rules. */
export function medianLift(rules: readonly AssociationRule[]): number | null {
	if (rules.length === 0) return null;
	const lifts = rules.map((rule) => rule.lift).sort((a, b) => a - b);
	const middle = lifts.length >> 1;
	return lifts.length % 2 ? lifts[middle] : (lifts[middle - 1] + lifts[middle]) / 2;
}

/** The rules whose antecedent is exactly `item`, strongest first: "bought with …". */
export function rulesFrom(rules: readonly AssociationRule[], item: number): AssociationRule[] {
	return rules.filter((rule) => rule.antecedents.length === 1 && rule.antecedents[0] === item);
}
