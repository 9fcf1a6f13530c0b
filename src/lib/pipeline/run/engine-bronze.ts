import type { LakeStore } from '../../lake/lake-store';
import type { ParquetCodec } from '../../parquet/parquet-codec';
import { loadParquetTable } from '../../sql/load-parquet';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent, quoteLiteral } from '../../sql/sql-text';
import { BRONZE_REJECTS_TABLE, bronzeTable } from '../ingest/ingest-file';
import type { LakeManifest, ManifestTable, RawDataset } from '../types';
import { readTableFile } from './manifest';
import { countRows, tableExists } from './sql-catalog';

/** Which published version the engine's bronze tables hold: the manifest's sequence ('' for none). */
const MARKER_TABLE = '_pipeline_bronze_version';
const LOAD_TABLE = '_pipeline_bronze_load';
const PIPELINE_TABLE_PREFIXES = ['bronze_', 'silver_', 'gold_'];

/**
 * Makes the engine's bronze tables hold exactly the Bronze the manifest publishes, loading every batch
 * through the codec (each file checked against its checksum) unless the engine already holds that version
 * (a second run in the same worker or process costs nothing). Returns the rows loaded.
 */
export async function loadPublishedBronze(
	sql: SqlEngine,
	store: LakeStore,
	codec: ParquetCodec,
	manifest: LakeManifest | null
): Promise<number> {
	const version = manifest ? String(manifest.sequence) : '';
	if ((await loadedBronzeVersion(sql)) === version) return 0;
	await dropPipelineTables(sql);
	let rows = 0;
	for (const { file, table } of publishedBronze(manifest)) {
		rows += await appendParquet(sql, codec, await readTableFile(store, file), table);
	}
	await markBronzeVersion(sql, version);
	return rows;
}

/** Records that the engine's bronze tables now hold the version whose manifest has `sequence`. */
export async function markBronzeVersion(sql: SqlEngine, sequence: string): Promise<void> {
	await sql.exec(`CREATE OR REPLACE TABLE ${MARKER_TABLE} AS SELECT ${quoteLiteral(sequence)} AS version`);
}

/** Forgets every table the pipeline owns, so the next run reloads from the lake. */
export async function dropPipelineTables(sql: SqlEngine): Promise<void> {
	const prefixes = PIPELINE_TABLE_PREFIXES.map((prefix) => `starts_with(table_name, '${prefix}')`);
	const { rows } = await sql.query(
		`SELECT table_name FROM duckdb_tables()
		 WHERE schema_name = 'main' AND (table_name = '${MARKER_TABLE}' OR ${prefixes.join(' OR ')})`
	);
	for (const { table_name } of rows) await sql.exec(`DROP TABLE IF EXISTS ${quoteIdent(String(table_name))}`);
}

async function loadedBronzeVersion(sql: SqlEngine): Promise<string | null> {
	if (!(await tableExists(sql, MARKER_TABLE))) return null;
	const { rows } = await sql.query(`SELECT version FROM ${MARKER_TABLE}`);
	return rows.length ? String(rows[0].version) : null;
}

/**
 * Every published Bronze file and its table, newest first (by the run that wrote it, in its name): a
 * newer batch was written with every extra column found so far, in the table's order, so the table it
 * creates takes each older batch as it is.
 */
function publishedBronze(manifest: LakeManifest | null): { file: ManifestTable; table: string }[] {
	const files = Object.entries(manifest?.tables ?? {}).flatMap(([key, file]) => {
		const [layer, folder] = key.split('/');
		if (layer !== 'bronze') return [];
		const table = folder === '_rejects' ? BRONZE_REJECTS_TABLE : bronzeTable(folder as RawDataset);
		return [{ file, table, order: `${file.path.slice(key.length + 1)} ${key}` }];
	});
	return files.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0));
}

/** Appends a Parquet file's rows to `table` by column name, creating the table from the first. */
async function appendParquet(
	sql: SqlEngine,
	codec: ParquetCodec,
	parquet: Uint8Array,
	table: string
): Promise<number> {
	await loadParquetTable(sql, codec, LOAD_TABLE, parquet);
	try {
		const target = quoteIdent(table);
		await sql.exec(
			(await tableExists(sql, table))
				? `INSERT INTO ${target} BY NAME SELECT * FROM ${LOAD_TABLE}`
				: `CREATE TABLE ${target} AS SELECT * FROM ${LOAD_TABLE}`
		);
		return await countRows(sql, LOAD_TABLE);
	} finally {
		await sql.exec(`DROP TABLE IF EXISTS ${LOAD_TABLE}`);
	}
}
