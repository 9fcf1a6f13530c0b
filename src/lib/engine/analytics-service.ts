import { GoldTables, NoGoldError, withGoldTables } from '$lib/analytics/gold-tables';
import type { KpiFilters } from '$lib/analytics/filters';
import {
	reorderAlerts,
	reorderAlertsCsv,
	type ReorderAlertPage,
	type ReorderAlertQuery
} from '$lib/analytics/inventory';
import {
	pageReport,
	type DashboardPage,
	type DashboardReports,
	type ReportOptions
} from '$lib/analytics/reports';
import { readDailySeries, type DailySeries } from '$lib/forecast/daily-series';
import { FILTER_OPTIONS_SQL, toFilterOptions, type FilterOptions } from '$lib/filters/filter-options';
import { spikeSummary, type SpikeSummary } from '$lib/analytics/spikes';
import type { LakeManifest } from '$lib/pipeline/types';
import type { SqlEngine } from '$lib/sql/sql-engine';
import type { LakeService } from './lake-service';

export interface VersionedReport<P extends DashboardPage> {
	/** The published run whose Gold the report was computed on. */
	runId: string;
	report: DashboardReports[P];
}

/**
 * The dashboards' queries on the published Gold, loaded on first use. While this engine runs the pipeline
 * (which rebuilds the same tables) queries wait for it, then reload what the new version publishes.
 */
export class AnalyticsService {
	readonly #gold: GoldTables;
	readonly #sql: SqlEngine;
	#pipelineDone: Promise<void> = Promise.resolve();

	constructor(lake: LakeService, readManifest: () => Promise<LakeManifest | null>) {
		this.#gold = new GoldTables(readManifest, (path, table) => lake.loadParquet(path, table));
		this.#sql = withGoldTables(lake.sql, this.#gold);
	}

	/** Makes queries wait for a pipeline run of this engine, and reload Gold after it. */
	duringRun(run: Promise<unknown>): void {
		this.#pipelineDone = run.then(
			() => this.#gold.invalidate(),
			() => this.#gold.invalidate()
		);
	}

	/** A page's report and the published run it was computed on. */
	async report<P extends DashboardPage>(
		page: P,
		filters: KpiFilters,
		options?: ReportOptions
	): Promise<VersionedReport<P>> {
		const sql = await this.#current();
		const runId = await this.#gold.runId();
		return { runId: runId ?? '', report: await pageReport(sql, page, filters, options) };
	}

	async reorderAlerts(filters: KpiFilters, query: ReorderAlertQuery): Promise<ReorderAlertPage> {
		return reorderAlerts(await this.#current(), filters, query);
	}

	async reorderAlertsCsv(filters: KpiFilters): Promise<string> {
		return reorderAlertsCsv(await this.#current(), filters);
	}

	/** The flagged quantity spikes among the sales the other filters select. */
	async spikeSummary(filters: KpiFilters): Promise<SpikeSummary> {
		return spikeSummary(await this.#current(), filters);
	}

	/** The cities, categories and days the filter controls offer. */
	async filterOptions(): Promise<FilterOptions> {
		const { rows } = await (await this.#current()).query(FILTER_OPTIONS_SQL);
		return toFilterOptions(rows);
	}

	/**
	 * The engine with the published Gold tables (loaded on first use) and the run that published them, once
	 * no run of this engine is rebuilding them: for analyses beyond the dashboards (market basket).
	 */
	async published(): Promise<{ sql: SqlEngine; runId: string }> {
		const sql = await this.#current();
		const runId = await this.#gold.runId();
		if (runId === null) throw new NoGoldError();
		return { sql, runId };
	}

	/** The forecast's daily series (units and revenue per category and in total, spikes left out) and their run. */
	async forecastSeries(): Promise<{ runId: string; series: DailySeries }> {
		const sql = await this.#current();
		const series = await readDailySeries(sql);
		return { runId: (await this.#gold.runId()) ?? '', series };
	}

	/** The engine once no run of its own is rebuilding Gold, checking whether another tab published since. */
	async #current(): Promise<SqlEngine> {
		await this.#pipelineDone;
		this.#gold.recheck();
		return this.#sql;
	}
}
