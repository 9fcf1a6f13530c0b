import { LakeNotFoundError, type LakeStore } from './lake-store';

/**
 * A batch of raw files lands as one: written beside the lake, it becomes visible file by file, and a replace
 * then removes the other raw files. Closed midway (a tab, a crash, a full disk), the lake would hold part of
 * the new batch, or the new batch beside the data it replaces, and the next run would mix them. So the batch
 * is announced first (`_pending-batch.json`), and whoever opens the lake next settles it: every file landed,
 * the batch is finished (the replace done); else the files that landed go, and Raw is as it was.
 */
export const PENDING_BATCH_PATH = '_pending-batch.json';

/** The Web Lock a tab holds while it lands a batch, so no other tab settles it meanwhile. */
export const BATCH_LOCK = 'retail-data-hub:raw-batch';

export interface PendingBatch {
	/** The batch's raw files. */
	files: string[];
	/** Whether every other raw file goes once the batch has landed (but `keep`). */
	replace: boolean;
	/** Raw files a replace keeps besides the batch's (the generator's truth). */
	keep: string[];
}

/**
 * Runs `land`, which makes every file of `batch` visible, then does the replace; resolves to what `land`
 * did and how many raw files the replace removed. A `land` that fails leaves the lake as
 * `settlePendingBatch` leaves it.
 */
export async function landBatch<T>(
	store: LakeStore,
	batch: PendingBatch,
	land: () => Promise<T>
): Promise<{ landed: T; removed: number }> {
	await store.write(PENDING_BATCH_PATH, new TextEncoder().encode(JSON.stringify(batch)));
	try {
		const landed = await land();
		const keep = new Set([...batch.files, ...batch.keep]);
		const removed = batch.replace ? await removeRawFilesExcept(store, keep) : 0;
		await store.delete(PENDING_BATCH_PATH);
		return { landed, removed };
	} catch (error) {
		await settlePendingBatch(store).catch(() => undefined);
		throw error;
	}
}

/**
 * Finishes or undoes a batch that an interrupted landing left (see above); `null` when there was none.
 * Call when the lake opens, before anything reads Raw, and not while another tab lands a batch.
 */
export async function settlePendingBatch(store: LakeStore): Promise<'finished' | 'undone' | null> {
	const batch = await readPendingBatch(store);
	if (batch === undefined) return null;
	let outcome: 'finished' | 'undone' = 'undone';
	if (batch) {
		const landed = await Promise.all(batch.files.map((path) => store.stat(path)));
		if (landed.every(Boolean)) {
			if (batch.replace) await removeRawFilesExcept(store, new Set([...batch.files, ...batch.keep]));
			outcome = 'finished';
		} else {
			for (const path of batch.files) await store.delete(path);
		}
	}
	await store.delete(PENDING_BATCH_PATH);
	return outcome;
}

/** Removes every file under `raw/` but those in `keep`; resolves to how many were removed. */
export async function removeRawFilesExcept(store: LakeStore, keep: ReadonlySet<string>): Promise<number> {
	const doomed = (await store.list('raw')).filter((entry) => !keep.has(entry.path));
	for (const entry of doomed) await store.delete(entry.path);
	return doomed.length;
}

/** The pending batch; `undefined` when there is none, `null` when its record cannot be read (cut short). */
async function readPendingBatch(store: LakeStore): Promise<PendingBatch | null | undefined> {
	let bytes: Uint8Array;
	try {
		bytes = await store.read(PENDING_BATCH_PATH);
	} catch (error) {
		if (error instanceof LakeNotFoundError || (error as Error | null)?.name === 'LakeNotFoundError')
			return undefined;
		throw error;
	}
	try {
		const batch = JSON.parse(new TextDecoder().decode(bytes)) as PendingBatch;
		return Array.isArray(batch.files) && Array.isArray(batch.keep) ? batch : null;
	} catch {
		return null;
	}
}
