import type { ParquetCodec } from '../parquet/parquet-codec';
import { readParquetInfo } from '../parquet/parquet-metadata';
import type { SqlEngine } from './sql-engine';

/**
 * Row groups decoded at a time (about 2M rows of ours): parquet-wasm trapped ("unreachable") decoding a
 * 10M-line lake's fact_sales whole into one Arrow stream.
 */
export const ROW_GROUPS_PER_DECODE = 16;

/**
 * Called between two row groups of a load that may pause (a background request's): lets other work run,
 * then says whether the load goes on (false: it stops where it is). Meanwhile `rest` loads the remaining row
 * groups at once, for a request that needs the whole table while this one is paused; the load then stops.
 */
export type BetweenRowGroups = (rest: () => Promise<void>) => Promise<boolean>;

/**
 * Creates (or replaces) `table` from Parquet bytes: read by the engine itself where it can (native DuckDB,
 * any size), else decoded to Arrow by the codec (DuckDB-WASM reads no Parquet offline), at most
 * `ROW_GROUPS_PER_DECODE` row groups at a time where the engine can append; with `between`, one row group at
 * a time, calling it after each but the last. Resolves to whether this call loaded the table whole (false
 * when `between` stopped it, whoever then loaded the rest).
 */
export async function loadParquetTable(
	sql: SqlEngine,
	codec: ParquetCodec,
	table: string,
	parquet: Uint8Array,
	between?: BetweenRowGroups
): Promise<boolean> {
	if (sql.loadParquet) {
		await sql.loadParquet(table, parquet);
		return true;
	}
	const { rowGroups } = await readParquetInfo(parquet);
	const perDecode = between ? 1 : ROW_GROUPS_PER_DECODE;
	if (rowGroups <= perDecode || !sql.appendArrowIPC) {
		await sql.loadArrowIPC(table, codec.decode(parquet));
		return true;
	}
	const append = sql.appendArrowIPC.bind(sql);
	const groups = Array.from({ length: rowGroups }, (_, i) => i);
	let next = 0;
	let broken = false;
	const loadNext = async () => {
		const first = next;
		next += perDecode;
		const ipc = codec.decode(parquet, { rowGroups: groups.slice(first, first + perDecode) });
		await (first === 0 ? sql.loadArrowIPC(table, ipc) : append(table, ipc));
	};
	const rest = async () => {
		try {
			while (next < rowGroups) await loadNext();
		} catch (error) {
			broken = true;
			throw error;
		}
	};
	await loadNext();
	while (next < rowGroups) {
		if (between && (!(await between(rest)) || broken || next >= rowGroups)) return false;
		await loadNext();
	}
	return true;
}
