/**
 * Readers' claims on lake versions: a reader holds the version it reads (by manifest sequence) while it
 * reads its files, and the cleanup after a commit keeps the files of every held version.
 */
export interface SnapshotLeases {
	/** Runs `work` while holding version `sequence`. */
	hold<T>(sequence: number, work: () => Promise<T>): Promise<T>;
	/** The versions some reader holds now. */
	held(): Promise<Set<number>>;
}

const LOCK_PREFIX = 'retail-data-hub:snapshot:';

/** Leases as shared Web Locks, so every tab and worker of the origin sees every other's. */
export function webLockLeases(locks: Pick<LockManager, 'request' | 'query'>): SnapshotLeases {
	return {
		hold: async (sequence, work) =>
			await locks.request(`${LOCK_PREFIX}${sequence}`, { mode: 'shared' }, work),
		async held() {
			const { held = [] } = await locks.query();
			const sequences = held
				.map(({ name }) => (name?.startsWith(LOCK_PREFIX) ? Number(name.slice(LOCK_PREFIX.length)) : NaN))
				.filter((sequence) => Number.isInteger(sequence));
			return new Set(sequences);
		}
	};
}

/** Leases within one process (the CLI, tests). */
export function localLeases(): SnapshotLeases {
	const counts = new Map<number, number>();
	return {
		async hold(sequence, work) {
			counts.set(sequence, (counts.get(sequence) ?? 0) + 1);
			try {
				return await work();
			} finally {
				const left = (counts.get(sequence) ?? 1) - 1;
				if (left === 0) counts.delete(sequence);
				else counts.set(sequence, left);
			}
		},
		async held() {
			return new Set(counts.keys());
		}
	};
}
