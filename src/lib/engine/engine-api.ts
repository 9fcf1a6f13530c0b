/** Types shared by the engine worker and the main thread (the worker's API is `EngineApi`). */
import type { ColumnInfo, QueryResult, SqlValue } from '$lib/sql/sql-engine';

export interface EngineStatus {
	/** DuckDB version string, e.g. `v1.4.3`. */
	duckdbVersion: string;
	/** Milliseconds from the worker's first line to DuckDB ready (wasm instantiate + open + settings). */
	startMs: number;
	/**
	 * When each part of the start was done, in ms from the worker's creation: its modules loaded, DuckDB's
	 * wasm fetched, compiled and instantiated, the Parquet codec's, the lake opened (these three at once), the
	 * database opened, and the cleanup after interrupted runs (before the first answer, after `startMs`).
	 */
	phases: {
		loaded: number;
		instantiate?: number;
		codec?: number;
		lake?: number;
		open?: number;
		recover?: number;
	};
	/** Whether the lake is in the Origin Private File System (false: this browser lacks it). */
	persistent: boolean;
}

export interface LakeFileInfo {
	/** The lake path, or for a published table its friendly name (`gold/fact_sales.parquet`). */
	path: string;
	/** For a published table: the versioned file behind it (`gold/fact_sales/<run_id>.parquet`). */
	stored?: string;
	size: number;
	modified: number;
	/** Present for Parquet files: from the file's footer, without waking DuckDB. */
	parquet?: { rows: number; columns: ColumnInfo[] };
	/** Why a file that should be Parquet could not be described. */
	problem?: string;
}

export interface TimedQueryResult extends QueryResult {
	elapsedMs: number;
}

/** A row filter: the column equals the value (`null`: the column is NULL). Values are quoted, never spliced. */
export interface RowFilter {
	column: string;
	equals: string | number | bigint | boolean | null;
}

export interface TableRowsOptions {
	offset: number;
	limit: number;
	orderBy?: string;
	desc?: boolean;
	/** Every filter must hold. */
	where?: RowFilter[];
}

export interface TablePage {
	path: string;
	columns: ColumnInfo[];
	rows: Record<string, SqlValue>[];
	/** Rows that match the filters, in all. */
	total: number;
	offset: number;
}

export interface ColumnStats {
	name: string;
	type: string;
	nulls: number;
	/** Approximate (HyperLogLog); null for nested types. */
	distinct: number | null;
	/** As text; null when every value is NULL or the type has no order. */
	min: string | null;
	max: string | null;
}

export interface TableStats {
	path: string;
	rows: number;
	columns: ColumnStats[];
}
