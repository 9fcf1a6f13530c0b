import * as Comlink from 'comlink';
import { dashboardFilters, type KpiFilters } from '$lib/analytics/filters';
import type { BasketLevel } from '$lib/basket/basket-levels';
import type { BasketResult } from '$lib/basket/basket-result';
import { toBasketParams, type BasketSettings } from '$lib/basket/basket-settings';
import type { SupportingTransactions } from '$lib/basket/basket-transactions';
import type { MiningProgress } from '$lib/basket/mine-basket';
import { filtersToParams } from '$lib/filters/url-filters';
import { formatError } from '$lib/format';
import type { BasketWorkerApi } from '../../workers/basket.worker';
import { engine } from './engine-manager.svelte';

export type BasketPhase =
	'idle' | 'opening' | 'reading' | 'mining' | 'saving' | 'ready' | 'cancelled' | 'error';

/** The filters as their query string: equal strings, equal filters. */
export function basketFiltersKey(filters: KpiFilters): string {
	return filtersToParams(dashboardFilters(filters)).toString();
}

/**
 * The market basket's main-thread side. Rules open from the lake (the newest saved result of a level), or
 * are mined: the engine reads the transactions from Gold, the basket worker mines them (progress through a
 * callback; cancelling terminates it), and the engine saves the result beside its Gold run.
 */
class BasketManager {
	phase = $state<BasketPhase>('idle');
	/** The result shown: the last mined or opened one (kept while a newer one is mined). */
	result = $state.raw<BasketResult | null>(null);
	/** Whether the result shown was opened from the lake or mined in this visit. */
	source = $state<'saved' | 'mined' | null>(null);
	/** The published run now; the result is stale when it was mined on another. */
	publishedRunId = $state<string | null>(null);
	progress = $state.raw<MiningProgress | null>(null);
	/** Transactions handed to the worker in the current mining. */
	transactionsRead = $state<number | null>(null);
	error = $state<string | null>(null);
	/** Where the result shown is saved in the lake. */
	savedPath = $state<string | null>(null);
	startedAt = $state(0);
	now = $state(0);

	readonly busy = $derived(this.phase === 'reading' || this.phase === 'mining' || this.phase === 'saving');
	readonly stale = $derived(
		this.result !== null && this.publishedRunId !== null && this.result.runId !== this.publishedRunId
	);

	#worker: Worker | null = null;
	#api: Comlink.Remote<BasketWorkerApi> | null = null;
	#request = 0;
	#opened: string | null = null;

	/**
	 * Shows the newest saved result of `level` once per published Gold version (call it from an effect: it
	 * reads the engine's phase and the lake listing).
	 */
	open(level: BasketLevel): void {
		const gold = engine.phase === 'ready' ? engine.goldVersion() : null;
		const key = `${level}|${gold}`;
		if (gold === null || key === this.#opened) return;
		this.#opened = key;
		void this.#openSaved(level);
	}

	async #openSaved(level: BasketLevel): Promise<void> {
		this.#stopWorker();
		const request = ++this.#request;
		this.phase = 'opening';
		try {
			const api = await engine.api();
			const [saved, manifest] = await Promise.all([api.savedBasketResult(level), api.manifest()]);
			if (request !== this.#request) return;
			this.publishedRunId = manifest?.run_id ?? null;
			this.result = saved;
			this.source = saved ? 'saved' : null;
			this.savedPath = null;
			this.error = null;
			this.phase = saved ? 'ready' : 'idle';
		} catch (e) {
			if (request !== this.#request) return;
			this.result = null;
			this.error = formatError('The saved rules could not be read', e, 'Mine them again.');
			this.phase = 'error';
		}
	}

	/** Mines the published Gold at `settings` under `filters`, then saves the result in the lake. */
	async mine(settings: BasketSettings, filters: KpiFilters): Promise<void> {
		this.#stopWorker();
		const request = ++this.#request;
		const asked = { settings: { ...settings }, filters: $state.snapshot(filters) as KpiFilters };
		this.phase = 'reading';
		this.error = null;
		this.progress = null;
		this.transactionsRead = null;
		this.startedAt = this.now = performance.now();
		try {
			const api = await engine.api();
			const input = await api.basketInput(asked.settings.level, asked.filters);
			if (request !== this.#request) return;
			const { offsets, items } = input.transactions;
			this.transactionsRead = offsets.length - 1;
			this.phase = 'mining';
			const miningStarted = performance.now();
			const mined = await this.#worker$().mine(
				asked.settings.level,
				Comlink.transfer(input.transactions, [offsets.buffer, items.buffer]),
				toBasketParams(asked.settings),
				Comlink.proxy((progress: MiningProgress) => {
					this.progress = progress;
					this.now = performance.now();
				})
			);
			if (request !== this.#request) return;
			const result: BasketResult = {
				...mined,
				level: asked.settings.level,
				filters: asked.filters,
				runId: input.runId,
				items: input.items,
				minedAt: new Date().toISOString(),
				elapsedMs: { transactions: input.elapsedMs, mining: Math.round(performance.now() - miningStarted) }
			};
			this.result = result;
			this.source = 'mined';
			this.publishedRunId = input.runId;
			this.#opened = `${result.level}|${engine.goldVersion()}`;
			this.phase = 'saving';
			this.savedPath = await api.saveBasketResult(result);
			if (request !== this.#request) return;
			this.phase = 'ready';
			await engine.refreshLake();
		} catch (e) {
			if (request !== this.#request) return;
			this.error = formatError(
				'Mining the rules failed',
				e,
				'Try a higher minimum support or confidence; if the data changed, run the pipeline again.'
			);
			this.phase = 'error';
		}
	}

	/** Stops the mining under way; the result shown before it stays. */
	cancel(): void {
		if (!this.busy) return;
		this.#request++;
		this.#stopWorker();
		this.phase = 'cancelled';
	}

	/** The transactions (orders, or customers across channels) holding every one of the items. */
	async supporting(
		level: BasketLevel,
		filters: KpiFilters,
		itemIds: number[],
		limit?: number
	): Promise<SupportingTransactions> {
		return (await engine.api()).basketSupporting(
			level,
			$state.snapshot(filters) as KpiFilters,
			itemIds,
			limit
		);
	}

	#worker$(): Comlink.Remote<BasketWorkerApi> {
		if (!this.#api) {
			this.#worker = new Worker(new URL('../../workers/basket.worker.ts', import.meta.url), {
				type: 'module'
			});
			this.#api = Comlink.wrap<BasketWorkerApi>(this.#worker);
		}
		return this.#api;
	}

	#stopWorker(): void {
		if (this.phase !== 'mining') return;
		this.#worker?.terminate();
		this.#worker = null;
		this.#api = null;
	}
}

export const basket = new BasketManager();
