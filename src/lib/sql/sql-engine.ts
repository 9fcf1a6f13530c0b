/** SqlEngine: the port through which logic runs SQL, whatever DuckDB build sits behind it. */

import type { StatementListener } from './statement-timings';

export interface ColumnInfo {
	name: string;
	/** DuckDB / Arrow logical type, e.g. `BIGINT`, `VARCHAR`, `TIMESTAMP`. */
	type: string;
}

export type SqlValue = string | number | bigint | boolean | null | Date | Uint8Array | SqlValue[] | object;

export interface QueryResult {
	columns: ColumnInfo[];
	/** The result's rows, or its first `maxRows` when the query was given a cap. */
	rows: Record<string, SqlValue>[];
	/** How many rows the query returned in all. */
	rowCount: number;
}

export interface QueryOptions {
	/** Convert and return at most this many rows (the count of all of them is still reported). */
	maxRows?: number;
}

export interface SqlEngine {
	/** Runs statements that return nothing. */
	exec(sql: string): Promise<void>;
	/** Runs a query and returns plain rows. */
	query(sql: string, options?: QueryOptions): Promise<QueryResult>;
	/** Runs a query and returns the result as an Arrow IPC stream. */
	queryArrowIPC(sql: string): Promise<Uint8Array>;
	/**
	 * Optional: runs a query and yields its result as consecutive Arrow IPC streams of about `rowsPerStream`
	 * rows each (the same schema in every one), so the whole result is never held at once. Used where an
	 * engine offers it (DuckDB-WASM); callers fall back to `queryArrowIPC` otherwise. Other statements may
	 * run on the engine while the iteration is in progress.
	 */
	queryArrowStreams?(sql: string, rowsPerStream?: number): AsyncIterable<Uint8Array>;
	/**
	 * Optional: the query's rows as a Parquet file the engine writes itself (native DuckDB), with no Arrow
	 * copy of the whole result in between: a codec in wasm cannot hold a 10M-row table. Callers fall back
	 * to `queryArrowStreams` or `queryArrowIPC` and a codec otherwise.
	 */
	queryParquet?(sql: string): Promise<Uint8Array>;
	/** Creates (or replaces) `table` from an Arrow IPC stream. */
	loadArrowIPC(table: string, ipc: Uint8Array): Promise<void>;
	/** Optional: creates (or replaces) `table` from Parquet bytes the engine reads itself (native DuckDB). */
	loadParquet?(table: string, parquet: Uint8Array): Promise<void>;
	/**
	 * Optional: appends an Arrow IPC stream's rows to the existing `table`, column by column in order (the
	 * stream must have the table's columns, in its order). Spares the copy through a staging table where an
	 * engine offers it (DuckDB-WASM).
	 */
	appendArrowIPC?(table: string, ipc: Uint8Array): Promise<void>;
	/** Makes bytes readable by SQL file functions (`read_csv('<name>')`) under `name`. */
	registerFile(name: string, data: Uint8Array): Promise<void>;
	/** Forgets a file registered with `registerFile`, freeing its memory. */
	dropFile(name: string): Promise<void>;
	/**
	 * Optional: the name of a table holding `select`'s rows, made once and kept while the data it reads stays
	 * the same (the app's published Gold): read it, never drop it. Callers make a temporary table of their
	 * own where an engine lacks it.
	 */
	derivedTable?(select: string): Promise<string>;
	/**
	 * Optional: calls `listener` with each statement the engine runs and the time the engine spent on it,
	 * until the returned function is called (an engine that runs statements one at a time offers it).
	 */
	watchStatements?(listener: StatementListener): () => void;
	close(): Promise<void>;
}
