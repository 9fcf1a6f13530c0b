import type { KpiDefinition } from '../dashboard/kpi-definitions';

/** The Market Basket page's cards: what each number means. */
export const BASKET_KPIS = {
	transactions: {
		label: 'Transactions',
		kind: 'count',
		definition:
			'The baskets mined: orders (a point-of-sale invoice or a web order) with a sales line matching the filters; customers across channels.'
	},
	itemsets: {
		label: 'Frequent itemsets',
		kind: 'count',
		definition:
			'Sets of items held together by at least the minimum support of the transactions, single items included, found by FP-Growth.'
	},
	rules: {
		label: 'Rules',
		kind: 'count',
		definition:
			'Association rules “if a basket has A, it also has C” from the frequent itemsets, meeting the minimum confidence and lift.'
	},
	medianLift: {
		label: 'Median lift',
		kind: 'ratio',
		definition:
			'The middle lift of the rules shown. Lift = confidence ÷ the consequent’s support: how much more often C is bought when A is (1 = no link).'
	},
	strongestLift: {
		label: 'Strongest rule',
		kind: 'ratio',
		definition: 'The rule with the highest lift (ties: higher confidence, then support), and its lift.'
	}
} satisfies Record<string, KpiDefinition>;
