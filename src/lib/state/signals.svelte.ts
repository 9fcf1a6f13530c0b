import { kpiFilters } from '$lib/analytics/filters';
import type { Answer } from '$lib/ask/answer-question';
import type { DashboardFilters } from '$lib/filters/url-filters';
import { formatError } from '$lib/format';
import type { ExecutiveSummary } from '$lib/insights/executive-summary';
import type { Anomaly } from '$lib/signals/anomalies';
import type { AnomalyLines } from '$lib/signals/anomaly-lines';
import type { CustomerOrder } from '$lib/signals/fraud';
import type { Remote } from 'comlink';
import type { EngineApi } from '../../workers/engine.worker';
import { filtersKey } from './dashboard-report.svelte';
import { engine } from './engine-manager.svelte';

/**
 * One answer from the engine at a time, for what the page last asked: a newer request wins (a late answer
 * to an older one is dropped), and the last answer stays shown while the next loads.
 */
class EngineAnswer<T> {
	data = $state.raw<T | null>(null);
	/** What `data` answers (a key the caller chose). */
	shownKey = $state<string | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	#request = 0;
	#key: string | null = null;
	#last: { key: string; ask: (api: Remote<EngineApi>) => Promise<T> } | null = null;

	constructor(private readonly what: string) {}

	/** Asks unless `key` is what is shown or on its way. */
	load(key: string, ask: (api: Remote<EngineApi>) => Promise<T>): void {
		if (key === this.#key) return;
		this.#key = key;
		this.#last = { key, ask };
		void this.#fetch(key, ask);
	}

	retry(): void {
		if (this.#last) void this.#fetch(this.#last.key, this.#last.ask);
	}

	clear(): void {
		this.#request++;
		this.#key = null;
		this.data = null;
		this.shownKey = null;
		this.loading = false;
		this.error = null;
	}

	async #fetch(key: string, ask: (api: Remote<EngineApi>) => Promise<T>): Promise<void> {
		const request = ++this.#request;
		this.loading = true;
		try {
			const data = await ask(await engine.api());
			if (request !== this.#request) return;
			this.data = data;
			this.shownKey = key;
			this.error = null;
		} catch (e) {
			if (request !== this.#request) return;
			this.#key = null;
			this.error = formatError(
				`${this.what} could not be computed`,
				e,
				'Try again; if it keeps failing, run the pipeline again on the Lake page.'
			);
		} finally {
			if (request === this.#request) this.loading = false;
		}
	}
}

/** The sales lines behind the anomaly opened on the Anomalies page. */
class AnomalyDrillState {
	anomaly = $state.raw<Anomaly | null>(null);
	readonly lines = new EngineAnswer<AnomalyLines>('The anomaly’s sales lines');

	open(anomaly: Anomaly): void {
		this.anomaly = anomaly;
		this.lines.load(`${anomaly.id}|${engine.goldVersion() ?? ''}`, (api) => api.anomalyLines(anomaly.drill));
	}

	close(): void {
		this.anomaly = null;
		this.lines.clear();
	}
}

/** The history of the customer opened from the fraud review queue. */
class CustomerHistoryState {
	customerId = $state<string | null>(null);
	/** The order that led here, highlighted in the history. */
	orderId = $state<string | null>(null);
	readonly orders = new EngineAnswer<CustomerOrder[]>('The customer’s history');

	open(customerId: string, orderId: string | null = null): void {
		this.customerId = customerId;
		this.orderId = orderId;
		this.orders.load(`${customerId}|${engine.goldVersion() ?? ''}`, (api) => api.customerOrders(customerId));
	}

	close(): void {
		this.customerId = null;
		this.orderId = null;
		this.orders.clear();
	}
}

/** The Overview's executive summary for the filters, reloaded when Gold is republished. */
class ExecutiveSummaryState {
	readonly answer = new EngineAnswer<{ runId: string; report: ExecutiveSummary | null }>(
		'The executive summary'
	);

	/** Call from an `$effect`: it reads the engine's phase and Gold version. */
	load(filters: DashboardFilters): void {
		if (engine.phase !== 'ready') return;
		const gold = engine.goldVersion();
		if (!gold) return;
		const query = kpiFilters(filters);
		this.answer.load(JSON.stringify([filtersKey(filters), gold]), (api) => api.executiveSummary(query));
	}
}

/** "Ask the data": the questions asked in this visit, newest first, each with its answer. */
class AskState {
	answers = $state.raw<Answer[]>([]);
	busy = $state(false);
	error = $state<string | null>(null);

	async ask(question: string): Promise<void> {
		const text = question.trim();
		if (!text || this.busy) return;
		this.busy = true;
		this.error = null;
		try {
			const answer = await (await engine.api()).ask(text);
			this.answers = [answer, ...this.answers.filter((a) => a.question !== text)].slice(0, 20);
		} catch (e) {
			this.error = formatError(
				'The question could not be answered',
				e,
				'Try again; if it keeps failing, run the pipeline again on the Lake page.'
			);
		} finally {
			this.busy = false;
		}
	}
}

export const anomalyDrill = new AnomalyDrillState();
export const customerHistory = new CustomerHistoryState();
export const executiveSummary = new ExecutiveSummaryState();
export const askData = new AskState();
