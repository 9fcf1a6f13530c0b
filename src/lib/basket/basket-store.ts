import type { LakeStore } from '../lake/lake-store';
import type { ParquetCodec } from '../parquet/parquet-codec';
import type { BasketLevel } from './basket-levels';
import type { BasketResult } from './basket-result';
import { rulesFromArrowIPC, rulesToArrowIPC } from './rules-arrow';

/** Where mining results live: one folder per published run, a Parquet file of rules and a JSON summary per level. */
export const BASKET_FOLDER = 'analytics/basket';

export function basketRulesPath(runId: string, level: BasketLevel): string {
	return `${BASKET_FOLDER}/${runId}/${level}.parquet`;
}

function summaryPath(runId: string, level: BasketLevel): string {
	return `${BASKET_FOLDER}/${runId}/${level}.json`;
}

type BasketSummary = Omit<BasketResult, 'rules'> & { ruleCount: number };

/**
 * Saves a result beside the Gold run it came from: the rules first, then the summary, which is what makes
 * the result visible (a result without its summary is ignored). Results of the same level from other runs
 * are removed: a level keeps its newest result only.
 */
export async function saveBasketResult(
	store: LakeStore,
	codec: ParquetCodec,
	result: BasketResult
): Promise<string> {
	const { rules, ...rest } = result;
	const path = basketRulesPath(result.runId, result.level);
	await store.write(path, codec.encode(rulesToArrowIPC(rules, result.items)));
	const summary: BasketSummary = { ...rest, ruleCount: rules.length };
	await store.write(
		summaryPath(result.runId, result.level),
		new TextEncoder().encode(JSON.stringify(summary))
	);
	for (const runId of await savedRunIds(store, result.level)) {
		if (runId === result.runId) continue;
		await store.delete(summaryPath(runId, result.level));
		await store.delete(basketRulesPath(runId, result.level));
	}
	return path;
}

/** The newest saved result of a level, whatever the run it came from; null when there is none. */
export async function savedBasketResult(
	store: LakeStore,
	codec: ParquetCodec,
	level: BasketLevel
): Promise<BasketResult | null> {
	let newest: BasketSummary | null = null;
	for (const runId of await savedRunIds(store, level)) {
		const summary = JSON.parse(
			new TextDecoder().decode(await store.read(summaryPath(runId, level)))
		) as BasketSummary;
		if (!newest || summary.minedAt > newest.minedAt) newest = summary;
	}
	if (!newest) return null;
	const { ruleCount, ...rest } = newest;
	const rules = rulesFromArrowIPC(codec.decode(await store.read(basketRulesPath(newest.runId, level))));
	if (rules.length !== ruleCount) {
		throw new Error(
			`${basketRulesPath(newest.runId, level)} holds ${rules.length} rules, its summary says ${ruleCount}.`
		);
	}
	return { ...rest, rules };
}

async function savedRunIds(store: LakeStore, level: BasketLevel): Promise<string[]> {
	const suffix = `/${level}.json`;
	return (await store.list(BASKET_FOLDER))
		.map((entry) => entry.path)
		.filter((path) => path.endsWith(suffix))
		.map((path) => path.slice(BASKET_FOLDER.length + 1, -suffix.length))
		.filter((runId) => !runId.includes('/'));
}
