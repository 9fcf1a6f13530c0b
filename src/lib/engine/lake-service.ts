import type { LakeFileInfo, TimedQueryResult } from './engine-api';
import type { LakeEntry, LakeStore } from '$lib/lake/lake-store';
import type { ParquetCodec } from '$lib/parquet/parquet-codec';
import { friendlyPath, isPipelineLayerPath, keyOfFriendlyPath } from '$lib/pipeline/run/lake-layout';
import { readManifest, readTableFile } from '$lib/pipeline/run/manifest';
import type { LakeManifest, ManifestTable } from '$lib/pipeline/types';
import { loadParquetTable, type BetweenRowGroups } from '$lib/sql/load-parquet';
import type { QueryOptions, SqlEngine } from '$lib/sql/sql-engine';
import { quoteIdent } from '$lib/sql/sql-text';
import { blobRangeReader, readParquetInfo } from '$lib/parquet/parquet-metadata';
import { zipLakeFiles } from './lake-zip';
import { asRemoteFileError, refuseRemoteFiles } from './remote-files';

/** The one folder the app's own writes (Save as Parquet) may go to: never over the pipeline's layers. */
export const USER_FOLDER = 'user';

/** A file of the lake as the app shows it: a published table goes by its friendly name. */
interface ShownFile {
	entry: LakeEntry;
	/** `gold/fact_sales.parquet` for a published table; the file's own path otherwise. */
	path: string;
	/** The manifest's entry for a published table. */
	table?: ManifestTable;
}

