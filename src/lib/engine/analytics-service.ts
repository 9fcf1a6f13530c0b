import {
	GoldTables,
	NoGoldError,
	withGoldTables,
	withKeptAnswers,
	withPausingLoads
} from '$lib/analytics/gold-tables';
import { addMissingGoldColumns, earlierGoldStandIns } from '$lib/analytics/gold-compat';
import type { KpiFilters } from '$lib/analytics/filters';
import { CATEGORY_DAILY_ORDERS, CATEGORY_ORDER_TOTALS } from '$lib/analytics/order-parts';
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
import { livePanel, type LivePanel } from '$lib/analytics/live-panel';
import { spikeSummary, type SpikeSummary } from '$lib/analytics/spikes';
import type { SnapshotLeases } from '$lib/lake/snapshot-leases';
import type { LakeManifest, RunLog } from '$lib/pipeline/types';
import type { BetweenRowGroups } from '$lib/sql/load-parquet';
import type { QueryOptions, SqlEngine } from '$lib/sql/sql-engine';
import { KeptAnswers } from '$lib/sql/kept-answers';
import { StatementTimings, type StatementTiming } from '$lib/sql/statement-timings';
import type { TimedQueryResult } from './engine-api';
import type { LakeService } from './lake-service';
import { RequestQueue, type RequestOptions, type Turn } from './request-queue';

/** The dashboards' own requests: what a page waits for, needing nothing a paused request computes. */
const DASHBOARD: RequestOptions = { priority: 'page', interleaves: true };

export interface VersionedReport<P extends DashboardPage> {
	/** The published run whose Gold the report was computed on. */
	runId: string;
	report: DashboardReports[P];
	/** The engine's time on the report's statements by what they do, slowest first (tables loaded included). */
	statements: StatementTiming[];
}

/** How long the dashboards must have asked nothing before background work (the detection, summaries) goes on. */
const BACKGROUND_QUIET_MS = 1_000;

/**
 * How long a read of the manifest stands for the published version: requests within it (a user going through
 * a filter's values) skip reading it again from OPFS, 20–60 ms a request in the browser. A version another
 * tab publishes is seen at once when that tab announces it (`manifestChanged`), and within this otherwise.
 */
export const MANIFEST_FRESH_MS = 2_000;

/**
 * The most rows of the order totals by category that an idle engine loads before a category is chosen (a 1M-line
 * lake's: 125k); a larger lake's load when one is, so memory holds them only when they are asked for.
 */
export const PRELOAD_CATEGORY_SUMS_MAX_ROWS = 2_000_000;

/**
 * The dashboards' queries on the published Gold, loaded on first use. While this engine runs the pipeline
 * (which rebuilds the same tables) queries wait for it, then reload what the new version publishes. One
 * request at a time: each answers from one version's tables only (the tables are shared by every request,
 * so two versions cannot be loaded side by side).
 */
export class AnalyticsService {
	readonly #gold: GoldTables;
	readonly #sql: SqlEngine;
	/** The dashboards' reports' engine: a query asked again on the same Gold gets its kept answer. */
	readonly #reportSql: SqlEngine;
	#pipelineDone: Promise<void> = Promise.resolve();
	readonly #queue = new RequestQueue({ quietMs: BACKGROUND_QUIET_MS });

	readonly #lake: LakeService;
	readonly #readManifest: () => Promise<LakeManifest | null>;
	readonly #now: () => number;
	/** When a request last had the manifest read again (`#now()`); never at first. */
	#manifestCheckedAt = Number.NEGATIVE_INFINITY;

