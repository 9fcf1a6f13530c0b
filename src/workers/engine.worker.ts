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

// Started by the first call, so a lake the page hands over (`connectLake`) comes first.
let booting: Promise<Engine> | null = null;
const booted = () => (booting ??= boot());
const service = async () => (await booted()).service;
const pipeline = async () => (await booted()).pipeline;
const explorer = async () => (await booted()).explorer;
const analytics = async () => (await booted()).analytics;
const basket = async () => (await booted()).basket;
const signals = async () => (await booted()).signals;

const api = {
	/** Without OPFS: the tab's in-memory lake, which the page holds (see `shareLakeWith`). */
	connectLake(port: MessagePort): void {
		connectSharedLake(port);
	},
	async status(): Promise<EngineStatus> {
		return (await booted()).status;
	},
	async query(sql: string, options?: QueryOptions): Promise<TimedQueryResult> {
		return (await analytics()).consoleQuery(sql, options);
	},
	async listLake(prefix?: string): Promise<LakeFileInfo[]> {
		return (await service()).listLake(prefix);
	},
	async writeParquet(path: string, sql: string): Promise<LakeFileInfo> {
		return (await service()).writeParquet(path, sql);
	},
	async loadParquet(path: string, table: string): Promise<number> {
		return (await service()).loadParquet(path, table);
	},
	/** The file as a Blob the page can save (a published table by its friendly name). */
	async download(path: string): Promise<Blob> {
		return (await service()).download(path);
	},
	/** Every file under `prefix` (e.g. `gold/`) in one zip, published tables under their friendly names. */
	async downloadZip(prefix: string): Promise<Blob> {
		return (await service()).downloadZip(prefix);
	},
	/**
	 * One run under the cross-tab lock; fails with a `PipelineBusyError` while another tab runs.
	 * `rebuild`: rebuild the lake from its raw files, ignoring the current (perhaps damaged) version.
	 */
	async runPipeline(onProgress: (progress: PipelineProgress) => void, rebuild = false): Promise<RunLog> {
		const run = (await pipeline()).run(onProgress, { rebuild });
		(await analytics()).duringPipelineRun(run);
		return run;
	},
	/** Another tab announced a published version: the next request reads the manifest again. */
	async manifestChanged(): Promise<void> {
		(await analytics()).manifestChanged();
	},
	/** Rolls the lake back to the newest earlier version that is whole. */
	async rollBackLake(): Promise<LakeManifest> {
		const rollBack = (await pipeline()).rollBack();
		(await analytics()).duringRun(rollBack);
		return rollBack;
	},
	/** Every file the lake holds and their bytes: what clearing it would free. */
	async lakeSize(): Promise<LakeSize> {
		return (await pipeline()).size();
	},
	/** Empties the lake: every file, every layer's version, logs, reports and saved results. */
	async clearLake(): Promise<LakeSize> {
		const clear = (await pipeline()).clear();
		(await analytics()).duringRun(clear);
		return clear;
	},
	/** Every file of the lake in one backup zip; `onProgress` (a `Comlink.proxy`) hears each file. */
	async backupLake(onProgress?: (progress: BackupProgress) => void): Promise<Blob> {
		return (await pipeline()).backup(onProgress);
	},
	/** Replaces the lake's files with a backup's once it proved whole; `cancelPipeline` stops it while unpacking. */
	async restoreLake(backup: Blob, onProgress?: (progress: BackupProgress) => void): Promise<RestoreResult> {
		const restore = (await pipeline()).restore(backup, onProgress);
		(await analytics()).duringRun(restore);
		return restore;
	},
	/** What is wrong with the lake, naming the file, or null. */
	async lakeProblem(): Promise<string | null> {
		return (await pipeline()).problem();
	},
	async cancelPipeline(): Promise<void> {
		(await pipeline()).cancel();
	},
	/** Every run's log, newest first. */
	async runs(): Promise<RunLog[]> {
		return (await pipeline()).runs();
	},
	async manifest(): Promise<LakeManifest | null> {
		return (await pipeline()).manifest();
	},
	/** A run's quality report; the published run's when `runId` is omitted. */
	async qualityReport(runId?: string): Promise<QualityReport | null> {
		return (await pipeline()).qualityReport(runId);
	},
	/** A page of a lake Parquet file's rows, filtered and sorted. */
	async tableRows(path: string, options: TableRowsOptions): Promise<TablePage> {
		return (await explorer()).rows(path, options);
	},
	async columnStats(path: string): Promise<TableStats> {
		return (await explorer()).stats(path);
	},
	/** A dashboard page's KPIs on the published Gold, filtered, with the run that published it. */
	async report<P extends DashboardPage>(
		page: P,
		filters: KpiFilters,
		options?: ReportOptions
	): Promise<VersionedReport<P>> {
		return (await analytics()).report(page, filters, options);
	},
	/** A page of the latest snapshot's reorder alerts. */
	async reorderAlerts(filters: KpiFilters, query: ReorderAlertQuery): Promise<ReorderAlertPage> {
		return (await analytics()).reorderAlerts(filters, query);
	},
	/** Every reorder alert as CSV. */
	async reorderAlertsCsv(filters: KpiFilters): Promise<string> {
		return (await analytics()).reorderAlertsCsv(filters);
	},
	/** A basket level's transactions on the published Gold, their buffers handed over (not copied). */
	async basketInput(level: BasketLevel, filters: KpiFilters): Promise<BasketInput> {
		const input = await (await basket()).input(level, filters);
		const { offsets, items } = input.transactions;
		return Comlink.transfer(input, [offsets.buffer, items.buffer]);
	},
	/** The most recent transactions holding every one of the items, and how many there are. */
	async basketSupporting(
		level: BasketLevel,
		filters: KpiFilters,
		itemIds: number[],
		limit?: number
	): Promise<SupportingTransactions> {
		return (await basket()).supporting(level, filters, itemIds, limit);
	},
	/** Saves a mining result in the lake beside its Gold run; resolves to the rules file's path. */
	async saveBasketResult(result: BasketResult): Promise<string> {
		return (await basket()).save(result);
	},
	/** The newest saved mining result of a level (it may be of an older Gold run), or null. */
	async savedBasketResult(level: BasketLevel): Promise<BasketResult | null> {
		return (await basket()).saved(level);
	},
	/** Loads what a first category filter reads once the pages are quiet; resolves to whether it did. */
	async preloadCategorySums(): Promise<boolean> {
		return (await analytics()).preloadCategorySums();
	},
	/** The flagged quantity spikes among the sales the other filters select (the filter bar's notice). */
	async spikeSummary(filters: KpiFilters): Promise<SpikeSummary> {
		return (await analytics()).spikeSummary(filters);
	},
	/** The daily series the forecast trains on, as typed arrays, and the published run they come from. */
	async forecastSeries(): Promise<{ runId: string; series: DailySeries }> {
		return (await analytics()).forecastSeries();
	},
	/**
	 * The Anomalies or Fraud page's report on the published Gold. Detection runs once per run; while it does,
	 * `onProgress` (a `Comlink.proxy`) hears each step.
	 */
	async signalsReport<P extends SignalsPage>(
		page: P,
		filters: KpiFilters,
		onProgress?: (progress: DetectionProgress) => void
	): Promise<{ runId: string; report: SignalsReports[P] }> {
		return (await signals()).report(page, filters, onProgress);
	},
	/** Stops the detection under way; the requests waiting for it fail with `DetectionCancelled`. */
	async cancelDetection(): Promise<void> {
		(await signals()).cancelDetection();
	},
	/** The sales lines behind an anomaly, newest first. */
	async anomalyLines(drill: AnomalyDrill, limit?: number): Promise<AnomalyLines> {
		return (await signals()).anomalyLines(drill, limit);
	},
	/** A customer's orders in both channels, newest first: the fraud review's history. */
	async customerOrders(customerId: string): Promise<CustomerOrder[]> {
		return (await signals()).customerOrders(customerId);
	},
	/** The Overview's executive summary; null without sales. */
	async executiveSummary(filters: KpiFilters): Promise<{ runId: string; report: ExecutiveSummary | null }> {
		return (await signals()).summary(filters);
	},
	/** Answers a question about the published Gold offline, with the SQL it ran. */
	async ask(question: string): Promise<Answer> {
		return (await signals()).ask(question);
	},
	/** Live mode's panel on the published Gold, and the run it was read from. */
	async livePanel(): Promise<{ runId: string; panel: LivePanel }> {
		return (await analytics()).livePanel();
	},
	/** What the dashboards' filter controls offer. */
	async filterOptions(): Promise<FilterOptions> {
		return (await analytics()).filterOptions();
	}
};

export type EngineApi = typeof api;

Comlink.expose(api);
