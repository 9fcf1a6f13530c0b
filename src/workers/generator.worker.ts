/// <reference lib="webworker" />
// The generator worker: synthetic raw files streamed into the OPFS lake, with progress and cancel.
import * as Comlink from 'comlink';
import type { GeneratorConfig } from '$lib/generate/config';
import { generateRaw, type GenerationProgress, type GenerationSummary } from '$lib/generate/generate-raw';
import type { GenerateMode } from '$lib/generate/lake-batches';
import { openLake } from '$lib/lake/browser-lake';

let running: AbortController | null = null;

const api = {
	/**
	 * Generates one raw batch, replacing the lake's raw files or beside them (`mode`); rejects with an
	 * `AbortError` after `cancel()`, leaving the lake as it was.
	 */
	async generate(
		config: Partial<GeneratorConfig>,
		mode: GenerateMode,
		onProgress: (progress: GenerationProgress) => void
	): Promise<Omit<GenerationSummary, 'truth'>> {
		if (running) throw new Error('A generation is already running in this tab.');
		running = new AbortController();
		try {
			const { store } = await openLake();
			const { truth: _truth, ...summary } = await generateRaw(config, store, {
				mode,
				onProgress,
				signal: running.signal
			});
			return summary;
		} finally {
			running = null;
		}
	},
	cancel(): void {
		running?.abort();
	}
};

export type GeneratorApi = typeof api;

Comlink.expose(api);
