import type { LakeStore } from './lake-store';
import { MemoryLakeStore } from './memory-lake-store';
import { OpfsLakeStore, opfsAvailable } from './opfs-lake-store';
import { BATCH_LOCK, settlePendingBatch } from './pending-batch';

/**
 * The lake for a browser worker: OPFS when the browser has it (leftovers of interrupted writes are
 * cleaned first, and a raw batch left half landed is settled unless a tab is landing it), otherwise an
 * in-memory lake that the page must label as not persistent.
 */
export async function openLake(): Promise<{ store: LakeStore; persistent: boolean }> {
	if (!opfsAvailable()) return { store: new MemoryLakeStore(), persistent: false };
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
