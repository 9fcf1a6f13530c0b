/// <reference lib="webworker" />
// The engine worker: DuckDB-WASM (synchronous eh build) plus the lake in OPFS, behind a typed Comlink API.
const workerStarted = performance.now();

import * as Comlink from 'comlink';
import { createDuckDB, BROWSER_RUNTIME, VoidLogger } from 'duckdb-wasm-browser-blocking';
import duckdbWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import type { KpiFilters } from '$lib/analytics/filters';
import type { ReorderAlertPage, ReorderAlertQuery } from '$lib/analytics/inventory';
import type { LivePanel } from '$lib/analytics/live-panel';
import type { SpikeSummary } from '$lib/analytics/spikes';
import type { DashboardPage, ReportOptions } from '$lib/analytics/reports';
import type { Answer } from '$lib/ask/answer-question';
import type { BasketLevel } from '$lib/basket/basket-levels';
import type { BasketResult } from '$lib/basket/basket-result';
import type { SupportingTransactions } from '$lib/basket/basket-transactions';
import { AnalyticsService, type VersionedReport } from '$lib/engine/analytics-service';
import { BasketService, type BasketInput } from '$lib/engine/basket-service';
import type {
	EngineStatus,
	LakeFileInfo,
	TablePage,
	TableRowsOptions,
	TableStats,
	TimedQueryResult
} from '$lib/engine/engine-api';
import type { BackupProgress, RestoreResult } from '$lib/engine/lake-backup';
import { RestartingEngine } from '$lib/engine/engine-restarts';
import { LakeService } from '$lib/engine/lake-service';
import { PipelineService } from '$lib/engine/pipeline-service';
import type { LakeSize } from '$lib/pipeline/run/lake-clear';
import { SignalsService } from '$lib/engine/signals-service';
import { TableExplorer } from '$lib/engine/table-explorer';
import { connectSharedLake, openLake } from '$lib/lake/browser-lake';
import { localLeases, webLockLeases } from '$lib/lake/snapshot-leases';
import type { FilterOptions } from '$lib/filters/filter-options';
import type { ExecutiveSummary } from '$lib/insights/executive-summary';
import type { AnomalyDrill } from '$lib/signals/anomalies';
import type { AnomalyLines } from '$lib/signals/anomaly-lines';
import type { DetectionProgress } from '$lib/signals/detection-progress';
import type { CustomerOrder } from '$lib/signals/fraud';
import type { SignalsPage, SignalsReports } from '$lib/signals/signals-reports';
import type { DailySeries } from '$lib/forecast/daily-series';
import { browserWorkerParquetEncoder } from '$lib/parquet/browser-parquet-encoder';
import { createParquetWasmCodec } from '$lib/parquet/parquet-wasm-codec';
import type { LakeManifest, PipelineProgress, QualityReport, RunLog } from '$lib/pipeline/types';
import { DuckDBWasmEngine } from '$lib/sql/duckdb-wasm-engine';
import type { QueryOptions } from '$lib/sql/sql-engine';
import { blockRemoteRequests } from '$lib/engine/remote-files';

// Before anything runs a query: the page's CSP does not reach this worker (docs/decisions.md, "CSP").
blockRemoteRequests(self);

interface Engine {
	service: LakeService;
	pipeline: PipelineService;
	explorer: TableExplorer;
	analytics: AnalyticsService;
	basket: BasketService;
	signals: SignalsService;
	status: EngineStatus;
}

async function boot(): Promise<Engine> {
	const phases: EngineStatus['phases'] = { loaded: Math.round(workerStarted) };
	const timed = <T>(phase: keyof EngineStatus['phases'], work: Promise<T>) =>
		work.then((value) => ((phases[phase] = Math.round(performance.now())), value));
	const eh = { mainModule: duckdbWasmUrl, mainWorker: '' };
	const [db, codec, lake] = await Promise.all([
		timed(
			'instantiate',
			createDuckDB({ mvp: eh, eh }, new VoidLogger(), BROWSER_RUNTIME).then((b) => b.instantiate(() => {}))
		),
		timed('codec', createParquetWasmCodec(parquetWasmUrl)),
		timed('lake', openLake())
	]);
	const sql = DuckDBWasmEngine.open(db);
	phases.open = Math.round(performance.now());
	const service = new LakeService(sql, lake.store, codec);
	const status: EngineStatus = {
		duckdbVersion: sql.version,
		startMs: Math.round(performance.now() - workerStarted),
		phases,
		persistent: lake.persistent
	};
	const locks = 'locks' in navigator ? navigator.locks : undefined;
	const leases = locks ? webLockLeases(locks) : localLeases();
	// Each run encodes its Parquet in a worker of its own (terminated when the run ends, freeing its memory).
	const openEncoder = () =>
		browserWorkerParquetEncoder(
			new Worker(new URL('./parquet.worker.ts', import.meta.url), { type: 'module' }),
			codec
		);
	const pipeline = new PipelineService(service, locks, leases, openEncoder);
	await pipeline.recover();
	phases.recover = Math.round(performance.now());
	const analytics = new AnalyticsService(service, () => pipeline.manifest(), leases);
	return {
		service,
		pipeline,
		explorer: new TableExplorer(service),
		analytics,
		basket: new BasketService(analytics, service),
		signals: new SignalsService(analytics, service),
		status
	};
}

