import {
	backupLake,
	finishInterruptedRestore,
	restoreLake,
	type BackupProgress,
	type RestoreResult
} from './lake-backup';
import type { LakeService } from './lake-service';
import { localLeases, type SnapshotLeases } from '$lib/lake/snapshot-leases';
import type { ParquetEncoder } from '$lib/parquet/parquet-encoder';
import { cleanUpLake } from '$lib/pipeline/run/lake-cleanup';
import { clearLake, forgetPipelineTables, lakeSize, type LakeSize } from '$lib/pipeline/run/lake-clear';
import { lakeProblem, rollBack } from '$lib/pipeline/run/lake-repair';
import { listRuns, readManifest, readQualityReport } from '$lib/pipeline/run/lake-state';
import { runPipeline } from '$lib/pipeline/run/run-pipeline';
import type { LakeManifest, PipelineProgress, QualityReport, RunLog } from '$lib/pipeline/types';

import { PIPELINE_LOCK } from './pipeline-lock';
import { throttleProgress } from './progress-throttle';

export { PIPELINE_LOCK };

/** What a run needs of the Web Locks API (`navigator.locks`); without it, only this engine is guarded. */
export type PipelineLocks = Pick<LockManager, 'request'>;

/** Thrown when another tab holds the pipeline lock. Crosses Comlink with its `name` intact. */
export class PipelineBusyError extends Error {
	override name = 'PipelineBusyError';

	constructor() {
		super('A pipeline run is already in progress in another tab.');
	}
}

/** Progress is passed on at most this often (a new step or file always goes at once), so a page is not flooded. */
const PROGRESS_EVERY_MS = 100;

/** Runs the pipeline over one engine's lake, one run at a time across tabs, and reads what runs left behind. */
export class PipelineService {
	#running: AbortController | null = null;

	/**
	 * `openEncoder` gives each run a Parquet encoder on another thread (the engine worker's Parquet worker),
	 * so encoding overlaps DuckDB's export at publish; without it a run encodes inline (docs/pipeline.md).
	 */
	constructor(
		private readonly lake: LakeService,
		private readonly locks?: PipelineLocks,
		private readonly leases: SnapshotLeases = localLeases(),
		private readonly openEncoder?: () => ParquetEncoder
	) {}

	/**
	 * One run under the lock; resolves with its log (also for a failed or cancelled run that got that far).
	 * `rebuild`: rebuild the lake from its raw files, ignoring the current (perhaps damaged) version.
	 */
	async run(
		onProgress?: (progress: PipelineProgress) => void,
		options: { rebuild?: boolean } = {}
	): Promise<RunLog> {
		const { sql, store, codec } = this.lake;
		const progress = onProgress && throttleProgress(onProgress, PROGRESS_EVERY_MS);
		return this.#exclusive(async (signal) => {
			try {
				return await runPipeline(
					{ sql, store, codec, leases: this.leases, encoder: this.openEncoder },
					{ onProgress: progress?.report, signal, rebuild: options.rebuild }
				);
			} finally {
				progress?.stop();
			}
		});
	}

	/** Rolls the lake back to the newest earlier version that is whole (see `rollBack`), under the lock. */
	rollBack(): Promise<LakeManifest> {
		return this.#exclusive(() => rollBack(this.lake.store, this.leases));
	}

	/** Every file the lake holds and their bytes: what clearing it would free. */
	size(): Promise<LakeSize> {
		return lakeSize(this.lake.store);
	}

	/** Empties the lake (see `clearLake`) under the lock, so no run is writing meanwhile. */
	clear(): Promise<LakeSize> {
		return this.#exclusive(() => clearLake(this.lake.store, this.lake.sql));
	}

	/** Every file of the lake in one backup zip (see `lake-backup.ts`), under the lock so no run writes meanwhile. */
	backup(onProgress?: (progress: BackupProgress) => void): Promise<Blob> {
		return this.#exclusive((signal) => backupLake(this.lake.store, { onProgress, signal }));
	}

	/**
	 * Replaces the lake's files with a backup's, under the lock, once the backup proved whole; the engine's
	 * pipeline tables are dropped, since they held the replaced version. `cancel()` stops it while unpacking.
	 */
	restore(backup: Blob, onProgress?: (progress: BackupProgress) => void): Promise<RestoreResult> {
		return this.#exclusive(async (signal) => {
			const result = await restoreLake(this.lake.store, backup, { onProgress, signal });
			await forgetPipelineTables(this.lake.sql);
			return result;
		});
	}

	/** What is wrong with the lake, naming the file, or null (a quick check of the manifest and file sizes). */
	problem(): Promise<string | null> {
		return lakeProblem(this.lake.store);
	}

	/** Runs `work` as this tab's one pipeline task, under the cross-tab lock when there is one. */
	async #exclusive<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
		if (this.#running) throw new Error('A pipeline run is already in progress in this tab.');
		const controller = (this.#running = new AbortController());
		try {
			if (!this.locks) return await work(controller.signal);
			return await this.locks.request(PIPELINE_LOCK, { ifAvailable: true }, (lock) => {
				if (!lock) throw new PipelineBusyError();
				return work(controller.signal);
			});
		} finally {
			this.#running = null;
		}
	}

	/**
	 * Cleans up what an interrupted run left (a closed tab, a crash) as soon as an engine starts, and finishes
	 * a restore that was verified but not done replacing files (or drops one that was not verified). Skipped
	 * while another tab runs the pipeline: its files are not yet in any manifest. A damaged lake is left as
	 * it is (`problem()` tells, and the page offers the repair).
	 */
	async recover(): Promise<void> {
		const recover = async () => {
			await finishInterruptedRestore(this.lake.store);
			await cleanUpLake(this.lake.store, this.leases).catch((error) => {
				if ((error as Error | null)?.name !== 'LakeCorruptError') throw error;
			});
		};
		if (!this.locks) {
			await recover();
			return;
		}
		await this.locks.request(PIPELINE_LOCK, { ifAvailable: true }, async (lock) => {
			if (lock) await recover();
		});
	}

	/** Asks the run in progress, if any, to stop at its next checkpoint. */
	cancel(): void {
		this.#running?.abort();
	}

	runs(): Promise<RunLog[]> {
		return listRuns(this.lake.store);
	}

	manifest(): Promise<LakeManifest | null> {
		return readManifest(this.lake.store);
	}

	/** The report of `runId`, or of the run that published the lake's current layers when omitted. */
	async qualityReport(runId?: string): Promise<QualityReport | null> {
		const id = runId ?? (await this.manifest())?.run_id;
		return id ? readQualityReport(this.lake.store, id) : null;
	}
}
