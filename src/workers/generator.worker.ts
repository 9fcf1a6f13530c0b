/// <reference lib="webworker" />
// The generator worker: synthetic raw files streamed into the OPFS lake, with progress and cancel.
import * as Comlink from 'comlink';
import type { GeneratorConfig } from '$lib/generate/config';
import { generateRaw, type GenerationProgress, type GenerationSummary } from '$lib/generate/generate-raw';
import type { GenerateMode } from '$lib/generate/lake-batches';
import { LiveFeed, type LiveBatchWritten } from '$lib/generate/live-batches';
import { connectSharedLake, openLake } from '$lib/lake/browser-lake';
import type { LakeStore } from '$lib/lake/lake-store';
import { BATCH_LOCK } from '$lib/lake/pending-batch';

let running: AbortController | null = null;
/** Live mode's feed and lake, opened by `startLive` and kept until `stopLive`. */
let live: { feed: LiveFeed; store: LakeStore } | null = null;

const api = {
	/** Without OPFS: the tab's in-memory lake, which the page holds (see `shareLakeWith`). */
	connectLake(port: MessagePort): void {
		connectSharedLake(port);
	},
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
			const signal = running.signal;
			const generate = async () => {
				const { truth: _truth, ...summary } = await generateRaw(config, store, { mode, onProgress, signal });
				return summary;
			};
			// Held while the batch lands, so another tab opening the lake does not settle it meanwhile.
			return 'locks' in navigator ? await navigator.locks.request(BATCH_LOCK, generate) : await generate();
		} finally {
			running = null;
		}
	},
	cancel(): void {
		running?.abort();
	},
	/**
	 * Opens live mode's feed on the lake's generated world; rejects with a `LiveUnavailableError` saying
	 * why when there is none (no generated data, or a range that ends after today).
	 */
	async startLive(): Promise<void> {
		if (running) throw new Error('A generation is running in this tab: wait for it, then start live mode.');
		const { store } = await openLake();
		live = { feed: await LiveFeed.open(store), store };
	},
	/** Writes the next live batch of web orders into `raw/web_orders/` (one file, atomically). */
	async writeLiveBatch(): Promise<LiveBatchWritten> {
		if (!live) throw new Error('Live mode is not started.');
		return live.feed.writeNext(live.store);
	},
	stopLive(): void {
		live = null;
	}
};

export type GeneratorApi = typeof api;

Comlink.expose(api);
