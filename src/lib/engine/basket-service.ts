import type { KpiFilters } from '$lib/analytics/filters';
import type { BasketLevel } from '$lib/basket/basket-levels';
import type { BasketResult } from '$lib/basket/basket-result';
import { savedBasketResult, saveBasketResult } from '$lib/basket/basket-store';
import {
	basketItems,
	basketTransactions,
	supportingTransactions,
	type BasketItem,
	type SupportingTransactions
} from '$lib/basket/basket-transactions';
import type { Transactions } from '$lib/basket/transactions';
import type { AnalyticsService } from './analytics-service';
import type { LakeService } from './lake-service';

/** A level's transactions on the published Gold, ready for the basket worker. */
export interface BasketInput {
	runId: string;
	items: BasketItem[];
	transactions: Transactions;
	/** Reading them, in milliseconds. */
	elapsedMs: number;
}

/**
 * The market basket's side of the engine: transactions read from the published Gold (the mining itself runs
 * in the basket worker), the orders behind a rule, and results saved in the lake beside their Gold run.
 */
export class BasketService {
	constructor(
		private readonly analytics: AnalyticsService,
		private readonly lake: LakeService
	) {}

	async input(level: BasketLevel, filters: KpiFilters): Promise<BasketInput> {
		return this.analytics.onPublished(async (sql, runId) => {
			const items = await basketItems(sql, level);
			const started = performance.now();
			const transactions = await basketTransactions(sql, level, filters, items.length);
			return { runId, items, transactions, elapsedMs: Math.round(performance.now() - started) };
		});
	}

	async supporting(
		level: BasketLevel,
		filters: KpiFilters,
		itemIds: number[],
		limit?: number
	): Promise<SupportingTransactions> {
		return this.analytics.onPublished((sql) => supportingTransactions(sql, level, filters, itemIds, limit));
	}

	save(result: BasketResult): Promise<string> {
		return saveBasketResult(this.lake.store, this.lake.codec, result);
	}

	saved(level: BasketLevel): Promise<BasketResult | null> {
		return savedBasketResult(this.lake.store, this.lake.codec, level);
	}
}
