import type { ParquetCodec } from '../parquet/parquet-codec';
import { readParquetInfo } from '../parquet/parquet-metadata';
import type { SqlEngine } from './sql-engine';

/**
 * Row groups decoded at a time (about 2M rows of ours): parquet-wasm trapped ("unreachable") decoding a
 * 10M-line lake's fact_sales whole into one Arrow stream.
 */
export const ROW_GROUPS_PER_DECODE = 16;

/**
 * Creates (or replaces) `table` from Parquet bytes: read by the engine itself where it can (native DuckDB,
 * any size), else decoded to Arrow by the codec (DuckDB-WASM reads no Parquet offline), at most
 * `ROW_GROUPS_PER_DECODE` row groups at a time where the engine can append.
 */
export async function loadParquetTable(
	sql: SqlEngine,
	codec: ParquetCodec,
	table: string,
	parquet: Uint8Array
): Promise<void> {
	if (sql.loadParquet) return sql.loadParquet(table, parquet);
	const { rowGroups } = await readParquetInfo(parquet);
	if (rowGroups <= ROW_GROUPS_PER_DECODE || !sql.appendArrowIPC) {
		return sql.loadArrowIPC(table, codec.decode(parquet));
	}
	const groups = Array.from({ length: rowGroups }, (_, i) => i);
	for (let first = 0; first < rowGroups; first += ROW_GROUPS_PER_DECODE) {
		const ipc = codec.decode(parquet, { rowGroups: groups.slice(first, first + ROW_GROUPS_PER_DECODE) });
		await (first === 0 ? sql.loadArrowIPC(table, ipc) : sql.appendArrowIPC(table, ipc));
	}
}
