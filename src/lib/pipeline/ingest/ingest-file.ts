import { concatBytes } from '../../bytes/concat-bytes';
import type { LakeStore } from '../../lake/lake-store';
import type { SqlEngine } from '../../sql/sql-engine';
import { RAW_CONTRACTS, requiredColumns } from '../../contracts/raw-contracts';
import type { IngestResult, RawFileRef } from '../types';
import { BronzeAppender, removeRawFileRows } from './bronze-appender';
import { CsvReader } from './csv-reader';
import { JsonReader } from './json-reader';
import { ParquetReader } from './parquet-reader';
import { hashRawFile, openRawFile, readRange, WINDOW_BYTES } from './raw-bytes';
import type { FillResult, RowReader, WindowReader } from './row-reader';
import { RowStager } from './row-stager';
import { notText, SNIFF_BYTES } from './text-sniff';
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
 * A `.json` (one array) or Parquet raw file is read whole, so it may be this large at most; CSV and NDJSON
 * files are read a window at a time, whatever their size.
 */
export const WHOLE_FILE_LIMIT = 256 << 20;

/**
 * Ingests one raw file into Bronze, all or nothing: every data row lands either in `bronze_<dataset>`,
 * typed and with lineage, or in `bronze_rejects` with a reason and its raw text. A file missing a
 * required column, or not readable as its format, is rejected whole and its rows are taken out again.
 * (Not one transaction: DuckDB holds a transaction's new rows uncompressed until it commits, 2.1 GB for a
 * 1 GB CSV; appended chunk by chunk they are compressed as they come.) CSV and NDJSON are read a window (`WINDOW_BYTES`) at a time, so memory stays bounded
 * whatever the file's size; a row longer than 1 MB is rejected with its length. `file.sha256`, when the
 * run has hashed the file already, spares hashing it again. (Which files to ingest is the run's
 * business: `planRawFiles`.)
 */
export async function ingestFile(
	sql: SqlEngine,
	store: LakeStore,
	file: RawFileRef & { sha256?: string },
	ctx: IngestContext
): Promise<IngestResult> {
	const started = performance.now();
	const bytes = await openRawFile(store, file.path);
	const sha256 = file.sha256 ?? (await hashRawFile(store, file.path));
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
		const problem = notText(await readRange(bytes, 0, SNIFF_BYTES), bytes.size);
		if (problem) return result({ status: 'rejected', message: problem });
	}
	if ((file.format === 'json' || file.format === 'parquet') && bytes.size > WHOLE_FILE_LIMIT) {
		const message =
			`A ${file.format === 'json' ? 'JSON array' : 'Parquet'} raw file is read whole, so it may be 256 MB at ` +
			`most (this one is ${Math.ceil(bytes.size / 2 ** 20)} MB): save it as CSV or NDJSON (one object a ` +
			`line), which are read a piece at a time.`;
		return result({ status: 'rejected', message });
	}
	const stager = new RowStager(RAW_CONTRACTS[file.dataset], CHUNK_ROWS, CHUNK_BYTES, bytes.size);
	let missing: string[];
	try {
		missing = await appendFile(sql, bytes, file, ctx, stager);
	} catch (error) {
		// A failure other than an unreadable file fails the run, which drops the engine's Bronze anyway.
		if (!(error instanceof UnreadableFileError)) throw error;
		await removeRawFileRows(sql, file.dataset, file.path);
		return result({ status: 'rejected', message: error.message });
	}
	const rows = stager.accepted + stager.rejected;
	if (missing.length > 0) {
		await removeRawFileRows(sql, file.dataset, file.path);
		const list = missing.map((name) => `"${name}"`).join(', ');
		const message = `Missing required column${missing.length > 1 ? 's' : ''} ${list}.`;
		return result({ status: 'rejected', message, rows_raw: rows });
	}
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
	bytes: Blob,
	file: RawFileRef,
	ctx: IngestContext,
	stager: RowStager
): Promise<string[]> {
	const appender = await BronzeAppender.open(sql, {
		dataset: file.dataset,
		batchId: file.batchId,
		sourceFile: file.path,
		ingestedAt: ctx.ingestedAt
	});
	const drain = () => appendRows(reader, appender, stager);
	let reader: RowReader;
	if (file.format === 'parquet') {
		reader = await ParquetReader.open(sql, decodeParquet(await readRange(bytes, 0, bytes.size), ctx), stager);
		await drain();
	} else {
		const windowed = file.format === 'csv' ? new CsvReader(stager) : new JsonReader(stager, file.format);
		reader = windowed;
		await feedWindows(windowed, bytes, file.format === 'json' ? bytes.size : WINDOW_BYTES, drain);
	}
	await appender.close();
	return reader.missingColumns(requiredColumns(file.dataset));
}

/**
 * Feeds a file to a reader a window at a time: the bytes it left unread (at most one unfinished row),
 * then the next `windowBytes` of the file, and drains it after each.
 */
export async function feedWindows(
	reader: WindowReader,
	file: Blob,
	windowBytes: number,
	drain: () => Promise<FillResult>
): Promise<void> {
	let carry = new Uint8Array(0);
	let at = 0;
	do {
		const chunk = await readRange(file, at, at + windowBytes);
		at += windowBytes;
		const window = carry.length > 0 ? concatBytes([carry, chunk]) : chunk;
		reader.feed(window, at >= file.size);
		await drain();
		carry = window.slice(reader.consumed);
	} while (at < file.size);
}

/** Fills and appends until the reader needs more bytes or is done. */
export async function appendRows(
	reader: RowReader,
	appender: BronzeAppender,
	stager: RowStager
): Promise<FillResult> {
	for (;;) {
		const filled = reader.fill();
		await appender.append(stager);
		if (filled !== 'chunk') return filled;
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
