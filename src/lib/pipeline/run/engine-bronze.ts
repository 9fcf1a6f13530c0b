import type { LakeStore } from '../../lake/lake-store';
import type { ParquetCodec } from '../../parquet/parquet-codec';
import type { SqlEngine } from '../../sql/sql-engine';
import { quoteIdent, quoteLiteral } from '../../sql/sql-text';
import { BRONZE_REJECTS_TABLE, bronzeTable } from '../ingest/ingest-file';
import type { LakeManifest } from '../types';
import { bronzeBatchPath, bronzeRejectsPath, manifestKey } from './lake-layout';
import { countRows, tableExists } from './sql-catalog';

/** Which published version the engine's bronze tables hold: the manifest's run id ('' for none). */
const MARKER_TABLE = '_pipeline_bronze_version';
const LOAD_TABLE = '_pipeline_bronze_load';
const PIPELINE_TABLE_PREFIXES = ['bronze_', 'silver_', 'gold_'];

/**
 * Makes the engine's bronze tables hold exactly the Bronze the manifest publishes, loading every batch
 * through the codec unless the engine already holds that version (a second run in the same worker or
 * process costs nothing). Returns the rows loaded.
 */
export async function loadPublishedBronze(
	sql: SqlEngine,
	store: LakeStore,
	codec: ParquetCodec,
	manifest: LakeManifest | null
): Promise<number> {
	const version = manifest?.run_id ?? '';
	if ((await loadedBronzeVersion(sql)) === version) return 0;
	await dropPipelineTables(sql);
	let rows = 0;
	for (const { path, table } of publishedBronze(manifest)) {
		rows += await appendParquet(sql, codec, await store.read(path), table);
	}
	await markBronzeVersion(sql, version);
	return rows;
}

/** Records that the engine's bronze tables now hold the version published by `runId`. */
export async function markBronzeVersion(sql: SqlEngine, runId: string): Promise<void> {
	await sql.exec(`CREATE OR REPLACE TABLE ${MARKER_TABLE} AS SELECT ${quoteLiteral(runId)} AS run_id`);
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
	const { rows } = await sql.query(`SELECT run_id FROM ${MARKER_TABLE}`);
	return rows.length ? String(rows[0].run_id) : null;
}

/**
 * Every published Bronze file and its table, newest batch first: it was written with every extra column
 * found so far, in the table's order, so the table it creates takes each older batch as it is.
 */
function publishedBronze(manifest: LakeManifest | null): { path: string; table: string }[] {
	const files = [...(manifest?.ingested ?? [])].reverse().flatMap(({ dataset, batch_id }) => [
		{ path: bronzeBatchPath(dataset, batch_id), table: bronzeTable(dataset) },
		{ path: bronzeRejectsPath(dataset, batch_id), table: BRONZE_REJECTS_TABLE }
	]);
	return files.filter(({ path }) => manifest?.tables[manifestKey(path)]);
}

/** Appends a Parquet file's rows to `table` by column name, creating the table from the first. */
async function appendParquet(
	sql: SqlEngine,
	codec: ParquetCodec,
	parquet: Uint8Array,
	table: string
): Promise<number> {
	await sql.loadArrowIPC(LOAD_TABLE, codec.decode(parquet));
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
