import type { ParquetCodec } from '../parquet/parquet-codec';
import type { SqlEngine } from './sql-engine';

/**
 * Creates (or replaces) `table` from Parquet bytes: read by the engine itself where it can (native DuckDB,
 * any size), else decoded to Arrow by the codec (DuckDB-WASM reads no Parquet offline).
 */
export function loadParquetTable(
	sql: SqlEngine,
	codec: ParquetCodec,
	table: string,
	parquet: Uint8Array
): Promise<void> {
	return sql.loadParquet ? sql.loadParquet(table, parquet) : sql.loadArrowIPC(table, codec.decode(parquet));
}