/**
 * What the engine does with the lake, independent of the platform: queries, Parquet in and out of
 * DuckDB through the codec, and a listing enriched with Parquet metadata. Files of the pipeline's layers
 * are shown and read through the current manifest: each published table by its friendly name
 * (`gold/fact_sales.parquet`), backed by the versioned file the manifest names and checked against its
 * checksum; other versions' files are not shown.
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

	/**
	 * A query from the SQL console: a query that names or reaches a remote file is refused. `engine` is the
	 * one to run it on (the analytics' engine, which loads published tables on first reference).
	 */
	async query(sql: string, options?: QueryOptions, engine: SqlEngine = this.sql): Promise<TimedQueryResult> {
		refuseRemoteFiles(sql);
		const started = performance.now();
		try {
			const result = await engine.query(sql, options);
			return { ...result, elapsedMs: performance.now() - started };
		} catch (error) {
			throw asRemoteFileError(error);
		}
	}

	async listLake(prefix?: string): Promise<LakeFileInfo[]> {
		const files = await this.#shownFiles(prefix);
		return Promise.all(
			files.map(async ({ entry, path, table }) => {
				const shown = { ...entry, path, ...(table ? { stored: entry.path } : {}) };
				if (!entry.path.endsWith('.parquet')) return shown;
				return { ...shown, ...(await this.#describeCached(entry, `${entry.size}:${entry.modified}`)) };
			})
		);
	}

	/**
	 * A lake file (a published table by its friendly name, checked against its checksum first) as a Blob to
	 * save; OPFS hands out a file-backed Blob, so nothing stays copied.
	 */
	async download(path: string): Promise<Blob> {
		const table = await this.#published(path);
		if (table) await readTableFile(this.store, table);
		return this.store.blob(table?.path ?? path);
	}

	/** Every file under `prefix` (e.g. `gold/`) in one zip, published tables under their friendly names. */
	async downloadZip(prefix: string): Promise<Blob> {
		const folder = prefix.replace(/\/+$/, '');
		const files = await this.#shownFiles(folder);
		if (files.length === 0) throw new Error(`There are no files under ${folder}/ to download.`);
		return zipLakeFiles(
			files.map(({ entry, path, table }) => ({
				name: path,
				modified: entry.modified,
				read: () => (table ? readTableFile(this.store, table) : this.store.read(entry.path))
			}))
		);
	}

	/** Footer metadata by range reads, remembered until the file's size or time changes. */
	async #describeCached(entry: LakeEntry, key: string): Promise<Pick<LakeFileInfo, 'parquet' | 'problem'>> {
		const hit = this.#describeCache.get(entry.path);
		if (hit?.key === key) return hit.info;
		let info: Pick<LakeFileInfo, 'parquet' | 'problem'>;
		try {
			info = { parquet: await readParquetInfo(blobRangeReader(await this.store.blob(entry.path))) };
		} catch (error) {
			info = {
				problem: `Not a readable Parquet file: ${error instanceof Error ? error.message : String(error)}`
			};
		}
		this.#describeCache.set(entry.path, { key, info });
		return info;
	}

	/**
	 * Writes a query's result into the lake's user area as a Parquet file, atomically. The pipeline's
	 * layers and the analyses' results are never written from here.
	 */
	async writeParquet(path: string, sql: string): Promise<LakeFileInfo> {
		if (!path.startsWith(`${USER_FOLDER}/`)) {
			throw new Error(
				`Results are saved under ${USER_FOLDER}/ only (got "${path}"): the other folders belong to the ` +
					`pipeline and the analyses, which replace their files.`
			);
		}
		if (!path.endsWith('.parquet'))
			throw new Error(`A Parquet file name must end with .parquet (got "${path}").`);
		const ipc = await this.sql.queryArrowIPC(sql);
		await this.store.write(path, this.codec.encode(ipc));
		const entry = await this.store.stat(path);
		if (!entry) throw new Error(`The lake did not show ${path} after writing it.`);
		return { ...entry, ...(await this.#describeCached(entry, `${entry.size}:${entry.modified}`)) };
	}

	/**
	 * Loads a lake Parquet file into a DuckDB table (replacing it) and returns its row count, for a reader who
	 * shows it (the SQL console).
	 */
	async loadParquet(path: string, table: string): Promise<number> {
		await this.loadTable(path, table);
		const { rows } = await this.sql.query(`SELECT count(*)::BIGINT AS n FROM ${quoteIdent(table)}`);
		return Number(rows[0].n);
	}

	/**
	 * Loads a lake Parquet file into a DuckDB table (replacing it); false when `between` stopped it part-way
	 * (see loadParquetTable). A published table (by its friendly name, or `file` from a reader's own manifest)
	 * is checked against its checksum.
	 */
	async loadTable(
		path: string,
		table: string,
		file?: ManifestTable,
		between?: BetweenRowGroups
	): Promise<boolean> {
		const published = file ?? (await this.#published(path));
		const bytes = published ? await readTableFile(this.store, published) : await this.store.read(path);
		return loadParquetTable(this.sql, this.codec, table, bytes, between);
	}

	/** The file behind a path: a published table's versioned file (and its manifest entry), or the path itself. */
	async locate(path: string): Promise<{ file: string; table?: ManifestTable }> {
		const table = await this.#published(path);
		return table ? { file: table.path, table } : { file: path };
	}

	/** The manifest's entry for a published table's friendly name, or null for any other path. */
	async #published(path: string): Promise<ManifestTable | null> {
		const key = keyOfFriendlyPath(path);
		if (key === null || !isPipelineLayerPath(path)) return null;
		return (await readManifest(this.store))?.tables[key] ?? null;
	}

	/** The files to show under `prefix`: the pipeline's layers as the current manifest publishes them. */
	async #shownFiles(prefix?: string): Promise<ShownFile[]> {
		const [entries, manifest] = await Promise.all([this.store.list(prefix), this.#manifestOrNull()]);
		const byFile = new Map(Object.entries(manifest?.tables ?? {}).map(([key, table]) => [table.path, key]));
		const shown: ShownFile[] = [];
		for (const entry of entries) {
			if (!isPipelineLayerPath(entry.path)) shown.push({ entry, path: entry.path });
			else {
				const key = byFile.get(entry.path);
				if (key !== undefined) shown.push({ entry, path: friendlyPath(key), table: manifest!.tables[key] });
			}
		}
		return shown.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
	}

	/** A damaged manifest shows no layer files here; the pipeline and the repair report it. */
	#manifestOrNull(): Promise<LakeManifest | null> {
		return readManifest(this.store).catch(() => null);
	}
}
