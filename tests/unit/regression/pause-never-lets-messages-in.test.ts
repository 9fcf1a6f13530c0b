import { describe, expect, it } from 'vitest';
import { RequestQueue } from '../../../src/lib/engine/request-queue';

// Finding: at 1M lines an Overview filter change waited 2–3 s for the signals detection, although the
// detection pauses every few hundred ms for waiting dashboard requests. The page's request arrives in the
// engine worker as a message, and DuckDB-WASM's queries there are synchronous: the pauses resolved without
// the event loop ever running, so the message was only read once the whole detection had ended.

/** Keeps the thread busy for `ms`, as a synchronous DuckDB-WASM query does. */
function busy(ms: number): void {
	const until = performance.now() + ms;
	while (performance.now() < until);
}

describe('RequestQueue, a request that arrives while a long one computes synchronously', () => {
	it('runs at the long request’s next pause, not after it', async () => {
		const queue = new RequestQueue();
		const log: string[] = [];
		const long = queue.run(
			async (turn) => {
				for (let part = 1; part <= 4; part++) {
					busy(20);
					log.push(`part ${part}`);
					await turn.pause();
				}
			},
			{ priority: 'background' }
		);
		// Sent as a message is handled: in a task of its own, once the long request has started.
		const page = new Promise<void>((resolve) =>
			setTimeout(() =>
				resolve(queue.run(async () => void log.push('page'), { priority: 'page', interleaves: true }))
			)
		);
		await Promise.all([long, page]);
		expect(log).toEqual(['part 1', 'page', 'part 2', 'part 3', 'part 4']);
	});
});
