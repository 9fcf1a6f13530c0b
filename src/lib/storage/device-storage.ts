/**
 * The browser's storage for this origin, as the Storage API reports it: whether it is persistent, and how
 * much is used of how much. Every call degrades to "unknown" where the API is missing (older WebKit).
 */

export interface StorageEstimate {
	/** Bytes this origin uses: the lake (OPFS), Cache Storage (the app), localStorage and the rest. */
	usage: number;
	/** Bytes the browser lets this origin use in all. */
	quota: number;
}

function storageManager(): StorageManager | null {
	return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

/** True when the browser will not evict this origin's data under storage pressure; null when unknown. */
export async function isPersisted(): Promise<boolean | null> {
	const storage = storageManager();
	return storage?.persisted ? storage.persisted() : null;
}

/** Asks the browser to keep this origin's data (Chromium decides by heuristics, Firefox asks the user). */
export async function requestPersistence(): Promise<boolean | null> {
	const storage = storageManager();
	return storage?.persist ? storage.persist() : null;
}

export async function estimateStorage(): Promise<StorageEstimate | null> {
	const storage = storageManager();
	if (!storage?.estimate) return null;
	const { usage, quota } = await storage.estimate();
	return usage === undefined || quota === undefined ? null : { usage, quota };
}
