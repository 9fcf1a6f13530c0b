/** Types shared by the engine worker and the main thread (the worker's API is `EngineApi`). */
import type { ColumnInfo, QueryResult } from '$lib/sql/sql-engine';

export interface EngineStatus {
	/** DuckDB version string, e.g. `v1.4.3`. */
	duckdbVersion: string;
	/** Milliseconds from the worker's first line to DuckDB ready (wasm instantiate + open + settings). */
	startMs: number;
	/** Whether the lake is in the Origin Private File System (false: this browser lacks it). */
	persistent: boolean;
}

export interface LakeFileInfo {
	path: string;
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
