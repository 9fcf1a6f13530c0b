import type { PublishedFigures } from '../../analytics/published-figures';
import type { LakeStore } from '../../lake/lake-store';
import type { SnapshotLeases } from '../../lake/snapshot-leases';
import type { ParquetCodec } from '../../parquet/parquet-codec';
import { inlineParquetEncoder, type ParquetEncoder } from '../../parquet/parquet-encoder';
import type { SqlEngine } from '../../sql/sql-engine';
import type { IngestContext } from '../ingest/ingest-file';
import type {
	GoldStats,
	IngestResult,
	LakeManifest,
	ManifestFile,
	PipelineProgress,
	PipelineStepName,
	QualityReport,
	RawFileRef,
	RunLog,
	SilverStats,
	StepLog
} from '../types';
import { PIPELINE_STEPS } from './default-steps';
import { hashRawFile } from '../ingest/raw-bytes';
import { removeRawFileRows } from '../ingest/bronze-appender';
import { dropPipelineTables, loadPublishedBronze, markBronzeVersion } from './engine-bronze';
import { cleanUpLake, publishedStatus } from './lake-cleanup';
import { nextSequenceAfterAll } from './lake-repair';
import { readLakeJson, writeLakeJson } from './lake-json';
import { bronzeBatchKey, bronzeRejectsKey, figuresPath, qualityReportPath, runLogPath } from './lake-layout';
import { readManifest, writeManifest, type ManifestBody } from './manifest';
import type { PipelineSteps } from './pipeline-steps';
import { RunOutputs } from './publish';
import { runOutputs, stageOutputs } from './publish-outputs';
import { planRawFiles, rawFilesLog, rawWarnings, recordRawFiles, type RawFileVersion } from './raw-plan';
import { newRunId, sqlTimestamp } from './run-id';

export interface PipelineDeps {
	sql: SqlEngine;
	store: LakeStore;
	codec: ParquetCodec;
	/** The clock: the run's id, its times, and the reference time of the future-date check. */
	now?: () => Date;
	/** Versions readers hold: the cleanup after a commit keeps their files. */
	leases?: SnapshotLeases;
	/**
	 * Opens the run's Parquet encoder, closed when the run ends; by default the codec encodes inline. The
	 * browser gives each run a worker of its own, so encoding overlaps DuckDB's export on the second core.
	 */
	encoder?: () => ParquetEncoder;
}

export interface PipelineOptions {
	onProgress?(progress: PipelineProgress): void;
	/** Checked between steps and between files; aborting ends the run `cancelled`. */
	signal?: AbortSignal;
	/**
	 * Rebuild from Raw: the current version (perhaps damaged) is ignored, every raw file is ingested afresh,
	 * and the run commits a first version of its own; until it does, the lake stays as it was.
	 */
	rebuild?: boolean;
}

const NO_RAW_FILES = 'No raw files: generate or import data first';

const PHASES: readonly PipelineStepName[] = ['prepare', 'ingest', 'silver', 'gold', 'quality', 'publish'];

/**
 * One run of the Medallion pipeline (docs/pipeline.md): prepare (clean up after interrupted runs, read the
 * manifest, load the published Bronze into DuckDB if needed), ingest each new raw file, Silver, Gold, the
 * quality report, publish (write every output under this run's own file names, and the dashboards' default
 * figures computed on the new Gold, then commit the manifest).
 * Resolves to the run's log, `succeeded` or, when `signal` aborted it, `cancelled` (nothing published, its
 * files removed). A failure writes the failed log to `_runs/` and rejects with an Error naming the step.
 * The caller holds the pipeline lock (the engine's PipelineService takes the Web Lock; the CLI is one
 * process).
 */
export function runPipeline(
	deps: PipelineDeps,
	options: PipelineOptions = {},
	steps: PipelineSteps = PIPELINE_STEPS
): Promise<RunLog> {
	return new PipelineRun(deps, options, steps).run();
}

