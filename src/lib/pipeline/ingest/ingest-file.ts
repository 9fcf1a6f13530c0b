import type { LakeStore } from '../../lake/lake-store';
import type { SqlEngine } from '../../sql/sql-engine';
import { RAW_CONTRACTS, requiredColumns } from '../contracts';
import type { IngestResult, RawFileRef } from '../types';
import { BronzeAppender } from './bronze-appender';
import { CsvReader } from './csv-reader';
import { JsonReader } from './json-reader';
import { ParquetReader } from './parquet-reader';
import { withRetry } from './retry';
import type { RowReader } from './row-reader';
import { RowStager } from './row-stager';
import { sha256Hex } from '../../lake/sha256';
import { notText } from './text-sniff';
import { UnreadableFileError } from './unreadable-file';

export { bronzeTable, BRONZE_REJECTS_TABLE } from './bronze-appender';

export interface IngestContext {
	/** The run's start, `YYYY-MM-DD HH:MM:SS`: every row's `_ingested_at`. */
	ingestedAt: string;
	/** Parquet bytes → Arrow IPC stream; without it a Parquet raw file is rejected. */
	decodeParquet?: (bytes: Uint8Array) => Uint8Array;
}

/**
 * Rows and file bytes staged (and appended) at a time: bounds memory whatever the file's size. Small
 * chunks matter in the browser: each is copied into DuckDB-WASM's heap as Arrow, and that heap never
 * shrinks (one 1M-line chunk grew it by ~500 MB); appending a chunk costs no more than creating the table.
 */
const CHUNK_ROWS = 1 << 17;
const CHUNK_BYTES = 16 << 20;

/** The share of a file's rows rejected from which the file counts as mostly rejected: a run warning. */
export const MOSTLY_REJECTED = 0.5;

/**
 * Ingests one raw file into Bronze, all or nothing (one transaction): every data row lands either in
 * `bronze_<dataset>`, typed and with lineage, or in `bronze_rejects` with a reason and its raw text.
 * A file missing a required column, or not readable as its format, is rejected whole and nothing of it
 * is kept. (Which files to ingest is the run's business: `planRawFiles`.)
 */
export async function ingestFile(
	sql: SqlEngine,
	store: LakeStore,
	file: RawFileRef,
	ctx: IngestContext
): Promise<IngestResult> {
	const started = performance.now();
	const bytes = await withRetry(() => store.read(file.path));
	const sha256 = await sha256Hex(bytes);
	const result = (outcome: Pick<IngestResult, 'status'> & Partial<IngestResult>): IngestResult => ({
		path: file.path,
		dataset: file.dataset,
		batch_id: file.batchId,
		sha256,
		rows_raw: 0,
		rows_bronze: 0,
		rows_rejected: 0,
		...outcome,
		duration_ms: Math.round(performance.now() - started)
	});
	if (file.format !== 'parquet') {
		const problem = notText(bytes, bytes.length);
		if (problem) return result({ status: 'rejected', message: problem });
	}
	const stager = new RowStager(RAW_CONTRACTS[file.dataset], CHUNK_ROWS, CHUNK_BYTES, bytes.length);
	let missing: string[];
	await sql.exec('BEGIN TRANSACTION');
	try {
		missing = await appendFile(sql, bytes, file, ctx, stager);
	} catch (error) {
		await sql.exec('ROLLBACK');
		if (error instanceof UnreadableFileError) return result({ status: 'rejected', message: error.message });
		throw error;
	}
	const rows = stager.accepted + stager.rejected;
	if (missing.length > 0) {
		await sql.exec('ROLLBACK');
		const list = missing.map((name) => `"${name}"`).join(', ');
		const message = `Missing required column${missing.length > 1 ? 's' : ''} ${list}.`;
		return result({ status: 'rejected', message, rows_raw: rows });
	}
	await sql.exec('COMMIT');
	return result({
		status: 'ingested',
		rows_raw: rows,
		rows_bronze: stager.accepted,
		rows_rejected: stager.rejected,
		...mostlyRejected(rows, stager)
	});
}

/** A file whose rows were mostly rejected gets a message saying so, with the first reason. */
function mostlyRejected(rows: number, { rejected, firstReject }: RowStager): { message?: string } {
	if (rows === 0 || rejected < rows * MOSTLY_REJECTED || !firstReject) return {};
	const share = rejected === rows ? `All ${rows}` : `${rejected} of ${rows}`;
	return {
		message: `${share} rows were rejected; the first, row ${firstReject.rowNumber}: ${firstReject.reason}.`
	};
}

/** Stages and appends every row of the file; returns the required columns it lacks. */
async function appendFile(
	sql: SqlEngine,
	bytes: Uint8Array,
	file: RawFileRef,
	ctx: IngestContext,
	stager: RowStager
): Promise<string[]> {
	const reader = await openReader(sql, bytes, file, ctx, stager);
	const appender = await BronzeAppender.open(sql, {
		dataset: file.dataset,
		batchId: file.batchId,
		sourceFile: file.path,
		ingestedAt: ctx.ingestedAt
	});
	while (reader.fill()) await appender.append(stager);
	await appender.append(stager);
	await appender.close();
	return reader.missingColumns(requiredColumns(file.dataset));
}

async function openReader(
	sql: SqlEngine,
	bytes: Uint8Array,
	file: RawFileRef,
	ctx: IngestContext,
	stager: RowStager
): Promise<RowReader> {
	switch (file.format) {
		case 'csv':
			return new CsvReader(bytes, stager);
		case 'ndjson':
		case 'json':
			return new JsonReader(bytes, stager, file.format);
		case 'parquet':
			return ParquetReader.open(sql, decodeParquet(bytes, ctx), stager);
	}
}

function decodeParquet(bytes: Uint8Array, { decodeParquet }: IngestContext): Uint8Array {
	if (!decodeParquet)
		throw new UnreadableFileError('Parquet raw files cannot be read here (no Parquet decoder).');
	try {
		return decodeParquet(bytes);
	} catch (error) {
		throw new UnreadableFileError(`The file is not readable as Parquet: ${(error as Error).message}`);
	}
}
