/**
 * The metrics of an association rule A → C from three supports (fractions of all transactions): sA of the
 * antecedent, sC of the consequent, sAC of both. Names and formulas are mlxtend's `association_rules`
 * (complete data, so `representativity` is 1); its conventions for the edge cases are kept: conviction is
 * Infinity at confidence 1, Zhang's metric and certainty are 0 where their denominators are 0.
 */
export interface RuleMetrics {
	antecedentSupport: number;
	consequentSupport: number;
	support: number;
	confidence: number;
	lift: number;
	representativity: number;
	leverage: number;
	conviction: number;
	zhangsMetric: number;
	jaccard: number;
	certainty: number;
	kulczynski: number;
}

export function ruleMetrics(sAC: number, sA: number, sC: number): RuleMetrics {
	const confidence = sAC / sA;
	const leverage = sAC - sA * sC;
	const zhangDenominator = Math.max(sAC * (1 - sA), sA * (sC - sAC));
	return {
		antecedentSupport: sA,
		consequentSupport: sC,
		support: sAC,
		confidence,
		// sAC ÷ (sA × sC): the same number both ways, so a rule and its reverse tie exactly.
		lift: sAC / (sA * sC),
		representativity: 1,
		leverage,
		conviction: confidence >= 1 ? Infinity : (1 - sC) / (1 - confidence),
		zhangsMetric: zhangDenominator === 0 ? 0 : leverage / zhangDenominator,
		jaccard: sAC / (sA + sC - sAC),
		certainty: sC === 1 ? 0 : (confidence - sC) / (1 - sC),
		kulczynski: (sAC / sA + sAC / sC) / 2
	};
}

/** The metrics a rule can be sorted and filtered by, in mlxtend's column order. */
export const RULE_METRICS = [
	'antecedentSupport',
	'consequentSupport',
	'support',
	'confidence',
	'lift',
	'representativity',
	'leverage',
	'conviction',
	'zhangsMetric',
	'jaccard',
	'certainty',
	'kulczynski'
] as const satisfies readonly (keyof RuleMetrics)[];

export type RuleMetric = (typeof RULE_METRICS)[number];

/** mlxtend's column name of each metric. */
export const MLXTEND_COLUMNS: Record<RuleMetric, string> = {
	antecedentSupport: 'antecedent support',
	consequentSupport: 'consequent support',
	support: 'support',
	confidence: 'confidence',
	lift: 'lift',
	representativity: 'representativity',
	leverage: 'leverage',
	conviction: 'conviction',
	zhangsMetric: 'zhangs_metric',
	jaccard: 'jaccard',
	certainty: 'certainty',
	kulczynski: 'kulczynski'
};