class RunCancelled extends Error {}

class StepFailure extends Error {
	constructor(runId: string, step: PipelineStepName, detail: string | undefined, cause: unknown) {
		const where = detail ? `${step} (${detail})` : step;
		super(`Pipeline run ${runId} failed at ${where}: ${messageOf(cause)}`, { cause });
		// A damaged lake keeps its name, so a page across Comlink can offer the repair.
		if ((cause as Error | null)?.name === 'LakeCorruptError') this.name = 'LakeCorruptError';
	}
}

type StepRows = Pick<StepLog, 'rows_in' | 'rows_out' | 'rows_rejected'>;

class PipelineRun {
	readonly #deps: Required<Omit<PipelineDeps, 'leases'>> & Pick<PipelineDeps, 'leases'>;
	readonly #options: PipelineOptions;
	readonly #steps: PipelineSteps;
	readonly #startedAt: Date;
	readonly #startedMs = performance.now();
	readonly #log: RunLog;
	readonly #outputs: RunOutputs;
	/** The sequence the version this run commits takes. */
	#sequence = 1;
	/** Set once the manifest may have been written: from then on this run's files are never removed. */
	#committing = false;
	#phasesDone = 0;
	readonly #encoder: ParquetEncoder;

	constructor(deps: PipelineDeps, options: PipelineOptions, steps: PipelineSteps) {
		this.#deps = {
			...deps,
			now: deps.now ?? (() => new Date()),
			encoder: deps.encoder ?? (() => inlineParquetEncoder(deps.codec))
		};
		this.#options = options;
		this.#steps = steps;
		this.#startedAt = this.#deps.now();
		const runId = newRunId(this.#startedAt);
		this.#log = {
			run_id: runId,
			started_at: this.#startedAt.toISOString(),
			finished_at: null,
			status: 'running',
			steps: [],
			ingestion: [],
			warnings: [],
			quality: null
		};
		this.#outputs = new RunOutputs(deps.store, runId);
		// Opened as the run starts, so a worker's codec is ready by the time the run publishes.
		this.#encoder = this.#deps.encoder();
	}

	get #runId(): string {
		return this.#log.run_id;
	}

	async run(): Promise<RunLog> {
		try {
			const { manifest, rawFiles } = await this.#prepare();
			const raw = await this.#ingest(rawFiles, manifest);
			const silver = await this.#silver();
			const gold = await this.#gold(silver);
			// Reconciled over every file whose rows are in Bronze, this run's and earlier runs'.
			const inBronze = raw.recorded.filter((file) => file.status === 'ingested');
			const quality = await this.#quality(inBronze, silver, gold);
			const published = await this.#publish(manifest, raw, silver, gold, quality);
			// Should this fail, the marker still names the old version and the next run reloads Bronze.
			await settle(() => markBronzeVersion(this.#deps.sql, String(published.sequence)));
			return this.#log;
		} catch (error) {
			return this.#stop(error);
		} finally {
			this.#encoder.close();
		}
	}

	async #prepare(): Promise<{ manifest: LakeManifest | null; rawFiles: RawFileRef[] }> {
		const { sql, store, codec, leases } = this.#deps;
		const prepared = await this.#step(
			'prepare',
			undefined,
			async () => {
				let manifest: LakeManifest | null = null;
				if (this.#options.rebuild) {
					// The damaged version is neither read nor cleaned up: the commit replaces it.
					this.#sequence = await nextSequenceAfterAll(store);
					await dropPipelineTables(sql);
				} else {
					await cleanUpLake(store, leases);
					manifest = await readManifest(store);
					this.#sequence = (manifest?.sequence ?? 0) + 1;
				}
				const rawFiles = await this.#steps.listRawFiles(store);
				if (rawFiles.length === 0 && !manifest) throw new Error(NO_RAW_FILES);
				const loaded = await loadPublishedBronze(sql, store, codec, manifest);
				return { manifest, rawFiles, loaded };
			},
			({ loaded }) => ({ rows_in: loaded, rows_out: loaded, rows_rejected: 0 })
		);
		this.#phasesDone++;
		return prepared;
	}

	/**
	 * Brings Bronze in line with the raw files present (docs/pipeline.md, "Raw files as versions"): hashes
	 * every raw file, takes the rows of deleted and changed files out of the engine's Bronze, and ingests
	 * new and changed files. Returns this run's results and what the next version records about Raw.
	 */
	async #ingest(rawFiles: RawFileRef[], manifest: LakeManifest | null): Promise<RawOutcome> {
		const { sql, store, codec } = this.#deps;
		const recorded = manifest?.ingested ?? [];
		const known = new Map(recorded.map((entry) => [entry.path, entry]));
		const present: RawFileVersion[] = [];
		for (const file of rawFiles) {
			this.#throwIfCancelled();
			this.#report('ingest', file.path, 0);
			// Listed with the size and time it was hashed at: the same bytes, not read again (git's rule).
			const entry = known.get(file.path);
			const same = entry?.size === file.size && entry.modified === file.modified;
			present.push({ ...file, sha256: same ? entry.sha256 : await hashRawFile(store, file.path) });
		}
		const plan = planRawFiles(present, recorded);
		for (const { dataset, path } of plan.remove) await removeRawFileRows(sql, dataset, path);
		const ctx: IngestContext = {
			ingestedAt: sqlTimestamp(this.#startedAt),
			decodeParquet: (bytes) => codec.decode(bytes)
		};
		const results: IngestResult[] = [];
		let rows = 0;
		for (const file of plan.ingest) {
			const result = await this.#step(
				'ingest',
				file.path,
				() => this.#steps.ingestFile(sql, store, file, ctx),
				ingestRows,
				rows
			);
			results.push(result);
			rows += result.rows_raw;
			// Kept current, so a run cancelled or failed mid-way logs what it did.
			this.#log.ingestion = rawFilesLog(plan, results, recorded);
		}
		this.#log.ingestion = rawFilesLog(plan, results, recorded);
		const next = recordRawFiles(plan, results, this.#runId, present);
		this.#log.warnings = rawWarnings(next);
		this.#phasesDone++;
		return {
			ingested: results.filter((result) => result.status === 'ingested'),
			recorded: next,
			removedKeys: plan.remove.flatMap(({ dataset, batch_id }) => [
				bronzeBatchKey(dataset, batch_id),
				bronzeRejectsKey(dataset, batch_id)
			])
		};
	}

	async #silver(): Promise<SilverStats> {
		const referenceTime = sqlTimestamp(this.#startedAt);
		const silver = await this.#step(
			'silver',
			undefined,
			() => this.#steps.buildSilver(this.#deps.sql, { referenceTime }),
			({ datasets }) => ({
				rows_in: sum(datasets.map((d) => d.bronze_rows)),
				rows_out: sum(datasets.map((d) => d.silver_rows)),
				rows_rejected: sum(datasets.map((d) => d.duplicates + sum(Object.values(d.quarantined))))
			})
		);
		this.#phasesDone++;
		return silver;
	}

	/** Counted on the sales lines, the rows Gold reconciles: silver lines = facts + orphans. */
	async #gold(silver: SilverStats): Promise<GoldStats> {
		const gold = await this.#step(
			'gold',
			undefined,
			() => this.#steps.buildGold(this.#deps.sql),
			(stats) => ({
				rows_in: silver.tables.sales_lines ?? 0,
				rows_out: stats.tables.fact_sales ?? 0,
				rows_rejected: stats.orphan_sales
			})
		);
		this.#phasesDone++;
		return gold;
	}

	async #quality(ingestion: IngestResult[], silver: SilverStats, gold: GoldStats): Promise<QualityReport> {
		const input = {
			runId: this.#runId,
			generatedAt: this.#deps.now().toISOString(),
			ingestion,
			silver,
			gold
		};
		const report = await this.#step(
			'quality',
			undefined,
			() => this.#steps.buildQualityReport(this.#deps.sql, input),
			zeroRows
		);
		this.#log.quality = report;
		this.#phasesDone++;
		return report;
	}

	/**
	 * Writes every output under this run's own file names (the publish step's log covers this part), then
	 * commits: the run's log as `publishing`, the manifest (the commit point), the log as final. Then the
	 * files no version needs any more are removed. Returns the manifest committed.
	 */
	async #publish(
		previous: LakeManifest | null,
		raw: RawOutcome,
		silver: SilverStats,
		gold: GoldStats,
		quality: QualityReport
	): Promise<LakeManifest> {
		const { sql, codec, store, leases } = this.#deps;
		let staged = 0;
		const { tables, figures } = await this.#step(
			'publish',
			undefined,
			async () => {
				const outputs = runOutputs(raw.ingested, silver, gold);
				const encoding = { codec, encoder: this.#encoder };
				// Files still being written while the figures are computed count under the figures.
				let detail: 'figures' | undefined;
				const { written } = await stageOutputs(sql, encoding, this.#outputs, outputs, (rows) =>
					this.#report('publish', detail, (staged += rows))
				);
				// While the last outputs are still being encoded (in a worker), DuckDB computes the figures.
				let figures: ManifestFile;
				try {
					await this.#outputs.writeJson(qualityReportPath(this.#runId), quality);
					detail = 'figures';
					this.#report('publish', detail, staged);
					const reports = await this.#steps.buildFigures(sql);
					figures = await this.#outputs.writePublishedJson(figuresPath(this.#runId), {
						run_id: this.#runId,
						reports
					} satisfies PublishedFigures);
				} finally {
					// Every write has ended before the run may commit, or remove what it wrote.
					await written.catch(() => {});
				}
				return { tables: await written, figures };
			},
			() => ({ rows_in: staged, rows_out: staged, rows_rejected: 0 })
		);
		// The last moment a cancel leaves no trace: from the commit on, the run is published.
		this.#throwIfCancelled();
		const publishedAt = this.#deps.now().toISOString();
		this.#log.status = 'publishing';
		this.#log.finished_at = publishedAt;
		let manifest: LakeManifest;
		try {
			await writeLakeJson(store, runLogPath(this.#runId), this.#log);
			this.#committing = true;
			manifest = await writeManifest(
				store,
				nextManifest(previous, this.#sequence, this.#runId, publishedAt, tables, figures, raw)
			);
		} catch (error) {
			this.#log.steps[this.#log.steps.length - 1].error = messageOf(error);
			throw new StepFailure(this.#runId, 'publish', undefined, error);
		}
		this.#log.status = publishedStatus(this.#log);
		// Should these fail, the next run's cleanup settles the log and removes the files.
		await settle(() => writeLakeJson(store, runLogPath(this.#runId), this.#log));
		await settle(() => cleanUpLake(store, leases));
		this.#phasesDone++;
		return manifest;
	}

	/**
	 * Runs one step, timing it and recording its StepLog (unless `rowsOf` gives null: a skipped file).
	 * A failure is recorded with its message and rethrown naming the step.
	 */
	async #step<T>(
		step: PipelineStepName,
		detail: string | undefined,
		work: () => Promise<T>,
		rowsOf: (result: T) => StepRows | null,
		rowsSoFar = 0
	): Promise<T> {
		this.#throwIfCancelled();
		this.#report(step, detail, rowsSoFar);
		const started = performance.now();
		const where = detail === undefined ? { step } : { step, detail };
		let result: T;
		try {
			result = await work();
		} catch (error) {
			this.#log.steps.push({
				...where,
				...zeroRows(),
				duration_ms: msSince(started),
				error: messageOf(error)
			});
			throw new StepFailure(this.#runId, step, detail, error);
		}
		const rows = rowsOf(result);
		if (rows) this.#log.steps.push({ ...where, ...rows, duration_ms: msSince(started) });
		return result;
	}

	/**
	 * Ends a run that did not succeed: its files removed, the engine's pipeline tables dropped, its log
	 * written to `_runs/`. A run that failed while committing may have committed: the cleanup then settles
	 * its log from the manifest, and a run that turned out published resolves as such.
	 */
	async #stop(error: unknown): Promise<RunLog> {
		const { sql, store, leases } = this.#deps;
		const cancelled = error instanceof RunCancelled;
		// The engine may hold Bronze the lake does not: forget it, the next run reloads what was published.
		await settle(() => dropPipelineTables(sql));
		if (this.#committing) {
			await settle(() => cleanUpLake(store, leases));
			const settled = await readLakeJson<RunLog>(store, runLogPath(this.#runId)).catch(() => null);
			if (settled && settled.status !== 'failed' && settled.status !== 'publishing') return settled;
		} else {
			await settle(() => this.#outputs.discard());
		}
		this.#log.status = cancelled ? 'cancelled' : 'failed';
		this.#log.finished_at = this.#deps.now().toISOString();
		if (!cancelled) this.#log.error = messageOf(error);
		await settle(() => writeLakeJson(store, runLogPath(this.#runId), this.#log));
		if (cancelled) return this.#log;
		throw error;
	}

	#throwIfCancelled(): void {
		if (this.#options.signal?.aborted) throw new RunCancelled('The pipeline run was cancelled.');
	}

	#report(step: PipelineStepName, detail: string | undefined, rows: number): void {
		this.#options.onProgress?.({
			run_id: this.#runId,
			step,
			...(detail === undefined ? {} : { detail }),
			rows,
			elapsed_ms: msSince(this.#startedMs),
			steps_done: this.#phasesDone,
			steps_total: PHASES.length
		});
	}
}

/** What a run did to Raw: the files it ingested, what the next version records, Bronze that goes. */
interface RawOutcome {
	ingested: IngestResult[];
	recorded: LakeManifest['ingested'];
	/** Manifest keys of Bronze batches whose raw file was deleted, changed or found a duplicate. */
	removedKeys: string[];
}

/**
 * The next version: the earlier Bronze kept but for the batches that went, this run's Bronze added, Silver
 * and Gold replaced, and Raw as it is now.
 */
function nextManifest(
	previous: LakeManifest | null,
	sequence: number,
	runId: string,
	publishedAt: string,
	tables: LakeManifest['tables'],
	figures: ManifestFile,
	raw: RawOutcome
): ManifestBody {
	const gone = new Set(raw.removedKeys);
	const kept = Object.entries(previous?.tables ?? {}).filter(
		([key]) => key.startsWith('bronze/') && !gone.has(key)
	);
	const merged = { ...Object.fromEntries(kept), ...tables };
	return {
		version: 2,
		sequence,
		run_id: runId,
		published_at: publishedAt,
		previous: previous ? { sequence: previous.sequence, run_id: previous.run_id } : null,
		tables: Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
		ingested: raw.recorded,
		figures
	};
}

function ingestRows(result: IngestResult): StepRows {
	return { rows_in: result.rows_raw, rows_out: result.rows_bronze, rows_rejected: result.rows_rejected };
}

function zeroRows(): StepRows {
	return { rows_in: 0, rows_out: 0, rows_rejected: 0 };
}

function sum(values: number[]): number {
	return values.reduce((total, value) => total + value, 0);
}

function msSince(start: number): number {
	return Math.round(performance.now() - start);
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}

/** Best-effort cleanup: the run's own outcome is what gets reported, not a second failure. */
async function settle(work: () => Promise<unknown>): Promise<void> {
	try {
		await work();
	} catch {
		// Nothing more can be done here; the next run's prepare step cleans up again.
	}
}
