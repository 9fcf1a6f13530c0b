/** Shared steps of the ingestion tests: land a raw file, ingest it, read Bronze back as text. */
import type { LakeStore } from '../../../../src/lib/lake/lake-store';
import { RAW_CONTRACTS } from '../../../../src/lib/pipeline/contracts';
import { BronzeAppender } from '../../../../src/lib/pipeline/ingest/bronze-appender';
import { CsvReader } from '../../../../src/lib/pipeline/ingest/csv-reader';
import { JsonReader } from '../../../../src/lib/pipeline/ingest/json-reader';
import { RowStager } from '../../../../src/lib/pipeline/ingest/row-stager';
import {
	appendRows,
	feedWindows,
	ingestFile,
	type IngestContext
} from '../../../../src/lib/pipeline/ingest/ingest-file';
import { listRawFiles } from '../../../../src/lib/pipeline/ingest/raw-files';
import type { IngestResult, RawFileRef } from '../../../../src/lib/pipeline/types';
import type { SqlEngine } from '../../../../src/lib/sql/sql-engine';

export const INGESTED_AT = '2026-01-02 03:04:05';

export const FRESH: IngestContext = { ingestedAt: INGESTED_AT };

/** Writes a raw file and ingests it. */
export async function landAndIngest(
	sql: SqlEngine,
	store: LakeStore,
	path: string,
	content: string | Uint8Array,
	ctx: IngestContext = FRESH
): Promise<IngestResult> {
	await store.write(path, typeof content === 'string' ? new TextEncoder().encode(content) : content);
	const file = (await listRawFiles(store)).find((candidate) => candidate.path === path);
	if (!file) throw new Error(`${path} is not a raw file`);
	return ingestFile(sql, store, file, ctx);
}

/** Every row of a table in `_source_file, _row_number` order, each value rendered as text by DuckDB. */
export async function rowsAsText(
	sql: SqlEngine,
	table: string,
	where = 'true'
): Promise<Record<string, unknown>[]> {
	const { rows } = await sql.query(
		`SELECT COLUMNS(*)::VARCHAR FROM ${table} WHERE ${where} ORDER BY _source_file, _row_number`
	);
	return rows;
}

export async function columnTypes(sql: SqlEngine, table: string): Promise<string[]> {
	const { rows } = await sql.query(
		`SELECT column_name || ' ' || data_type AS c FROM information_schema.columns
		 WHERE table_name = '${table}' ORDER BY ordinal_position`
	);
	return rows.map((row) => String(row.c));
}

/** The rejects of one raw file: row number, reason and raw text. */
export async function rejectsOf(sql: SqlEngine, path: string): Promise<[number, string, string][]> {
	const { rows } = await sql.query(
		`SELECT _row_number::INTEGER AS n, reason, raw_text FROM bronze_rejects
		 WHERE _source_file = '${path}' ORDER BY _row_number`
	);
	return rows.map((row) => [Number(row.n), String(row.reason), String(row.raw_text)]);
}

/** The lineage a row of `path` carries, as text. */
export function lineage(batchId: string, path: string, rowNumber: number): Record<string, string> {
	return {
		_batch_id: batchId,
		_source_file: path,
		_row_number: String(rowNumber),
		_ingested_at: INGESTED_AT
	};
}

/**
 * What `ingestFile` does, with tiny chunks (`rows` rows or `bytes` bytes of the file) and, if given,
 * tiny windows (`window` bytes of the file read at a time), so that tests cross chunk and window
 * boundaries; returns the stager's totals.
 */
export async function appendInChunks(
	sql: SqlEngine,
	file: RawFileRef,
	text: string | Uint8Array,
	chunk: { rows: number; bytes: number; window?: number }
): Promise<{ accepted: number; rejected: number }> {
	const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
	const stager = new RowStager(RAW_CONTRACTS[file.dataset], chunk.rows, chunk.bytes, bytes.length);
	const reader = file.format === 'csv' ? new CsvReader(stager) : new JsonReader(stager, 'ndjson');
	const lineage = {
		dataset: file.dataset,
		batchId: file.batchId,
		sourceFile: file.path,
		ingestedAt: INGESTED_AT
	};
	const appender = await BronzeAppender.open(sql, lineage);
	await feedWindows(
		reader,
		new Blob([bytes as Uint8Array<ArrayBuffer>]),
		chunk.window ?? Math.max(bytes.length, 1),
		() => appendRows(reader, appender, stager)
	);
	await appender.close();
	return { accepted: stager.accepted, rejected: stager.rejected };
}
