import type { LakeFileInfo, TimedQueryResult } from './engine-api';
import type { LakeStore } from '$lib/lake/lake-store';
import type { ParquetCodec } from '$lib/parquet/parquet-codec';
import type { QueryOptions, SqlEngine } from '$lib/sql/sql-engine';
import { quoteIdent } from '$lib/sql/sql-text';
import { blobRangeReader, readParquetInfo } from '$lib/parquet/parquet-metadata';

/**
 * What the engine does with the lake, independent of the platform: queries, Parquet in and out of
 * DuckDB through the codec, and a listing enriched with Parquet metadata.
 */
export class LakeService {
	readonly #describeCache = new Map<
		string,
		{ key: string; info: Pick<LakeFileInfo, 'parquet' | 'problem'> }
	>();

	constructor(
		readonly sql: SqlEngine,
		readonly store: LakeStore,
		readonly codec: ParquetCodec
	) {}

	async query(sql: string, options?: QueryOptions): Promise<TimedQueryResult> {
		const started = performance.now();
		const result = await this.sql.query(sql, options);
		return { ...result, elapsedMs: performance.now() - started };
	}

	async listLake(prefix?: string): Promise<LakeFileInfo[]> {
		const entries = await this.store.list(prefix);
		return Promise.all(
			entries.map(async (entry) => {
				if (!entry.path.endsWith('.parquet')) return { ...entry };
				return { ...entry, ...(await this.#describeCached(entry.path, `${entry.size}:${entry.modified}`)) };
			})
		);
	}

	/** Footer metadata by range reads, remembered until the file's size or time changes. */
	async #describeCached(path: string, key: string): Promise<Pick<LakeFileInfo, 'parquet' | 'problem'>> {
		const hit = this.#describeCache.get(path);
		if (hit?.key === key) return hit.info;
		let info: Pick<LakeFileInfo, 'parquet' | 'problem'>;
		try {
			info = { parquet: await readParquetInfo(blobRangeReader(await this.store.blob(path))) };
		} catch (error) {
			info = {
				problem: `Not a readable Parquet file: ${error instanceof Error ? error.message : String(error)}`
			};
		}
		this.#describeCache.set(path, { key, info });
		return info;
	}

	/** Writes a query's result into the lake as a Parquet file, atomically. */
	async writeParquet(path: string, sql: string): Promise<LakeFileInfo> {
		if (!path.endsWith('.parquet'))
			throw new Error(`A Parquet file name must end with .parquet (got "${path}").`);
		const ipc = await this.sql.queryArrowIPC(sql);
		await this.store.write(path, this.codec.encode(ipc));
		const entry = await this.store.stat(path);
		if (!entry) throw new Error(`The lake did not show ${path} after writing it.`);
		return { ...entry, ...(await this.#describeCached(path, `${entry.size}:${entry.modified}`)) };
	}

	/** Loads a lake Parquet file into a DuckDB table (replacing it) and returns its row count. */
	async loadParquet(path: string, table: string): Promise<number> {
		const bytes = await this.store.read(path);
		await this.sql.loadArrowIPC(table, this.codec.decode(bytes));
		const { rows } = await this.sql.query(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(table)}`);
		return Number(rows[0].n);
	}
}
