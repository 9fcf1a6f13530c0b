import * as Comlink from 'comlink';
import type { GeneratorApi } from '../../workers/generator.worker';
import type { GeneratorConfig } from '$lib/generate/config';
import type { GenerationProgress } from '$lib/generate/generate-raw';
import type { GenerateMode } from '$lib/generate/lake-batches';
import type { LiveBatchWritten } from '$lib/generate/live-batches';
import { formatError } from '$lib/format';
import { deviceStorage } from './device-storage.svelte';
import { engine } from './engine-manager.svelte';
import { shareLakeWith } from './shared-lake';

type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface GenerationResult {
	batchId: string;
	/** Raw files removed by a replace. */
	filesReplaced: number;
	linesWritten: number;
	bytesWritten: number;
	elapsedMs: number;
}

/** Main-thread side of the generator worker: one run at a time, its progress, and its outcome. */
class GeneratorManager {
	phase = $state<Phase>('idle');
	progress = $state<GenerationProgress>({ linesWritten: 0, bytesWritten: 0, fraction: 0 });
	startedAt = $state(0);
	now = $state(0);
	result = $state<GenerationResult | null>(null);
	error = $state<string | null>(null);

	/** Milliseconds left, extrapolated from the share of the date range done; null until it means something. */
	readonly etaMs = $derived.by(() => {
		const { fraction } = this.progress;
		const elapsed = this.now - this.startedAt;
		return fraction > 0.02 && fraction < 1 ? (elapsed / fraction) * (1 - fraction) : null;
	});

	#thread: { api: Comlink.Remote<GeneratorApi>; worker: Worker; closeLake: () => void } | null = null;
	/** Whether live mode's feed is open in the worker (it keeps the world it draws batches from). */
	#liveOpen = false;

	/** `mode`: what to do with the lake's raw files (see `GenerateMode`). */
	async generate(config: Partial<GeneratorConfig>, mode: GenerateMode = 'add'): Promise<void> {
		if (this.phase === 'running') return;
		this.phase = 'running';
		this.error = null;
		this.result = null;
		this.progress = { linesWritten: 0, bytesWritten: 0, fraction: 0 };
		this.startedAt = this.now = performance.now();
		try {
			deviceStorage.beforeFirstWrite();
			this.result = await this.#worker().generate(
				$state.snapshot(config),
				mode,
				Comlink.proxy((progress: GenerationProgress) => {
					this.progress = progress;
					this.now = performance.now();
				})
			);
			this.phase = 'done';
		} catch (e) {
			if (e instanceof Error && e.name === 'AbortError') {
				this.phase = 'cancelled';
			} else {
				this.error = formatError('Generating the data failed', e, 'Check the settings and try again.');
				this.phase = 'error';
			}
		} finally {
			this.#releaseIdleWorker();
			await engine.refreshLake().catch(() => {});
		}
	}

	cancel(): void {
		this.#thread?.api.cancel();
	}

	/** Live mode's side of the worker: open the feed (rejects saying why it cannot), write a batch, close. */
	startLive(): Promise<void> {
		if (this.phase === 'running') return Promise.reject(new Error('Wait for the generation to finish.'));
		const started = this.#worker().startLive();
		this.#liveOpen = true;
		return started.catch((error: unknown) => {
			this.#liveOpen = false;
			this.#releaseIdleWorker();
			throw error;
		});
	}

	writeLiveBatch(): Promise<LiveBatchWritten> {
		return this.#worker().writeLiveBatch();
	}

	async stopLive(): Promise<void> {
		try {
			await this.#thread?.api.stopLive();
		} finally {
			this.#liveOpen = false;
			this.#releaseIdleWorker();
		}
	}

	#worker(): Comlink.Remote<GeneratorApi> {
		if (!this.#thread) {
			const worker = new Worker(new URL('../../workers/generator.worker.ts', import.meta.url), {
				type: 'module'
			});
			const api = Comlink.wrap<GeneratorApi>(worker);
			this.#thread = { api, worker, closeLake: shareLakeWith(api) };
		}
		return this.#thread.api;
	}

	/**
	 * Ends the worker once nothing runs in it: after a generation it still holds the world it drew from and
	 * its garbage (100–170 MB at 1M lines, measured while the pipeline ran next: docs/benchmark.md). Keeping it
	 * saved nothing: a generation, and live mode's start, build their world afresh in whichever worker.
	 */
	#releaseIdleWorker(): void {
		if (this.phase === 'running' || this.#liveOpen || !this.#thread) return;
		this.#thread.worker.terminate();
		this.#thread.closeLake();
		this.#thread = null;
	}
}

export const generator = new GeneratorManager();
