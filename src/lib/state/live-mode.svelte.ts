import type { LivePanel } from '$lib/analytics/live-panel';
import { LIVE_BATCH_SECONDS } from '$lib/generate/live-orders';
import type { LiveBatchWritten } from '$lib/generate/live-batches';
import { formatError } from '$lib/format';
import type { PipelineStepName } from '$lib/pipeline/types';
import { engine } from './engine-manager.svelte';
import { generator } from './generator-manager.svelte';
import { pipeline } from './pipeline-manager.svelte';

/** What live mode is doing: off, opening the feed, writing a batch, running the pipeline, waiting. */
export type LivePhase = 'off' | 'starting' | 'writing' | 'ingesting' | 'waiting';

/** One batch's trip: the file, when it landed (epoch ms), and how long each part took. */
export interface LiveBatchRecord extends LiveBatchWritten {
	/** `Date.now()` when the batch file had landed in the lake. */
	writtenAt: number;
	/** The pipeline run that published it, and its steps' durations. */
	runId: string;
	runMs: number;
	stepMs: Partial<Record<PipelineStepName, number>>;
}

/** A batch starts every this many milliseconds, or as soon as the last one is published when that takes longer. */
export const LIVE_INTERVAL_MS = LIVE_BATCH_SECONDS * 1000;

/**
 * Live mode: a loop that has the generator worker append a micro-batch of web orders, runs the pipeline
 * on it (only the new file is ingested) and publishes, then waits for the next tick. Stopping lets the
 * batch in flight finish its run, so the lake stops published and consistent. Pages follow the new Gold
 * through the lake listing, as after any run.
 */
class LiveMode {
	phase = $state<LivePhase>('off');
	/** Whether a stop was asked for while a batch is in flight. */
	stopping = $state(false);
	/** Why live mode cannot start or stopped on its own, as a sentence. */
	error = $state<string | null>(null);
	/** Batches and orders published since live mode was last started. */
	batches = $state(0);
	orders = $state(0);
	last = $state.raw<LiveBatchRecord | null>(null);
	/** The panel's figures on the published Gold, and the run they were read from. */
	panel = $state.raw<LivePanel | null>(null);
	panelRun = $state<string | null>(null);

	readonly on = $derived(this.phase !== 'off');

	#wake: (() => void) | null = null;
	#panelRequest = 0;

	async start(): Promise<void> {
		if (this.phase !== 'off') return;
		this.phase = 'starting';
		this.stopping = false;
		this.error = null;
		this.batches = 0;
		this.orders = 0;
		try {
			await generator.startLive();
		} catch (e) {
			this.error = formatError('Live mode cannot start', e, 'Generate data on this page, then try again.');
			this.phase = 'off';
			return;
		}
		void this.#loop();
	}

	/** Stops after the batch in flight is published (at once when between batches). */
	stop(): void {
		if (this.phase === 'off') return;
		this.stopping = true;
		this.#wake?.();
	}

	async #loop(): Promise<void> {
		try {
			while (!this.stopping) {
				const started = performance.now();
				// A run started by hand goes first: the lock allows one run at a time.
				while (pipeline.phase === 'running') await sleep(200);
				this.phase = 'writing';
				const written = await generator.writeLiveBatch();
				const writtenAt = Date.now();
				this.phase = 'ingesting';
				await pipeline.run();
				const log = pipeline.lastRun;
				if (pipeline.phase !== 'done' || !log) {
					this.error = pipeline.error ?? 'The pipeline run was cancelled: live mode stopped.';
					break;
				}
				this.last = { ...written, writtenAt, ...runTimes(log) };
				this.batches++;
				this.orders += written.orders;
				void this.refreshPanel();
				if (this.stopping) break;
				this.phase = 'waiting';
				await this.#pause(LIVE_INTERVAL_MS - (performance.now() - started));
			}
		} catch (e) {
			this.error = formatError(
				'Live mode stopped',
				e,
				'Start it again; the lake keeps every batch published so far.'
			);
		} finally {
			await generator.stopLive().catch(() => {});
			this.phase = 'off';
			this.stopping = false;
		}
	}

	/** Reads the panel's figures from the published Gold (a newer request wins). */
	async refreshPanel(): Promise<void> {
		const request = ++this.#panelRequest;
		try {
			const { runId, panel } = await (await engine.api()).livePanel();
			if (request !== this.#panelRequest) return;
			this.panel = panel;
			this.panelRun = runId;
		} catch {
			// No Gold yet: the panel says so from `panel` being null.
			if (request === this.#panelRequest) this.panel = null;
		}
	}

	#pause(ms: number): Promise<void> {
		return new Promise<void>((resolve) => {
			const timer = setTimeout(done, Math.max(0, ms));
			function done() {
				clearTimeout(timer);
				resolve();
			}
			this.#wake = done;
		}).finally(() => (this.#wake = null));
	}
}

function runTimes(
	log: NonNullable<typeof pipeline.lastRun>
): Pick<LiveBatchRecord, 'runId' | 'runMs' | 'stepMs'> {
	const stepMs: LiveBatchRecord['stepMs'] = {};
	for (const step of log.steps) stepMs[step.step] = (stepMs[step.step] ?? 0) + step.duration_ms;
	const runMs = log.finished_at ? Date.parse(log.finished_at) - Date.parse(log.started_at) : 0;
	return { runId: log.run_id, runMs, stepMs };
}

function sleep(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

export const live = new LiveMode();
