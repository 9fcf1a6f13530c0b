import * as Comlink from 'comlink';
import { untrack } from 'svelte';
import { kpiFilters } from '$lib/analytics/filters';
import { FIRST_ALERTS } from '$lib/analytics/first-alerts';
import type { ReorderAlert } from '$lib/analytics/inventory';
import { publishedReport } from '$lib/analytics/published-figures';
import type { DashboardPage, DashboardReports, ReportOptions } from '$lib/analytics/reports';
import type { DetectionProgress } from '$lib/signals/detection-progress';
import { isSignalsPage, type SignalsPage, type SignalsReports } from '$lib/signals/signals-reports';
import { filtersToParams, type DashboardFilters } from '$lib/filters/url-filters';
import { formatError } from '$lib/format';
import type { StatementTiming } from '$lib/sql/statement-timings';
import type { EngineApi } from '../../workers/engine.worker';
import { engine } from './engine-manager.svelte';
import { publishedLake } from './published-lake.svelte';
import { cacheReport, readCachedReport, reportCacheKey } from './report-cache';
import { saveDownload } from './save-download';

export type ReportStatus = 'loading' | 'ready' | 'error';
/**
 * Where the figures shown come from: the engine, the last visit's answer for the same published run, or
 * the default view's figures the run published with its Gold.
 */
export type ReportSource = 'live' | 'cache' | 'published';

/** Every page whose figures come as one report for the filters: the dashboards, Anomalies and Fraud. */
export type ReportPage = DashboardPage | SignalsPage;
export type PageReports = DashboardReports & SignalsReports;

/** The filters as their URL query string, e.g. `from=2024-01-01&city=Delhi`: what `data-filters` shows. */
export function filtersKey(filters: DashboardFilters): string {
	return filtersToParams(filters).toString();
}

/**
 * One dashboard page's report: loaded from the engine whenever the filters, the options or the published
 * Gold change. A newer request wins (late answers to older ones are dropped), and the last report stays
 * shown while the next one loads, so the page dims instead of blanking.
 */
export class DashboardReportState<P extends ReportPage> {
	readonly page: P;
	/** The report shown; kept while a newer one loads. */
	data = $state.raw<PageReports[P] | null>(null);
	/** The filters' query string `data` was computed for. */
	shownFilters = $state<string | null>(null);
	/** The options `data` was computed for. */
	shownOptions = $state.raw<ReportOptions>({});
	loading = $state(false);
	/** Why the last request failed, as a sentence; null when it did not. */
	error = $state<string | null>(null);
	/** How long the report shown took, request to answer. */
	elapsedMs = $state<number | null>(null);
	/** The engine's time on the shown report's statements, slowest first; empty when none ran for it. */
	statements = $state.raw<StatementTiming[]>([]);
	source = $state<ReportSource>('live');
	/** Anomalies and Fraud: the step of the detection this report waits for, while it runs. */
	detection = $state.raw<DetectionProgress | null>(null);
	/** Whether the last request stopped because its detection was cancelled. */
	cancelled = $state(false);

	readonly status: ReportStatus = $derived(
		this.loading || (!this.data && !this.error) ? 'loading' : this.error ? 'error' : 'ready'
	);

	#request = 0;
	/** The last visit's report last looked up, found or not. */
	#cachedKey: string | null = null;
	/** The published run the engine last answered for, and the Gold version the lake listing showed then. */
	#answeredRun: { gold: string; runId: string } | null = null;
	/** What was last asked for: filters, options and Gold version. */
	#key: string | null = null;
	#last: { filters: DashboardFilters; options: ReportOptions } | null = null;

	constructor(page: P) {
		this.page = page;
	}

