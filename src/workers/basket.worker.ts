/// <reference lib="webworker" />
// The basket worker: FP-Growth and association rules on transactions the engine read from Gold. Mining is
// CPU-bound and synchronous, so it runs here, beside DuckDB's worker; cancelling terminates this worker.
import * as Comlink from 'comlink';
import { BASKET_LEVEL_SPECS, type BasketLevel } from '$lib/basket/basket-levels';
import { mineRules, type BasketParams, type MinedRules, type MiningProgress } from '$lib/basket/mine-basket';
import type { Transactions } from '$lib/basket/transactions';

const api = {
	mine(
		level: BasketLevel,
		transactions: Transactions,
		params: BasketParams,
		onProgress?: (progress: MiningProgress) => void
	): MinedRules {
		return mineRules(transactions, params, BASKET_LEVEL_SPECS[level].accept, { onProgress });
	}
};

export type BasketWorkerApi = typeof api;

Comlink.expose(api);
