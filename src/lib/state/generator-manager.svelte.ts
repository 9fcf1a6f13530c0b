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

	#api: Comlink.Remote<GeneratorApi> | null = null;

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
			await engine.refreshLake().catch(() => {});
		}
	}

	cancel(): void {
		this.#api?.cancel();
	}

	/** Live mode's side of the worker: open the feed (rejects saying why it cannot), write a batch, close. */
	startLive(): Promise<void> {
		if (this.phase === 'running') return Promise.reject(new Error('Wait for the generation to finish.'));
		return this.#worker().startLive();
	}

	writeLiveBatch(): Promise<LiveBatchWritten> {
		return this.#worker().writeLiveBatch();
	}

	async stopLive(): Promise<void> {
		await this.#api?.stopLive();
	}

	#worker(): Comlink.Remote<GeneratorApi> {
		if (!this.#api) {
			this.#api = Comlink.wrap<GeneratorApi>(
				new Worker(new URL('../../workers/generator.worker.ts', import.meta.url), { type: 'module' })
			);
			shareLakeWith(this.#api);
		}
		return this.#api;
	}
}

export const generator = new GeneratorManager();
