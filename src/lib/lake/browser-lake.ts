import type { LakeStore } from './lake-store';
import { MemoryLakeStore } from './memory-lake-store';
import { OpfsLakeStore, opfsAvailable } from './opfs-lake-store';

/**
 * The lake for a browser worker: OPFS when the browser has it (leftovers of interrupted writes are
 * cleaned first), otherwise an in-memory lake that the page must label as not persistent.
 */
export async function openLake(): Promise<{ store: LakeStore; persistent: boolean }> {
	if (!opfsAvailable()) return { store: new MemoryLakeStore(), persistent: false };
	const store = await OpfsLakeStore.open();
	await store.cleanTempFiles();
	return { store, persistent: true };
}
