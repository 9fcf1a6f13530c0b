import type { LakeStore } from '../lake/lake-store';
import { writeLakeCurrency } from '../lake/lake-currency';
import { resolveGeneratorConfig, type GeneratorConfig } from './config';
import { landBatch } from '../lake/pending-batch';
import { batchPaths, freeBatchId, type GenerateMode } from './lake-batches';
import { writeProducts, writeStores } from './masters';
import { TRUTH_PATH } from './raw-datasets';
import { RawFiles } from './raw-files';
import { RetailDays } from './retail-days';
import { buildWorld } from './retail-world';
import { buildTruth, type RawTruth } from './truth';

export interface GenerationProgress {
	/** Rows appended so far, all files. */
	linesWritten: number;
	/** Bytes handed to the lake so far. */
	bytesWritten: number;
	/** Share of the date range done, 0 … 1. */
	fraction: number;
}

export interface GenerateOptions {
	/** Called at most every ~100 ms, and once at the end with fraction 1. */
	onProgress?(progress: GenerationProgress): void;
	/** Aborting discards every file of the run (none becomes visible) and rejects with an `AbortError`. */
	signal?: AbortSignal;
	/**
	 * `add` (the default): the new batch lands beside the lake's raw files; `replace`: once it has landed,
	 * every other file under `raw/` is removed, so the next pipeline run's Gold is the new batch only.
	 * Either way the batch id is one no raw file uses (`freeBatchId`), so no file is overwritten.
	 */
	mode?: GenerateMode;
}

export interface GenerationSummary {
	batchId: string;
	truthPath: string;
	/** Raw files removed by `replace` (0 for `add`). */
	filesReplaced: number;
	truth: RawTruth;
	linesWritten: number;
	bytesWritten: number;
	elapsedMs: number;
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * Generates a synthetic retail lake's raw layer into `store`: `raw/<dataset>/<batch_id>.<ext>` for every
 * dataset and `raw/_truth.json` (the truth of the batch generated last). Day by day, streaming ~1 MB chunks, so memory stays flat at any scale.
 * Throws a `GeneratorConfigError` listing every problem with `config` (defaults fill what it omits).
 */
export async function generateRaw(
	config: Partial<GeneratorConfig>,
	store: LakeStore,
	{ onProgress, signal, mode = 'add' }: GenerateOptions = {}
): Promise<GenerationSummary> {
	const started = Date.now();
	const resolved = resolveGeneratorConfig(config);
	throwIfAborted(signal);
	const built = buildWorld(resolved);
	const world = { ...built, batchId: await freeBatchId(store, built.batchId) };
	const files = await RawFiles.open(store, world.batchId);
	try {
		writeProducts(files.writers.products, world.catalog);
		writeStores(files.writers.stores, world.stores);
		const days = new RetailDays(world, files);
		let lastReport = Date.now();
		for (let index = 0; index < days.dayCount; index++) {
			days.generate(index);
			await files.flushFull();
			if (Date.now() - lastReport >= PROGRESS_INTERVAL_MS) {
				// A macrotask, so a worker sees a cancel message that arrived meanwhile.
				await new Promise((resolve) => setTimeout(resolve, 0));
				throwIfAborted(signal);
				onProgress?.({ ...files.totals(), fraction: (index + 1) / days.dayCount });
				lastReport = Date.now();
			}
		}
		throwIfAborted(signal);
		const batch = { files: batchPaths(world.batchId), replace: mode === 'replace', keep: [TRUTH_PATH] };
		const { landed: truth, removed: filesReplaced } = await landBatch(store, batch, async () => {
			await files.close({ pos_sales: days.truncatedTail() });
			await writeLakeCurrency(store, 'INR');
			const truth = buildTruth(world, days.truthCounts(files));
			await store.write(TRUTH_PATH, new TextEncoder().encode(`${JSON.stringify(truth, null, '\t')}\n`));
			return truth;
		});
		const totals = files.totals();
		onProgress?.({ ...totals, fraction: 1 });
		return {
			batchId: world.batchId,
			truthPath: TRUTH_PATH,
			filesReplaced,
			truth,
			...totals,
			elapsedMs: Date.now() - started
		};
	} catch (error) {
		await files.abort();
		throw error;
	}
}

function throwIfAborted(signal: AbortSignal | undefined): void {
	if (signal?.aborted) throw new DOMException('Generation was cancelled.', 'AbortError');
}
