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

	/**
	 * Called as a generation or import starts writing; asks the browser at most once per visit and never
	 * waits for its answer: Firefox asks the user, and its promise stays pending until they choose (forever
	 * when nobody does), so the write goes ahead and `persisted` follows the answer whenever it comes.
	 */
	beforeFirstWrite(): void {
		if (this.#asked) return;
		this.#asked = true;
		this.#askForPersistence().catch(() => {
			// Not granting persistence is the browser's answer, not a failure of the write that follows.
		});
	}

	async #askForPersistence(): Promise<void> {
		if ((await isPersisted()) === false) this.persisted = await requestPersistence();
	}
}

export const deviceStorage = new DeviceStorage();
