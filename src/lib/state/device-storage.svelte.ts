import {
	estimateStorage,
	isPersisted,
	requestPersistence,
	type StorageEstimate
} from '$lib/storage/device-storage';

/**
 * This origin's storage as the Lake page shows it: persistent or not, usage and quota. Persistence is asked
 * for once, when the app first writes data (a generation or an import), not on a visit that only looks.
 */
class DeviceStorage {
	/** null until read, or where the browser cannot say. */
	persisted = $state<boolean | null>(null);
	estimate = $state<StorageEstimate | null>(null);
	/** Bytes still free for this origin; null when unknown. */
	readonly free = $derived(this.estimate ? Math.max(0, this.estimate.quota - this.estimate.usage) : null);

	#asked = false;

	async refresh(): Promise<void> {
		const [persisted, estimate] = await Promise.all([isPersisted(), estimateStorage()]);
		[this.persisted, this.estimate] = [persisted, estimate];
	}

	/** Called as a generation or import starts writing; asks the browser at most once per visit. */
	async beforeFirstWrite(): Promise<void> {
		if (this.#asked) return;
		this.#asked = true;
		try {
			if ((await isPersisted()) === false) this.persisted = await requestPersistence();
		} catch {
			// Not granting persistence is the browser's answer, not a failure of the write that follows.
		}
	}
}

export const deviceStorage = new DeviceStorage();
