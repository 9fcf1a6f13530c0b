import * as Comlink from 'comlink';
import { formatError } from '$lib/format';
import type {
	LakeManifest,
	PipelineProgress,
	PipelineStepName,
	QualityReport,
	RunLog
} from '$lib/pipeline/types';
import { engine } from './engine-manager.svelte';
import { announcePublished, announceRunStarted } from './published-channel';
import { publishedLake } from './published-lake.svelte';

type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** A step of the run in progress, as its progress reports left it. */
export interface StepProgress {
	step: PipelineStepName;
	/** e.g. the raw file being ingested. */
	detail?: string;
	rows: number;
	/** Run time when the step first reported. */
	startedMs: number;
}

/** Main-thread side of pipeline runs: the run in progress, its outcome, and what past runs left in the lake. */
class PipelineManager {
	phase = $state<Phase>('idle');
	/** `performance.now()` when the run in progress started, for a live clock. */
	startedAt = $state(0);
	/** Whether the run in progress has been asked to stop. */
	cancelling = $state(false);
	progress = $state<PipelineProgress | null>(null);
	/** The steps reported so far by the run in progress (or the last one), in order. */
	steps = $state<StepProgress[]>([]);
	/** The log of the run this page started last. */
	lastRun = $state<RunLog | null>(null);
	/** Why the last run failed, as a sentence. */
	error = $state<string | null>(null);
	/**
	 * The run the SQL engine stopped in on a WebAssembly trap, when the run in progress (or the last one)
	 * is its rerun on a fresh engine.
	 */
	restartedAfter = $state<string | null>(null);
	/** Why the run history could not be read, as a sentence. */
	historyError = $state<string | null>(null);
	/** Every run's log, newest first. */
	runs = $state<RunLog[]>([]);
	manifest = $state<LakeManifest | null>(null);
	/** The quality report of the published run. */
	report = $state<QualityReport | null>(null);
	/** Whether runs, manifest and report have been read at least once. */
	loaded = $state(false);
	/** Whether a rollback is in progress. */
	rollingBack = $state(false);
	/** The outcome of the last rollback, as a sentence. */
	repairNote = $state<string | null>(null);

	/** Runs the pipeline; `rebuild` rebuilds the lake from its raw files, ignoring the current version. */
	async run(rebuild = false): Promise<void> {
		if (this.phase === 'running') return;
		this.phase = 'running';
		this.startedAt = performance.now();
		this.cancelling = false;
		this.error = null;
		this.progress = null;
		this.steps = [];
		this.lastRun = null;
		this.restartedAfter = null;
		try {
			const api = await engine.api();
			const log = await api.runPipeline(
				Comlink.proxy((progress: PipelineProgress) => this.#track(progress)),
				rebuild
			);
			this.lastRun = log;
			this.#settle(log);
			if (log.status === 'succeeded' || log.status === 'succeeded_with_warnings') {
				engine.notePublished(log.run_id);
				announcePublished(log.run_id);
			}
		} catch (e) {
			this.#fail(e);
		} finally {
			await Promise.all([engine.refreshLake(), this.refresh(), publishedLake.read()]).catch(() => {});
		}
	}

	/** Makes the newest earlier version whose files are all intact the current one again. */
	async rollBack(): Promise<void> {
		if (this.phase === 'running' || this.rollingBack) return;
		this.rollingBack = true;
		this.repairNote = null;
		try {
			const restored = await (await engine.api()).rollBackLake();
			this.repairNote = `Rolled back: the lake publishes run ${restored.run_id} again.`;
			announcePublished(restored.run_id);
			this.error = null;
			this.phase = 'idle';
		} catch (e) {
			this.repairNote = formatError(
				'The lake could not be rolled back',
				e,
				'Rebuild it from its raw files instead.'
			);
		} finally {
			this.rollingBack = false;
			await Promise.all([engine.refreshLake(), this.refresh()]).catch(() => {});
		}
	}

	cancel(): void {
		if (this.phase !== 'running') return;
		this.cancelling = true;
		engine
			.api()
			.then((api) => api.cancelPipeline())
			.catch(() => {});
	}

	/** Reads the run logs, the manifest and the published run's quality report again. */
	async refresh(): Promise<void> {
		try {
			const api = await engine.api();
			engine.problem = await api.lakeProblem();
			const [runs, manifest, report] = await Promise.all([
				api.runs(),
				engine.problem ? null : api.manifest(),
				engine.problem ? null : api.qualityReport()
			]);
			this.runs = runs;
			this.manifest = manifest;
			this.report = report;
			this.historyError = null;
		} catch (e) {
			this.historyError = formatError(
				'The pipeline’s run history could not be read',
				e,
				'Reload the page; if it keeps failing, run the pipeline again to rewrite it.'
			);
		} finally {
			this.loaded = true;
		}
	}

	#track(progress: PipelineProgress): void {
		// The first report comes from inside the pipeline lock: other tabs that look now see the run.
		if (!this.progress) announceRunStarted();
		else if (this.progress.run_id !== progress.run_id) this.#rerun(this.progress.run_id);
		this.progress = progress;
		const current = this.steps.at(-1);
		if (current?.step === progress.step) {
			current.detail = progress.detail;
			current.rows = progress.rows;
		} else {
			this.steps.push({
				step: progress.step,
				detail: progress.detail,
				rows: progress.rows,
				startedMs: progress.elapsed_ms
			});
		}
	}

	/** The engine trapped in run `failedRunId` and runs it again on a fresh engine, as a run of its own. */
	#rerun(failedRunId: string): void {
		this.restartedAfter = failedRunId;
		this.steps = [];
		this.startedAt = performance.now();
	}

	/** A run that ends resolves `succeeded` (perhaps with warnings) or `cancelled`; one that fails rejects. */
	#settle(log: RunLog): void {
		if (log.status === 'succeeded' || log.status === 'succeeded_with_warnings') this.phase = 'done';
		else if (log.status === 'cancelled') this.phase = 'cancelled';
		else this.#fail(log.error);
	}

	#fail(e: unknown): void {
		if (e instanceof Error && e.name === 'LakeCorruptError') engine.problem = e.message;
		this.error =
			e instanceof Error && e.name === 'PipelineBusyError'
				? `${e.message} Wait for it to finish there, then run it here again.`
				: formatError(
						'The pipeline run failed',
						e,
						e instanceof Error && e.name === 'EngineTrapError'
							? 'The layers of the previous run are unchanged; run it again.'
							: 'The layers of the previous run are unchanged; check the raw files and run it again.'
					);
		this.phase = 'error';
	}
}

export const pipeline = new PipelineManager();
