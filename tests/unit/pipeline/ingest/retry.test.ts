import { describe, expect, it } from 'vitest';
import { LakeNotFoundError } from '../../../../src/lib/lake/lake-store';
import { RETRY_DELAYS_MS, withRetry } from '../../../../src/lib/pipeline/ingest/retry';

/** An operation that throws `failures` times, then returns 'ok'. */
function flaky(failures: number, error: () => Error = () => new Error('EIO: disk hiccup')) {
	let calls = 0;
	const operation = async () => {
		calls++;
		if (calls <= failures) throw error();
		return 'ok';
	};
	return { operation, calls: () => calls };
}

describe('withRetry', () => {
	it('retries a transient failure with the documented backoff, then succeeds', async () => {
		const slept: number[] = [];
		const { operation, calls } = flaky(2);
		const result = await withRetry(operation, { sleep: async (ms) => void slept.push(ms) });
		expect(result).toBe('ok');
		expect(calls()).toBe(3);
		expect(slept).toEqual([100, 400]);
		expect(RETRY_DELAYS_MS).toEqual([100, 400, 1600]);
	});

	it('gives up after three retries and throws the last error', async () => {
		const slept: number[] = [];
		const { operation, calls } = flaky(10);
		await expect(withRetry(operation, { sleep: async (ms) => void slept.push(ms) })).rejects.toThrow('EIO');
		expect(calls()).toBe(4);
		expect(slept).toEqual([100, 400, 1600]);
	});

	it('does not retry a missing file', async () => {
		const { operation, calls } = flaky(1, () => new LakeNotFoundError('raw/x.csv'));
		await expect(withRetry(operation, { sleep: async () => {} })).rejects.toThrow(LakeNotFoundError);
		expect(calls()).toBe(1);
	});
});
