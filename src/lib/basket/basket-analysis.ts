import type { KpiFilters } from '../analytics/filters';
import type { SqlEngine } from '../sql/sql-engine';
import { BASKET_LEVEL_SPECS, type BasketLevel } from './basket-levels';
import type { BasketResult } from './basket-result';
import { basketItems, basketTransactions } from './basket-transactions';
import { mineRules, type BasketParams, type MiningCallbacks } from './mine-basket';

export interface BasketRequest {
	level: BasketLevel;
	filters: KpiFilters;
	params: BasketParams;
	/** The published run whose Gold `sql` reads. */
	runId: string;
}

/** Reads a level's transactions from the published Gold and mines them, in one place (the CLI, tests). */
export async function analyseBasket(
	sql: SqlEngine,
	{ level, filters, params, runId }: BasketRequest,
	callbacks: MiningCallbacks = {}
): Promise<BasketResult> {
	const started = performance.now();
	const items = await basketItems(sql, level);
	const transactions = await basketTransactions(sql, level, filters, items.length);
	const read = performance.now();
	const mined = mineRules(transactions, params, BASKET_LEVEL_SPECS[level].accept, callbacks);
	return {
		...mined,
		level,
		filters,
		runId,
		items,
		minedAt: new Date().toISOString(),
		elapsedMs: { transactions: Math.round(read - started), mining: Math.round(performance.now() - read) }
	};
}
