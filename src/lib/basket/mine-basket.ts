import {
	associationRules,
	type AssociationRule,
	type RuleOptions,
	type RuleThresholds
} from './association-rules';
import { countItems, DEFAULT_MAX_LEN, fpGrowth, type FpGrowthProgress } from './fp-growth';
import { itemsetAt, itemsetsAtLeast, type FrequentItemsets } from './itemsets';
import { transactionCount, type Transactions } from './transactions';

export interface BasketParams extends RuleThresholds {
	/** A fraction of transactions in (0, 1), or a count of transactions (an integer ≥ 1); chosen from the data when absent. */
	minSupport?: number;
	maxLen?: number;
}

/** Rule thresholds when none are given: a rule must be right one time in ten and lift its consequent by 20 %. */
export const DEFAULT_THRESHOLDS: Required<RuleThresholds> = { minConfidence: 0.1, minLift: 1.2 };

/** When the support is chosen from the data, it is the highest that gives about this many rules. */
export const TARGET_RULES = { min: 50, max: 500 } as const;

/** The automatic support never goes below this many transactions: rarer itemsets are anecdotes. */
export const MIN_AUTO_COUNT = 5;

export interface MiningProgress extends FpGrowthProgress {
	/** The support being tried, as a fraction. */
	support: number;
}

export interface MiningCallbacks {
	onProgress?: (progress: MiningProgress) => void;
	checkCancelled?: () => Error | undefined;
}

/** How a support was chosen: given, or tried from the data (each support tried and the rules it gives). */
export type SupportChoice =
	{ source: 'given' } | { source: 'auto'; tried: { support: number; rules: number }[] };

export interface MinedRules {
	transactions: number;
	/** The support used, as a fraction of transactions and as a count of them. */
	minSupport: number;
	minCount: number;
	supportChoice: SupportChoice;
	maxLen: number;
	minConfidence: number;
	minLift: number;
	/** Frequent itemsets by size: `[singles, pairs, triples, …]`. */
	itemsetsBySize: number[];
	/** Every rule meeting the thresholds, strongest first (`compareRules`). */
	rules: AssociationRule[];
}

/**
 * Frequent itemsets by FP-Growth and the association rules they give, at the given support or, without one,
 * at the highest support on a grid of round values that gives `TARGET_RULES` rules (or comes closest).
 * `accept` keeps only the rules that read in a level's direction.
 */
export function mineRules(
	transactions: Transactions,
	params: BasketParams,
	accept?: RuleOptions['accept'],
	callbacks: MiningCallbacks = {}
): MinedRules {
	const n = transactionCount(transactions);
	const maxLen = params.maxLen ?? DEFAULT_MAX_LEN;
	const thresholds = {
		minConfidence: params.minConfidence ?? DEFAULT_THRESHOLDS.minConfidence,
		minLift: params.minLift ?? DEFAULT_THRESHOLDS.minLift
	};
	const ruleOptions: RuleOptions = { ...thresholds, accept };
	const mine = (minCount: number, support: number) =>
		fpGrowth(transactions, {
			minCount,
			maxLen,
			checkCancelled: callbacks.checkCancelled,
			onProgress: (progress) => callbacks.onProgress?.({ ...progress, support })
		});

	let itemsets: FrequentItemsets;
	let supportChoice: SupportChoice;
	if (params.minSupport !== undefined) {
		const minCount = supportCount(params.minSupport, n);
		itemsets = mine(minCount, minCount / Math.max(n, 1));
		supportChoice = { source: 'given' };
	} else {
		const chosen = chooseSupport(transactions, mine, ruleOptions);
		itemsets = chosen.itemsets;
		supportChoice = { source: 'auto', tried: chosen.tried };
	}
	return {
		transactions: n,
		minSupport: n === 0 ? 0 : itemsets.minCount / n,
		minCount: itemsets.minCount,
		supportChoice,
		maxLen,
		...thresholds,
		itemsetsBySize: itemsetsBySize(itemsets),
		rules: associationRules(itemsets, ruleOptions)
	};
}

/** A support given as a fraction in (0, 1) or a count ≥ 1, as a count of `n` transactions (at least 1). */
export function supportCount(minSupport: number, n: number): number {
	if (!(minSupport > 0)) throw new RangeError(`The minimum support must be above 0, got ${minSupport}.`);
	if (minSupport >= 1) {
		if (!Number.isInteger(minSupport))
			throw new RangeError(`A minimum support of 1 or more is a count of transactions: got ${minSupport}.`);
		return minSupport;
	}
	// support = count / n ≥ minSupport, with room for the rounding of minSupport × n
	return Math.max(1, Math.ceil(minSupport * n - 1e-9));
}

/** Round supports from 50 % down to 0.0001 %, highest first: 0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.08, … */
export const SUPPORT_GRID: readonly number[] = Array.from({ length: 6 }, (_, decade) =>
	[5, 4, 3, 2.5, 2, 1.5, 1, 0.8, 0.6].map((mantissa) =>
		Number((mantissa * 10 ** -(decade + 1)).toPrecision(2))
	)
)
	.flat()
	.filter((value, index, all) => all.indexOf(value) === index);

