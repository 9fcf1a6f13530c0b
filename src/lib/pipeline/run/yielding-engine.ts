import type { QueryOptions, SqlEngine } from '../../sql/sql-engine';

/**
 * The engine as a run's steps see it while outputs are staged in the background: before each statement,
 * when `busy()`, it lets the event loop run, so the background export (whose DuckDB work shares this
 * thread) hears that the encoder worker has room again and hands it more. Without this, DuckDB's
 * synchronous statements would never let the worker's messages in, and the worker would sit idle
 * through Silver and Gold once its window of Arrow was encoded.
 */
export function yieldingEngine(sql: SqlEngine, busy: () => boolean): SqlEngine {
	const yielding =
		<A extends unknown[], R>(statement: (...args: A) => Promise<R>) =>
		async (...args: A): Promise<R> => {
			if (busy()) await yieldToEventLoop();
			return statement(...args);
		};
	const { appendArrowIPC } = sql;
	return {
		exec: yielding((query: string) => sql.exec(query)),
		query: yielding((query: string, options?: QueryOptions) => sql.query(query, options)),
		queryArrowIPC: yielding((query: string) => sql.queryArrowIPC(query)),
		queryArrowStreams: sql.queryArrowStreams?.bind(sql),
		loadArrowIPC: yielding((table: string, ipc: Uint8Array) => sql.loadArrowIPC(table, ipc)),
		appendArrowIPC:
			appendArrowIPC && yielding((table: string, ipc: Uint8Array) => appendArrowIPC.call(sql, table, ipc)),
		registerFile: (name, data) => sql.registerFile(name, data),
		dropFile: (name) => sql.dropFile(name),
		close: () => sql.close()
	};
}

let channel: { port: MessagePort; waiting: (() => void)[] } | null = null;

/**
 * Resolves after pending messages and I/O have been handled: `setImmediate` in Node, a MessageChannel
 * round trip in a browser worker (a chained `setTimeout(0)` would be clamped to 4 ms).
 */
export function yieldToEventLoop(): Promise<void> {
	if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
	if (!channel) {
		const { port1, port2 } = new MessageChannel();
		const waiting: (() => void)[] = [];
		port1.onmessage = () => waiting.shift()?.();
		channel = { port: port2, waiting };
	}
	const { port, waiting } = channel;
	return new Promise((resolve) => {
		waiting.push(resolve);
		port.postMessage(null);
	});
}