	/**
	 * Loads the report for `filters` and `options` unless it is the one shown or on its way. Call it from an
	 * `$effect`: it reads the engine's phase and the lake listing, so it runs again when Gold is republished.
	 */
	load(filters: DashboardFilters, options: ReportOptions = {}): void {
		if (engine.phase !== 'ready') {
			this.#showCached(filters, options);
			return;
		}
		const gold = engine.goldVersion();
		if (!gold) return;
		const key = JSON.stringify([filtersKey(filters), options.grain ?? null, gold]);
		if (key === this.#key) return;
		this.#key = key;
		this.#last = { filters: { ...filters }, options: { ...options } };
		if (!this.#showAnswered(gold, filters, options)) void this.#fetch(this.#last.filters, this.#last.options);
	}

	/**
	 * The engine's earlier answer for the same filters on the same published run, when there is one: the
	 * figures are a function of the two, so asking again would compute the same numbers.
	 */
	#showAnswered(gold: string, filters: DashboardFilters, options: ReportOptions): boolean {
		if (this.#answeredRun?.gold !== gold) return false;
		const cacheKey = reportCacheKey(this.#answeredRun.runId, this.page, filtersKey(filters), options.grain);
		const answered = readCachedReport<PageReports[P]>(cacheKey);
		if (!answered) return false;
		this.#request++; // a request still on its way is for other filters
		this.loading = false;
		this.error = null;
		this.data = answered;
		this.shownFilters = filtersKey(filters);
		this.shownOptions = options;
		this.elapsedMs = null;
		this.statements = [];
		this.source = 'live';
		return true;
	}

	/**
	 * While the engine starts: the figures kept from the last visit, when they are for the published run;
	 * else, for the default view, those the run published (they may arrive after the manifest).
	 */
	#showCached(filters: DashboardFilters, options: ReportOptions): void {
		const run = publishedLake.run;
		const figures = publishedLake.figures;
		if (!run) return;
		const shown = filtersKey(filters);
		const key = reportCacheKey(run.runId, this.page, shown, options.grain);
		// Called from an effect: reading the shown report here would make its own writes re-run it.
		if (key === this.#cachedKey || untrack(() => this.data && this.source === 'live')) return;
		const cached = readCachedReport<PageReports[P]>(key);
		const published = cached
			? null
			: publishedReport<PageReports[P]>(figures, run.runId, this.page, shown, options);
		if (!cached && !published) return;
		this.#cachedKey = key;
		this.data = cached ?? published;
		this.shownFilters = shown;
		this.shownOptions = options;
		this.elapsedMs = null;
		this.statements = [];
		this.source = cached ? 'cache' : 'published';
	}

	/** Asks again for what was last asked for, e.g. after an error. */
	retry(): void {
		if (this.#last) void this.#fetch(this.#last.filters, this.#last.options);
	}

	/** Stops the detection this report waits for; the page then offers to start it again. */
	async cancelDetection(): Promise<void> {
		await (await engine.api()).cancelDetection();
	}

	async #fetch(filters: DashboardFilters, options: ReportOptions): Promise<void> {
		const request = ++this.#request;
		this.loading = true;
		this.cancelled = false;
		this.detection = null;
		const started = performance.now();
		try {
			const api = await engine.api();
			const gold = engine.goldVersion();
			const answer = isSignalsPage(this.page)
				? await api.signalsReport(
						this.page,
						kpiFilters(filters),
						Comlink.proxy((progress: DetectionProgress) => {
							if (request === this.#request) this.detection = progress;
						})
					)
				: await api.report(this.page as DashboardPage, kpiFilters(filters), options);
			if (request !== this.#request) return;
			const { runId, report } = answer;
			if (gold) this.#answeredRun = { gold, runId };
			this.data = report as unknown as PageReports[P];
			this.source = 'live';
			cacheReport(reportCacheKey(runId, this.page, filtersKey(filters), options.grain), report);
			this.shownFilters = filtersKey(filters);
			this.shownOptions = options;
			this.elapsedMs = Math.round(performance.now() - started);
			this.statements = 'statements' in answer ? answer.statements : [];
			this.error = null;
			// A preload that fails or is superseded costs nothing: a category chosen loads what it reads then.
			if (!isSignalsPage(this.page) && filters.category === undefined)
				api.preloadCategorySums().catch(() => {});
		} catch (e) {
			if (request !== this.#request) return;
			// The same request may be tried again.
			this.#key = null;
			this.cancelled = e instanceof Error && e.name === 'DetectionCancelled';
			this.error = this.cancelled
				? 'Detection was cancelled. It runs once for each pipeline run, over all the data; start it again when you are ready.'
				: formatError(
						`The ${this.page} figures could not be computed`,
						e,
						'Try again; if it keeps failing, run the pipeline again on the Lake page.'
					);
		} finally {
			if (request === this.#request) {
				this.loading = false;
				this.detection = null;
			}
		}
	}
}

/** One report state per dashboard page, kept across navigation so going back shows the last figures at once. */
export const dashboardReports: { [K in ReportPage]: DashboardReportState<K> } = {
	overview: new DashboardReportState('overview'),
	sales: new DashboardReportState('sales'),
	inventory: new DashboardReportState('inventory'),
	logistics: new DashboardReportState('logistics'),
	customers: new DashboardReportState('customers'),
	anomalies: new DashboardReportState('anomalies'),
	fraud: new DashboardReportState('fraud')
};

type AlertsRequest = NonNullable<Parameters<EngineApi['reorderAlerts']>[1]>;
type AlertsPage = Awaited<ReturnType<EngineApi['reorderAlerts']>>;
export type AlertSortKey = NonNullable<AlertsRequest['sortBy']>;

/**
 * The Inventory page's reorder alerts, a page at a time from the engine: offset, page size and sort here,
 * the rows and the total there. A newer request wins; the last page stays shown while the next loads.
 */
export class ReorderAlertsState {
	offset = $state(0);
	limit = $state(FIRST_ALERTS);
	sortBy = $state<AlertSortKey>('suggestedCost');
	descending = $state(true);
	rows = $state.raw<AlertsPage['rows']>([]);
	/** The filters' query string the rows and total shown were read for. */
	shownFilters = $state<string | null>(null);
	/** Every alert for the filters, not only this page's; null before the first answer. */
	total = $state<number | null>(null);
	loading = $state(false);
	error = $state<string | null>(null);
	/** Whether the CSV is being made. */
	exporting = $state(false);
	exportError = $state<string | null>(null);

	#request = 0;
	#filters: DashboardFilters = {};
	#key: string | null = null;

	/**
	 * Shows the first page for `filters` when they (or Gold) changed; call it from an `$effect`. `opening`, the
	 * page the Inventory report carries (its `firstAlerts`, FIRST_ALERTS by suggested cost, largest first), is
	 * shown as it is when that is the page asked for; else the engine is asked.
	 */
	load(filters: DashboardFilters, opening?: { rows: ReorderAlert[]; total: number }): void {
		if (engine.phase !== 'ready') return;
		const gold = engine.goldVersion();
		if (!gold) return;
		const key = JSON.stringify([filtersKey(filters), gold]);
		if (key === this.#key) return;
		this.#key = key;
		this.#filters = { ...filters };
		this.offset = 0;
		const asked = this.limit === FIRST_ALERTS && this.sortBy === 'suggestedCost' && this.descending;
		if (!opening || !asked) {
			void this.#fetch();
			return;
		}
		this.#request++; // an answer still on its way is for other filters
		this.rows = opening.rows;
		this.total = opening.total;
		this.shownFilters = filtersKey(filters);
		this.error = null;
		this.loading = false;
	}

	/** Sorts by `key`: a new column starts largest first (text A–Z); the same column reverses. */
	sort(key: AlertSortKey, textual = false): void {
		this.descending = this.sortBy === key ? !this.descending : !textual;
		this.sortBy = key;
		this.offset = 0;
		void this.#fetch();
	}

	goTo(offset: number): void {
		this.offset = Math.max(0, offset);
		void this.#fetch();
	}

	setLimit(limit: number): void {
		this.limit = limit;
		this.offset = 0;
		void this.#fetch();
	}

	retry(): void {
		void this.#fetch();
	}

	async #fetch(): Promise<void> {
		const request = ++this.#request;
		const filters = this.#filters;
		this.loading = true;
		try {
			const api = await engine.api();
			const page = await api.reorderAlerts(kpiFilters(filters), {
				offset: this.offset,
				limit: this.limit,
				sortBy: this.sortBy,
				descending: this.descending
			});
			if (request !== this.#request) return;
			this.rows = page.rows;
			this.total = page.total;
			this.shownFilters = filtersKey(filters);
			this.error = null;
		} catch (e) {
			if (request !== this.#request) return;
			this.#key = null;
			this.error = formatError(
				'The reorder alerts could not be read',
				e,
				'Try again; if it keeps failing, run the pipeline again on the Lake page.'
			);
		} finally {
			if (request === this.#request) this.loading = false;
		}
	}

	/** Saves every alert for the current filters as `reorder-alerts.csv`. */
	async exportCsv(): Promise<void> {
		this.exporting = true;
		this.exportError = null;
		try {
			const csv = await (await engine.api()).reorderAlertsCsv(kpiFilters(this.#filters));
			saveDownload(new Blob([csv], { type: 'text/csv;charset=utf-8' }), 'reorder-alerts.csv');
		} catch (e) {
			this.exportError = formatError(
				'The reorder alerts could not be exported',
				e,
				'Try again; if it keeps failing, run the pipeline again on the Lake page.'
			);
		} finally {
			this.exporting = false;
		}
	}
}

export const reorderAlerts = new ReorderAlertsState();