/**
 * The highest grid support whose rules fall within TARGET_RULES, or the one closest to it (in ratio) when
 * none does. The rules between two items are counted first, for every support at once, from the counts of
 * pairs (a pass over the transactions): the highest support where they reach the target is low enough,
 * since longer itemsets only add rules. One mining there, and every higher support is evaluated on its
 * itemsets (a higher support keeps a subset of them).
 */
function chooseSupport(
	transactions: Transactions,
	mine: (minCount: number, support: number) => FrequentItemsets,
	ruleOptions: RuleOptions
): { itemsets: FrequentItemsets; tried: { support: number; rules: number }[] } {
	const n = transactionCount(transactions);
	const grid = SUPPORT_GRID.filter((support) => supportCount(support, n) >= MIN_AUTO_COUNT);
	if (grid.length === 0) grid.push(Math.min(MIN_AUTO_COUNT, Math.max(n, 1)) / Math.max(n, 1));
	const pairRuleCounts = pairRuleSupports(transactions, ruleOptions);
	const pairRulesAt = (support: number) =>
		pairRuleCounts.filter((count) => count >= supportCount(support, n)).length;
	let lowest = grid.findIndex((support) => pairRulesAt(support) >= TARGET_RULES.min);
	if (lowest < 0) lowest = grid.length - 1;
	const mined = mine(supportCount(grid[lowest], n), grid[lowest]);
	const tried = grid.slice(0, lowest + 1).map((support) => {
		const itemsets = itemsetsAtLeast(mined, supportCount(support, n));
		return { support, itemsets, rules: associationRules(itemsets, ruleOptions).length };
	});
	const distance = (rules: number) =>
		rules < TARGET_RULES.min
			? Math.log(TARGET_RULES.min / Math.max(rules, 0.5))
			: rules > TARGET_RULES.max
				? Math.log(rules / TARGET_RULES.max)
				: 0;
	const best = tried.reduce((best, candidate) =>
		distance(candidate.rules) < distance(best.rules) ? candidate : best
	);
	return { itemsets: best.itemsets, tried: tried.map(({ support, rules }) => ({ support, rules })) };
}

/** Pairs are counted among this many of the most frequent items at most (a square matrix of counts). */
const MAX_PAIR_ITEMS = 1024;

/**
 * For each rule between two items that meets the thresholds whatever the support, the count of transactions
 * holding both: it is among the rules at every support up to that count. Among the MAX_PAIR_ITEMS most
 * frequent items only, so with more items it undercounts, which only makes the chosen support lower.
 */
function pairRuleSupports(
	transactions: Transactions,
	{ minConfidence = 0, minLift = 0, accept }: RuleOptions
): number[] {
	const n = transactionCount(transactions);
	const itemCounts = countItems(transactions);
	const top = Array.from(itemCounts.keys())
		.filter((item) => itemCounts[item] > 0)
		.sort((a, b) => itemCounts[b] - itemCounts[a] || a - b)
		.slice(0, MAX_PAIR_ITEMS);
	const slotOf = new Int32Array(transactions.itemCount).fill(-1);
	top.forEach((item, slot) => (slotOf[item] = slot));
	const size = top.length;
	const pairs = new Int32Array(size * size);
	const { offsets, items } = transactions;
	let longest = 0;
	for (let t = 0; t < n; t++) longest = Math.max(longest, offsets[t + 1] - offsets[t]);
	const slots = new Int32Array(longest);
	const lastSeenIn = new Int32Array(size).fill(-1);
	for (let t = 0; t < n; t++) {
		let length = 0;
		for (let i = offsets[t]; i < offsets[t + 1]; i++) {
			const slot = slotOf[items[i]];
			if (slot >= 0 && lastSeenIn[slot] !== t) {
				lastSeenIn[slot] = t;
				slots[length++] = slot;
			}
		}
		for (let i = 0; i < length; i++)
			for (let j = 0; j < length; j++) if (i !== j) pairs[slots[i] * size + slots[j]]++;
	}
	const counts: number[] = [];
	for (let a = 0; a < size; a++) {
		for (let c = 0; c < size; c++) {
			const both = pairs[a * size + c];
			if (both === 0) continue;
			const confidence = both / itemCounts[top[a]];
			const lift = (confidence * n) / itemCounts[top[c]];
			if (confidence >= minConfidence && lift >= minLift && (!accept || accept([top[a]], [top[c]])))
				counts.push(both);
		}
	}
	return counts;
}

function itemsetsBySize(itemsets: FrequentItemsets): number[] {
	const sizes: number[] = [];
	for (let k = 0; k < itemsets.counts.length; k++) {
		const size = itemsetAt(itemsets, k).length;
		sizes[size - 1] = (sizes[size - 1] ?? 0) + 1;
	}
	return Array.from(sizes, (count) => count ?? 0);
}