// Booted by the first call, so a lake the page hands over (`connectLake`) comes first; booted afresh after a
// WebAssembly trap, and the call that trapped runs again (engine-restarts.ts).
const engines = new RestartingEngine(boot);

/** Runs `task`, which replaces the lake's files, on the engine: its dashboards read Gold again once it ends. */
function replacingLakeFiles<T>(task: (engine: Engine) => Promise<T>): Promise<T> {
	return engines.call((e) => {
		const running = task(e);
		e.analytics.duringRun(running);
		return running;
	});
}

const api = {
	/** Without OPFS: the tab's in-memory lake, which the page holds (see `shareLakeWith`). */
	connectLake(port: MessagePort): void {
		connectSharedLake(port);
	},
	status(): Promise<EngineStatus> {
		return engines.call((e) => e.status);
	},
	query(sql: string, options?: QueryOptions): Promise<TimedQueryResult> {
		return engines.call((e) => e.analytics.consoleQuery(sql, options));
	},
	listLake(prefix?: string): Promise<LakeFileInfo[]> {
		return engines.call((e) => e.service.listLake(prefix));
	},
	writeParquet(path: string, sql: string): Promise<LakeFileInfo> {
		return engines.call((e) => e.service.writeParquet(path, sql));
	},
	loadParquet(path: string, table: string): Promise<number> {
		return engines.call((e) => e.service.loadParquet(path, table));
	},
	/** The file as a Blob the page can save (a published table by its friendly name). */
	download(path: string): Promise<Blob> {
		return engines.call((e) => e.service.download(path));
	},
	/** Every file under `prefix` (e.g. `gold/`) in one zip, published tables under their friendly names. */
	downloadZip(prefix: string): Promise<Blob> {
		return engines.call((e) => e.service.downloadZip(prefix));
	},
	/**
	 * One run under the cross-tab lock; fails with a `PipelineBusyError` while another tab runs.
	 * `rebuild`: rebuild the lake from its raw files, ignoring the current (perhaps damaged) version.
	 */
	runPipeline(onProgress: (progress: PipelineProgress) => void, rebuild = false): Promise<RunLog> {
		return engines.call((e) => {
			const run = e.pipeline.run(onProgress, { rebuild });
			e.analytics.duringPipelineRun(run);
			return run;
		});
	},
	/** Another tab announced a published version: the next request reads the manifest again. */
	manifestChanged(): Promise<void> {
		return engines.call((e) => e.analytics.manifestChanged());
	},
	/** Rolls the lake back to the newest earlier version that is whole. */
	rollBackLake(): Promise<LakeManifest> {
		return replacingLakeFiles((e) => e.pipeline.rollBack());
	},
	/** Every file the lake holds and their bytes: what clearing it would free. */
	lakeSize(): Promise<LakeSize> {
		return engines.call((e) => e.pipeline.size());
	},
	/** Empties the lake: every file, every layer's version, logs, reports and saved results. */
	clearLake(): Promise<LakeSize> {
		return replacingLakeFiles((e) => e.pipeline.clear());
	},
	/** Every file of the lake in one backup zip; `onProgress` (a `Comlink.proxy`) hears each file. */
	backupLake(onProgress?: (progress: BackupProgress) => void): Promise<Blob> {
		return engines.call((e) => e.pipeline.backup(onProgress));
	},
	/** Replaces the lake's files with a backup's once it proved whole; `cancelPipeline` stops it while unpacking. */
	restoreLake(backup: Blob, onProgress?: (progress: BackupProgress) => void): Promise<RestoreResult> {
		return replacingLakeFiles((e) => e.pipeline.restore(backup, onProgress));
	},
	/** What is wrong with the lake, naming the file, or null. */
	lakeProblem(): Promise<string | null> {
		return engines.call((e) => e.pipeline.problem());
	},
	cancelPipeline(): Promise<void> {
		return engines.call((e) => e.pipeline.cancel());
	},
	/** Every run's log, newest first. */
	runs(): Promise<RunLog[]> {
		return engines.call((e) => e.pipeline.runs());
	},
	manifest(): Promise<LakeManifest | null> {
		return engines.call((e) => e.pipeline.manifest());
	},
	/** A run's quality report; the published run's when `runId` is omitted. */
	qualityReport(runId?: string): Promise<QualityReport | null> {
		return engines.call((e) => e.pipeline.qualityReport(runId));
	},
	/** A page of a lake Parquet file's rows, filtered and sorted. */
	tableRows(path: string, options: TableRowsOptions): Promise<TablePage> {
		return engines.call((e) => e.explorer.rows(path, options));
	},
	columnStats(path: string): Promise<TableStats> {
		return engines.call((e) => e.explorer.stats(path));
	},
	/** A dashboard page's KPIs on the published Gold, filtered, with the run that published it. */
	report<P extends DashboardPage>(
		page: P,
		filters: KpiFilters,
		options?: ReportOptions
	): Promise<VersionedReport<P>> {
		return engines.call((e) => e.analytics.report(page, filters, options));
	},
	/** A page of the latest snapshot's reorder alerts. */
	reorderAlerts(filters: KpiFilters, query: ReorderAlertQuery): Promise<ReorderAlertPage> {
		return engines.call((e) => e.analytics.reorderAlerts(filters, query));
	},
	/** Every reorder alert as CSV. */
	reorderAlertsCsv(filters: KpiFilters): Promise<string> {
		return engines.call((e) => e.analytics.reorderAlertsCsv(filters));
	},
	/** A basket level's transactions on the published Gold, their buffers handed over (not copied). */
	async basketInput(level: BasketLevel, filters: KpiFilters): Promise<BasketInput> {
		const input = await engines.call((e) => e.basket.input(level, filters));
		const { offsets, items } = input.transactions;
		return Comlink.transfer(input, [offsets.buffer, items.buffer]);
	},
	/** The most recent transactions holding every one of the items, and how many there are. */
	basketSupporting(
		level: BasketLevel,
		filters: KpiFilters,
		itemIds: number[],
		limit?: number
	): Promise<SupportingTransactions> {
		return engines.call((e) => e.basket.supporting(level, filters, itemIds, limit));
	},
	/** Saves a mining result in the lake beside its Gold run; resolves to the rules file's path. */
	saveBasketResult(result: BasketResult): Promise<string> {
		return engines.call((e) => e.basket.save(result));
	},
	/** The newest saved mining result of a level (it may be of an older Gold run), or null. */
	savedBasketResult(level: BasketLevel): Promise<BasketResult | null> {
		return engines.call((e) => e.basket.saved(level));
	},
	/** Loads what a first category filter reads once the pages are quiet; resolves to whether it did. */
	preloadCategorySums(): Promise<boolean> {
		return engines.call((e) => e.analytics.preloadCategorySums());
	},
	/** The flagged quantity spikes among the sales the other filters select (the filter bar's notice). */
	spikeSummary(filters: KpiFilters): Promise<SpikeSummary> {
		return engines.call((e) => e.analytics.spikeSummary(filters));
	},
	/** The daily series the forecast trains on, as typed arrays, and the published run they come from. */
	forecastSeries(): Promise<{ runId: string; series: DailySeries }> {
		return engines.call((e) => e.analytics.forecastSeries());
	},
	/**
	 * The Anomalies or Fraud page's report on the published Gold. Detection runs once per run; while it does,
	 * `onProgress` (a `Comlink.proxy`) hears each step.
	 */
	signalsReport<P extends SignalsPage>(
		page: P,
		filters: KpiFilters,
		onProgress?: (progress: DetectionProgress) => void
	): Promise<{ runId: string; report: SignalsReports[P] }> {
		return engines.call((e) => e.signals.report(page, filters, onProgress));
	},
	/** Stops the detection under way; the requests waiting for it fail with `DetectionCancelled`. */
	cancelDetection(): Promise<void> {
		return engines.call((e) => e.signals.cancelDetection());
	},
	/** The sales lines behind an anomaly, newest first. */
	anomalyLines(drill: AnomalyDrill, limit?: number): Promise<AnomalyLines> {
		return engines.call((e) => e.signals.anomalyLines(drill, limit));
	},
	/** A customer's orders in both channels, newest first: the fraud review's history. */
	customerOrders(customerId: string): Promise<CustomerOrder[]> {
		return engines.call((e) => e.signals.customerOrders(customerId));
	},
	/** The Overview's executive summary; null without sales. */
	executiveSummary(filters: KpiFilters): Promise<{ runId: string; report: ExecutiveSummary | null }> {
		return engines.call((e) => e.signals.summary(filters));
	},
	/** Answers a question about the published Gold offline, with the SQL it ran. */
	ask(question: string): Promise<Answer> {
		return engines.call((e) => e.signals.ask(question));
	},
	/** Live mode's panel on the published Gold, and the run it was read from. */
	livePanel(): Promise<{ runId: string; panel: LivePanel }> {
		return engines.call((e) => e.analytics.livePanel());
	},
	/** What the dashboards' filter controls offer. */
	filterOptions(): Promise<FilterOptions> {
		return engines.call((e) => e.analytics.filterOptions());
	}
};

export type EngineApi = typeof api;

Comlink.expose(api);
