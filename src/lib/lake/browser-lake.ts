import type { LakeStore } from './lake-store';
import { MemoryLakeStore } from './memory-lake-store';
import { OpfsLakeStore, opfsAvailable } from './opfs-lake-store';
import { BATCH_LOCK, settlePendingBatch } from './pending-batch';
import { RemoteLakeStore } from './shared-lake';

/** This worker's way to the tab's in-memory lake, when the page handed one over (`connectSharedLake`). */
let shared: LakeStore | null = null;

/**
 * Browsers without OPFS: the page holds the tab's one in-memory lake and hands each worker a port to it, so
 * the generator's files reach the engine. Called before the worker first opens the lake.
 */
export function connectSharedLake(port: MessagePort): void {
	shared = new RemoteLakeStore(port);
}

/**
 * The lake for a browser worker: OPFS when the browser has it (leftovers of interrupted writes are
 * cleaned first, and a raw batch left half landed is settled unless a tab is landing it), otherwise the
 * tab's in-memory lake (or, without one, a lake of this worker's own), which the page must label as not
 * persistent.
 */
export async function openLake(): Promise<{ store: LakeStore; persistent: boolean }> {
	if (!opfsAvailable()) return { store: (shared ??= new MemoryLakeStore()), persistent: false };
	const store = await OpfsLakeStore.open();
	await store.cleanTempFiles();
	if ('locks' in navigator) {
		await navigator.locks.request(BATCH_LOCK, { ifAvailable: true }, async (lock) => {
			if (lock) await settlePendingBatch(store);
		});
	} else {
		await settlePendingBatch(store);
	}
	return { store, persistent: true };
}
