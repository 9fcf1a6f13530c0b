import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

/**
 * A native DuckDB connection for a test to read files with, on one thread, whose `closeSync` closes its
 * instance too. Instances left to the garbage collector pile up, each with its threads, in Vitest's workers
 * (they run many files: isolate false); they are the likeliest cause of the worker that died in CI
 * (tools/unit-tests.mjs).
 */
export async function openNativeConnection(): Promise<DuckDBConnection> {
	const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
	const connection = await instance.connect();
	return Object.assign(connection, {
		closeSync: () => {
			connection.disconnectSync();
			instance.closeSync();
		}
	});
}
