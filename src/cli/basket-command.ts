import { analyseBasket } from '../lib/basket/basket-analysis';
import {
	BASKET_LEVEL_SPECS,
	BASKET_LEVELS,
	isBasketLevel,
	type BasketLevel
} from '../lib/basket/basket-levels';
import type { BasketResult } from '../lib/basket/basket-result';
import { saveBasketResult } from '../lib/basket/basket-store';
import { DEFAULT_THRESHOLDS, TARGET_RULES, type BasketParams } from '../lib/basket/mine-basket';
import { ruleRecord } from '../lib/basket/rule-records';
import { DEFAULT_MAX_LEN } from '../lib/basket/fp-growth';
import { formatInt } from '../lib/format/number';
import { optionalNumber, parseCommandOptions, UsageError, type CliCommand, type CliIo } from './command';
import { FILTER_HELP, FILTER_OPTIONS, filtersFromOptions } from './filter-options';
import { openNativeLake, publishedRun } from './native-lake';

const HELP = `Usage: npm run cli -- basket --lake DIR [options]

Mines association rules (FP-Growth, mlxtend's metrics) from the lake's published Gold, as the Market
Basket page does. Run "pipeline --lake DIR" first.

Options:
  --lake DIR              lake folder with a published Gold layer; required
  --level NAME            ${BASKET_LEVELS.map((level) => `${level}: ${BASKET_LEVEL_SPECS[level].description}`).join(';\n                          ')}; default: product
  --min-support S         a fraction of transactions (0 < S < 1) or a count of them (an integer ≥ 1);
                          default: the highest round support that gives ${TARGET_RULES.min}–${TARGET_RULES.max} rules
  --min-confidence C      default ${DEFAULT_THRESHOLDS.minConfidence}
  --min-lift L            default ${DEFAULT_THRESHOLDS.minLift}
  --max-len K             the longest itemset; default ${DEFAULT_MAX_LEN}
${FILTER_HELP}
  --limit N               print at most N rules (the strongest, by lift); default: all
  --save                  also save the rules in the lake (analytics/basket/<run>/<level>.parquet), as the page does
  --json                  print { transactions, itemsets, rules: [...] } with mlxtend's column names
  -h, --help              this text

Example: npm run cli -- basket --lake /tmp/lake --level product --min-lift 2 --json`;

export const basketCommand: CliCommand = {
	name: 'basket',
	summary: 'mine association rules (market basket) from a lake’s Gold tables',
	help: HELP,
	run
};

async function run(args: string[], io: CliIo): Promise<number> {
	const { values } = parseCommandOptions(args, {
		lake: { type: 'string' },
		level: { type: 'string' },
		'min-support': { type: 'string' },
		'min-confidence': { type: 'string' },
		'min-lift': { type: 'string' },
		'max-len': { type: 'string' },
		...FILTER_OPTIONS,
		limit: { type: 'string' },
		save: { type: 'boolean' },
		json: { type: 'boolean' },
		help: { type: 'boolean', short: 'h' }
	});
	if (values.help) {
		io.out(HELP);
		return 0;
	}
	if (values.lake === undefined) throw new UsageError('--lake DIR is required.');
	const level = toLevel(values.level);
	const filters = filtersFromOptions(values);
	const params: BasketParams = {
		minSupport: optionalNumber(
			'--min-support',
			values['min-support'],
			(v) => v > 0 && (v < 1 || Number.isInteger(v))
		),
		minConfidence: optionalNumber('--min-confidence', values['min-confidence'], (v) => v >= 0 && v <= 1),
		minLift: optionalNumber('--min-lift', values['min-lift'], (v) => v >= 0),
		maxLen: optionalNumber('--max-len', values['max-len'], (v) => Number.isInteger(v) && v >= 1)
	};
	const limit = optionalNumber('--limit', values.limit, (v) => Number.isInteger(v) && v >= 0);

	const lake = await openNativeLake(values.lake, { threads: 1 });
	try {
		const { sql, manifest } = await publishedRun(lake);
		const result = await analyseBasket(sql, { level, filters, params, runId: manifest.run_id });
		if (values.save) io.err(`Saved ${await saveBasketResult(lake.store, lake.codec, result)}`);
		io.out(values.json ? JSON.stringify(toJson(result, limit), null, '\t') : summary(result, limit ?? 20));
		return 0;
	} finally {
		await lake.sql.close();
	}
}

function toJson(result: BasketResult, limit: number | undefined) {
	const rules = result.rules.slice(0, limit);
	return {
		level: result.level,
		run_id: result.runId,
		filters: result.filters,
		transactions: result.transactions,
		itemsets: result.itemsetsBySize.reduce((sum, count) => sum + count, 0),
		itemsets_by_size: result.itemsetsBySize,
		min_support: result.minSupport,
		min_count: result.minCount,
		support_choice: result.supportChoice,
		max_len: result.maxLen,
		min_confidence: result.minConfidence,
		min_lift: result.minLift,
		rule_count: result.rules.length,
		elapsed_ms: result.elapsedMs,
		rules: rules.map((rule) => ruleRecord(rule, result.items))
	};
}

function summary(result: BasketResult, limit: number): string {
	const itemsets = result.itemsetsBySize.reduce((sum, count) => sum + count, 0);
	const names = (ids: number[]) => ids.map((id) => result.items[id].label).join(' + ');
	return [
		`${formatInt(result.transactions)} transactions (${result.level}), ${formatInt(itemsets)} frequent itemsets at support ${formatSupport(result)}, ${formatInt(result.rules.length)} rules with confidence ≥ ${result.minConfidence} and lift ≥ ${result.minLift}.`,
		'',
		...result.rules
			.slice(0, limit)
			.map(
				(rule) =>
					`  ${names(rule.antecedents)} → ${names(rule.consequents)}   support ${(rule.support * 100).toFixed(2)} %, confidence ${(rule.confidence * 100).toFixed(1)} %, lift ${rule.lift.toFixed(2)}`
			),
		result.rules.length > limit
			? `  … ${formatInt(result.rules.length - limit)} more; use --json for all.`
			: ''
	].join('\n');
}

function formatSupport(result: BasketResult): string {
	const chosen = result.supportChoice.source === 'auto' ? ', chosen from the data' : '';
	return `${(result.minSupport * 100).toPrecision(2)} % (${formatInt(result.minCount)} transactions${chosen})`;
}

function toLevel(text: string | undefined): BasketLevel {
	if (text === undefined) return 'product';
	if (!isBasketLevel(text))
		throw new UsageError(`--level must be one of ${BASKET_LEVELS.join(', ')}, got "${text}".`);
	return text;
}
