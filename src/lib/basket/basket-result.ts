import type { KpiFilters } from '../analytics/filters';
import type { BasketLevel } from './basket-levels';
import type { BasketItem } from './basket-transactions';
import type { MinedRules } from './mine-basket';

/** One mining run: what was mined, on which published Gold, with which filters, and the rules found. */
export interface BasketResult extends MinedRules {
	level: BasketLevel;
	filters: KpiFilters;
	/** The published pipeline run whose Gold the transactions came from. */
	runId: string;
	/** Every item of the level by id: the rules' ids index it. */
	items: BasketItem[];
	/** When the mining finished (ISO time). */
	minedAt: string;
	/** Reading the transactions from Gold, and finding itemsets and rules, in milliseconds. */
	elapsedMs: { transactions: number; mining: number };
}
