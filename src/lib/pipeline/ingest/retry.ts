/** Backoff before each retry of a storage operation (docs/pipeline.md: 3 retries, 100/400/1600 ms). */
export const RETRY_DELAYS_MS: readonly number[] = [100, 400, 1600];

export interface RetryOptions {
	delaysMs?: readonly number[];
	sleep?: (ms: number) => Promise<void>;
}

/** Errors that retrying cannot fix: a missing file, a malformed path. */
const PERMANENT_ERRORS = new Set(['LakeNotFoundError', 'LakePathError']);

/**
 * Runs a storage operation, retrying transient failures (anything but a missing file or a bad path)
 * after each delay in turn; the last failure is thrown.
 */
export async function withRetry<T>(
	operation: () => Promise<T>,
	{ delaysMs = RETRY_DELAYS_MS, sleep = wait }: RetryOptions = {}
): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await operation();
		} catch (error) {
			const permanent = error instanceof Error && PERMANENT_ERRORS.has(error.name);
			if (permanent || attempt >= delaysMs.length) throw error;
			await sleep(delaysMs[attempt]);
		}
	}
}

function wait(ms: number): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, ms));
}