	constructor(
		lake: LakeService,
		readManifest: () => Promise<LakeManifest | null>,
		leases?: SnapshotLeases,
		now: () => number = () => performance.now()
	) {
		this.#readManifest = readManifest;
		this.#now = now;
		this.#gold = new GoldTables(
			readManifest,
			async (path, table, file, between) => {
				const complete = () => addMissingGoldColumns(lake.sql, table);
				// Whoever loads the rest of a paused load completes the table too.
				const pausing: BetweenRowGroups | undefined =
					between &&
					((rest) =>
						between(async () => {
							await rest();
							await complete();
						}));
				if (!(await lake.loadTable(path, table, file, pausing))) return false;
				await complete();
				return true;
			},
			leases,
			earlierGoldStandIns(lake.sql)
		);
		this.#sql = withGoldTables(lake.sql, this.#gold);
		this.#reportSql = withKeptAnswers(this.#sql, this.#gold, new KeptAnswers());
		this.#lake = lake;
	}

	/** Another tab published (a run, a rollback): the next request reads the manifest again. */
	manifestChanged(): void {
		this.#manifestCheckedAt = Number.NEGATIVE_INFINITY;
	}

	/** Makes queries wait for a rollback or a clear of this engine's lake, and reload Gold after it. */
	duringRun(run: Promise<unknown>): void {
		this.#gold.interruptLoads();
		this.#pipelineDone = run.then(
			() => this.#gold.invalidate(),
			() => this.#gold.invalidate()
		);
	}

	/**
	 * Makes queries wait for a pipeline run of this engine. A run that published leaves the tables it
	 * published built in this engine, so queries read them as they are (no reload from Parquet); any other
	 * outcome reloads what the manifest names.
	 */
	duringPipelineRun(run: Promise<RunLog>): void {
		this.#gold.interruptLoads();
		this.#pipelineDone = run.then(
			async (log) => {
				const manifest = await this.#readManifest().catch(() => null);
				if (manifest && manifest.run_id === log.run_id && publishedStatuses.has(log.status)) {
					this.#gold.adopt(manifest);
				} else this.#gold.invalidate();
			},
			() => this.#gold.invalidate()
		);
	}

	/** A page's report and the published run it was computed on. */
	async report<P extends DashboardPage>(
		page: P,
		filters: KpiFilters,
		options?: ReportOptions
	): Promise<VersionedReport<P>> {
		return this.#onOneVersion(async () => {
			const timings = new StatementTimings();
			const stopWatching = this.#lake.sql.watchStatements?.((statement, ms) => timings.add(statement, ms));
			try {
				const runId = await this.#gold.runId();
				const report = await pageReport(this.#reportSql, page, filters, options);
				return { runId: runId ?? '', report, statements: timings.list() };
			} finally {
				stopWatching?.();
			}
		});
	}

	/**
	 * Loads what a category filter reads with no date range, the order parts by category added up over every day
	 * and by day (CATEGORY_ORDER_TOTALS, CATEGORY_DAILY_ORDERS), once the pages have been quiet, so the first
	 * category chosen does not wait for them. It may run inside a long background request's pauses (the
	 * detection the Overview's summary waits for), and pauses between row groups. Resolves to whether they are
	 * loaded (a run of this engine starting stops it part-way); not above PRELOAD_CATEGORY_SUMS_MAX_ROWS.
	 */
	preloadCategorySums(): Promise<boolean> {
		return this.#onOneVersion(
			async (_sql, turn) => {
				const rows = await this.#gold.publishedRows(CATEGORY_ORDER_TOTALS);
				if (rows === null || rows > PRELOAD_CATEGORY_SUMS_MAX_ROWS) return false;
				await this.#gold.ensureFor(`${CATEGORY_ORDER_TOTALS} ${CATEGORY_DAILY_ORDERS}`, () => turn.pause());
				return this.#gold.isLoaded(CATEGORY_ORDER_TOTALS) && this.#gold.isLoaded(CATEGORY_DAILY_ORDERS);
			},
			{ priority: 'background', interleaves: true, answers: 'the category sums, loaded ahead' }
		);
	}

	reorderAlerts(filters: KpiFilters, query: ReorderAlertQuery): Promise<ReorderAlertPage> {
		return this.#onOneVersion((sql) => reorderAlerts(sql, filters, query));
	}

	reorderAlertsCsv(filters: KpiFilters): Promise<string> {
		return this.#onOneVersion((sql) => reorderAlertsCsv(sql, filters));
	}

	/**
	 * A query from the SQL console, on the published version like any report: the Gold and Silver tables it
	 * names (`gold_fact_sales`, `silver_quarantine`) load first. A name that exists nowhere gets the list
	 * of names that do.
	 */
	consoleQuery(text: string, options?: QueryOptions): Promise<TimedQueryResult> {
		return this.#onOneVersion(async (sql) => {
			try {
				return await this.#lake.query(text, options, sql);
			} catch (error) {
				throw await this.#withTableNames(error);
			}
		});
	}

	async #withTableNames(error: unknown): Promise<unknown> {
		if (!(error instanceof Error) || !/Table with name \S+ does not exist/i.test(error.message)) return error;
		const names = await this.#gold.tableNames().catch(() => []);
		const listed = names.length
			? `The lake's tables: ${names.join(', ')}.`
			: 'The lake has no published tables yet: run the pipeline first.';
		return Object.assign(new Error(`${error.message}\n${listed}`), { name: error.name });
	}

	/** The flagged quantity spikes among the sales the other filters select. */
	spikeSummary(filters: KpiFilters): Promise<SpikeSummary> {
		return this.#onOneVersion((sql) => spikeSummary(sql, filters), {
			priority: 'background',
			answers: 'the flagged spikes’ summary'
		});
	}

	/** Live mode's panel (orders in the last minute, today's revenue, the last orders) and its run. */
	livePanel(): Promise<{ runId: string; panel: LivePanel }> {
		return this.#onOneVersion(async (sql) => ({
			runId: (await this.#gold.runId()) ?? '',
			panel: await livePanel(sql)
		}));
	}

	/** The cities, categories and days the filter controls offer. */
	filterOptions(): Promise<FilterOptions> {
		return this.#onOneVersion(async (sql) => toFilterOptions((await sql.query(FILTER_OPTIONS_SQL)).rows));
	}

	/**
	 * Runs `work` on the published Gold tables (loaded on first use) and the run that published them, as one
	 * request of the version queue: for analyses beyond the dashboards (market basket).
	 */
	onPublished<T>(
		work: (sql: SqlEngine, runId: string, manifest: LakeManifest, turn: Turn) => Promise<T>,
		options: RequestOptions = { priority: 'page' }
	): Promise<T> {
		return this.#onOneVersion(async (sql, turn) => {
			const manifest = await this.#gold.manifest();
			if (manifest === null) throw new NoGoldError();
			return work(sql, manifest.run_id, manifest, turn);
		}, options);
	}

	/** The forecast's daily series (units and revenue per category and in total, spikes left out) and their run. */
	forecastSeries(): Promise<{ runId: string; series: DailySeries }> {
		return this.#onOneVersion(async (sql) => {
			const series = await readDailySeries(sql);
			return { runId: (await this.#gold.runId()) ?? '', series };
		});
	}

	/** Whether the manifest was last read for a request more than MANIFEST_FRESH_MS ago (then it is now). */
	#manifestMayHaveChanged(): boolean {
		const now = this.#now();
		if (now - this.#manifestCheckedAt < MANIFEST_FRESH_MS) return false;
		this.#manifestCheckedAt = now;
		return true;
	}

	/**
	 * Runs `work` once no run of this engine is rebuilding Gold and no other request is answering, on the
	 * published version: the manifest is read again when MANIFEST_FRESH_MS have passed since the last read or
	 * another tab announced a version (`manifestChanged`), as another tab may have published. Requests a page waits
	 * for go before background ones; one run inside another's pause answers from that one's version
	 * (see RequestQueue). A background request's Gold tables load pausing between row groups.
	 */
	#onOneVersion<T>(
		work: (sql: SqlEngine, turn: Turn) => Promise<T>,
		options: RequestOptions = DASHBOARD
	): Promise<T> {
		return this.#queue.run(async (turn) => {
			await this.#pipelineDone;
			if (!turn.insidePause && this.#manifestMayHaveChanged()) this.#gold.recheck();
			const sql =
				options.priority === 'background'
					? withPausingLoads(this.#sql, this.#gold, () => turn.pause())
					: this.#sql;
			return work(sql, turn);
		}, options);
	}
}

const publishedStatuses = new Set<RunLog['status']>(['succeeded', 'succeeded_with_warnings']);
